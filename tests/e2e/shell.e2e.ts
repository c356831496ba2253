// The installable shell in a real Chromium against the real server: it loads cleanly, the service
// worker takes control, it opens offline (deep links too), it is installable and accessible.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, waitForServiceWorker } from './support/browser';
import { type PortalServer, startPortal } from './support/server';

/** Pages anyone can open. */
const PUBLIC_PAGES = [
  { path: '/', heading: /welcome/i },
  { path: '/help', heading: /help/i },
  { path: '/sign-in', heading: /sign in/i },
  { path: '/sign-up', heading: /sign up today/i },
  { path: '/sign-up/patient', heading: /sign up as a patient/i },
  { path: '/forgot-password', heading: /forgot your password/i },
];
/** Pages of a signed-in account. */
const ACCOUNT_PAGES = [
  { path: '/messages', heading: /messages/i },
  { path: '/my-health', heading: /my health/i },
  { path: '/health-records', heading: /health records/i },
  { path: '/billing', heading: /billing/i },
  { path: '/family-access', heading: /family access/i },
  { path: '/profile', heading: /profile/i },
  { path: '/activity', heading: /activity/i },
];
const DEMO = { email: 'elena.nunez@example.com', password: 'river stone lantern 7' };
const PRACTICE = 'Juniper Valley Clinic';

let server: PortalServer;
let browser: Browser;

beforeAll(async () => {
  server = await startPortal({ env: { PRACTICE_NAME: PRACTICE } });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function withContext<T>(
  viewport: { width: number; height: number },
  run: (context: BrowserContext) => Promise<T>,
) {
  const context = await browser.newContext({ viewport });
  try {
    return await run(context);
  } finally {
    await context.close();
  }
}

describe('the app shell', () => {
  it('loads with the practice name, no console errors, and the service worker in control', async () => {
    await withContext({ width: 1280, height: 800 }, async (context) => {
      const { page, errors } = await openPage(context);
      await page.goto(server.url);
      await expect.poll(() => page.getByRole('banner').textContent()).toContain(PRACTICE);
      await waitForServiceWorker(page);
      expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toMatch(/\/sw\.js$/);
      await expect.poll(() => page.title()).toContain(PRACTICE);
      const nav = page.getByRole('navigation', { name: 'Main' });
      for (const name of [
        'Home',
        'Messages',
        'My Health',
        'Health Records',
        'Billing',
        'Family access',
        'Profile',
        'Help',
      ]) {
        await expect(nav.getByRole('link', { name, exact: true }).count(), name).resolves.toBe(1);
      }
      expect(errors).toEqual([]);
    });
  });

  it('opens with the network off after one visit, deep links included, and never answers the API from cache', async () => {
    await withContext({ width: 375, height: 812 }, async (context) => {
      const { page } = await openPage(context);
      await page.goto(server.url);
      await waitForServiceWorker(page);
      await expect.poll(() => page.getByRole('banner').textContent()).toContain(PRACTICE);

      await context.setOffline(true);
      await page.reload();
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toMatch(/welcome/i);
      // The practice's name was remembered from the visit, so the offline shell still says whose portal it is.
      await expect.poll(() => page.getByRole('banner').textContent()).toContain(PRACTICE);
      await expect
        .poll(() =>
          page
            .getByRole('status')
            .filter({ hasText: /offline/i })
            .count(),
        )
        .toBeGreaterThan(0);

      for (const { path, heading } of PUBLIC_PAGES.slice(0, 3)) {
        await page.goto(`${server.url}${path}`);
        await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toMatch(heading);
      }
      const api = await page.evaluate(async () => {
        try {
          const res = await fetch('/api/health');
          return `answered ${res.status}`;
        } catch {
          return 'network error';
        }
      });
      expect(api).toBe('network error');

      await context.setOffline(false);
      await expect
        .poll(() =>
          page
            .getByRole('status')
            .filter({ hasText: /online/i })
            .count(),
        )
        .toBeGreaterThan(0);
    });
  });

  it('is installable: the manifest parses and every icon it names loads at its stated size', async () => {
    const res = await fetch(`${server.url}/manifest.webmanifest`);
    const manifest = (await res.json()) as {
      name: string;
      display: string;
      icons: { src: string; sizes: string }[];
    };
    expect(manifest.name).toContain(PRACTICE);
    expect(manifest.display).toBe('standalone');
    for (const icon of manifest.icons) {
      const image = await fetch(new URL(icon.src, server.url));
      expect(image.status, icon.src).toBe(200);
      expect(image.headers.get('content-type')).toBe('image/png');
      const bytes = Buffer.from(await image.arrayBuffer());
      // PNG header: width and height are big-endian at bytes 16 and 20.
      expect(`${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`, icon.src).toBe(icon.sizes);
    }
    const shell = await (await fetch(server.url)).text();
    expect(shell).toContain('rel="manifest"');
    expect(shell).toContain('rel="apple-touch-icon"');
    expect(shell).toMatch(/apple-mobile-web-app-title/);
    const touchIcon = await fetch(`${server.url}/icons/apple-touch-icon.png`);
    expect(touchIcon.status).toBe(200);
  });
});

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

async function signIn(page: Page): Promise<void> {
  await page.goto(`${server.url}/sign-in`);
  await page.getByLabel('E-mail address').fill(DEMO.email);
  await page.getByLabel('Password', { exact: true }).fill(DEMO.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toMatch(/hello, elena/i);
}

/** axe violations and sideways scrolling on each page, as "path rule: targets" lines. */
async function auditPages(page: Page, pages: { path: string; heading: RegExp }[]): Promise<string[]> {
  const found: string[] = [];
  for (const { path, heading } of pages) {
    // Client-side navigation keeps the in-memory session, as a user's clicks would.
    await page.evaluate((to) => {
      history.pushState(null, '', to);
      window.dispatchEvent(new PopStateEvent('popstate'));
    }, path);
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent(), { message: path })
      .toMatch(heading);
    // evaluate() runs outside the page's CSP, so axe needs no inline script.
    await page.evaluate(axeSource);
    const violations = await page.evaluate(async () => {
      const axe = (
        window as unknown as {
          axe: {
            run: (
              ctx: Document,
              o: object,
            ) => Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }>;
          };
        }
      ).axe;
      const result = await axe.run(document, {
        runOnly: {
          type: 'tag',
          values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
        },
      });
      return result.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
    });
    found.push(...violations.map((v) => `${path} ${v}`));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (overflow > 0) found.push(`${path} scrolls sideways by ${overflow}px`);
  }
  return found;
}

describe('accessibility (axe-core, WCAG 2.2 AA)', () => {
  for (const viewport of [
    { width: 375, height: 812 },
    { width: 1280, height: 800 },
  ]) {
    it(`finds no violations on any page, signed out and signed in, at ${viewport.width} px`, async () => {
      await withContext(viewport, async (context) => {
        const { page } = await openPage(context);
        await page.goto(server.url);
        const found = await auditPages(page, PUBLIC_PAGES);
        await signIn(page);
        found.push(...(await auditPages(page, ACCOUNT_PAGES)));
        expect(found).toEqual([]);
      });
    });
  }
});

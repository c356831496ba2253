// Launches Debian's Chromium through playwright-core with the flags that work on these machines,
// and records console errors and page errors so a journey can assert there were none.
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import chromiumFlags from '../../../scripts/chromium.json' with { type: 'json' };
import { CHROMIUM_PATH } from '../../../scripts/ensure-chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: chromiumFlags.args, headless: true });
}

export interface WatchedPage {
  page: Page;
  errors: string[];
}

export async function openPage(context: BrowserContext): Promise<WatchedPage> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return { page, errors };
}

/** Resolves once a service worker controls the page (installing and claiming on first visit). */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise<void>((resolve) =>
        navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), { once: true }),
      );
    }
  });
}

/**
 * Console errors a journey with a connection that comes and goes must not have. Two kinds are the
 * app working as designed: requests that fail while the test holds the browser offline, and the
 * 409 the server answers the second of two session renewals sent at the same moment by the page
 * and by the service worker replaying the outbox (it carries Retry-After; client/data/session.ts
 * waits it out and renews again).
 */
export function unexpectedErrors(errors: readonly string[]): string[] {
  return errors.filter(
    (e) =>
      e !== 'Failed to load resource: net::ERR_INTERNET_DISCONNECTED' &&
      e !== 'Failed to load resource: the server responded with a status of 409 (Conflict)',
  );
}

/** The page's one h1, as a user reads where they are. */
export const heading = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();

/** Client-side navigation, as a tap on a link does: keeps the in-memory session. */
export async function goTo(page: Page, path: string): Promise<void> {
  await page.evaluate((to) => {
    history.pushState(null, '', to);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, path);
}

// Secure messages end to end, with the real server and Chromium: a parent with Full access writes
// to his 9-year-old daughter's provider on her behalf, the practice's care team answers from its
// inbox, and the answer is on his phone with no connection; then, still offline, he replies, and
// the reply goes out exactly once when the phone is back online.
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  goTo,
  heading,
  launchBrowser,
  openPage,
  unexpectedErrors,
  waitForServiceWorker,
} from './support/browser';
import { type PortalServer, startPortal } from './support/server';

const DEMO_PASSWORD = 'river stone lantern 7';
const PARENT = { email: 'daniel.okafor@example.com' };
const STAFF = { email: 'care.team@example.com' };
const CHILD_NAME = 'Amara Okafor';

let server: PortalServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startPortal(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const eventually = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 15_000 });

async function api<T>(
  path: string,
  token: string,
  init: RequestInit = {},
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${server.url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers },
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as T };
}

async function apiToken(email: string): Promise<string> {
  const res = await fetch(`${server.url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

interface ThreadLike {
  id: string;
  patientId: string;
  messages: Array<{ from: string; authorName: string; onBehalfOf: string | null; body: string }>;
}

async function launchPhone(): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 390, height: 844 } });
}

describe('secure messages', () => {
  it("lets a parent write for his daughter, shows the care team's answer offline, and sends an offline reply once", async () => {
    const parentToken = await apiToken(PARENT.email);
    const people = (
      await api<{ people: Array<{ patientId: string; displayName: string }> }>('/api/patients', parentToken)
    ).body.people;
    const child = people.find((p) => p.displayName === CHILD_NAME)!;
    expect(child).toBeDefined();

    const phone = await launchPhone();
    try {
      const { page, errors } = await openPage(phone);
      await page.goto(`${server.url}/sign-in`);
      await waitForServiceWorker(page);
      await page.getByLabel('E-mail address').fill(PARENT.email);
      await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await eventually(() => heading(page)).toMatch(/^Hello, /);

      // 1. Amara's messages, chosen in the account switcher; a new one to her provider.
      await goTo(page, '/messages');
      await eventually(() => heading(page)).toBe('Messages');
      await eventually(() => page.getByLabel('Viewing:').count()).toBe(1);
      await page.getByLabel('Viewing:').selectOption(child.patientId);
      await eventually(() => page.getByText(`Messages of ${CHILD_NAME}`).count()).toBe(1);
      await eventually(() =>
        page
          .getByRole('status')
          .filter({ hasText: /Updated/ })
          .count(),
      ).toBeGreaterThan(0);
      await page.getByRole('button', { name: 'Send a message' }).click();
      await eventually(() => page.getByText(`You are writing on behalf of ${CHILD_NAME}`).count()).toBe(1);
      await page.getByLabel('Subject').selectOption({ label: 'Medical question' });
      const provider = page.getByLabel('Provider');
      const firstProvider = (await provider.locator('option').nth(1).getAttribute('value'))!;
      await provider.selectOption(firstProvider);
      const office = page.getByLabel('Office location');
      if ((await office.inputValue()) === '')
        await office.selectOption((await office.locator('option').nth(1).getAttribute('value'))!);
      await page
        .getByRole('textbox', { name: 'Message' })
        .fill('Amara still coughs at night. Should we come in?');
      await page.getByRole('button', { name: 'Send message' }).click();
      await eventually(() => page.getByText('Message sent.').count()).toBe(1);
      await eventually(() => page.getByText(`You, on behalf of ${CHILD_NAME}`).count()).toBe(1);

      // The practice's care team sees who wrote it, for whom, and answers in its inbox.
      const staffToken = await apiToken(STAFF.email);
      const inbox = await api<{ threads: ThreadLike[] }>('/api/staff/messages', staffToken);
      const asked = inbox.body.threads.find((t) =>
        t.messages.some((m) => m.body.startsWith('Amara still coughs')),
      )!;
      expect(asked.patientId).toBe(child.patientId);
      const frontDesk = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      try {
        const desk = (await openPage(frontDesk)).page;
        await desk.goto(`${server.url}/sign-in`);
        await desk.getByLabel('E-mail address').fill(STAFF.email);
        await desk.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
        await desk.getByRole('button', { name: 'Sign in' }).click();
        await eventually(() => desk.getByRole('link', { name: /Practice inbox/ }).count()).toBe(1);
        await desk.getByRole('link', { name: /Practice inbox/ }).click();
        await eventually(() => heading(desk)).toBe('Practice inbox');
        await desk.getByRole('button', { name: /Amara still coughs/ }).click();
        await eventually(() => desk.getByText(`Daniel Okafor, on behalf of ${CHILD_NAME}`).count()).toBe(1);
        await desk.getByRole('textbox', { name: 'Your reply' }).fill('Yes, please come in tomorrow morning.');
        await desk.getByRole('button', { name: 'Send reply' }).click();
        await eventually(() => desk.getByText('Reply sent.').count()).toBe(1);
      } finally {
        await frontDesk.close();
      }

      // 2. The phone fetches the answer, then loses its connection and is opened again.
      await page.getByRole('button', { name: '← All messages' }).click();
      await page.getByRole('button', { name: 'Refresh' }).click();
      const answeredItem = page.getByRole('button', { name: /Yes, please come in tomorrow morning\./ });
      await eventually(() => answeredItem.count()).toBe(1);
      expect(await answeredItem.textContent()).toContain('New reply');
      await phone.setOffline(true);
      await page.reload();
      await eventually(() => heading(page)).toBe('The portal is locked');
      await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Unlock' }).click();
      await eventually(() => heading(page)).toBe('Messages');
      await page.getByLabel('Viewing:').selectOption(child.patientId);
      await answeredItem.click();
      await eventually(() => page.getByText('Yes, please come in tomorrow morning.').count()).toBe(1);

      // 3. A reply written offline waits on the phone, and goes out once back online.
      await page.getByLabel('Your reply').fill('Thank you, we will be there at nine.');
      await page.getByRole('button', { name: 'Send reply' }).click();
      await eventually(() => page.getByText('Waiting to send').count()).toBe(1);
      const before = (await api<ThreadLike[]>(`/api/patients/${child.patientId}/messages`, parentToken)) as {
        body: unknown;
      };
      expect(JSON.stringify(before.body)).not.toContain('we will be there at nine');
      await phone.setOffline(false);
      await page.evaluate(() => window.dispatchEvent(new Event('online')));
      await eventually(async () => {
        const now = await api<{ threads: ThreadLike[] }>(
          `/api/patients/${child.patientId}/messages`,
          parentToken,
        );
        const thread = now.body.threads.find((t) => t.id === asked.id);
        return thread?.messages.filter((m) => m.body === 'Thank you, we will be there at nine.').length;
      }).toBe(1);
      await eventually(() => page.getByText('Waiting to send').count()).toBe(0);
      await eventually(() => page.getByText('Thank you, we will be there at nine.').count()).toBe(1);
      expect(unexpectedErrors(errors)).toEqual([]);
    } finally {
      await phone.close();
    }
  });
});

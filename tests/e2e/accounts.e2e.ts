// Accounts end to end: the real built server with real Synthea patients imported into its records,
// a real SMTP server on loopback reading the mails a user would get, and Debian's Chromium.
// Registration with the e-mailed code, an authenticator app, sign-out, a password reset by the
// e-mailed link, the activity history; an offline profile edit; refused and look-alike sign-ups.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COPPA_EXPLANATION } from '../../core/ages';
import { SYNC_MEASURE } from '../../core/records';
import { startTestSmtp, type TestSmtp } from '../../server/test-support/smtp';
import { goTo, heading, launchBrowser, openPage, waitForServiceWorker } from './support/browser';
import { setUpAuthenticator, totpCode } from './support/device';
import { importBundles, type PortalServer, startPortal } from './support/server';

const SYNTHEA = resolve('../shared/data/fhir/synthea-2024-wasee11');
/** Rosa registers and resets her password; Daniel's identity is used with addresses that are taken. */
const ROSA_FILE = resolve(SYNTHEA, 'adult-57y-F-allergies_Rosa195_Kerluke267.json');
const DANIEL_FILE = resolve(SYNTHEA, 'adult-45y-M-large_Daniel959_Villasenor332.json');
const DEMO_PASSWORD = 'river stone lantern 7';

interface Identity {
  firstName: string;
  lastName: string;
  birthDate: string;
  legalSex: string;
  zip: string;
}

/** Who the bundle's Patient is, as they would type it: official name, birth date, sex, ZIP. */
function identityFrom(file: string): Identity {
  const bundle = JSON.parse(readFileSync(file, 'utf8')) as {
    entry: { resource: Record<string, unknown> }[];
  };
  const patient = bundle.entry.find((e) => e.resource.resourceType === 'Patient')?.resource as {
    name: { use?: string; given: string[]; family: string }[];
    birthDate: string;
    gender: string;
    address: { postalCode: string }[];
  };
  const name = patient.name.find((n) => n.use === 'official') ?? patient.name[0]!;
  return {
    firstName: name.given[0]!,
    lastName: name.family,
    birthDate: patient.birthDate,
    legalSex: patient.gender,
    zip: patient.address[0]!.postalCode,
  };
}

let server: PortalServer;
let smtp: TestSmtp;
let browser: Browser;

beforeAll(async () => {
  smtp = await startTestSmtp();
  [server, browser] = await Promise.all([
    startPortal({
      env: { SMTP_URL: smtp.url },
      linksToSelf: true,
      beforeStart: async (_dir, databasePath) => {
        await importBundles(databasePath, [ROSA_FILE, DANIEL_FILE]);
      },
    }),
    launchBrowser(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await smtp?.close();
});

async function withContext<T>(run: (context: BrowserContext) => Promise<T>): Promise<T> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    return await run(context);
  } finally {
    await context.close();
  }
}

/** Waits for a value; server steps hash passwords (scrypt), so allow more than vitest's 1 s. */
const eventually = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 10_000 });

async function fillSignUp(
  page: Page,
  person: Identity,
  contact: { email: string; mobilePhone: string; password: string },
): Promise<void> {
  await page.getByLabel('First name').fill(person.firstName);
  await page.getByLabel('Last name').fill(person.lastName);
  await page.getByLabel('Date of birth').fill(person.birthDate);
  await page.getByLabel('Legal sex').selectOption(person.legalSex);
  await page.getByLabel('ZIP code').fill(person.zip);
  await page.getByLabel('E-mail address').fill(contact.email);
  await page.getByLabel('Mobile phone').fill(contact.mobilePhone);
  await page.getByLabel('Password', { exact: true }).fill(contact.password);
  await page.getByLabel('Password again').fill(contact.password);
}

/** The 6-digit code the confirmation e-mail sets on a line of its own. */
function codeIn(text: string): string {
  const match = /^\s*(\d{6})\s*$/m.exec(text);
  if (!match?.[1]) throw new Error(`No 6-digit code in the e-mail:\n${text}`);
  return match[1];
}

async function apiSignIn(email: string, password: string): Promise<string> {
  const res = await fetch(`${server.url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

async function apiGet<T>(token: string, path: string): Promise<T> {
  const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
}

describe('accounts', () => {
  it('registers as an adult with the code from the real e-mail, sets up an authenticator, signs out, resets a forgotten password with the e-mailed link and an authenticator code, and lands on home', async () => {
    const rosa = identityFrom(ROSA_FILE);
    const email = 'rosa.kerluke@example.com';
    const firstPassword = 'quiet harbor maple 42';
    const newPassword = 'amber field compass 19';

    await withContext(async (context) => {
      const { page, errors } = await openPage(context);
      await page.goto(`${server.url}/sign-up`);
      await eventually(() => heading(page)).toBe('Sign up today');
      await eventually(() => page.getByRole('heading', { name: 'Who will use this account?' }).count()).toBe(
        1,
      );
      await page.getByRole('link', { name: /^Patient\s+I am a patient/ }).click();
      await eventually(() => heading(page)).toBe('Sign up as a patient');

      await fillSignUp(page, rosa, { email, mobilePhone: '555-847-7572', password: firstPassword });
      await page.getByRole('button', { name: 'Sign up' }).click();
      await eventually(() => heading(page)).toBe('Check your e-mail');

      const confirmation = await smtp.next(email, /confirmation code/i);
      expect(confirmation.html).toContain(codeIn(confirmation.text));
      await page.getByLabel('6-digit code').fill(codeIn(confirmation.text));
      await page.getByRole('button', { name: 'Confirm' }).click();

      const key = await setUpAuthenticator(page);
      expect(key).toMatch(/^[A-Z2-7]{16,}$/);

      await eventually(() => heading(page)).toBe(`Welcome, ${rosa.firstName} ${rosa.lastName}`);
      await eventually(() => page.getByRole('banner').textContent()).toContain(rosa.firstName);

      await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
      await eventually(() => heading(page)).toBe('Sign in');
      await eventually(() => page.getByRole('banner').getByRole('button', { name: 'Sign out' }).count()).toBe(
        0,
      );

      await page.getByRole('link', { name: 'Forgot your password?' }).click();
      await eventually(() => heading(page)).toBe('Forgot your password?');
      await page.getByLabel('E-mail address').fill(email);
      await page.getByRole('button', { name: 'Email me' }).click();
      await eventually(() => page.getByRole('status').filter({ hasText: 'we sent a link' }).count()).toBe(1);

      const resetMail = await smtp.next(email, /reset your password/i);
      const link = /<a href="([^"]+)">Reset Password<\/a>/.exec(resetMail.html)?.[1]?.replace(/&#38;/g, '&');
      expect(link).toMatch(new RegExp(`^${server.url}/reset-password#token=`));
      expect(resetMail.text).toContain(`Reset Password: ${link}`);
      await page.goto(link!);
      await eventually(() => heading(page)).toBe('Reset Password');
      // The token leaves the address bar at once.
      expect(new URL(page.url()).hash).toBe('');
      await page.getByLabel('New password', { exact: true }).fill(newPassword);
      await page.getByLabel('New password again').fill(newPassword);
      await page.getByRole('button', { name: 'Save and continue' }).click();
      await eventually(() => page.getByRole('heading', { name: "Verify it's you" }).count()).toBe(1);
      // A code is accepted once: the next 30-second step's code, which the server allows for clock drift.
      await page.getByLabel('Code from your authenticator app').fill(totpCode(key, Date.now() + 30_000));
      await page.getByRole('button', { name: 'Reset password' }).click();

      await eventually(() => heading(page)).toBe(`Hello, ${rosa.firstName} ${rosa.lastName}`);
      expect(new URL(page.url()).pathname).toBe('/');
      expect((await smtp.next(email, /password was changed/i)).text).toContain(
        'other devices were signed out',
      );

      // The old password no longer works, the new one does.
      const old = await fetch(`${server.url}/api/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: firstPassword }),
      });
      expect(old.status).toBe(401);

      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Profile' }).click();
      await eventually(() => heading(page)).toBe('Profile');
      await page.getByRole('link', { name: 'See your activity history' }).click();
      await eventually(() => heading(page)).toBe('Activity history');
      const actions = page.getByRole('main').getByRole('listitem').locator('.action');
      await eventually(() => actions.count()).toBeGreaterThan(0);
      const shown = await actions.allTextContents();
      const journey = [
        'Signed in',
        'Password reset',
        'Password reset requested',
        'Signed out',
        'Security option set up',
        'E-mail address confirmed',
        'Account created',
      ];
      // Newest first: the journey's events in reverse order (other events, such as the API sign-in
      // refused above, may sit between them).
      const positions = journey.map((action) => shown.indexOf(action));
      expect(positions, shown.join(' | ')).not.toContain(-1);
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
      expect(shown.at(-1)).toBe('Account created');

      expect(errors).toEqual([]);
    });
  });

  it('keeps a profile edit made offline queued and sends it exactly once when the connection returns', async () => {
    const email = 'sam.rivera@example.com';
    const token = await apiSignIn(email, DEMO_PASSWORD);
    type Profile = { preferredName: string; version: number };
    const before = await apiGet<Profile>(token, '/api/me/profile');
    const newName = `Sammy ${Date.now().toString(36)}`;

    await withContext(async (context) => {
      const { page, errors } = await openPage(context);
      const failed: string[] = [];
      page.on('requestfailed', (request) => failed.push(new URL(request.url()).pathname));
      await page.goto(`${server.url}/sign-in`);
      await waitForServiceWorker(page);
      await page.getByLabel('E-mail address').fill(email);
      await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await eventually(() => heading(page)).toMatch(/^Hello, Sam/);
      // The device keeps the server's sealing key once signed in; offline changes are sealed with it.
      await eventually(() => sealingKeyStored(page)).toBe(true);
      // The sign-in also copies the record to the device; let that finish before the network goes.
      await eventually(() =>
        page.evaluate((name) => performance.getEntriesByName(name).length, SYNC_MEASURE),
      ).toBe(1);

      await goTo(page, '/profile');
      await eventually(() => heading(page)).toBe('Profile');
      const preferredName = page.getByLabel('Preferred name');
      await eventually(() => preferredName.count()).toBe(1);
      await eventually(() => preferredName.inputValue()).toBe(before.preferredName);

      await context.setOffline(true);
      await preferredName.fill(newName);
      await page.getByRole('button', { name: 'Save changes' }).click();
      await eventually(() =>
        page.getByRole('status').filter({ hasText: "will be sent as soon as you're back online" }).count(),
      ).toBe(1);
      expect(await outboxSize(page)).toBe(1);
      // Nothing reached the server.
      expect(await apiGet<Profile>(token, '/api/me/profile')).toMatchObject(before);

      await context.setOffline(false);
      await eventually(async () => (await apiGet<Profile>(token, '/api/me/profile')).preferredName).toBe(
        newName,
      );
      await eventually(() =>
        page.getByRole('status').filter({ hasText: 'Your information is saved.' }).count(),
      ).toBe(1);
      await eventually(() => outboxSize(page)).toBe(0);

      // Exactly once: one new version, one change in the activity history.
      expect(await apiGet<Profile>(token, '/api/me/profile')).toMatchObject({
        preferredName: newName,
        version: before.version + 1,
      });
      const { events } = await apiGet<{ events: { action: string }[] }>(token, '/api/me/activity');
      expect(events.filter((e) => e.action === 'profile-changed')).toHaveLength(1);
      // Queueing asks the server for a fresh sealing key first and, offline, falls back to the stored
      // one: that one failed request, and Chromium's console line for it, are expected. Nothing else.
      expect([...new Set(failed)]).toEqual(['/api/outbox/key']);
      expect(errors.filter((e) => e !== 'Failed to load resource: net::ERR_INTERNET_DISCONNECTED')).toEqual(
        [],
      );
    });
  });

  it('refuses to register a 12-year-old, with the COPPA explanation, and sends nothing', async () => {
    const email = 'young.person@example.com';
    const twelveYearsAgo = new Date();
    twelveYearsAgo.setFullYear(twelveYearsAgo.getFullYear() - 12);

    await withContext(async (context) => {
      const { page } = await openPage(context);
      const apiCalls: string[] = [];
      page.on('request', (request) => {
        if (request.method() !== 'GET' && new URL(request.url()).pathname.startsWith('/api/'))
          apiCalls.push(`${request.method()} ${new URL(request.url()).pathname}`);
      });
      await page.goto(`${server.url}/sign-up/patient`);
      await eventually(() => heading(page)).toBe('Sign up as a patient');
      await fillSignUp(
        page,
        {
          firstName: 'Avery',
          lastName: 'Young',
          birthDate: twelveYearsAgo.toISOString().slice(0, 10),
          legalSex: 'female',
          zip: '02186',
        },
        { email, mobilePhone: '555-201-3344', password: 'bright kite orchard 58' },
      );
      await page.getByRole('button', { name: 'Sign up' }).click();

      const alert = page.getByRole('alert');
      await eventually(() => alert.count()).toBe(1);
      expect(await alert.getByRole('heading').textContent()).toBe('You can’t sign up online');
      expect(await alert.textContent()).toContain(COPPA_EXPLANATION);
      expect(await heading(page)).toBe('Sign up as a patient');
      // Refused on the device: nothing about the child was sent, so no mail can follow.
      expect(apiCalls).toEqual([]);
      expect(smtp.pending(email)).toEqual([]);
    });
  });

  it('shows the same answer for an e-mail already in use and mails the explanation to that address instead of a code', async () => {
    const daniel = identityFrom(DANIEL_FILE);
    const freeAddress = 'daniel.villasenor@example.com';
    const takenAddress = 'daniel.okafor@example.com';
    const password = 'copper lantern meadow 73';

    /** Signs up with the address and returns what the next page says, with the address blanked. */
    const signUpWith = (email: string) =>
      withContext(async (context) => {
        const { page, errors } = await openPage(context);
        const answers: number[] = [];
        page.on('response', (response) => {
          if (new URL(response.url()).pathname === '/api/auth/register') answers.push(response.status());
        });
        await page.goto(`${server.url}/sign-up/patient`);
        await eventually(() => heading(page)).toBe('Sign up as a patient');
        await fillSignUp(page, daniel, { email, mobilePhone: '555-310-4477', password });
        await page.getByRole('button', { name: 'Sign up' }).click();
        await eventually(() => heading(page)).toBe('Check your e-mail');
        expect(errors).toEqual([]);
        return {
          answers,
          path: new URL(page.url()).pathname,
          // The page's own paragraphs (the app's pages draw in shadow roots, which CSS locators enter).
          text: (await page.locator('main p').allTextContents()).map((t) => t.replaceAll(email, '<address>')),
        };
      });

    const free = await signUpWith(freeAddress);
    const taken = await signUpWith(takenAddress);
    expect(taken).toEqual(free);
    expect(taken.answers).toEqual([202]);

    const code = await smtp.next(freeAddress, /confirmation code/i);
    expect(codeIn(code.text)).toMatch(/^\d{6}$/);
    const explanation = await smtp.next(takenAddress);
    expect(explanation.subject).toMatch(/about your sign-up/i);
    expect(explanation.text).toContain('already belongs to a portal account');
    expect(explanation.text).toContain('add the other person as a family member');
    expect(explanation.text).not.toMatch(/^\s*\d{6}\s*$/m);
    expect(smtp.pending(takenAddress)).toEqual([]);

    // The address still belongs to its owner only: Daniel Okafor signs in as before.
    const token = await apiSignIn(takenAddress, DEMO_PASSWORD);
    expect(await apiGet<{ preferredName: string }>(token, '/api/me/profile')).toBeTruthy();
  });
});

/** Whether the device database holds the server's outbox sealing key. */
function sealingKeyStored(page: Page): Promise<boolean> {
  return page.evaluate(
    async () =>
      // Opening a database that does not exist yet would create it empty, under the app's feet.
      (await indexedDB.databases()).some((d) => d.name === 'portal-device') &&
      new Promise<boolean>((done) => {
        const open = indexedDB.open('portal-device');
        open.onerror = () => done(false);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('settings')) {
            db.close();
            return done(false);
          }
          const get = db.transaction('settings').objectStore('settings').get('outbox-sealing-key');
          get.onsuccess = () => {
            db.close();
            done(get.result !== undefined);
          };
          get.onerror = () => done(false);
        };
      }),
  );
}

/** How many changes wait in the device's outbox. */
function outboxSize(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((done, fail) => {
        const open = indexedDB.open('portal-device');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const count = db.transaction('outbox').objectStore('outbox').count();
          count.onsuccess = () => {
            db.close();
            done(count.result);
          };
          count.onerror = () => fail(count.error);
        };
      }),
  );
}

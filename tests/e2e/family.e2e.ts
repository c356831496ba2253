// Family access end to end, with the real server, a real SMTP server on loopback and Chromium: a
// family member who is not a patient asks for access, the PATIENT gets the passcode by e-mail and
// hands it over, and the family member gets in once the code e-mailed to them confirms their own
// address; a parent invites the other parent with Billing only, who then sees his bills but no
// health record, online or offline, and writes a billing question offline that goes out on
// reconnect; a 15-year-old gives her parent Full access, the parent's device copies her record,
// and when she takes it back the next sync removes it.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSmtp, type TestSmtp } from '../../server/test-support/smtp';
import {
  goTo,
  heading,
  launchBrowser,
  openPage,
  unexpectedErrors,
  waitForServiceWorker,
} from './support/browser';
import { rowsOfPatient, setUpAuthenticator } from './support/device';
import { type PortalServer, startPortal } from './support/server';

const DEMO_PASSWORD = 'river stone lantern 7';
const ELENA = { email: 'elena.nunez@example.com', zip: '60901' };
const TEEN = { email: 'tobi.okafor@example.com' };
const PARENT = { email: 'daniel.okafor@example.com' };

let server: PortalServer;
let smtp: TestSmtp;
let browser: Browser;

beforeAll(async () => {
  smtp = await startTestSmtp();
  [server, browser] = await Promise.all([
    startPortal({ env: { SMTP_URL: smtp.url }, linksToSelf: true }),
    launchBrowser(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await smtp?.close();
});

/** Signing in, unlocking and sending mail take a moment (password hashing, key derivation). */
const eventually = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 15_000 });

async function withContext<T>(run: (context: BrowserContext) => Promise<T>): Promise<T> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    return await run(context);
  } finally {
    await context.close();
  }
}

async function apiToken(email: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await fetch(`${server.url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

interface Person {
  patientId: string;
  displayName: string;
  birthDate: string;
  access: string;
}

async function peopleOf(email: string): Promise<Person[]> {
  const res = await fetch(`${server.url}/api/patients`, {
    headers: { authorization: `Bearer ${await apiToken(email)}` },
  });
  return ((await res.json()) as { people: Person[] }).people;
}

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto(`${server.url}/sign-in`);
  await waitForServiceWorker(page);
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await eventually(() => heading(page)).toMatch(/^Hello, /);
}

describe('family access', () => {
  it('lets a family member who is not a patient in once the patient hands over the passcode sent to her', async () => {
    const elena = (await peopleOf(ELENA.email))[0]!;
    const brother = { email: 'marco.nunez@example.com', password: 'tidal copper bramble 31' };

    await withContext(async (context) => {
      const { page, errors } = await openPage(context);
      await page.goto(`${server.url}/sign-up`);
      await page.getByRole('link', { name: /Patient's family member/ }).click();
      await eventually(() => heading(page)).toBe("Sign up as a patient's family member");
      await page.getByLabel('Your first name').fill('Marco');
      await page.getByLabel('Your last name').fill('Nunez');
      await page.getByLabel('Your e-mail address').fill(brother.email);
      // Typed without the accents the record has: the match ignores them.
      await page.getByLabel("Patient's first name").fill('Elena');
      await page.getByLabel("Patient's last name").fill('Nunez');
      await page.getByLabel("Patient's date of birth").fill(elena.birthDate);
      await page.getByLabel("Patient's ZIP code").fill(ELENA.zip);
      await page.getByLabel('Your relationship to the patient').selectOption('sibling');
      await page.getByRole('button', { name: 'Send a passcode to the patient' }).click();

      // The passcode goes to the patient, never to the one asking.
      const mail = await smtp.next(ELENA.email, /asked for access/i, 10_000);
      expect(mail.text).toContain('Marco Nunez');
      expect(mail.text).toMatch(/consent/i);
      const passcode = /^\s{4}(\S{8,})\s*$/m.exec(mail.text)?.[1];
      expect(passcode).toBeTruthy();
      expect(smtp.pending(brother.email)).toEqual([]);

      const field = page.getByLabel('Temporary passcode');
      await eventually(() => field.count()).toBe(1);
      await field.fill('WRONGPASS42');
      await page.getByRole('button', { name: 'Continue' }).click();
      await eventually(() => page.locator('[aria-invalid="true"]').count()).toBeGreaterThan(0);
      await field.fill(passcode!);
      await page.getByRole('button', { name: 'Continue' }).click();

      await eventually(() => page.getByRole('heading', { name: 'Create your account' }).count()).toBe(1);
      await page.getByLabel('Your mobile phone').fill('555-201-7788');
      await page.getByLabel('Password', { exact: true }).fill(brother.password);
      await page.getByLabel('Password again').fill(brother.password);
      // The address he typed is filled in, to check before the code goes to it.
      await eventually(() => page.getByLabel('Your e-mail address').inputValue()).toBe(brother.email);
      await page.getByRole('button', { name: 'Create my account' }).click();

      // No account yet: a code goes to his own mailbox, and only that code proves the address his.
      const confirmation = await smtp.next(brother.email, /confirm your e-mail address/i, 10_000);
      expect(confirmation.text).toContain('Marco Nunez asked to create a family member account');
      const code = /^\s{4}(\d{6})\s*$/m.exec(confirmation.text)?.[1];
      expect(code).toBeTruthy();
      await eventually(() => page.getByRole('heading', { name: 'Confirm your e-mail address' }).count()).toBe(
        1,
      );
      expect(await page.getByText(`We sent a 6-digit code to ${brother.email}`).count()).toBeGreaterThan(0);
      await page.getByLabel('6-digit code').fill(code!);
      await page.getByRole('button', { name: 'Confirm', exact: true }).click();

      await setUpAuthenticator(page);
      await eventually(() => heading(page)).toMatch(/^Welcome/);

      // His account reaches Elena's record, and her record reaches his device.
      await goTo(page, '/my-health');
      await eventually(() => heading(page)).toBe('My Health');
      await eventually(() => rowsOfPatient(page, elena.patientId)).toBeGreaterThan(20);
      await eventually(() => page.getByText('Hypertension').count()).toBeGreaterThan(0);
      // The one wrong passcode's 401, as Chromium logs it; nothing else went wrong.
      expect(errors).toEqual([
        'Failed to load resource: the server responded with a status of 401 (Unauthorized)',
      ]);
    });

    // Elena sees who has access to her record, and the request in her activity history.
    const token = await apiToken(ELENA.email);
    const settings = (await (
      await fetch(`${server.url}/api/family`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { grants: { displayName: string; level: string }[] };
    expect(settings.grants).toEqual(
      expect.arrayContaining([expect.objectContaining({ displayName: 'Marco Nunez', level: 'full' })]),
    );
  });

  it('lets a parent invite the other parent with Billing only, who sees his bills and writes billing messages but no health record, online or offline', async () => {
    const daniel = (await peopleOf(PARENT.email))[0]!;
    const other = { email: 'ngozi.okafor@example.com', password: 'harbor willow lantern 58' };

    await withContext(async (context) => {
      const { page } = await openPage(context);
      await signIn(page, PARENT.email);
      await goTo(page, '/family-access');
      await eventually(() => heading(page)).toBe('Family access');
      await page.getByRole('button', { name: 'Invite Family Member' }).click();
      await page.getByLabel('First name', { exact: true }).fill('Ngozi');
      await page.getByLabel('Last name', { exact: true }).fill('Okafor');
      await page.getByLabel('E-mail address', { exact: true }).fill(other.email);
      await page.getByLabel('Their relationship to you').selectOption('spouse');
      await page.getByRole('group', { name: 'Access level' }).getByLabel('Billing only').check();
      await page.getByRole('button', { name: 'Send invitation' }).click();
      await eventually(() => page.getByText(other.email).count()).toBeGreaterThan(0);
    });

    const invitation = await smtp.next(other.email, /invited/i, 10_000);
    const link = /<a href="([^"]+)">Accept the invitation<\/a>/
      .exec(invitation.html)?.[1]
      ?.replace(/&#38;/g, '&');
    expect(link).toMatch(new RegExp(`^${server.url}/family/accept#token=`));

    const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
    try {
      const { page, errors } = await openPage(phone);
      await page.goto(link!);
      await waitForServiceWorker(page);
      // The token leaves the address bar at once.
      await eventually(() => new URL(page.url()).hash).toBe('');
      await page.getByRole('button', { name: 'Sign up today' }).click();
      await page.getByLabel('Your first name').fill('Ngozi');
      await page.getByLabel('Your last name').fill('Okafor');
      await page.getByLabel('Your mobile phone').fill('555-201-9911');
      await page.getByLabel('Password', { exact: true }).fill(other.password);
      await page.getByLabel('Password again').fill(other.password);
      await page.getByRole('button', { name: 'Create my account' }).click();
      await setUpAuthenticator(page);
      // Back to the invitation, which she now accepts.
      await eventually(() => page.getByRole('button', { name: 'Accept' }).count()).toBe(1);
      await page.getByRole('button', { name: 'Accept' }).click();
      await eventually(() => page.getByRole('button', { name: 'Accept' }).count()).toBe(0);
      const token = await apiToken(other.email, other.password);
      const hers = async () => {
        const res = await fetch(`${server.url}/api/patients`, {
          headers: { authorization: `Bearer ${token}` },
        });
        return ((await res.json()) as { people: Person[] }).people.map((p) => [p.displayName, p.access]);
      };
      expect(await hers()).toEqual([[daniel.displayName, 'billing']]);

      // Billing only: the health record is refused by the server and never reaches her phone.
      const refused = await fetch(`${server.url}/api/patients/${daniel.patientId}/changes`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(refused.status).toBe(403);
      await goTo(page, '/my-health');
      await eventually(() => heading(page)).toBe('My Health');
      await eventually(() => page.getByText('Your records are not on this device yet').count()).toBe(1);
      expect(await rowsOfPatient(page, daniel.patientId)).toBe(0);

      // Offline and opened again: still nothing of his record, and the billing pages open.
      await phone.setOffline(true);
      await page.reload();
      await eventually(() => heading(page)).toBe('The portal is locked');
      await page.getByLabel('Password', { exact: true }).fill(other.password);
      await page.getByRole('button', { name: 'Unlock' }).click();
      await eventually(() => heading(page)).toBe('My Health');
      expect(await rowsOfPatient(page, daniel.patientId)).toBe(0);
      // His statements are on her phone: money figures, nothing clinical.
      await goTo(page, '/billing');
      await eventually(() => heading(page)).toBe('Billing');
      await eventually(() => page.getByText(`Bills for ${daniel.displayName}`).count()).toBe(1);
      await eventually(() => page.getByRole('heading', { name: 'Amount due' }).count()).toBe(1);
      expect(await page.locator('billing-page .statements > li').count()).toBeGreaterThan(0);

      // A billing question written offline: only billing subjects are offered; it waits, then goes
      // out on reconnect, signed with her name for him.
      await goTo(page, '/messages');
      await eventually(() => heading(page)).toBe('Messages');
      await page.getByRole('button', { name: 'Send a message' }).click();
      expect(await page.getByLabel('Subject').locator('option').allTextContents()).toEqual([
        'Choose a subject',
        'Question about a bill',
        'Insurance and coverage',
      ]);
      await page.getByLabel('Subject').selectOption({ label: 'Question about a bill' });
      await page
        .getByRole('textbox', { name: 'Message' })
        .fill('Was the March visit billed to our insurance?');
      await page.getByRole('button', { name: 'Send message' }).click();
      await eventually(() => page.getByText('Your message is saved on this device').count()).toBe(1);
      await eventually(() => page.getByText('Waiting to send').count()).toBe(1);
      await phone.setOffline(false);
      await page.evaluate(() => window.dispatchEvent(new Event('online')));
      const billingThreads = async () => {
        const res = await fetch(`${server.url}/api/patients/${daniel.patientId}/messages`, {
          headers: { authorization: `Bearer ${token}` },
        });
        const body = (await res.json()) as {
          threads: Array<{
            topic: string;
            messages: Array<{ authorName: string; onBehalfOf: string | null }>;
          }>;
        };
        return body.threads.map((t) => [t.topic, t.messages[0]?.authorName, t.messages[0]?.onBehalfOf]);
      };
      await eventually(billingThreads).toEqual([['billing', 'Ngozi Okafor', daniel.displayName]]);
      await eventually(() => page.getByText('Waiting to send').count()).toBe(0);
      expect(unexpectedErrors(errors)).toEqual([]);
    } finally {
      await phone.close();
    }
  });

  it("lets a 15-year-old give her parent Full access, and taking it back removes her record from the parent's device", async () => {
    const teen = (await peopleOf(TEEN.email))[0]!;
    expect((await peopleOf(PARENT.email)).find((p) => p.patientId === teen.patientId)?.access).toBe(
      'billing',
    );

    /** The teen changes the parent's access in Family access settings. */
    const teenChanges = (change: (page: Page) => Promise<void>) =>
      withContext(async (context) => {
        const { page, errors } = await openPage(context);
        await signIn(page, TEEN.email);
        await goTo(page, '/family-access');
        await eventually(() => heading(page)).toBe('Family access');
        await change(page);
        expect(errors).toEqual([]);
      });

    await teenChanges(async (page) => {
      await page.getByRole('button', { name: /Change access level for Daniel Okafor/ }).click();
      await page.getByRole('group', { name: 'Access level for Daniel Okafor' }).getByLabel('Full').check();
      await page.getByRole('button', { name: 'Save' }).click();
      await eventually(
        async () => (await peopleOf(PARENT.email)).find((p) => p.patientId === teen.patientId)?.access,
      ).toBe('full');
    });

    const parentContext = await browser.newContext({ viewport: { width: 390, height: 844 } });
    try {
      const { page } = await openPage(parentContext);
      await signIn(page, PARENT.email);
      await goTo(page, '/my-health');
      await eventually(() => heading(page)).toBe('My Health');
      await eventually(() => rowsOfPatient(page, teen.patientId)).toBeGreaterThan(10);

      await teenChanges(async (teenPage) => {
        await teenPage.getByRole('button', { name: /Remove access for Daniel Okafor/ }).click();
        await teenPage.getByRole('button', { name: 'Remove access', exact: true }).click();
        await eventually(async () =>
          (await peopleOf(PARENT.email)).some((p) => p.patientId === teen.patientId),
        ).toBe(false);
      });

      await page.getByRole('button', { name: 'Refresh' }).click();
      await eventually(() => rowsOfPatient(page, teen.patientId)).toBe(0);
    } finally {
      await parentContext.close();
    }
  });
});

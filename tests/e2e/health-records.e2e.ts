// Health Records end to end, with the real server, a real SMTP server on loopback and Chromium: a
// patient's phone, with no connection and the app reopened, previews and downloads her
// Consolidated Clinical Summary made on the phone, and asks for it to be e-mailed to her new
// cardiologist; back online, the e-mail arrives once with the .zip, and her activity history lists
// the view, the download and the transmission with its addressee.
import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import type { Browser } from 'playwright-core';
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
import { type PortalServer, startPortal } from './support/server';

const DEMO_PASSWORD = 'river stone lantern 7';
const PATIENT = { email: 'elena.nunez@example.com', family: 'Núñez' };
const CARDIOLOGY = 'referrals@lakeside-cardiology.example';

let server: PortalServer;
let browser: Browser;
let smtp: TestSmtp;

beforeAll(async () => {
  smtp = await startTestSmtp();
  [server, browser] = await Promise.all([startPortal({ env: { SMTP_URL: smtp.url } }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await smtp?.close();
});

const eventually = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 20_000 });

async function activity(): Promise<Array<{ action: string; addressee: string | null }>> {
  const signIn = await fetch(`${server.url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: PATIENT.email, password: DEMO_PASSWORD }),
  });
  const { accessToken } = (await signIn.json()) as { accessToken: string };
  const res = await fetch(`${server.url}/api/me/activity`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  return ((await res.json()) as { events: Array<{ action: string; addressee: string | null }> }).events;
}

describe('Health Records', () => {
  it('previews, downloads and queues an e-mail of the summary offline, and the server hears of each once back', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, acceptDownloads: true });
    try {
      const { page, errors } = await openPage(phone);
      await page.goto(`${server.url}/sign-in`);
      await waitForServiceWorker(page);
      await page.getByLabel('E-mail address').fill(PATIENT.email);
      await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await eventually(() => heading(page)).toMatch(/^Hello, /);
      // The record and the parts of the app that make the summary reach the phone while online.
      await goTo(page, '/my-health');
      await eventually(() =>
        page
          .getByRole('status')
          .filter({ hasText: /Updated/ })
          .count(),
      ).toBeGreaterThan(0);
      await goTo(page, '/health-records');
      await eventually(() => page.getByRole('button', { name: 'Show Preview' }).count()).toBe(1);

      // No connection, and the app closed and opened again.
      await phone.setOffline(true);
      await page.reload();
      await eventually(() => heading(page)).toBe('The portal is locked');
      await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Unlock' }).click();
      await eventually(() => heading(page)).toBe('Health Records');

      await page.getByRole('button', { name: 'Show Preview' }).click();
      const preview = page.frameLocator('iframe[title="Preview of the Consolidated Clinical Summary"]');
      await eventually(() => preview.getByText('Consolidated Clinical Summary').first().count()).toBe(1);
      await eventually(() => preview.getByText(PATIENT.family).first().count()).toBe(1);

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download (.zip)' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^health-record-\d{4}-\d{2}-\d{2}\.zip$/);
      const zip = await JSZip.loadAsync(readFileSync((await download.path())!));
      expect(Object.keys(zip.files).sort()).toEqual([
        'README.txt',
        'consolidated-clinical-summary.html',
        'consolidated-clinical-summary.xml',
      ]);
      expect(await zip.file('consolidated-clinical-summary.xml')!.async('string')).toContain(PATIENT.family);

      await page.getByLabel('The file attached to the e-mail').check();
      await page.getByLabel('Email', { exact: true }).fill(CARDIOLOGY);
      await page.getByLabel('Confirm email').fill(CARDIOLOGY);
      await page.getByRole('button', { name: 'Send', exact: true }).click();
      await eventually(() => page.getByText(`Waiting to send to ${CARDIOLOGY}`).count()).toBe(1);
      expect(smtp.pending(CARDIOLOGY)).toEqual([]);

      // Back online: the queued e-mail goes once, and the view and download reach the history.
      await phone.setOffline(false);
      await page.evaluate(() => window.dispatchEvent(new Event('online')));
      const mail = await smtp.next(CARDIOLOGY, /health record/i, 30_000);
      expect(mail.attachments.map((a) => a.contentType)).toEqual(['application/zip']);
      await eventually(() => page.getByText(`Waiting to send to ${CARDIOLOGY}`).count()).toBe(0);
      await eventually(async () => {
        const actions = (await activity()).map((e) => `${e.action} ${e.addressee ?? ''}`.trim());
        return ['record-viewed', 'record-downloaded', `record-transmitted ${CARDIOLOGY}`].filter((a) =>
          actions.includes(a),
        );
      }).toHaveLength(3);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(smtp.pending(CARDIOLOGY)).toEqual([]);
      expect(unexpectedErrors(errors)).toEqual([]);
    } finally {
      await phone.close();
    }
  });
});

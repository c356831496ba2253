// Message attachments end to end, with the real server, a real SMTP server on loopback and
// Chromium. A patient writes from Home with two files, a PDF and a photo her phone tagged with
// where it was taken; she has no connection, so the message waits on the phone; she closes the
// app and opens it again online, and the message arrives once with both files, the photo without
// its location. The care team answers from its inbox with a file of its own; she gets the "new
// message" e-mail, and after a sync reads the answer and opens its file with no connection.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import chromiumFlags from '../../scripts/chromium.json' with { type: 'json' };
import { CHROMIUM_PATH } from '../../scripts/ensure-chromium';
import {
  containsBytes,
  exifGpsSegment,
  GPS_LATITUDE,
  pdfFile,
} from '../../server/test-support/attachment-files';
import { startTestSmtp, type TestSmtp } from '../../server/test-support/smtp';
import { goTo, heading, openPage, unexpectedErrors, waitForServiceWorker } from './support/browser';
import { type PortalServer, startPortal } from './support/server';

const DEMO_PASSWORD = 'river stone lantern 7';
const PATIENT = { email: 'elena.nunez@example.com' };
const STAFF = { email: 'care.team@example.com' };
const QUESTION = 'The rash on my arm is spreading. Photo and my lab results attached.';
const ANSWER = 'Thank you. Please read the care sheet attached and come in on Thursday.';

let server: PortalServer;
let smtp: TestSmtp;
let profileDir: string;

beforeAll(async () => {
  smtp = await startTestSmtp();
  server = await startPortal({ env: { SMTP_URL: smtp.url }, linksToSelf: true });
  profileDir = mkdtempSync(join(tmpdir(), 'portal-profile-'));
});
afterAll(async () => {
  await server?.stop();
  await smtp?.close();
  rmSync(profileDir, { recursive: true, force: true });
});

const eventually = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 30_000 });

/** The phone's browser, with its storage kept between launches: closing it is closing the app. */
const launchPhone = (): Promise<BrowserContext> =>
  chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    args: chromiumFlags.args,
    headless: true,
    viewport: { width: 390, height: 844 },
    acceptDownloads: true,
  });

async function tokenOf(email: string): Promise<string> {
  const res = await fetch(`${server.url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  return ((await res.json()) as { accessToken: string }).accessToken;
}

interface FileView {
  id: string;
  name: string;
  mediaType: string;
  size: number;
}
interface ThreadLike {
  id: string;
  patientId: string;
  messages: Array<{ id: string; from: string; body: string; attachments: FileView[] }>;
}

async function patientThreads(): Promise<ThreadLike[]> {
  const token = await tokenOf(PATIENT.email);
  const me = (await (
    await fetch(`${server.url}/api/patients`, { headers: { authorization: `Bearer ${token}` } })
  ).json()) as { people: Array<{ patientId: string; access: string }> };
  const self = me.people.find((p) => p.access === 'self')!;
  const res = await fetch(`${server.url}/api/patients/${self.patientId}/messages`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return ((await res.json()) as { threads: ThreadLike[] }).threads;
}

async function download(path: string, email: string): Promise<Uint8Array> {
  const res = await fetch(`${server.url}${path}`, {
    headers: { authorization: `Bearer ${await tokenOf(email)}` },
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-disposition')).toMatch(/^attachment;/);
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  return new Uint8Array(await res.arrayBuffer());
}

/** A photo as a phone camera writes it: a real JPEG with an Exif segment holding its position. */
async function gpsPhoto(page: Page): Promise<Buffer> {
  const jpeg = await page.evaluate(async () => {
    const canvas = new OffscreenCanvas(120, 90);
    const context = canvas.getContext('2d')!;
    context.fillStyle = '#d9776b';
    context.fillRect(0, 0, 120, 90);
    context.fillStyle = '#7a2e25';
    context.fillRect(30, 20, 60, 50);
    return [...new Uint8Array(await (await canvas.convertToBlob({ type: 'image/jpeg' })).arrayBuffer())];
  });
  return Buffer.concat([
    Buffer.from(jpeg.slice(0, 2)),
    Buffer.from(exifGpsSegment()),
    Buffer.from(jpeg.slice(2)),
  ]);
}

async function signInOrUnlock(page: Page): Promise<void> {
  await eventually(async () =>
    /^(Hello, |The portal is locked|Sign in)/.test((await heading(page)) ?? ''),
  ).toBe(true);
  const now = (await heading(page)) ?? '';
  if (now.startsWith('Hello, ')) return;
  if (now === 'Sign in') await page.getByLabel('E-mail address').fill(PATIENT.email);
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: now === 'Sign in' ? 'Sign in' : 'Unlock' }).click();
}

describe('message attachments', () => {
  it('sends two files written offline once, without the photo’s location, and reads the practice’s file offline', async () => {
    const pdf = Buffer.from(pdfFile());
    let phone = await launchPhone();
    let watched = await openPage(phone);
    let page = watched.page;

    // 1. Signed in on the phone, she writes from Home and attaches a PDF and a photo.
    await page.goto(`${server.url}/sign-in`);
    await waitForServiceWorker(page);
    await page.getByLabel('E-mail address').fill(PATIENT.email);
    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await eventually(() => heading(page)).toMatch(/^Hello, /);
    const photo = await gpsPhoto(page);
    expect(containsBytes(photo, GPS_LATITUDE)).toBe(true);
    await page.getByRole('button', { name: 'Send a message' }).click();
    await page.getByLabel('Subject').selectOption({ label: 'Medical question' });
    const provider = page.getByLabel('Provider');
    // The providers she has seen arrive with the first sync after signing in.
    await eventually(() => provider.locator('option').count()).toBeGreaterThan(1);
    await provider.selectOption((await provider.locator('option').nth(1).getAttribute('value'))!);
    const office = page.getByLabel('Office location');
    if ((await office.inputValue()) === '')
      await office.selectOption((await office.locator('option').nth(1).getAttribute('value'))!);
    await page.getByRole('textbox', { name: 'Message' }).fill(QUESTION);
    await page.getByLabel('Attach files').setInputFiles([
      { name: 'lab results.pdf', mimeType: 'application/pdf', buffer: pdf },
      { name: 'IMG_2041.jpg', mimeType: 'image/jpeg', buffer: photo },
    ]);
    const attached = page.getByRole('list', { name: 'Attached files' }).getByRole('listitem');
    await eventually(() => attached.count()).toBe(2);

    // 2. No connection: Send keeps the message and its files on the phone. She closes the app.
    await phone.setOffline(true);
    await page.getByRole('button', { name: 'Send message' }).click();
    await eventually(() =>
      page.getByText('Your message is saved on this device.', { exact: false }).count(),
    ).toBe(1);
    expect(JSON.stringify(await patientThreads())).not.toContain(QUESTION);
    expect(unexpectedErrors(watched.errors)).toEqual([]);
    await phone.close();

    // 3. Opened again with a connection: the message goes out once, with both files.
    phone = await launchPhone();
    watched = await openPage(phone);
    page = watched.page;
    await page.goto(`${server.url}/`);
    await signInOrUnlock(page);
    await eventually(async () => {
      const sent = (await patientThreads()).flatMap((t) => t.messages).filter((m) => m.body === QUESTION);
      return sent.map((m) => m.attachments.map((a) => a.name).sort());
    }).toEqual([['IMG_2041.jpg', 'lab results.pdf']]);
    const thread = (await patientThreads()).find((t) => t.messages.some((m) => m.body === QUESTION))!;
    const files = thread.messages.find((m) => m.body === QUESTION)!.attachments;
    const base = `/api/patients/${thread.patientId}/messages/${thread.id}/attachments`;
    const pdfId = files.find((f) => f.mediaType === 'application/pdf')!.id;
    const photoId = files.find((f) => f.mediaType === 'image/jpeg')!.id;
    expect(Buffer.from(await download(`${base}/${pdfId}`, PATIENT.email)).equals(pdf)).toBe(true);
    const sentPhoto = await download(`${base}/${photoId}`, PATIENT.email);
    expect([...sentPhoto.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    expect(containsBytes(sentPhoto, 'Exif')).toBe(false);
    expect(containsBytes(sentPhoto, GPS_LATITUDE)).toBe(false);

    // 4. The care team answers from its inbox with a care sheet attached.
    const careSheet = Buffer.from(pdfFile({ text: 'Care sheet: eczema' }));
    const desk = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: chromiumFlags.args,
      headless: true,
    });
    try {
      const deskPage = (await openPage(await desk.newContext({ viewport: { width: 1280, height: 900 } })))
        .page;
      await deskPage.goto(`${server.url}/sign-in`);
      await deskPage.getByLabel('E-mail address').fill(STAFF.email);
      await deskPage.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
      await deskPage.getByRole('button', { name: 'Sign in' }).click();
      await eventually(() => deskPage.getByRole('link', { name: /Practice inbox/ }).count()).toBe(1);
      await deskPage.getByRole('link', { name: /Practice inbox/ }).click();
      await deskPage.getByRole('button', { name: /The rash on my arm/ }).click();
      await eventually(() => deskPage.getByRole('button', { name: /IMG_2041\.jpg/ }).count()).toBe(1);
      const [staffDownload] = await Promise.all([
        deskPage.waitForEvent('download'),
        deskPage.getByRole('button', { name: /lab results\.pdf/ }).click(),
      ]);
      expect(readFileSync((await staffDownload.path())!).equals(pdf)).toBe(true);
      await deskPage.getByRole('textbox', { name: 'Your reply' }).fill(ANSWER);
      await deskPage
        .getByLabel('Attach files')
        .setInputFiles([{ name: 'care sheet.pdf', mimeType: 'application/pdf', buffer: careSheet }]);
      await eventually(() => deskPage.getByRole('button', { name: 'Remove care sheet.pdf' }).count()).toBe(1);
      await deskPage.getByRole('button', { name: 'Send reply' }).click();
      await eventually(() => deskPage.getByText('Reply sent.').count()).toBe(1);
    } finally {
      await desk.close();
    }

    // 5. The e-mail says only that a message waits, with a link to the portal's Messages.
    const mail = await smtp.next(PATIENT.email, /^You have a new message/);
    expect(mail.text).toContain(`${server.url}/messages`);
    expect(mail.text).not.toContain('Thursday');
    expect(mail.text).not.toContain('eczema');

    // 6. After a sync, she reads the answer and opens its file with no connection.
    await goTo(page, '/messages');
    await eventually(() => heading(page)).toBe('Messages');
    await page.getByRole('button', { name: 'Refresh' }).click();
    const answered = page.getByRole('button', { name: new RegExp(ANSWER.slice(0, 30)) });
    await eventually(() => answered.count()).toBe(1);
    await eventually(async () => {
      const rows = await page.evaluate(async () => {
        let count = 0;
        for (const { name } of await indexedDB.databases()) {
          if (!name?.startsWith('portal-records-')) continue;
          const db = await new Promise<IDBDatabase>((done) => {
            const open = indexedDB.open(name);
            open.onsuccess = () => done(open.result);
          });
          count += await new Promise<number>((done) => {
            const all = db.transaction('files').objectStore('files').count();
            all.onsuccess = () => done(all.result);
          });
          db.close();
        }
        return count;
      });
      return rows;
    }).toBe(3);
    await phone.setOffline(true);
    await answered.click();
    await eventually(() => page.getByText(ANSWER).count()).toBe(1);
    const [offlineDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /care sheet\.pdf/ }).click(),
    ]);
    expect(offlineDownload.suggestedFilename()).toBe('care sheet.pdf');
    expect(readFileSync((await offlineDownload.path())!).equals(careSheet)).toBe(true);
    expect(unexpectedErrors(watched.errors)).toEqual([]);
    await phone.close();
  });
});

// Health Records through the HTTP API: "Send via Email" mails the Consolidated Clinical Summary as a
// .zip to a real SMTP server on loopback, made from the record as the device has it; views and
// downloads made on the device land in the activity history; bad requests of every kind get a
// clear 4xx and send nothing; a replayed request never mails twice.
import JSZip from 'jszip';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { API } from '../../core/api-paths';
import { PACKAGE_FILES } from '../../core/health-record-package';
import { call } from '../test-support/accounts';
import {
  activityOf,
  appFrom,
  DEMO_AS_OF,
  demoPerson,
  demoSignIn,
  demoTemplate,
  mailsSettle,
  problemOf,
} from '../test-support/family';
import { startTestSmtp, type TestSmtp } from '../test-support/smtp';
import type { TestApp } from '../test-support/test-app';

let smtp: TestSmtp;
let template: Buffer;
let t: TestApp;

beforeAll(async () => {
  smtp = await startTestSmtp();
  template = await demoTemplate();
});
afterAll(() => smtp.close());
beforeEach(async () => {
  t = await appFrom(template, { SMTP_URL: smtp.url });
});
afterEach(async () => {
  t.cleanup();
  await mailsSettle();
  smtp.takeAll();
});

const PROVIDER = 'records@lakeside-cardiology.example';
const post = (path: string, token: string, body: unknown, key: string = crypto.randomUUID()) =>
  call(t, 'POST', path, body, { token, headers: { 'idempotency-key': key } });
const emailBody = (overrides: Record<string, unknown> = {}) => ({
  email: PROVIDER,
  confirmEmail: PROVIDER,
  recipient: 'provider',
  selection: { kind: 'all' },
  ...overrides,
});

describe('Send via Email', () => {
  it('mails a receiving provider the summary as a .zip with the C-CDA, a readable page and a README', async () => {
    const elena = demoPerson('rich-adult');
    const token = await demoSignIn(t, 'elena');
    const res = await post(API.patients.healthRecordEmail(elena.patientId), token, emailBody());
    expect(res.status, await res.clone().text()).toBe(202);
    expect(await res.json()).toEqual({ sentTo: PROVIDER });

    const mail = await smtp.next(PROVIDER, /health record/i);
    // The message's own words name no one: the record is only in the attachment.
    expect(`${mail.subject} ${mail.text}`).not.toContain(elena.family);
    expect(mail.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      [`health-record-${DEMO_AS_OF.toISOString().slice(0, 10)}.zip`, 'application/zip'],
    ]);
    const zip = await JSZip.loadAsync(mail.attachments[0]!.content);
    expect(Object.keys(zip.files).sort()).toEqual(Object.values(PACKAGE_FILES).sort());
    const xml = await zip.file(PACKAGE_FILES.xml)!.async('string');
    expect(xml).toContain('2.16.840.1.113883.10.20.22.1.2');
    expect(xml).toContain(elena.family);
    expect(await zip.file(PACKAGE_FILES.html)!.async('string')).toContain(elena.family);
    expect(await zip.file(PACKAGE_FILES.readme)!.async('string')).toContain('not');

    const events = await activityOf(t, token);
    expect(events.find((e) => e.action === 'record-transmitted')).toMatchObject({
      patientId: elena.patientId,
      addressee: PROVIDER,
    });
  });

  it('sends a parent’s copy of his daughter’s record, and her history names him and the addressee', async () => {
    const amara = demoPerson('child-9');
    const daniel = await demoSignIn(t, 'daniel');
    const res = await post(API.patients.healthRecordEmail(amara.patientId), daniel, emailBody());
    expect(res.status, await res.clone().text()).toBe(202);
    const mail = await smtp.next(PROVIDER);
    const zip = await JSZip.loadAsync(mail.attachments[0]!.content);
    expect(await zip.file(PACKAGE_FILES.xml)!.async('string')).toContain(amara.given);
    const activity = await call(t, 'GET', API.patients.activity(amara.patientId), undefined, {
      token: daniel,
    });
    const { events } = (await activity.json()) as {
      events: Array<{ action: string; actorName: string | null; addressee: string | null }>;
    };
    expect(events.find((e) => e.action === 'record-transmitted')).toMatchObject({
      actorName: expect.stringContaining('Daniel'),
      addressee: PROVIDER,
    });
  });

  it('mails once however often a request whose answer was lost is sent again', async () => {
    const elena = demoPerson('rich-adult');
    const token = await demoSignIn(t, 'elena');
    const key = crypto.randomUUID();
    const first = await post(API.patients.healthRecordEmail(elena.patientId), token, emailBody(), key);
    const again = await post(API.patients.healthRecordEmail(elena.patientId), token, emailBody(), key);
    expect([first.status, again.status]).toEqual([202, 202]);
    await smtp.next(PROVIDER);
    await mailsSettle();
    expect(smtp.pending(PROVIDER)).toEqual([]);
    expect((await activityOf(t, token)).filter((e) => e.action === 'record-transmitted')).toHaveLength(1);
  });

  it('refuses mismatched or malformed addresses, backwards and future dates, and sends nothing', async () => {
    const elena = demoPerson('rich-adult');
    const token = await demoSignIn(t, 'elena');
    const path = API.patients.healthRecordEmail(elena.patientId);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ confirmEmail: 'records@lakeside-cardiolgy.example' }, 'body.confirmEmail'],
      [{ email: 'not an address', confirmEmail: 'not an address' }, 'body.email'],
      [{ selection: { kind: 'range', from: '2025-03-01', to: '2025-02-01' } }, 'body.selection.to'],
      [{ selection: { kind: 'date', date: '2027-01-01' } }, 'body.selection.date'],
      [{ selection: { kind: 'date', date: '2025-02-30' } }, 'body.selection.date'],
      [{ selection: { kind: 'sometime' } }, 'body.selection.kind'],
      [{ recipient: 'everyone' }, 'body.recipient'],
    ];
    for (const [overrides, field] of cases) {
      const res = await post(path, token, emailBody(overrides));
      const problem = await problemOf(res, 422);
      expect(Object.keys(problem.errors ?? {}), JSON.stringify(overrides)).toContain(field);
    }
    await mailsSettle();
    expect(smtp.pending(PROVIDER)).toEqual([]);
    expect((await activityOf(t, token)).some((e) => e.action === 'record-transmitted')).toBe(false);
  });

  it('gives Billing only nothing (403) and someone else’s record nothing (404)', async () => {
    const daniel = await demoSignIn(t, 'daniel');
    const tobi = demoPerson('teen-15');
    await problemOf(await post(API.patients.healthRecordEmail(tobi.patientId), daniel, emailBody()), 403);
    const elena = demoPerson('rich-adult');
    await problemOf(await post(API.patients.healthRecordEmail(elena.patientId), daniel, emailBody()), 404);
    await problemOf(
      await post(API.patients.healthRecordEvents(elena.patientId), daniel, {
        event: 'viewed',
        selection: { kind: 'all' },
      }),
      404,
    );
    await mailsSettle();
    expect(smtp.pending(PROVIDER)).toEqual([]);
  });
});

describe('views and downloads made on the device', () => {
  it('land in the activity history, once per request', async () => {
    const elena = demoPerson('rich-adult');
    const token = await demoSignIn(t, 'elena');
    const path = API.patients.healthRecordEvents(elena.patientId);
    const key = crypto.randomUUID();
    for (const k of [key, key])
      expect((await post(path, token, { event: 'viewed', selection: { kind: 'all' } }, k)).status).toBe(204);
    const downloaded = {
      event: 'downloaded',
      selection: { kind: 'range', from: '2024-01-01', to: '2025-01-01' },
    };
    expect((await post(path, token, downloaded)).status).toBe(204);
    const actions = (await activityOf(t, token)).map((e) => e.action);
    expect(actions.filter((a) => a === 'record-viewed')).toHaveLength(1);
    expect(actions.filter((a) => a === 'record-downloaded')).toHaveLength(1);
    await problemOf(await post(path, token, { event: 'printed', selection: { kind: 'all' } }), 422);
  });
});

describe('Send a secure link', () => {
  /** The link from the e-mail, as the recipient's browser opens it: the token is after the #. */
  const tokenIn = (text: string) => /\/records\/shared#([A-Za-z0-9_-]{20,})/.exec(text)?.[1] ?? '';
  const open = (token: string, code: string) => call(t, 'POST', API.sharedRecords.open, { token, code });

  async function sendLink() {
    const elena = demoPerson('rich-adult');
    const token = await demoSignIn(t, 'elena');
    const res = await post(API.patients.healthRecordLinks(elena.patientId), token, emailBody());
    expect(res.status, await res.clone().text()).toBe(201);
    const created = (await res.json()) as { sentTo: string; code: string; expiresAt: string };
    const mail = await smtp.next(PROVIDER, /waiting/i);
    return { elena, token, created, mail, linkToken: tokenIn(mail.text) };
  }

  it('mails a link without the record or the code, and opens the summary once with the code', async () => {
    const { elena, token, created, mail, linkToken } = await sendLink();
    expect(created.code).toMatch(/^\d{4} \d{4}$/);
    expect(created.expiresAt).toBe(new Date(DEMO_AS_OF.getTime() + 7 * 86_400_000).toISOString());
    expect(mail.attachments).toEqual([]);
    expect(mail.text).not.toContain(created.code.replace(' ', ''));
    expect(mail.text).not.toContain(created.code);
    expect(`${mail.subject} ${mail.text}`).not.toContain(elena.family);
    expect(linkToken).not.toBe('');

    const opened = await open(linkToken, created.code.replace(' ', ''));
    expect(opened.status, await opened.clone().text()).toBe(200);
    const shared = (await opened.json()) as { fileName: string; html: string; zipBase64: string };
    expect(shared.html).toContain(elena.family);
    const zip = await JSZip.loadAsync(Buffer.from(shared.zipBase64, 'base64'));
    expect(Object.keys(zip.files).sort()).toEqual(Object.values(PACKAGE_FILES).sort());

    // The first successful use ends the link.
    await problemOf(await open(linkToken, created.code), 410);
    const actions = (await activityOf(t, token)).map((e) => [e.action, e.addressee]);
    expect(actions).toContainEqual(['record-transmitted', PROVIDER]);
    expect(actions).toContainEqual(['record-link-opened', PROVIDER]);
  });

  it('refuses a wrong code, and closes the link after five', async () => {
    const { created, linkToken } = await sendLink();
    for (let i = 1; i <= 4; i++) {
      const problem = await problemOf(await open(linkToken, '0000 0000'), 422);
      expect(problem.detail).toContain(`${5 - i} ${5 - i === 1 ? 'try' : 'tries'} left`);
    }
    await problemOf(await open(linkToken, '0000 0000'), 410);
    // Closed for good: not even the right code opens it now.
    await problemOf(await open(linkToken, created.code), 410);
  });

  it('refuses an expired link and a link that does not exist', async () => {
    const { created, linkToken } = await sendLink();
    t.clock.advance(7 * 86_400_000 + 1000);
    const problem = await problemOf(await open(linkToken, created.code), 410);
    expect(problem.title).toContain('expired');
    await problemOf(await open('x'.repeat(43), created.code), 404);
    await problemOf(await open('', created.code), 422);
  });

  it('does not let a family member with Billing only send one (403), nor anyone for a record out of reach (404)', async () => {
    const daniel = await demoSignIn(t, 'daniel');
    const tobi = demoPerson('teen-15');
    await problemOf(await post(API.patients.healthRecordLinks(tobi.patientId), daniel, emailBody()), 403);
    // Nor anyone a link for a record they cannot see: the same answer as an unknown id.
    const elena = demoPerson('rich-adult');
    await problemOf(await post(API.patients.healthRecordLinks(elena.patientId), daniel, emailBody()), 404);
    await mailsSettle();
    expect(smtp.pending(PROVIDER)).toEqual([]);
  });
});

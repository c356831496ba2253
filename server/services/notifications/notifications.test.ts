// "You have a new message", end to end on the demo practice: Tobi (15) writes to the practice, the
// care team answers through the real staff route, which has practiceAnswered() tell everyone on his
// side who may read the thread (Tobi; a family member with Full access; his father Daniel, Billing
// only, for billing threads only) by e-mail through a real SMTP server and by Web Push to a push
// service on loopback, whose payload the test decrypts as a browser would. Nothing names anyone's
// health: no provider, subject, text or patient.
import { importJWK, jwtVerify } from 'jose';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Profile } from '../../../core/accounts';
import { API } from '../../../core/api-paths';
import {
  type MessageRecipients,
  messagesPath,
  recipientsPath,
  staffRepliesPath,
  type ThreadView,
  threadReadPath,
} from '../../../core/messages';
import { NOTICE_TAG, NOTICE_TITLE } from '../../../core/push-notice';
import { call } from '../../test-support/accounts';
import {
  appFrom,
  DEMO_EMAIL,
  type DemoName,
  demoSignIn,
  demoTemplate,
  jsonOf,
  mailsSettle,
  signIn,
} from '../../test-support/family';
import {
  type BrowserSubscription,
  startTestPushService,
  type TestPushService,
} from '../../test-support/push-service';
import { startTestSmtp, type TestSmtp } from '../../test-support/smtp';
import type { TestApp } from '../../test-support/test-app';
import { insertPatientGrant } from '../access/proxy-access';
import { findAccountByEmail } from '../accounts/account-store';
import { DEMO_STAFF } from '../demo/accounts';
import { noticesSettled, practiceAnswered } from './index';
import { PUSH_TOPIC, PUSH_TTL_SECONDS } from './push-sender';

const TOBI = 'demo-teen-15';
const PRACTICE = 'Riverbend Family Health';
const NEW_MESSAGE = /^You have a new message/;
const CARE_QUESTION = 'My knee still hurts after the sprain. Should I come in?';
const CARE_ANSWER = 'Please book a visit with Dr. Haddad this week; keep icing the knee.';

let template: Buffer;
let smtp: TestSmtp;
let push: TestPushService;
let t: TestApp;

beforeAll(async () => {
  [template, smtp, push] = await Promise.all([demoTemplate(), startTestSmtp(), startTestPushService()]);
});
afterAll(async () => {
  await Promise.all([smtp.close(), push.close()]);
});
beforeEach(async () => {
  smtp.takeAll();
  push.received.length = 0;
  t = await appFrom(template, { SMTP_URL: smtp.url, PUSH_ENDPOINT_ORIGINS: push.origin });
});
afterEach(() => t.cleanup());

const accountId = (who: DemoName) => findAccountByEmail(t.db, DEMO_EMAIL[who])!.id;
const post = (path: string, token: string, body?: unknown) =>
  call(t, 'POST', path, body, { token, headers: { 'idempotency-key': crypto.randomUUID() } });

async function startCare(token: string): Promise<ThreadView> {
  const recipients = await jsonOf<MessageRecipients>(
    await call(t, 'GET', recipientsPath(TOBI), undefined, { token }),
  );
  const provider = recipients.providers[0]!;
  const request = {
    subject: 'medical-question',
    providerId: provider.id,
    locationId: provider.locations[0]!.id,
    body: CARE_QUESTION,
  };
  return jsonOf<ThreadView>(await post(messagesPath(TOBI), token, request), 201);
}

const startBilling = async (token: string) =>
  jsonOf<ThreadView>(
    await post(messagesPath(TOBI), token, { subject: 'billing-question', body: 'Why is $40 due?' }),
    201,
  );

/** The care team answers through the real staff route, then the notices go out. */
async function practiceAnswers(threadId: string, body = CARE_ANSWER) {
  t.clock.advance(60_000);
  const staff = await signIn(t, DEMO_STAFF.email);
  await jsonOf(await post(staffRepliesPath(threadId), staff, { body }), 201);
  // The route set the notices off without waiting for them.
  const [report, ...more] = await noticesSettled(t.deps);
  expect(more).toEqual([]);
  expect(report).not.toBeNull();
  return report!;
}

async function subscribe(token: string, subscription: BrowserSubscription): Promise<void> {
  const { decrypt: _d, ...body } = subscription;
  await jsonOf(await call(t, 'POST', API.push.subscriptions, body, { token }), 201);
}

async function setEmailNewMessage(who: DemoName, on: boolean): Promise<void> {
  const token = await demoSignIn(t, who);
  const profile = await jsonOf<Profile>(await call(t, 'GET', API.me.profile, undefined, { token }));
  const changes = { notifications: { ...profile.notifications, emailNewMessage: on } };
  await jsonOf(await call(t, 'PATCH', API.me.profile, { baseVersion: profile.version, changes }, { token }));
}

/** Words of the thread and the people in it that must never appear in a notice. */
function healthWords(thread: ThreadView): string[] {
  return [
    thread.withName,
    thread.locationName,
    'Tobi',
    'Okafor',
    'knee',
    'Haddad',
    'medical',
    'Care team',
  ].filter((word) => word !== '');
}

describe('new-message e-mail', () => {
  it('tells the patient only that a message waits, with the practice name and a link to Messages', async () => {
    const tobi = await demoSignIn(t, 'tobi');
    const thread = await startCare(tobi);
    const report = await practiceAnswers(thread.id);
    expect(report).toMatchObject({ accounts: 1, mails: 1, pushes: 0, failed: 0 });

    const mail = await smtp.next(DEMO_EMAIL.tobi, NEW_MESSAGE);
    expect(mail.subject).toBe(`You have a new message – ${PRACTICE}`);
    expect(mail.from).toContain(PRACTICE);
    const link = `${t.config.publicUrl.origin}/messages`;
    expect(mail.text).toContain(link);
    expect(mail.html).toContain(`href="${link}"`);
    for (const word of healthWords(thread)) {
      expect(mail.text).not.toContain(word);
      expect(mail.html).not.toContain(word);
      expect(mail.subject).not.toContain(word);
    }
    // Daniel has Billing only access to Tobi: a care thread is not his to read, nor to hear of.
    await mailsSettle();
    expect(smtp.pending(DEMO_EMAIL.daniel)).toEqual([]);
    // The log says how many, never to whom.
    expect(t.logLines.join('\n')).not.toContain(DEMO_EMAIL.tobi);
  });

  it('tells a family member with Full access of care answers, and Billing only of billing answers only', async () => {
    insertPatientGrant(
      t.db,
      {
        accountId: accountId('elena'),
        patientId: TOBI,
        level: 'full',
        relationship: 'other',
        source: 'invitation',
        fullChosenAt: t.clock.now().toISOString(),
      },
      t.clock.now(),
    );
    const tobi = await demoSignIn(t, 'tobi');
    const care = await startCare(tobi);
    expect(await practiceAnswers(care.id)).toMatchObject({ accounts: 2, mails: 2 });
    await smtp.next(DEMO_EMAIL.tobi, NEW_MESSAGE);
    await smtp.next(DEMO_EMAIL.elena, NEW_MESSAGE);
    await mailsSettle();
    expect(smtp.pending(DEMO_EMAIL.daniel)).toEqual([]);

    const billing = await startBilling(tobi);
    expect(await practiceAnswers(billing.id, 'We sent a corrected statement.')).toMatchObject({
      accounts: 3,
      mails: 3,
    });
    for (const who of ['tobi', 'elena', 'daniel'] as const) await smtp.next(DEMO_EMAIL[who], NEW_MESSAGE);
  });

  it('sends one notice per thread until the account opens it again', async () => {
    const tobi = await demoSignIn(t, 'tobi');
    const thread = await startCare(tobi);
    await practiceAnswers(thread.id);
    await smtp.next(DEMO_EMAIL.tobi, NEW_MESSAGE);

    // A second answer before Tobi looked: no second e-mail.
    expect(await practiceAnswers(thread.id, 'One more thing.')).toMatchObject({ accounts: 0, mails: 0 });
    // The same answer announced twice (a retried call) sends nothing either.
    expect(await practiceAnswered(t.deps, { threadId: thread.id })).toMatchObject({ mails: 0 });
    await mailsSettle();
    expect(smtp.pending(DEMO_EMAIL.tobi)).toEqual([]);

    t.clock.advance(60_000);
    expect((await post(threadReadPath(TOBI, thread.id), tobi, {})).status).toBe(204);
    expect(await practiceAnswers(thread.id, 'And a reminder.')).toMatchObject({ accounts: 1, mails: 1 });
    await smtp.next(DEMO_EMAIL.tobi, NEW_MESSAGE);
  });

  it('sends no e-mail when the profile setting is off or the address is not confirmed', async () => {
    await setEmailNewMessage('tobi', false);
    const tobi = await demoSignIn(t, 'tobi');
    const billing = await startBilling(tobi);
    t.db.prepare('UPDATE accounts SET email_confirmed_at = NULL WHERE id = ?').run(accountId('daniel'));
    expect(await practiceAnswers(billing.id)).toMatchObject({ accounts: 0, mails: 0 });
    await mailsSettle();
    expect(smtp.pending(DEMO_EMAIL.tobi)).toEqual([]);
    expect(smtp.pending(DEMO_EMAIL.daniel)).toEqual([]);
  });

  it('never fails the answer when mail cannot be sent, and logs no address', async () => {
    const down = await appFrom(template, {
      SMTP_URL: 'smtp://127.0.0.1:1',
      PUSH_ENDPOINT_ORIGINS: push.origin,
    });
    const previous = t;
    t = down;
    try {
      const tobi = await demoSignIn(t, 'tobi');
      const thread = await startCare(tobi);
      expect(await practiceAnswers(thread.id)).toMatchObject({ accounts: 1, mails: 0, failed: 1 });
      const log = t.logLines.join('\n');
      expect(log).toContain('new_message_mail_failed');
      expect(log).not.toContain(DEMO_EMAIL.tobi);
    } finally {
      t = previous;
      down.cleanup();
    }
  });

  it('does nothing for a thread that does not exist or has no answer yet', async () => {
    const tobi = await demoSignIn(t, 'tobi');
    const thread = await startCare(tobi);
    expect(await practiceAnswered(t.deps, { threadId: thread.id })).toMatchObject({ accounts: 0 });
    expect(await practiceAnswered(t.deps, { threadId: 'no-such-thread' })).toMatchObject({ accounts: 0 });
  });
});

describe('new-message Web Push', () => {
  it('pushes an encrypted, VAPID-signed notice that holds no health information', async () => {
    await setEmailNewMessage('tobi', false);
    const tobi = await demoSignIn(t, 'tobi');
    const phone = push.subscription('ok');
    await subscribe(tobi, phone);
    const thread = await startCare(tobi);
    // The e-mail setting is off: the subscription alone is the consent to pushes.
    expect(await practiceAnswers(thread.id)).toMatchObject({ accounts: 1, mails: 0, pushes: 1 });

    const [request] = await push.waitFor(1);
    expect(request!.path).toBe(new URL(phone.endpoint).pathname);
    expect(request!.headers['content-encoding']).toBe('aes128gcm');
    expect(request!.headers['content-type']).toBe('application/octet-stream');
    expect(request!.headers.ttl).toBe(String(PUSH_TTL_SECONDS));
    expect(request!.headers.urgency).toBe('normal');
    expect(request!.headers.topic).toBe(PUSH_TOPIC);

    // Authorization: vapid t=<JWT signed with the server's VAPID key>, k=<that public key>.
    const vapid = /^vapid t=([\w-]+\.[\w-]+\.[\w-]+), k=([\w-]+)$/.exec(request!.headers.authorization ?? '');
    expect(vapid).not.toBeNull();
    expect(vapid![2]).toBe(t.deps.keys.webPush.publicKey);
    const raw = Buffer.from(vapid![2]!, 'base64url');
    const key = await importJWK(
      {
        kty: 'EC',
        crv: 'P-256',
        x: raw.subarray(1, 33).toString('base64url'),
        y: raw.subarray(33).toString('base64url'),
      },
      'ES256',
    );
    const { payload: claims } = await jwtVerify(vapid![1]!, key, { audience: push.origin });
    expect(claims.sub).toBe(`mailto:${t.config.practice.supportEmail}`);

    const payload = phone.decrypt(request!.body);
    expect(JSON.parse(payload)).toEqual({
      title: NOTICE_TITLE,
      body: `${PRACTICE}: sign in to read it.`,
      url: '/messages',
    });
    for (const word of healthWords(thread)) expect(payload).not.toContain(word);
    expect(NOTICE_TAG).toBe('new-message');
  });

  it('forgets a subscription the push service says is gone (404, 410) and keeps one that failed', async () => {
    const tobi = await demoSignIn(t, 'tobi');
    const devices = {
      ok: push.subscription('ok'),
      gone: push.subscription('gone'),
      missing: push.subscription('missing'),
      broken: push.subscription('broken'),
    };
    for (const device of Object.values(devices)) await subscribe(tobi, device);
    const thread = await startCare(tobi);
    expect(await practiceAnswers(thread.id)).toMatchObject({
      accounts: 1,
      mails: 1,
      pushes: 1,
      gone: 2,
      failed: 1,
    });
    const left = t.db
      .prepare('SELECT endpoint FROM push_subscriptions WHERE account_id = ? ORDER BY endpoint')
      .pluck()
      .all(accountId('tobi'));
    expect(left).toEqual([devices.broken.endpoint, devices.ok.endpoint].sort());
    // What the log says of a failure: its outcome and status, not the address.
    const log = t.logLines.join('\n');
    expect(log).toContain('new_message_push_failed');
    expect(log).not.toContain(new URL(devices.broken.endpoint).pathname);
  });

  it('pushes to Billing only family members for billing threads only', async () => {
    const daniel = await demoSignIn(t, 'daniel');
    const danielsPhone = push.subscription('ok');
    await subscribe(daniel, danielsPhone);
    const tobi = await demoSignIn(t, 'tobi');
    const care = await startCare(tobi);
    await setEmailNewMessage('tobi', false);
    await setEmailNewMessage('daniel', false);
    expect(await practiceAnswers(care.id)).toMatchObject({ pushes: 0 });
    const billing = await startBilling(tobi);
    expect(await practiceAnswers(billing.id)).toMatchObject({ accounts: 1, pushes: 1 });
    const [request] = await push.waitFor(1);
    expect(request!.path).toBe(new URL(danielsPhone.endpoint).pathname);
  });
});

// Asking for access with the patient's passcode, as people notice it: it reaches the patient only,
// nothing tells who is a patient, and a declined, used, expired or guessed request gets nobody in.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SessionGranted } from '../../core/accounts';
import { COPPA_EXPLANATION } from '../../core/ages';
import type {
  FamilyAccountPending,
  FamilySettings,
  PasscodeAccepted,
  RequestAccepted,
} from '../../core/family';
import { DEMO_PRACTICE } from '../../core/practice';
import { addPatient, birthDateForAge, call, createAccount, signedIn } from '../test-support/accounts';
import {
  activityOf,
  appFrom,
  DEMO_EMAIL,
  demoSignIn,
  demoTemplate,
  finishSetUp,
  identityOf,
  jsonOf,
  mailsSettle,
  passcodeIn,
  peopleOf,
  problemOf,
} from '../test-support/family';
import { startTestSmtp, type TestSmtp } from '../test-support/smtp';
import type { TestApp } from '../test-support/test-app';

const PASSWORD = 'copper meadow lantern 58';
const MARTA = { firstName: 'Marta', lastName: 'Núñez', email: 'marta.nunez@example.com' };

let smtp: TestSmtp;
let template: Buffer;
let t: TestApp;

beforeAll(async () => {
  smtp = await startTestSmtp();
  template = await demoTemplate();
});
afterAll(() => smtp.close());
beforeEach(async () => {
  t = await appFrom(template, { SMTP_URL: smtp.url, TRUST_PROXY: 'true' });
});
afterEach(async () => {
  t.cleanup();
  // Mails still in flight belong to the test that sent them.
  await mailsSettle();
  smtp.takeAll();
});

const post = (path: string, body?: unknown, token?: string, headers: Record<string, string> = {}) =>
  call(t, 'POST', path, body, { token, headers });

/** Marta asks for access to her sister Elena, typing the name without accents and in capitals. */
async function martaAsksForElena(headers: Record<string, string> = {}) {
  const elena = identityOf('rich-adult');
  const res = await post(
    '/api/family/requests',
    {
      requester: MARTA,
      patient: { ...elena, firstName: ' ELENA ', lastName: 'nunez' },
      relationship: 'sibling',
    },
    undefined,
    headers,
  );
  return jsonOf<RequestAccepted>(res, 202);
}

const passcodeOf = async (email: string) => passcodeIn(await smtp.next(email, /asked for access/));

const accountBody = (passcode: string, email?: string) => ({
  passcode,
  ...(email === undefined ? {} : { email }),
  mobilePhone: '(555) 010-7788',
  password: PASSWORD,
  passwordAgain: PASSWORD,
});

/** The 6-digit code the mail sets on a line of its own. */
function codeIn(mail: { text: string }): string {
  const found = /^\s{4}(\d{6})\s*$/m.exec(mail.text)?.[1];
  if (!found) throw new Error(`No 6-digit code in: ${mail.text}`);
  return found;
}
const codeOf = async (email: string) => codeIn(await smtp.next(email, /Confirm your e-mail address/));

/** The details and password go in; no account yet, a code goes to the address. */
async function startAccount(requestId: string, passcode: string, email?: string) {
  return jsonOf<FamilyAccountPending>(
    await post(`/api/family/requests/${requestId}/account`, accountBody(passcode, email)),
    202,
  );
}
const confirmAccount = (requestId: string, code: string, headers: Record<string, string> = {}) =>
  post(`/api/family/requests/${requestId}/account/confirm`, { code }, undefined, headers);
const accountsWith = (email: string) =>
  t.db.prepare('SELECT count(*) FROM accounts WHERE email = ?').pluck().get(email);
const requestStatus = (id: string) =>
  t.db.prepare('SELECT status FROM family_requests WHERE id = ?').pluck().get(id);

describe('a family member who is not a patient', () => {
  it('asks, the patient gets the passcode, and the requester gets in with an account of their own', async () => {
    const asked = await martaAsksForElena();
    expect(Object.keys(asked).sort()).toEqual(['expiresAt', 'requestId', 'status']);
    expect(asked.status).toBe('passcode-sent-to-patient');
    expect(Date.parse(asked.expiresAt) - t.clock.now().getTime()).toBe(72 * 3600_000);

    // The passcode goes to Elena, never to Marta; the mail says who asked and what handing it over means.
    const mail = await smtp.next(DEMO_EMAIL.elena, /asked for access/);
    expect(mail.text).toContain('Marta Núñez (Sibling) asked for access');
    expect(mail.text).toMatch(/By giving it to them, you consent/);
    expect(mail.text).toMatch(/decline the request in Family access settings/);
    expect(mail.text).toContain(DEMO_PRACTICE.name);
    expect(mail.html).toContain(passcodeIn(mail));
    expect(mail.subject).toContain(DEMO_PRACTICE.name);
    await mailsSettle();
    expect(smtp.pending(MARTA.email)).toEqual([]);

    // Elena sees who is waiting.
    const elena = await demoSignIn(t, 'elena');
    const before = await jsonOf<FamilySettings>(
      await call(t, 'GET', '/api/family', undefined, { token: elena }),
    );
    expect(before.requests).toEqual([
      expect.objectContaining({ id: asked.requestId, requesterName: 'Marta Núñez', relationship: 'sibling' }),
    ]);

    // Elena hands the passcode over; Marta types it in lower case without the dash.
    const passcode = passcodeIn(mail).replace('-', '').toLowerCase();
    const checked = await jsonOf<PasscodeAccepted>(
      await post(`/api/family/requests/${asked.requestId}/passcode`, { passcode }),
    );
    expect(checked).toEqual({ status: 'passcode-accepted', granted: false });

    // Her details and password are kept, and a code goes to the address she typed: no account yet.
    const pending = await startAccount(asked.requestId, passcode);
    expect(pending).toEqual({
      status: 'check-your-email',
      email: MARTA.email,
      expiresAt: new Date(t.clock.now().getTime() + 30 * 60_000).toISOString(),
    });
    expect(accountsWith(MARTA.email)).toBe(0);
    const codeMail = await smtp.next(MARTA.email, /Confirm your e-mail address/);
    expect(codeMail.text).toContain('Marta Núñez asked to create a family member account');
    expect(codeMail.text).toMatch(/If this was not you, ignore this message/);
    expect(codeMail.text).not.toContain('Elena');
    expect(codeMail.subject).toContain(DEMO_PRACTICE.name);
    expect(codeMail.html).toContain(codeIn(codeMail));

    const session = await signedIn(await confirmAccount(asked.requestId, codeIn(codeMail)));
    expect(session.body.account).toMatchObject({
      email: MARTA.email,
      displayName: 'Marta Núñez',
      patientId: null,
    });
    expect(session.body.needsSecurityOption).toBe(true);
    expect(session.cookie).toBeDefined();
    // The code confirmed her address.
    expect(
      t.db.prepare('SELECT email_confirmed_at FROM accounts WHERE email = ?').pluck().get(MARTA.email),
    ).toBe(t.clock.now().toISOString());
    expect(t.db.prepare('SELECT count(*) FROM family_request_accounts').pluck().get()).toBe(0);

    // Like every new account, hers sets up a security option before it opens any record.
    const early = await call(t, 'GET', '/api/patients', undefined, { token: session.token });
    expect((await problemOf(early, 403)).type).toBe('/problems/security-option-required');
    await finishSetUp(t, session.token);
    expect((await peopleOf(t, session.token)).map((p) => [p.displayName, p.access, p.relationship])).toEqual([
      ['Elena Núñez', 'full', 'sibling'],
    ]);

    // Elena's settings and history show it.
    const after = await jsonOf<FamilySettings>(
      await call(t, 'GET', '/api/family', undefined, { token: elena }),
    );
    expect(after.requests).toEqual([]);
    expect(after.grants).toEqual([
      expect.objectContaining({
        displayName: 'Marta Núñez',
        level: 'full',
        effective: 'full',
        source: 'request',
        relationship: 'sibling',
        needsAdultConfirmation: false,
      }),
    ]);
    const events = (await activityOf(t, elena)).filter((e) => e.action.startsWith('family-'));
    expect(events.map((e) => [e.action, e.addressee, e.actorName])).toEqual([
      ['family-access-granted', 'Marta Núñez', 'Marta Núñez'],
      ['family-access-requested', 'Marta Núñez', null],
    ]);

    // The passcode worked once, and so did the code.
    const again = await post(`/api/family/requests/${asked.requestId}/account`, {
      ...accountBody(passcode, 'marta.other@example.com'),
      password: 'another long passphrase 9',
      passwordAgain: 'another long passphrase 9',
    });
    expect((await problemOf(again, 410)).type).toBe('/problems/expired');
    expect((await post(`/api/family/requests/${asked.requestId}/passcode`, { passcode })).status).toBe(410);
  });

  it('gets the same answer, and mails no one, when the details match no patient who can be asked', async () => {
    addPatient(t, {
      id: 'no-account',
      given: 'Rosa',
      family: 'Vega',
      birthDate: birthDateForAge(t, 50),
      zip: '60901',
    });
    addPatient(t, { id: 'twin-a', given: 'Lee', family: 'Park', birthDate: '1980-05-05', zip: '60901' });
    addPatient(t, { id: 'twin-b', given: 'Lee', family: 'Park', birthDate: '1980-05-05', zip: '60901' });
    const asks = [
      { firstName: 'Nobody', lastName: 'Known', birthDate: '1970-01-01', zip: '60901' },
      { firstName: 'Rosa', lastName: 'Vega', birthDate: birthDateForAge(t, 50), zip: '60901' },
      { firstName: 'Lee', lastName: 'Park', birthDate: '1980-05-05', zip: '60901' },
    ];
    const mailsBefore = smtp.messages.length;
    const answers = [];
    for (const patient of asks) {
      const res = await post('/api/family/requests', { requester: MARTA, patient, relationship: 'other' });
      answers.push(await jsonOf<RequestAccepted>(res, 202));
    }
    // A requester sharing the patient's mailbox would read the passcode themself: no mail either.
    const sharedMailbox = await post('/api/family/requests', {
      requester: { ...MARTA, email: DEMO_EMAIL.elena },
      patient: identityOf('rich-adult'),
      relationship: 'spouse',
    });
    answers.push(await jsonOf<RequestAccepted>(sharedMailbox, 202));
    for (const answer of answers) {
      expect(Object.keys(answer).sort()).toEqual(['expiresAt', 'requestId', 'status']);
      expect(answer.status).toBe('passcode-sent-to-patient');
    }
    await mailsSettle();
    expect(smtp.messages.length).toBe(mailsBefore);

    // Any passcode is simply wrong for them, with the answer a real request gives.
    const real = await martaAsksForElena();
    const wrongForReal = await problemOf(
      await post(`/api/family/requests/${real.requestId}/passcode`, { passcode: 'ABCDE-FGHJK' }),
      401,
    );
    for (const answer of answers) {
      const res = await post(`/api/family/requests/${answer.requestId}/passcode`, {
        passcode: 'ABCDE-FGHJK',
      });
      expect(await problemOf(res, 401)).toEqual(wrongForReal);
    }
  });

  it('is refused for a child under 13 with the COPPA explanation, whether or not the child is a patient', async () => {
    const amara = identityOf('child-9');
    const madeUp = { ...amara, firstName: 'Nobody', birthDate: birthDateForAge(t, 12) };
    const bodies = [];
    for (const patient of [amara, madeUp]) {
      const res = await post('/api/family/requests', {
        requester: MARTA,
        patient,
        relationship: 'grandparent',
      });
      bodies.push(await problemOf(res, 422));
    }
    expect(bodies[0]).toEqual(bodies[1]);
    expect(bodies[0]?.type).toBe('/problems/too-young');
    expect(bodies[0]?.detail).toContain(COPPA_EXPLANATION);
    expect(bodies[0]?.detail).toMatch(/call the office/);
    // From an account too.
    const sam = await demoSignIn(t, 'sam');
    const mine = await post('/api/family/requests/mine', { patient: amara, relationship: 'other' }, sam);
    expect((await problemOf(mine, 422)).type).toBe('/problems/too-young');
    expect(t.db.prepare('SELECT count(*) FROM family_requests').pluck().get()).toBe(0);
  });

  it('lets a requester whose e-mail already has a login finish from that account (one login per address)', async () => {
    const res = await post('/api/family/requests', {
      requester: { firstName: 'Jordan', lastName: 'Lee', email: 'Jordan.Lee@example.com' },
      patient: identityOf('older-adult'),
      relationship: 'caregiver',
    });
    const { requestId } = await jsonOf<RequestAccepted>(res, 202);
    const passcode = await passcodeOf(DEMO_EMAIL.harold);
    const refused = await post(`/api/family/requests/${requestId}/account`, accountBody(passcode));
    expect((await problemOf(refused, 409)).detail).toMatch(/Sign in with it, then enter the passcode again/);
    // No code goes to an address that already has a login.
    await mailsSettle();
    expect(smtp.pending(DEMO_EMAIL.jordan)).toEqual([]);

    const jordan = await demoSignIn(t, 'jordan');
    const accepted = await jsonOf<PasscodeAccepted>(
      await post(`/api/family/requests/${requestId}/passcode`, { passcode }, jordan),
    );
    expect(accepted).toEqual({ status: 'passcode-accepted', granted: true, access: 'full' });
    expect((await peopleOf(t, jordan)).map((p) => p.displayName)).toContain('Harold Lindqvist');
  });

  it('does not let a passcode holder test address after address for a login', async () => {
    const res = await post('/api/family/requests', {
      requester: { firstName: 'Jordan', lastName: 'Lee', email: 'Jordan.Lee@example.com' },
      patient: identityOf('older-adult'),
      relationship: 'caregiver',
    });
    const { requestId } = await jsonOf<RequestAccepted>(res, 202);
    const passcode = await passcodeOf(DEMO_EMAIL.harold);
    const taken = [DEMO_EMAIL.jordan, DEMO_EMAIL.elena, DEMO_EMAIL.daniel, DEMO_EMAIL.sam, DEMO_EMAIL.tobi];
    for (const email of taken)
      await problemOf(
        await post(`/api/family/requests/${requestId}/account`, accountBody(passcode, email)),
        409,
      );
    // The sixth try waits, whatever the address: an answer no longer says whether it has a login.
    const paused = await post(
      `/api/family/requests/${requestId}/account`,
      accountBody(passcode, 'nobody.yet@example.com'),
    );
    await problemOf(paused, 429);
    expect(Number(paused.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('confirming the requester’s e-mail address with the code sent to it', () => {
  /** Marta's request, its passcode accepted and her details sent: the code is in her mailbox. */
  async function martaWaitsForHerCode() {
    const { requestId } = await martaAsksForElena();
    const passcode = await passcodeOf(DEMO_EMAIL.elena);
    await startAccount(requestId, passcode);
    return { requestId, passcode, code: await codeOf(MARTA.email) };
  }
  const otherThan = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

  it('creates no account before the code comes back, and none for a wrong code', async () => {
    const { requestId, code } = await martaWaitsForHerCode();
    expect(accountsWith(MARTA.email)).toBe(0);
    const signIn = await post('/api/auth/sign-in', { email: MARTA.email, password: PASSWORD });
    expect(signIn.status).toBe(401);
    expect(requestStatus(requestId)).toBe('pending');
    const elena = await demoSignIn(t, 'elena');
    const waiting = await jsonOf<FamilySettings>(
      await call(t, 'GET', '/api/family', undefined, { token: elena }),
    );
    expect(waiting.requests.map((r) => r.id)).toEqual([requestId]);
    expect(waiting.grants.map((g) => g.displayName)).not.toContain('Marta Núñez');

    const wrong = await problemOf(await confirmAccount(requestId, otherThan(code)), 422);
    expect(wrong.type).toBe('/problems/wrong-code');
    expect(accountsWith(MARTA.email)).toBe(0);
    expect(requestStatus(requestId)).toBe('pending');

    // The right code still works.
    expect((await signedIn(await confirmAccount(requestId, code))).body.account.email).toBe(MARTA.email);
  });

  it('takes the code once: a second confirmation creates nothing more', async () => {
    const { requestId, code } = await martaWaitsForHerCode();
    await signedIn(await confirmAccount(requestId, code));
    const again = await problemOf(await confirmAccount(requestId, code), 410);
    expect(again.type).toBe('/problems/expired');
    expect(accountsWith(MARTA.email)).toBe(1);
    expect(
      t.db
        .prepare(
          `SELECT count(*) FROM proxy_access p JOIN accounts a ON a.id = p.account_id
           WHERE a.email = ? AND p.patient_id = 'demo-rich-adult'`,
        )
        .pluck()
        .get(MARTA.email),
    ).toBe(1);
    expect(requestStatus(requestId)).toBe('used');
  });

  it('lets the code expire after 30 minutes; sending the details again brings a new one', async () => {
    const { requestId, passcode, code } = await martaWaitsForHerCode();
    t.clock.advance(30 * 60_000);
    const expired = await problemOf(await confirmAccount(requestId, code), 410);
    expect(expired.type).toBe('/problems/expired');
    expect(expired.detail).toMatch(/Create my account/);
    expect(accountsWith(MARTA.email)).toBe(0);
    expect(requestStatus(requestId)).toBe('pending');

    await startAccount(requestId, passcode);
    const fresh = await codeOf(MARTA.email);
    expect((await confirmAccount(requestId, fresh)).status).toBe(200);
  });

  it('sends a new code to a corrected address and voids the one sent to the mistyped address', async () => {
    const typo = 'marta.nunez@exmaple.com';
    const asked = await jsonOf<RequestAccepted>(
      await post('/api/family/requests', {
        requester: { ...MARTA, email: typo },
        patient: identityOf('rich-adult'),
        relationship: 'sibling',
      }),
      202,
    );
    const passcode = await passcodeOf(DEMO_EMAIL.elena);
    expect((await startAccount(asked.requestId, passcode)).email).toBe(typo);
    const mistyped = await codeOf(typo);

    const corrected = await startAccount(asked.requestId, passcode, ' Marta.Nunez@Example.com ');
    expect(corrected.email).toBe(MARTA.email);
    const code = await codeOf(MARTA.email);
    const old = await problemOf(await confirmAccount(asked.requestId, mistyped), 422);
    expect(old.type).toBe('/problems/wrong-code');

    const session = await signedIn(await confirmAccount(asked.requestId, code));
    expect(session.body.account).toMatchObject({ email: MARTA.email, displayName: 'Marta Núñez' });
    expect(accountsWith(typo)).toBe(0);
  });

  it('pauses the request after five wrong codes, and says when to try again', async () => {
    const { requestId, code } = await martaWaitsForHerCode();
    for (let i = 0; i < 5; i++) expect((await confirmAccount(requestId, otherThan(code))).status).toBe(422);
    // Locked: even the right code waits.
    const locked = await confirmAccount(requestId, code);
    expect((await problemOf(locked, 429)).detail).toMatch(/try again in 1 minute/);
    expect(locked.headers.get('retry-after')).toBe('60');
    expect(accountsWith(MARTA.email)).toBe(0);
    t.clock.advance(61_000);
    expect((await confirmAccount(requestId, code)).status).toBe(200);
  });

  it('refuses the code when the address got a login in the meantime (one login per address)', async () => {
    const { requestId, code } = await martaWaitsForHerCode();
    createAccount(t, { email: MARTA.email, passwordHash: 'not-a-real-hash' });
    const refused = await problemOf(await confirmAccount(requestId, code), 409);
    expect(refused.type).toBe('/problems/already-registered');
    expect(accountsWith(MARTA.email)).toBe(1);
    expect(requestStatus(requestId)).toBe('pending');
  });

  it('answers a code for a request that is over, or never had its details sent, with 410', async () => {
    const { requestId } = await martaAsksForElena();
    const none = await problemOf(await confirmAccount(requestId, '123456'), 410);
    expect(none.title).toBe('This code can no longer be used');
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-an-id'])
      expect((await confirmAccount(id, '123456')).status).toBe(410);
  });
});

describe('a patient asking from their own account', () => {
  it('sends the same passcode e-mail, and access begins when the requester enters the passcode', async () => {
    const sam = await demoSignIn(t, 'sam');
    const key = crypto.randomUUID();
    const ask = () =>
      post(
        '/api/family/requests/mine',
        { patient: identityOf('older-adult'), relationship: 'grandchild' },
        sam,
        {
          'idempotency-key': key,
        },
      );
    const asked = await jsonOf<RequestAccepted>(await ask(), 202);
    // A retry after a lost answer changes nothing and sends no second e-mail.
    const retried = await ask();
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    expect(await jsonOf<RequestAccepted>(retried, 202)).toEqual(asked);
    const mail = await smtp.next(DEMO_EMAIL.harold, /asked for access/);
    expect(mail.text).toContain('Sam Rivera (Grandchild) asked for access');
    await mailsSettle();
    expect(smtp.pending(DEMO_EMAIL.harold)).toEqual([]);
    expect(smtp.pending(DEMO_EMAIL.sam)).toEqual([]);
    const passcode = passcodeIn(mail);

    // Someone else holding the passcode cannot use a request made from Sam's account.
    const anonymous = await post(`/api/family/requests/${asked.requestId}/passcode`, { passcode });
    expect((await problemOf(anonymous, 401)).type).toBe('/problems/sign-in-required');
    const newcomer = await post(`/api/family/requests/${asked.requestId}/account`, accountBody(passcode));
    expect(newcomer.status).toBe(401);

    const accepted = await jsonOf<PasscodeAccepted>(
      await post(`/api/family/requests/${asked.requestId}/passcode`, { passcode }, sam),
    );
    expect(accepted).toEqual({ status: 'passcode-accepted', granted: true, access: 'full' });
    expect((await peopleOf(t, sam)).map((p) => [p.displayName, p.access, p.relationship])).toEqual([
      ['Sam Rivera', 'self', 'self'],
      ['Harold Lindqvist', 'full', 'grandchild'],
    ]);
    const used = await post(`/api/family/requests/${asked.requestId}/passcode`, { passcode }, sam);
    expect(used.status).toBe(410);
  });

  it('refuses to ask for one’s own record', async () => {
    const sam = await demoSignIn(t, 'sam');
    const res = await post(
      '/api/family/requests/mine',
      { patient: identityOf('partner-a'), relationship: 'other' },
      sam,
    );
    expect((await problemOf(res, 422)).title).toBe('This is your own record');
  });

  it('gives Billing only when the patient is 13 to 17: consent from a teen starts there', async () => {
    const elena = await demoSignIn(t, 'elena');
    const asked = await jsonOf<RequestAccepted>(
      await post(
        '/api/family/requests/mine',
        { patient: identityOf('teen-15'), relationship: 'other' },
        elena,
      ),
      202,
    );
    const mail = await smtp.next(DEMO_EMAIL.tobi, /asked for access/);
    expect(mail.text).toMatch(/Billing only access/);
    expect(mail.text).toMatch(/give them Full access later/);
    const accepted = await jsonOf<PasscodeAccepted>(
      await post(`/api/family/requests/${asked.requestId}/passcode`, { passcode: passcodeIn(mail) }, elena),
    );
    expect(accepted.access).toBe('billing');
  });
});

describe('the patient in charge', () => {
  it('declines a request, after which its passcode gets nobody in; someone else’s decline is 404', async () => {
    const asked = await martaAsksForElena();
    const passcode = await passcodeOf(DEMO_EMAIL.elena);
    const daniel = await demoSignIn(t, 'daniel');
    const notHers = await post(`/api/family/requests/${asked.requestId}/decline`, undefined, daniel);
    expect((await problemOf(notHers, 404)).type).toBe('/problems/not-found');

    const elena = await demoSignIn(t, 'elena');
    expect((await post(`/api/family/requests/${asked.requestId}/decline`, undefined, elena)).status).toBe(
      204,
    );
    expect((await post(`/api/family/requests/${asked.requestId}/decline`, undefined, elena)).status).toBe(
      204,
    );
    const settings = await jsonOf<FamilySettings>(
      await call(t, 'GET', '/api/family', undefined, { token: elena }),
    );
    expect(settings.requests).toEqual([]);

    const declined = await problemOf(
      await post(`/api/family/requests/${asked.requestId}/passcode`, { passcode }),
      410,
    );
    expect(declined.detail).toMatch(/expired, was already used or was declined/);
    expect(
      (await post(`/api/family/requests/${asked.requestId}/account`, accountBody(passcode))).status,
    ).toBe(410);
    const events = await activityOf(t, elena);
    expect(events[0]).toMatchObject({
      action: 'family-access-declined',
      addressee: 'Marta Núñez',
      actorName: 'Elena Núñez',
    });
  });

  it('lets no family member decline on the patient’s behalf, even with Full access', async () => {
    const elenaToken = await demoSignIn(t, 'elena');
    const jordanId = t.db.prepare('SELECT id FROM accounts WHERE email = ?').pluck().get(DEMO_EMAIL.jordan);
    const at = t.clock.now().toISOString();
    t.db
      .prepare(
        `INSERT INTO proxy_access (id, patient_id, account_id, level, relationship, source, created_at, updated_at,
           full_chosen_by_patient_at) VALUES ('g1', 'demo-rich-adult', ?, 'full', 'partner', 'invitation', ?, ?, ?)`,
      )
      .run(jordanId, at, at, at);
    const asked = await martaAsksForElena();
    const jordan = await demoSignIn(t, 'jordan');
    const res = await post(`/api/family/requests/${asked.requestId}/decline`, undefined, jordan);
    expect((await problemOf(res, 403)).type).toBe('/problems/not-the-patient');
    const settings = await jsonOf<FamilySettings>(
      await call(t, 'GET', '/api/family', undefined, { token: elenaToken }),
    );
    expect(settings.requests).toHaveLength(1);
  });

  it('lets a request expire after 72 hours', async () => {
    const asked = await martaAsksForElena();
    const passcode = await passcodeOf(DEMO_EMAIL.elena);
    t.clock.advance(72 * 3600_000 - 60_000);
    const elena = await demoSignIn(t, 'elena');
    expect(
      (await jsonOf<FamilySettings>(await call(t, 'GET', '/api/family', undefined, { token: elena })))
        .requests,
    ).toHaveLength(1);
    t.clock.advance(60_000);
    expect(
      (await jsonOf<FamilySettings>(await call(t, 'GET', '/api/family', undefined, { token: elena })))
        .requests,
    ).toEqual([]);
    expect((await post(`/api/family/requests/${asked.requestId}/passcode`, { passcode })).status).toBe(410);
    expect(
      (await post(`/api/family/requests/${asked.requestId}/account`, accountBody(passcode))).status,
    ).toBe(410);
  });
});

describe('guessing passcodes', () => {
  it('pauses a request after five wrong passcodes, longer each time, and says when to try again', async () => {
    const asked = await martaAsksForElena();
    const passcode = await passcodeOf(DEMO_EMAIL.elena);
    const guess = (code: string) =>
      post(`/api/family/requests/${asked.requestId}/passcode`, { passcode: code });
    for (let i = 0; i < 5; i++) expect((await guess('WRONG-GUESS')).status).toBe(401);
    // Locked: even the right passcode waits.
    const locked = await guess(passcode);
    const problem = await problemOf(locked, 429);
    expect(locked.headers.get('retry-after')).toBe('60');
    expect(problem.detail).toMatch(/try again in 1 minute/);
    t.clock.advance(61_000);
    expect((await guess('WRONG-AGAIN')).status).toBe(401);
    const longer = await guess(passcode);
    expect(longer.status).toBe(429);
    expect(longer.headers.get('retry-after')).toBe('120');
    t.clock.advance(121_000);
    expect(await jsonOf<PasscodeAccepted>(await guess(passcode))).toMatchObject({
      status: 'passcode-accepted',
    });
  });

  it('pauses an address that guesses across many requests', async () => {
    const from = { 'x-forwarded-for': '203.0.113.9' };
    const requests: string[] = [];
    for (let i = 0; i < 6; i++) requests.push((await martaAsksForElena(from)).requestId);
    let status = 0;
    let tries = 0;
    for (const id of requests)
      for (let i = 0; i < 4 && status !== 429; i++) {
        status = (
          await post(`/api/family/requests/${id}/passcode`, { passcode: 'WRONG-GUESS' }, undefined, from)
        ).status;
        tries += 1;
      }
    expect(status).toBe(429);
    expect(tries).toBe(21);
    // Another address is not held up.
    const other = await post(
      `/api/family/requests/${requests[0]}/passcode`,
      { passcode: 'WRONG-GUESS' },
      undefined,
      {
        'x-forwarded-for': '198.51.100.7',
      },
    );
    expect(other.status).toBe(401);
  });
});

describe('bad input', () => {
  it.each([
    ['/api/family/requests', { requester: MARTA, relationship: 'sibling' }, 422, 'body.patient'],
    [
      '/api/family/requests',
      {
        requester: { ...MARTA, email: 'not-an-address' },
        patient: identityOf('rich-adult'),
        relationship: 'sibling',
      },
      422,
      'body.requester.email',
    ],
    [
      '/api/family/requests',
      { requester: MARTA, patient: identityOf('rich-adult'), relationship: 'neighbour' },
      422,
      'body.relationship',
    ],
    [
      '/api/family/requests',
      {
        requester: MARTA,
        patient: { ...identityOf('rich-adult'), birthDate: '2020-02-30' },
        relationship: 'other',
      },
      422,
      'body.patient.birthDate',
    ],
    [
      '/api/family/requests/00000000-0000-4000-8000-000000000000/passcode',
      { passcode: 'short' },
      422,
      'body.passcode',
    ],
    ['/api/family/requests/00000000-0000-4000-8000-000000000000/passcode', {}, 422, 'body.passcode'],
    [
      '/api/family/requests/00000000-0000-4000-8000-000000000000/account',
      { passcode: 'ABCDE-FGHJK', password: PASSWORD },
      422,
      'body.mobilePhone',
    ],
    [
      '/api/family/requests/00000000-0000-4000-8000-000000000000/account',
      { ...accountBody('ABCDE-FGHJK'), email: 'not-an-address' },
      422,
      'body.email',
    ],
    [
      '/api/family/requests/00000000-0000-4000-8000-000000000000/account/confirm',
      { code: '12345' },
      422,
      'body.code',
    ],
  ])('answers POST %s with %j by a problem naming the field', async (path, body, status, field) => {
    const problem = await problemOf(await post(path, body), status);
    expect(Object.keys(problem.errors ?? {})).toContain(field);
  });

  it('answers a body that is not JSON, or not sent as JSON, with 400 and 415', async () => {
    const broken = await t.app.request('/api/family/requests', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"requester":',
    });
    await problemOf(broken, 400);
    const text = await t.app.request('/api/family/requests', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'hello',
    });
    await problemOf(text, 415);
  });

  it('answers an unknown or malformed request id like an expired one', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-an-id', '..%2F..'])
      expect((await post(`/api/family/requests/${id}/passcode`, { passcode: 'ABCDE-FGHJK' })).status).toBe(
        410,
      );
  });

  it('refuses passwords that differ or are weak, keeping the request usable', async () => {
    const asked = await martaAsksForElena();
    const passcode = await passcodeOf(DEMO_EMAIL.elena);
    const differ = await post(`/api/family/requests/${asked.requestId}/account`, {
      ...accountBody(passcode),
      passwordAgain: 'something else entirely 1',
    });
    expect((await problemOf(differ, 422)).errors).toHaveProperty(['body.passwordAgain']);
    const weak = await post(`/api/family/requests/${asked.requestId}/account`, {
      ...accountBody(passcode),
      password: 'marta nunez 2',
      passwordAgain: 'marta nunez 2',
    });
    expect((await problemOf(weak, 422)).type).toBe('/problems/weak-password');
    await startAccount(asked.requestId, passcode);
    const made = await confirmAccount(asked.requestId, await codeOf(MARTA.email));
    expect(((await made.json()) as SessionGranted).status).toBe('signed-in');
  });

  it('refuses a request from an account that has not set up its security option', async () => {
    const hash = t.db
      .prepare('SELECT password_hash FROM accounts WHERE email = ?')
      .pluck()
      .get(DEMO_EMAIL.sam);
    createAccount(t, { email: 'halfway@example.com', passwordHash: String(hash) });
    const token = (
      await signedIn(
        await post('/api/auth/sign-in', { email: 'halfway@example.com', password: 'river stone lantern 7' }),
      )
    ).token;
    const res = await post(
      '/api/family/requests/mine',
      { patient: identityOf('older-adult'), relationship: 'other' },
      token,
    );
    expect((await problemOf(res, 403)).type).toBe('/problems/security-option-required');
  });
});

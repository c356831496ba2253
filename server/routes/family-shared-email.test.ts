// Two patients, one e-mail address, as the help page promises it ("Can two of us use the portal
// with the same e-mail address? Yes. Choose one person to own the account with that e-mail
// address, and have the owner add the other person as a family member."): one login for the
// address, and the owner reaches both records once the other person's passcode comes back.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ActivityEvent, RegisterAccepted } from '../../core/accounts';
import type { PasscodeAccepted, RequestAccepted } from '../../core/family';
import { addPatient, birthDateForAge, call, rowCounts, signedIn } from '../test-support/accounts';
import { finishSetUp, jsonOf, mailsSettle, passcodeIn, peopleOf, problemOf } from '../test-support/family';
import { startTestSmtp, type TestSmtp } from '../test-support/smtp';
import { createTestApp, type TestApp } from '../test-support/test-app';

const SHARED = 'bakers@example.com';
const PASSWORD = 'harvest lantern copper 61';

let smtp: TestSmtp;
let t: TestApp;

beforeAll(async () => {
  smtp = await startTestSmtp();
});
afterAll(() => smtp.close());
beforeEach(async () => {
  t = await createTestApp({ SMTP_URL: smtp.url });
});
afterEach(async () => {
  t.cleanup();
  await mailsSettle();
  smtp.takeAll();
});

/** A patient of the practice whose record holds the shared address, and their details as typed. */
function patient(id: string, given: string, age: number) {
  const birthDate = birthDateForAge(t, age);
  addPatient(t, { id, given, family: 'Baker', birthDate, zip: '60901', email: SHARED });
  return { firstName: given, lastName: 'Baker', birthDate, zip: '60901' };
}

const register = (who: ReturnType<typeof patient>) =>
  call(t, 'POST', '/api/auth/register', {
    ...who,
    legalSex: 'unknown',
    email: SHARED,
    mobilePhone: '555-010-4411',
    password: PASSWORD,
  });

describe('two patients sharing one e-mail address', () => {
  it('get one login, and its owner adds the other person as a family member and sees both', async () => {
    const ruth = patient('p-ruth', 'Ruth', 68);
    const walter = patient('p-walter', 'Walter', 71);

    // Ruth signs up first: the address becomes her account's.
    const first = await jsonOf<RegisterAccepted>(await register(ruth), 202);
    const code = /\b(\d{6})\b/.exec((await smtp.next(SHARED, /confirmation code/)).text)?.[1];
    const owner = await signedIn(
      await call(t, 'POST', '/api/auth/register/confirm', { registrationId: first.registrationId, code }),
    );
    await finishSetUp(t, owner.token);

    // Walter signs up with the same address: the same answer, no second login, and an e-mail
    // (which Ruth reads) says what to do instead.
    const second = await register(walter);
    const answer = await jsonOf<RegisterAccepted>(second, 202);
    expect(Object.keys(answer).sort()).toEqual(['registrationId', 'status']);
    expect(answer.status).toBe('check-your-email');
    const explained = await smtp.next(SHARED, /sign-up/i);
    expect(explained.text).toMatch(/already belongs to a portal account/);
    expect(explained.text).toMatch(/only one login/);
    expect(explained.text).toMatch(/add the other person as a family member from that account/);
    expect(explained.text).not.toMatch(/\b\d{6}\b/);
    const confirm = await call(t, 'POST', '/api/auth/register/confirm', {
      registrationId: answer.registrationId,
      code: '123456',
    });
    expect((await problemOf(confirm, 422)).type).toBe('/problems/wrong-code');
    expect(rowCounts(t).accounts).toBe(1);
    expect(t.db.prepare("SELECT count(*) FROM accounts WHERE patient_id = 'p-walter'").pluck().get()).toBe(0);

    // Ruth asks for access to Walter from her account. Walter has no account: the passcode goes
    // to the address on his record, the shared one, and Ruth reads it there.
    const asked = await jsonOf<RequestAccepted>(
      await call(
        t,
        'POST',
        '/api/family/requests/mine',
        { patient: walter, relationship: 'spouse' },
        { token: owner.token },
      ),
      202,
    );
    expect(asked.status).toBe('passcode-sent-to-patient');
    const mail = await smtp.next(SHARED, /asked for access/);
    expect(mail.text).toContain('Ruth Baker (Spouse) asked for access');
    // Walter has no login of his own, and the mailbox is shared: the mail says whose record it is
    // about, and how he says no.
    expect(mail.text).toContain('asked for access to the health record of Walter Baker');
    expect(mail.text).toContain('This is the e-mail address on Walter Baker’s record');
    expect(mail.text).toMatch(/do not share the passcode and let it expire/);

    const accepted = await jsonOf<PasscodeAccepted>(
      await call(
        t,
        'POST',
        `/api/family/requests/${asked.requestId}/passcode`,
        { passcode: passcodeIn(mail) },
        { token: owner.token },
      ),
    );
    expect(accepted).toEqual({ status: 'passcode-accepted', granted: true, access: 'full' });

    // Whoever signs in as the owner sees both people's records.
    expect((await peopleOf(t, owner.token)).map((p) => [p.patientId, p.access, p.relationship])).toEqual([
      ['p-ruth', 'self', 'self'],
      ['p-walter', 'full', 'spouse'],
    ]);
    const history = await jsonOf<{ events: ActivityEvent[] }>(
      await call(t, 'GET', '/api/patients/p-walter/activity', undefined, { token: owner.token }),
    );
    expect(history.events.map((e) => e.action)).toEqual(['family-access-granted', 'family-access-requested']);
    expect(rowCounts(t).accounts).toBe(1);
  });

  it('asks no teen through the address on their record: from 13 to 17 the teen consents from an account of their own', async () => {
    const ruth = patient('p-ruth', 'Ruth', 68);
    const teen = patient('p-milo', 'Milo', 16);
    const first = await jsonOf<RegisterAccepted>(await register(ruth), 202);
    const code = /\b(\d{6})\b/.exec((await smtp.next(SHARED, /confirmation code/)).text)?.[1];
    const owner = await signedIn(
      await call(t, 'POST', '/api/auth/register/confirm', { registrationId: first.registrationId, code }),
    );
    await finishSetUp(t, owner.token);

    const asked = await call(
      t,
      'POST',
      '/api/family/requests/mine',
      { patient: teen, relationship: 'grandparent' },
      { token: owner.token },
    );
    // The same answer as ever, and no mail: nothing tells whether Milo is a patient.
    expect((await jsonOf<RequestAccepted>(asked, 202)).status).toBe('passcode-sent-to-patient');
    await mailsSettle();
    expect(smtp.pending(SHARED)).toEqual([]);
  });
});

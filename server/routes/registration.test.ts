// Registrations the practice must refuse or handle specially: under 13, teens without an office
// code, people the records do not know (or know twice), and an e-mail address already in use.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RegisterAccepted } from '../../core/accounts';
import { COPPA_EXPLANATION } from '../../core/ages';
import { hashPassword } from '../services/accounts/password-hash';
import {
  addPatient,
  birthDateForAge,
  call,
  createAccount,
  rowCounts,
  signedIn,
} from '../test-support/accounts';
import { startTestSmtp, type TestSmtp } from '../test-support/smtp';
import { createTestApp, type TestApp } from '../test-support/test-app';

const PASSWORD = 'violet harbor kettle 42';
let smtp: TestSmtp;
let t: TestApp;

beforeAll(async () => {
  smtp = await startTestSmtp();
});
afterAll(() => smtp.close());
beforeEach(async () => {
  t = await createTestApp({ SMTP_URL: smtp.url });
});
afterEach(() => t.cleanup());

function person(id: string, given: string, family: string, age: number, zip = '60901') {
  const birthDate = birthDateForAge(t, age);
  addPatient(t, { id, given, family, birthDate, zip });
  return {
    firstName: given,
    lastName: family,
    birthDate,
    legalSex: 'unknown',
    zip,
    email: `${id}@example.com`,
    mobilePhone: '555-010-3399',
    password: PASSWORD,
  };
}

async function problemOf(res: Response, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  return (await res.json()) as { type: string; detail?: string; errors?: Record<string, string> };
}

const register = (body: unknown) => call(t, 'POST', '/api/auth/register', body);

describe('registration refusals', () => {
  it('refuses a 12-year-old with the COPPA explanation', async () => {
    const body = await problemOf(await register(person('kid', 'Mia', 'Stone', 12)), 422);
    expect(body.type).toBe('/problems/too-young');
    expect(body.detail).toBe(COPPA_EXPLANATION);
    expect(rowCounts(t).pending_registrations).toBe(0);
  });

  it('asks a 15-year-old for an office code, then accepts a code issued with the CLI', async () => {
    const teen = person('teen', 'Noah', 'Berg', 15);
    const refused = await problemOf(await register(teen), 422);
    expect(refused.type).toBe('/problems/enrollment-code-required');
    const madeUp = await problemOf(await register({ ...teen, enrollmentCode: 'abcd-efgh-jkmn' }), 422);
    expect(madeUp.type).toBe('/problems/enrollment-code-required');

    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'scripts/enrollment-code.ts', 'teen'],
      { env: { ...process.env, DATABASE_PATH: t.config.databasePath, LOG_LEVEL: 'silent' } },
    );
    const code = /([a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4})/.exec(stdout)?.[1];
    expect(code).toBeDefined();

    // Typed in capitals and without dashes, as people do.
    const res = await register({ ...teen, enrollmentCode: code!.replace(/-/g, '').toUpperCase() });
    expect(res.status).toBe(202);
    const { registrationId } = (await res.json()) as RegisterAccepted;
    const mail = await smtp.next('teen@example.com', /confirmation/i);
    const granted = await signedIn(
      await call(t, 'POST', '/api/auth/register/confirm', {
        registrationId,
        code: /\b(\d{6})\b/.exec(mail.text)![1],
      }),
    );
    expect(granted.body.account.patientId).toBe('teen');
    // The code is used up.
    expect(t.db.prepare('SELECT count(*) FROM enrollment_codes WHERE used_at IS NULL').pluck().get()).toBe(0);
  });

  it('sends someone the records do not know, or know twice, to the office without naming a field', async () => {
    const known = person('known', 'Ada', 'Quinn', 40);
    const unknown = await problemOf(await register({ ...known, birthDate: birthDateForAge(t, 41) }), 422);
    expect(unknown.type).toBe('/problems/identity-not-matched');
    expect(unknown.detail).toMatch(/call the office/i);
    expect(`${unknown.detail}`).not.toMatch(/birth|zip|name|date/i);
    expect(unknown.errors).toBeUndefined();

    addPatient(t, {
      id: 'known-copy',
      given: 'Ada',
      family: 'Quinn',
      birthDate: known.birthDate,
      zip: '60901',
    });
    const twice = await problemOf(await register(known), 422);
    expect(twice.type).toBe('/problems/identity-not-matched');
    expect(rowCounts(t).pending_registrations).toBe(0);
  });

  it('refuses a weak password with the rule’s message, before anything is stored', async () => {
    const body = await problemOf(
      await register({ ...person('weak', 'Ivy', 'Marsh', 30), password: 'ivy marsh garden' }),
      422,
    );
    expect(body.type).toBe('/problems/weak-password');
    expect(body.errors?.['body.password']).toMatch(/name or e-mail/);
    const common = await problemOf(
      await register({ ...person('weak2', 'Liam', 'Hart', 30), password: 'password1234' }),
      422,
    );
    expect(common.errors?.['body.password']).toMatch(/too common/);
  });

  it('answers an address already in use exactly like a free one, and explains by e-mail', async () => {
    const hash = await hashPassword(PASSWORD);
    createAccount(t, { email: 'shared@example.com', passwordHash: hash });
    const res = await register({ ...person('second', 'Ben', 'Ortiz', 52), email: 'Shared@Example.com' });
    expect(res.status).toBe(202);
    const body = (await res.json()) as RegisterAccepted;
    expect(Object.keys(body).sort()).toEqual(['registrationId', 'status']);
    expect(body.status).toBe('check-your-email');

    const mail = await smtp.next('shared@example.com', /sign-up/i);
    expect(mail.text).toMatch(/only one login/);
    expect(mail.text).toMatch(/family member/);
    expect(mail.text).not.toMatch(/\b\d{6}\b/);

    // No code exists that could confirm it, and no second account appears.
    const confirm = await call(t, 'POST', '/api/auth/register/confirm', {
      registrationId: body.registrationId,
      code: '123456',
    });
    expect((await problemOf(confirm, 422)).type).toBe('/problems/wrong-code');
    expect(rowCounts(t).accounts).toBe(1);
  });

  it('sends a patient who already has an account to sign-in', async () => {
    const hash = await hashPassword(PASSWORD);
    const ada = person('ada', 'Ada', 'Lind', 44);
    createAccount(t, { email: 'ada-old@example.com', passwordHash: hash, patientId: 'ada' });
    const body = await problemOf(await register(ada), 409);
    expect(body.type).toBe('/problems/already-registered');
    expect(body.detail).toMatch(/Forgot your password/);
  });
});

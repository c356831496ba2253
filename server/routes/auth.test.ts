// Registration, the security option, sign-out and password reset as a patient goes through them,
// with the codes and links read from real e-mails delivered to a real SMTP server.
import { TOTP } from 'otpauth';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ActivityEvent, RegisterAccepted, ResetCheck, TotpSetup } from '../../core/accounts';
import {
  addPatient,
  birthDateForAge,
  call,
  refreshCookieOf,
  rowCounts,
  signedIn,
} from '../test-support/accounts';
import { startTestSmtp, type TestSmtp } from '../test-support/smtp';
import { createTestApp, type TestApp } from '../test-support/test-app';

const PRACTICE = 'Maple Grove Clinic';
const PASSWORD = 'violet harbor kettle 42';
const NEW_PASSWORD = 'copper meadow lantern 9';

let smtp: TestSmtp;
let t: TestApp;

beforeAll(async () => {
  smtp = await startTestSmtp();
});
afterAll(async () => {
  // Every mail any test here caused: both parts, the practice's name, nothing clinical.
  expect(smtp.messages.length).toBeGreaterThan(0);
  for (const mail of smtp.messages) {
    expect(mail.text.length).toBeGreaterThan(0);
    expect(mail.html).toContain('<html');
    expect(mail.text).toContain(PRACTICE);
    expect(mail.html).toContain(PRACTICE);
    expect(`${mail.subject} ${mail.text}`).not.toMatch(/diagnos|medication|allerg|result|condition|prescri/i);
  }
  await smtp.close();
});
beforeEach(async () => {
  t = await createTestApp({
    SMTP_URL: smtp.url,
    PRACTICE_NAME: PRACTICE,
    PUBLIC_URL: 'https://portal.example',
  });
});
afterEach(() => t.cleanup());

function registration(overrides: Record<string, unknown> = {}) {
  return {
    firstName: 'Élodie',
    lastName: 'Fournier',
    birthDate: birthDateForAge(t, 34),
    legalSex: 'female',
    zip: '60901',
    email: 'elodie@example.com',
    mobilePhone: '(555) 010-3301',
    password: PASSWORD,
    ...overrides,
  };
}

async function problemOf(res: Response, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  return (await res.json()) as { type: string; detail?: string; errors?: Record<string, string> };
}

const codeIn = (text: string) => /\b(\d{6})\b/.exec(text)?.[1] ?? '';

function totpCode(setup: TotpSetup, at: Date): string {
  return new TOTP({ secret: setup.secret, algorithm: 'SHA1', digits: 6, period: 30 }).generate({
    timestamp: at.getTime(),
  });
}

describe('an adult registers, sets up an authenticator, signs out and resets a forgotten password', () => {
  it('goes through the whole journey with real e-mails', async () => {
    addPatient(t, {
      id: 'p-elodie',
      given: 'Elodie',
      family: 'Fournier',
      birthDate: registration().birthDate,
      zip: '60901',
    });

    // Case, accents and spaces do not matter for the identity match.
    const res = await call(
      t,
      'POST',
      '/api/auth/register',
      registration({ firstName: '  élodie ', lastName: 'FOURNIER' }),
    );
    expect(res.status).toBe(202);
    const accepted = (await res.json()) as RegisterAccepted;
    expect(accepted.status).toBe('check-your-email');

    const codeMail = await smtp.next('elodie@example.com', /confirmation code/i);
    const confirm = await call(t, 'POST', '/api/auth/register/confirm', {
      registrationId: accepted.registrationId,
      code: codeIn(codeMail.text),
    });
    const first = await signedIn(confirm);
    expect(first.body.needsSecurityOption).toBe(true);
    expect(first.body.account).toMatchObject({
      email: 'elodie@example.com',
      patientId: 'p-elodie',
      securityOption: null,
    });
    const cookieLine = confirm.headers.getSetCookie().find((l) => l.startsWith('portal_refresh='))!;
    expect(cookieLine).toMatch(/HttpOnly/);
    expect(cookieLine).toMatch(/SameSite=Strict/);
    expect(cookieLine).toMatch(/Path=\/api\/auth/);
    expect(cookieLine).toMatch(/Secure/);

    // Until the security option is set up, only the profile can be read.
    expect((await call(t, 'GET', '/api/me/profile', undefined, { token: first.token })).status).toBe(200);
    const blocked = await problemOf(
      await call(t, 'GET', '/api/me/sessions', undefined, { token: first.token }),
      403,
    );
    expect(blocked.type).toBe('/problems/security-option-required');

    const setupRes = await call(t, 'POST', '/api/auth/security/totp', undefined, { token: first.token });
    const setup = (await setupRes.json()) as TotpSetup;
    expect(setup.otpauthUri).toContain(`issuer=${encodeURIComponent(PRACTICE)}`);
    const wrong = await call(
      t,
      'POST',
      '/api/auth/security/totp/confirm',
      { code: '000000' },
      { token: first.token },
    );
    expect((await problemOf(wrong, 422)).type).toBe('/problems/wrong-code');
    const confirmed = await call(
      t,
      'POST',
      '/api/auth/security/totp/confirm',
      { code: totpCode(setup, t.clock.now()) },
      { token: first.token },
    );
    expect(confirmed.status).toBe(200);
    expect(await confirmed.json()).toMatchObject({ securityOption: 'totp' });

    // A second device signs in; a password reset must end it.
    t.clock.advance(60_000);
    const other = await signedIn(
      await call(t, 'POST', '/api/auth/sign-in', { email: 'Elodie@Example.com', password: PASSWORD }),
    );

    expect((await call(t, 'POST', '/api/auth/sign-out', undefined, { cookie: first.cookie })).status).toBe(
      204,
    );
    const afterSignOut = await call(t, 'POST', '/api/auth/refresh', undefined, { cookie: first.cookie });
    expect((await problemOf(afterSignOut, 401)).type).toBe('/problems/session-ended');
    expect((await call(t, 'GET', '/api/me/profile', undefined, { token: first.token })).status).toBe(401);

    const forgot = await call(t, 'POST', '/api/auth/forgot', { email: 'elodie@example.com' });
    expect(forgot.status).toBe(202);
    const resetMail = await smtp.next('elodie@example.com', /reset/i);
    expect(resetMail.text).toContain('Reset Password');
    const link = /https:\/\/portal\.example\/reset-password#token=([A-Za-z0-9_-]+)/.exec(resetMail.text);
    expect(link).not.toBeNull();
    const token = link![1]!;
    expect(resetMail.html).toContain(`#token=${token}`);

    const check = await call(t, 'POST', '/api/auth/reset/check', { token });
    expect((await check.json()) as ResetCheck).toEqual({ verifyWith: 'totp' });

    const differ = await call(t, 'POST', '/api/auth/reset', {
      token,
      password: NEW_PASSWORD,
      passwordAgain: `${NEW_PASSWORD}x`,
      code: '123456',
    });
    expect((await problemOf(differ, 422)).errors).toHaveProperty('body.passwordAgain');
    const badCode = await call(t, 'POST', '/api/auth/reset', {
      token,
      password: NEW_PASSWORD,
      passwordAgain: NEW_PASSWORD,
      code: '000000',
    });
    expect((await problemOf(badCode, 401)).type).toBe('/problems/wrong-code');

    t.clock.advance(60_000);
    const reset = await call(t, 'POST', '/api/auth/reset', {
      token,
      password: NEW_PASSWORD,
      passwordAgain: NEW_PASSWORD,
      code: totpCode(setup, t.clock.now()),
    });
    const afterReset = await signedIn(reset);
    expect(afterReset.body.needsSecurityOption).toBe(false);
    expect((await call(t, 'GET', '/api/me/profile', undefined, { token: afterReset.token })).status).toBe(
      200,
    );

    // Every other session ended: its access token and its refresh cookie.
    expect((await call(t, 'GET', '/api/me/profile', undefined, { token: other.token })).status).toBe(401);
    expect((await call(t, 'POST', '/api/auth/refresh', undefined, { cookie: other.cookie })).status).toBe(
      401,
    );
    // The link worked once.
    expect((await problemOf(await call(t, 'POST', '/api/auth/reset/check', { token }), 410)).type).toBe(
      '/problems/expired',
    );
    await smtp.next('elodie@example.com', /password was changed/i);

    const history = await call(t, 'GET', '/api/me/activity', undefined, { token: afterReset.token });
    const actions = ((await history.json()) as { events: ActivityEvent[] }).events.map((e) => e.action);
    expect(actions).toEqual([
      'sign-in',
      'password-reset',
      'password-reset-requested',
      'sign-out',
      'sign-in',
      'security-option-set',
      'email-confirmed',
      'account-created',
    ]);
  });

  it('lets a confirmation code and a reset link expire after 30 minutes', async () => {
    addPatient(t, {
      id: 'p-elodie',
      given: 'Elodie',
      family: 'Fournier',
      birthDate: registration().birthDate,
      zip: '60901',
    });
    const accepted = (await (
      await call(t, 'POST', '/api/auth/register', registration())
    ).json()) as RegisterAccepted;
    const code = codeIn((await smtp.next('elodie@example.com', /confirmation/i)).text);
    t.clock.advance(31 * 60_000);
    const late = await call(t, 'POST', '/api/auth/register/confirm', {
      registrationId: accepted.registrationId,
      code,
    });
    expect((await problemOf(late, 410)).type).toBe('/problems/expired');

    const again = (await (
      await call(t, 'POST', '/api/auth/register', registration())
    ).json()) as RegisterAccepted;
    const code2 = codeIn((await smtp.next('elodie@example.com', /confirmation/i)).text);
    await signedIn(
      await call(t, 'POST', '/api/auth/register/confirm', {
        registrationId: again.registrationId,
        code: code2,
      }),
    );

    await call(t, 'POST', '/api/auth/forgot', { email: 'elodie@example.com' });
    const token = /#token=([A-Za-z0-9_-]+)/.exec((await smtp.next('elodie@example.com', /reset/i)).text)![1]!;
    t.clock.advance(29 * 60_000);
    expect((await call(t, 'POST', '/api/auth/reset/check', { token })).status).toBe(200);
    t.clock.advance(2 * 60_000);
    expect((await call(t, 'POST', '/api/auth/reset/check', { token })).status).toBe(410);
  });

  it('voids a registration after five wrong codes', async () => {
    addPatient(t, {
      id: 'p-elodie',
      given: 'Elodie',
      family: 'Fournier',
      birthDate: registration().birthDate,
      zip: '60901',
    });
    const accepted = (await (
      await call(t, 'POST', '/api/auth/register', registration())
    ).json()) as RegisterAccepted;
    const code = codeIn((await smtp.next('elodie@example.com', /confirmation/i)).text);
    const wrong = code === '111111' ? '222222' : '111111';
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await call(t, 'POST', '/api/auth/register/confirm', {
        registrationId: accepted.registrationId,
        code: wrong,
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([422, 422, 422, 422, 410]);
    const right = await call(t, 'POST', '/api/auth/register/confirm', {
      registrationId: accepted.registrationId,
      code,
    });
    expect(right.status).toBe(410);
    expect(rowCounts(t).accounts).toBe(0);
  });

  it('sends no mail and answers the same for an unknown address on "Forgot your password?"', async () => {
    const res = await call(t, 'POST', '/api/auth/forgot', { email: 'nobody@example.com' });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ status: 'check-your-email' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(smtp.pending('nobody@example.com')).toHaveLength(0);
    expect(refreshCookieOf(res)).toBeUndefined();
  });
});

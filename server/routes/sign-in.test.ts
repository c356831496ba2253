// Signing in and staying signed in: lock-out with back-off, unknown e-mails indistinguishable,
// refresh-token rotation and reuse detection, unlocking an idle app, two-step sign-in.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ActivityEvent, TwoStepRequired } from '../../core/accounts';
import { hashPassword } from '../services/accounts/password-hash';
import { call, createAccount, signedIn } from '../test-support/accounts';
import { createTestApp, type TestApp } from '../test-support/test-app';

const PASSWORD = 'violet harbor kettle 42';
const RECOVERY = ['k7pq-m2xz-9rtw', 'abcd-efgh-jkmn'];
let hash: string;
let t: TestApp;

beforeAll(async () => {
  hash = await hashPassword(PASSWORD);
});
beforeEach(async () => {
  t = await createTestApp();
  createAccount(t, {
    email: 'rosa@example.com',
    passwordHash: hash,
    patientId: 'p-rosa',
    recoveryCodes: RECOVERY,
  });
});
afterEach(() => t.cleanup());

const signIn = (email: string, password: string) => call(t, 'POST', '/api/auth/sign-in', { email, password });

async function activity(token: string): Promise<string[]> {
  const res = await call(t, 'GET', '/api/me/activity', undefined, { token });
  return ((await res.json()) as { events: ActivityEvent[] }).events.map((e) => e.action);
}

describe('sign-in', () => {
  it('locks an account for a minute after five failures, says when to retry, and opens again after', async () => {
    const failures: Array<{ status: number; body: unknown }> = [];
    for (let i = 0; i < 5; i++) {
      const res = await signIn('rosa@example.com', 'wrong password here');
      failures.push({ status: res.status, body: await res.json() });
    }
    expect(failures.every((f) => f.status === 401)).toBe(true);

    const locked = await signIn('rosa@example.com', PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toBe('60');
    const problem = (await locked.json()) as { type: string; detail: string };
    expect(problem.type).toBe('/problems/too-many-attempts');
    expect(problem.detail).toMatch(/try again in 1 minute/);

    t.clock.advance(61_000);
    // One more failure after the lock doubles it.
    expect((await signIn('rosa@example.com', 'wrong password again')).status).toBe(401);
    const longer = await signIn('rosa@example.com', PASSWORD);
    expect(longer.headers.get('retry-after')).toBe('120');
    t.clock.advance(121_000);
    const session = await signedIn(await signIn('rosa@example.com', PASSWORD));
    expect(await activity(session.token)).toEqual(['sign-in', ...Array(6).fill('sign-in-failed')]);
    // Success cleared the count: one new failure does not lock.
    expect((await signIn('rosa@example.com', 'wrong password here')).status).toBe(401);
    expect((await signIn('rosa@example.com', 'wrong password here')).status).toBe(401);
  });

  it('answers an unknown e-mail with the same words and the same lock as a wrong password', async () => {
    const known = await signIn('rosa@example.com', 'wrong password here');
    const unknown = await signIn('nobody@example.com', 'wrong password here');
    expect(unknown.status).toBe(known.status);
    expect(await unknown.json()).toEqual(await known.json());
    for (let i = 0; i < 4; i++) await signIn('nobody@example.com', 'wrong password here');
    const locked = await signIn('nobody@example.com', 'wrong password here');
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toBe('60');
  });
});

describe('refresh tokens', () => {
  it('rotates on every refresh and ends the whole chain when an old token comes back', async () => {
    const first = await signedIn(await signIn('rosa@example.com', PASSWORD));
    const second = await signedIn(
      await call(t, 'POST', '/api/auth/refresh', undefined, { cookie: first.cookie }),
    );
    expect(second.cookie).not.toBe(first.cookie);
    // The page and the service worker refreshing at the same instant is a race, not a theft.
    const raced = await call(t, 'POST', '/api/auth/refresh', undefined, { cookie: first.cookie });
    expect(raced.status).toBe(409);
    expect(raced.headers.get('retry-after')).toBe('1');
    t.clock.advance(11_000);
    const third = await signedIn(
      await call(t, 'POST', '/api/auth/refresh', undefined, { cookie: second.cookie }),
    );

    // The first token again: someone copied it. The chain ends for everyone holding it.
    const reuse = await call(t, 'POST', '/api/auth/refresh', undefined, { cookie: first.cookie });
    expect(reuse.status).toBe(401);
    expect(((await reuse.json()) as { type: string }).type).toBe('/problems/session-ended');
    expect((await call(t, 'POST', '/api/auth/refresh', undefined, { cookie: third.cookie })).status).toBe(
      401,
    );
    expect((await call(t, 'GET', '/api/me/profile', undefined, { token: third.token })).status).toBe(401);

    const fresh = await signedIn(await signIn('rosa@example.com', PASSWORD));
    expect(await activity(fresh.token)).toEqual(['sign-in', 'refresh-token-reuse', 'sign-in']);
  });

  it('ends a session 30 days after its last use', async () => {
    const first = await signedIn(await signIn('rosa@example.com', PASSWORD));
    t.clock.advance(29 * 24 * 3600_000);
    const kept = await signedIn(
      await call(t, 'POST', '/api/auth/refresh', undefined, { cookie: first.cookie }),
    );
    t.clock.advance(30 * 24 * 3600_000 + 1000);
    expect((await call(t, 'POST', '/api/auth/refresh', undefined, { cookie: kept.cookie })).status).toBe(401);
  });

  it('refuses an access token after its 10 minutes', async () => {
    const session = await signedIn(await signIn('rosa@example.com', PASSWORD));
    expect(session.body.expiresIn).toBe(600);
    t.clock.advance(601_000);
    const res = await call(t, 'GET', '/api/me/profile', undefined, { token: session.token });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
  });
});

describe('unlocking an idle app', () => {
  it('needs the password, then gives a new access token and rotates the cookie', async () => {
    const session = await signedIn(await signIn('rosa@example.com', PASSWORD));
    const wrong = await call(
      t,
      'POST',
      '/api/auth/unlock',
      { password: 'not my password' },
      { cookie: session.cookie },
    );
    expect(wrong.status).toBe(401);
    const unlocked = await signedIn(
      await call(t, 'POST', '/api/auth/unlock', { password: PASSWORD }, { cookie: session.cookie }),
    );
    expect(unlocked.cookie).not.toBe(session.cookie);
    expect((await call(t, 'GET', '/api/me/profile', undefined, { token: unlocked.token })).status).toBe(200);
    const noCookie = await call(t, 'POST', '/api/auth/unlock', { password: PASSWORD });
    expect(((await noCookie.json()) as { type: string }).type).toBe('/problems/session-ended');
  });
});

describe('two-step sign-in', () => {
  it('asks for a recovery code after the password, and each code works once', async () => {
    const session = await signedIn(await signIn('rosa@example.com', PASSWORD));
    const on = await call(t, 'PUT', '/api/me/two-step', { enabled: true }, { token: session.token });
    expect(await on.json()).toMatchObject({ twoStepSignIn: true });

    const step1 = (await (await signIn('rosa@example.com', PASSWORD)).json()) as TwoStepRequired;
    expect(step1).toMatchObject({ status: 'two-step-required', method: 'recovery-codes' });
    const wrong = await call(t, 'POST', '/api/auth/sign-in/two-step', {
      challenge: step1.challenge,
      code: 'zzzz-zzzz-zzzz',
    });
    expect(wrong.status).toBe(401);
    await signedIn(
      await call(t, 'POST', '/api/auth/sign-in/two-step', {
        challenge: step1.challenge,
        code: 'K7PQ M2XZ 9RTW',
      }),
    );

    const step2 = (await (await signIn('rosa@example.com', PASSWORD)).json()) as TwoStepRequired;
    const reused = await call(t, 'POST', '/api/auth/sign-in/two-step', {
      challenge: step2.challenge,
      code: RECOVERY[0],
    });
    expect(reused.status).toBe(401);
  });
});

describe('signing out', () => {
  it('signs out everywhere at once', async () => {
    const a = await signedIn(await signIn('rosa@example.com', PASSWORD));
    const b = await signedIn(await signIn('rosa@example.com', PASSWORD));
    expect(
      (await call(t, 'POST', '/api/auth/sign-out-everywhere', undefined, { token: a.token })).status,
    ).toBe(204);
    for (const s of [a, b]) {
      expect((await call(t, 'GET', '/api/me/profile', undefined, { token: s.token })).status).toBe(401);
      expect((await call(t, 'POST', '/api/auth/refresh', undefined, { cookie: s.cookie })).status).toBe(401);
    }
  });

  it('refuses state changes from another site', async () => {
    const evil = await t.app.request('/api/auth/sign-in', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: 'https://evil.example',
        'sec-fetch-site': 'cross-site',
      },
      body: JSON.stringify({ email: 'rosa@example.com', password: PASSWORD }),
    });
    expect(evil.status).toBe(403);
    expect(((await evil.json()) as { type: string }).type).toBe('/problems/cross-site-request');
    const originOnly = await t.app.request('/api/auth/sign-out', {
      method: 'POST',
      headers: { origin: 'https://evil.example' },
    });
    expect(originOnly.status).toBe(403);
    const sameOrigin = await t.app.request('http://localhost:8787/api/auth/sign-out', {
      method: 'POST',
      headers: { origin: 'http://localhost:8787', 'sec-fetch-site': 'same-origin' },
    });
    expect(sameOrigin.status).toBe(204);
  });
});

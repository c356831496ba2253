// The signed-in person's own data: profile edits with conflicts and exactly-once replay, e-mail
// change by code, password change, signed-in devices and the activity history.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ActivityEvent, DeviceSession, Profile } from '../../core/accounts';
import { hashPassword } from '../services/accounts/password-hash';
import { call, createAccount, type SignedIn, signedIn } from '../test-support/accounts';
import { startTestSmtp, type TestSmtp } from '../test-support/smtp';
import { createTestApp, type TestApp } from '../test-support/test-app';

const PASSWORD = 'violet harbor kettle 42';
let hash: string;
let smtp: TestSmtp;
let t: TestApp;
let me: SignedIn;

beforeAll(async () => {
  [hash, smtp] = await Promise.all([hashPassword(PASSWORD), startTestSmtp()]);
});
afterAll(() => smtp.close());
beforeEach(async () => {
  t = await createTestApp({ SMTP_URL: smtp.url });
  t.clock.set(new Date('2026-03-10T15:00:00Z'));
  createAccount(t, {
    email: 'rosa@example.com',
    passwordHash: hash,
    patientId: 'p-rosa',
    recoveryCodes: ['k7pq-m2xz-9rtw'],
  });
  me = await signedIn(
    await call(t, 'POST', '/api/auth/sign-in', { email: 'rosa@example.com', password: PASSWORD }),
  );
});
afterEach(() => t.cleanup());

/** The access token lasts minutes: after moving the clock by days, refresh as the app would. */
async function renew(): Promise<void> {
  me = await signedIn(await call(t, 'POST', '/api/auth/refresh', undefined, { cookie: me.cookie }));
}

const get = async <T>(path: string, token = me.token) =>
  (await (await call(t, 'GET', path, undefined, { token })).json()) as T;

describe('profile', () => {
  it('saves an edit based on the current version and refuses a stale one with the current profile', async () => {
    const start = await get<Profile>('/api/me/profile');
    expect(start.version).toBe(1);
    const saved = await call(
      t,
      'PATCH',
      '/api/me/profile',
      { baseVersion: 1, changes: { preferredName: 'Rosie', preferredLanguage: 'Spanish' } },
      { token: me.token },
    );
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({
      preferredName: 'Rosie',
      preferredLanguage: 'Spanish',
      version: 2,
    });

    // An edit made offline on version 1 arrives later: it must not overwrite "Rosie".
    const stale = await call(
      t,
      'PATCH',
      '/api/me/profile',
      { baseVersion: 1, changes: { preferredName: 'R.' } },
      { token: me.token },
    );
    expect(stale.status).toBe(409);
    const problem = (await stale.json()) as { type: string; current: Profile };
    expect(problem.type).toBe('/problems/edit-conflict');
    expect(problem.current).toMatchObject({ preferredName: 'Rosie', version: 2 });
    expect((await get<Profile>('/api/me/profile')).preferredName).toBe('Rosie');
  });

  it('applies a replayed edit once and answers the repeat with the first result', async () => {
    const key = crypto.randomUUID();
    const send = () =>
      call(
        t,
        'PATCH',
        '/api/me/profile',
        { baseVersion: 1, changes: { homePhone: '(555) 010-7777' } },
        { token: me.token, headers: { 'idempotency-key': key } },
      );
    const first = await send();
    const again = await send();
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(await first.json());
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await get<Profile>('/api/me/profile')).version).toBe(2);
    const changes = await get<{ events: ActivityEvent[] }>('/api/me/activity');
    expect(changes.events.filter((e) => e.action === 'profile-changed')).toHaveLength(1);

    const otherRoute = await call(
      t,
      'PUT',
      '/api/me/two-step',
      { enabled: true },
      { token: me.token, headers: { 'idempotency-key': key } },
    );
    expect(otherRoute.status).toBe(422);
    expect(((await otherRoute.json()) as { type: string }).type).toBe('/problems/idempotency-key-reused');
  });

  it('changes the e-mail only once the code sent to the new address comes back', async () => {
    const asked = await call(
      t,
      'POST',
      '/api/me/email',
      { newEmail: 'rosa.new@example.com' },
      { token: me.token },
    );
    expect(asked.status).toBe(202);
    const notice = await smtp.next('rosa@example.com', /being changed/i);
    expect(notice.text).not.toContain('rosa.new@example.com');
    const codeMail = await smtp.next('rosa.new@example.com', /confirm your new/i);
    expect((await get<Profile>('/api/me/profile')).pendingEmail).toBe('rosa.new@example.com');

    const wrong = await call(t, 'POST', '/api/me/email/confirm', { code: '000000' }, { token: me.token });
    expect(wrong.status).toBe(422);
    const code = /\b(\d{6})\b/.exec(codeMail.text)![1];
    const done = await call(t, 'POST', '/api/me/email/confirm', { code }, { token: me.token });
    expect(await done.json()).toMatchObject({ email: 'rosa.new@example.com', pendingEmail: null });
    await signedIn(
      await call(t, 'POST', '/api/auth/sign-in', { email: 'rosa.new@example.com', password: PASSWORD }),
    );
  });
});

describe('security settings', () => {
  it('asks for the password again before replacing the security option, unless it was entered minutes ago', async () => {
    const codes = () => call(t, 'POST', '/api/auth/security/recovery-codes', undefined, { token: me.token });
    // Just signed in: the password was entered moments ago.
    expect((await codes()).status).toBe(200);

    t.clock.advance(11 * 60_000);
    await renew();
    const refused = await codes();
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { type: string }).type).toBe(
      '/problems/password-confirmation-required',
    );
    expect((await call(t, 'POST', '/api/auth/security/totp', undefined, { token: me.token })).status).toBe(
      403,
    );

    const wrong = await call(
      t,
      'POST',
      '/api/auth/confirm-password',
      { password: 'not my password at all' },
      { token: me.token },
    );
    expect(wrong.status).toBe(401);
    expect((await codes()).status).toBe(403);

    const right = await call(
      t,
      'POST',
      '/api/auth/confirm-password',
      { password: PASSWORD },
      { token: me.token },
    );
    expect(right.status).toBe(204);
    const fresh = await codes();
    expect(fresh.status).toBe(200);
    expect(((await fresh.json()) as { codes: string[] }).codes).toHaveLength(10);
  });

  it('lists signed-in devices and signs one out', async () => {
    const laptop = await signedIn(
      await t.app.request('/api/auth/sign-in', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent':
            'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
        },
        body: JSON.stringify({ email: 'rosa@example.com', password: PASSWORD }),
      }),
    );
    const list = await get<DeviceSession[]>('/api/me/sessions');
    expect(list.map((s) => [s.device, s.current]).sort()).toEqual([
      ['Chrome on Android', true],
      ['Safari on Mac', false],
    ]);
    const other = list.find((s) => !s.current)!;
    expect(
      (await call(t, 'DELETE', `/api/me/sessions/${other.id}`, undefined, { token: me.token })).status,
    ).toBe(204);
    expect((await call(t, 'GET', '/api/me/profile', undefined, { token: laptop.token })).status).toBe(401);
    expect(await get<DeviceSession[]>('/api/me/sessions')).toHaveLength(1);
    expect(
      (await call(t, 'DELETE', `/api/me/sessions/${other.id}`, undefined, { token: me.token })).status,
    ).toBe(404);
  });

  it('changes the password after checking the current one, and ends the other sessions', async () => {
    const other = await signedIn(
      await call(t, 'POST', '/api/auth/sign-in', { email: 'rosa@example.com', password: PASSWORD }),
    );
    const weak = await call(
      t,
      'POST',
      '/api/me/password',
      { currentPassword: PASSWORD, newPassword: 'short' },
      { token: me.token },
    );
    expect(weak.status).toBe(422);
    const wrong = await call(
      t,
      'POST',
      '/api/me/password',
      { currentPassword: 'not the password', newPassword: 'copper meadow lantern 9' },
      { token: me.token },
    );
    expect(wrong.status).toBe(422);
    const changed = await call(
      t,
      'POST',
      '/api/me/password',
      { currentPassword: PASSWORD, newPassword: 'copper meadow lantern 9' },
      { token: me.token },
    );
    expect(changed.status).toBe(204);
    expect((await call(t, 'GET', '/api/me/profile', undefined, { token: me.token })).status).toBe(200);
    expect((await call(t, 'GET', '/api/me/profile', undefined, { token: other.token })).status).toBe(401);
    await smtp.next('rosa@example.com', /password was changed/i);
  });
});

describe('activity history', () => {
  it('shows the account’s events newest first, with the device, filtered by date', async () => {
    t.clock.set(new Date('2026-03-12T18:00:00Z'));
    await renew();
    await call(
      t,
      'PATCH',
      '/api/me/profile',
      { baseVersion: 1, changes: { preferredName: 'Rosie' } },
      { token: me.token },
    );
    t.clock.set(new Date('2026-03-14T18:00:00Z'));
    await call(t, 'POST', '/api/auth/sign-in', {
      email: 'rosa@example.com',
      password: 'wrong password here',
    });
    await renew();

    const all = await get<{ events: ActivityEvent[] }>('/api/me/activity');
    expect(all.events.map((e) => [e.action, e.at.slice(0, 10)])).toEqual([
      ['sign-in-failed', '2026-03-14'],
      ['profile-changed', '2026-03-12'],
      ['sign-in', '2026-03-10'],
    ]);
    expect(all.events[1]).toMatchObject({
      patientId: 'p-rosa',
      device: 'Chrome on Android',
      actorName: 'Test Person',
    });
    expect(JSON.stringify(all)).not.toMatch(/\d+\.\d+\.\d+\.\d+/);

    const middle = await get<{ events: ActivityEvent[] }>('/api/me/activity?from=2026-03-11&to=2026-03-13');
    expect(middle.events.map((e) => e.action)).toEqual(['profile-changed']);
    const bad = await call(t, 'GET', '/api/me/activity?from=yesterday', undefined, { token: me.token });
    expect(bad.status).toBe(422);
  });
});

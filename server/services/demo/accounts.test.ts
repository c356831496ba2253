// The demo practice's sign-ins: active accounts for the demo patients with an e-mail and for the
// care team (staff), the known password and a fixed recovery code each, created once.
import { afterEach, describe, expect, it } from 'vitest';
import { call, signedIn } from '../../test-support/accounts';
import { createTestApp, type TestApp } from '../../test-support/test-app';
import { DEMO_PASSWORD, ensureDemoAccounts } from './accounts';
import { ensureDemoPractice } from './index';

let t: TestApp;
afterEach(() => t.cleanup());

describe('demo accounts', () => {
  it('lets the demo adults, the 15-year-old and the care team sign in, each with a recovery code for a password reset', async () => {
    t = await createTestApp();
    ensureDemoPractice(t.db, { asOf: t.clock.now() });
    const signIns = await ensureDemoAccounts(t.db, t.clock.now());
    expect(signIns.map((s) => s.name)).toEqual([
      'Elena Núñez',
      'Daniel Okafor',
      'Tobi Okafor',
      'Sam Rivera',
      'Jordan Lee',
      'Harold Lindqvist',
      'Care team',
    ]);
    expect(await ensureDemoAccounts(t.db, t.clock.now())).toEqual(signIns);
    expect(t.db.prepare('SELECT count(*) FROM accounts').pluck().get()).toBe(7);
    // The demo's one conversation, seeded once however often the server starts.
    expect(t.db.prepare('SELECT count(*) FROM message_threads').pluck().get()).toBe(1);
    expect(t.db.prepare('SELECT from_side FROM messages ORDER BY sent_at').pluck().all()).toEqual([
      'patient',
      'practice',
    ]);

    const tobi = signIns.find((s) => s.name === 'Tobi Okafor')!;
    const session = await signedIn(
      await call(t, 'POST', '/api/auth/sign-in', { email: tobi.email, password: DEMO_PASSWORD }),
    );
    expect(session.body.account).toMatchObject({
      patientId: 'demo-teen-15',
      securityOption: 'recovery-codes',
    });
    expect(session.body.needsSecurityOption).toBe(false);
    expect((await call(t, 'GET', '/api/me/sessions', undefined, { token: session.token })).status).toBe(200);

    const careTeam = signIns.find((s) => s.role === 'staff')!;
    const staff = await signedIn(
      await call(t, 'POST', '/api/auth/sign-in', { email: careTeam.email, password: DEMO_PASSWORD }),
    );
    expect(staff.body.account).toMatchObject({ role: 'staff', securityOption: 'recovery-codes' });
    expect((await call(t, 'GET', '/api/staff/messages', undefined, { token: staff.token })).status).toBe(200);
  });
});

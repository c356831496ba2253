// The demo practice's sign-ins: active accounts for the demo patients with an e-mail, the known
// password and a fixed recovery code each, created once.
import { afterEach, describe, expect, it } from 'vitest';
import { call, signedIn } from '../../test-support/accounts';
import { createTestApp, type TestApp } from '../../test-support/test-app';
import { ensureDemoPractice } from '../demo';
import { DEMO_PASSWORD, ensureDemoAccounts } from './demo-accounts';

let t: TestApp;
afterEach(() => t.cleanup());

describe('demo accounts', () => {
  it('lets the demo adults and the 15-year-old sign in, each with a recovery code for a password reset', async () => {
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
    ]);
    expect(await ensureDemoAccounts(t.db, t.clock.now())).toEqual(signIns);
    expect(t.db.prepare('SELECT count(*) FROM accounts').pluck().get()).toBe(6);

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
  });
});

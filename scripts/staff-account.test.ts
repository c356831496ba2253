// `npm run staff-account`: a staff account with a temporary password printed once and no security
// option, so its first sign-in must set one up before it reads any patient's messages.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { staffInboxPath } from '../core/message-paths';
import { type AccountRow, findAccountByEmail } from '../server/services/accounts/account-store';
import { hashPassword } from '../server/services/accounts/password-hash';
import { call, createAccount, refreshCookieOf, signedIn } from '../server/test-support/accounts';
import { createTestApp, type TestApp } from '../server/test-support/test-app';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.cleanup());

async function staffAccount(...args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'scripts/staff-account.ts', '--', ...args],
      { env: { ...process.env, DATABASE_PATH: t.config.databasePath, LOG_LEVEL: 'silent' } },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const PASSWORD_IN_OUTPUT = /password[^:\n]*: ([a-z2-9]{4}(?:-[a-z2-9]{4}){4})\n/;

function printedPassword(stdout: string): string {
  const password = PASSWORD_IN_OUTPUT.exec(stdout)?.[1];
  if (!password) throw new Error(`No password in: ${stdout}`);
  return password;
}

const signIn = (email: string, password: string) => call(t, 'POST', '/api/auth/sign-in', { email, password });

const accounts = () => t.db.prepare('SELECT email, role FROM accounts ORDER BY email').all();

describe('npm run staff-account', () => {
  it('creates a staff account whose printed password signs in, and which reads no message until it has a security option', async () => {
    const run = await staffAccount('--email', 'Front.Desk@Practice.org', '--name', 'Front desk');
    expect(run.code).toBe(0);
    const password = printedPassword(run.stdout);
    // Printed once, and not kept: only the scrypt hash is stored.
    expect(run.stdout.split(password)).toHaveLength(2);
    expect(
      t.db.prepare('SELECT count(*) FROM accounts WHERE password_hash LIKE ?').pluck().get(`%${password}%`),
    ).toBe(0);

    const row = findAccountByEmail(t.db, 'front.desk@practice.org') as AccountRow;
    expect(row).toMatchObject({
      email: 'front.desk@practice.org',
      role: 'staff',
      status: 'active',
      patient_id: null,
      security_option: null,
      given_name: 'Front desk',
      family_name: '',
    });
    expect(row.password_hash).toMatch(/^scrypt\$17\$/);
    expect(t.db.prepare('SELECT action FROM audit_events WHERE account_id = ?').pluck().all(row.id)).toEqual([
      'account-created',
    ]);

    const session = await signedIn(await signIn('front.desk@practice.org', password));
    expect(session.body.needsSecurityOption).toBe(true);
    expect(session.body.account).toMatchObject({ role: 'staff', displayName: 'Front desk', patientId: null });

    const refused = await call(t, 'GET', staffInboxPath, undefined, { token: session.token });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { type: string }).type).toBe('/problems/security-option-required');

    const codes = await call(t, 'POST', '/api/auth/security/recovery-codes', undefined, {
      token: session.token,
    });
    expect(codes.status).toBe(200);
    const inbox = await call(t, 'GET', staffInboxPath, undefined, { token: session.token });
    expect(inbox.status).toBe(200);
  });

  it('refuses an e-mail that already has an account, in any capitals, and changes nothing', async () => {
    const first = await staffAccount('--email', 'front.desk@practice.org', '--name', 'Front desk');
    expect(first.code).toBe(0);
    const hash = findAccountByEmail(t.db, 'front.desk@practice.org')!.password_hash;

    const again = await staffAccount('--email', 'FRONT.DESK@practice.org', '--name', 'Someone else');
    expect(again.code).toBe(1);
    expect(again.stdout).toBe('');
    expect(again.stderr).toContain(
      'There is already a staff account with the e-mail front.desk@practice.org',
    );
    expect(again.stderr).toContain('--reset');

    createAccount(t, { email: 'rosa@example.com', passwordHash: hash, patientId: 'p-rosa' });
    const patient = await staffAccount('--email', 'rosa@example.com', '--name', 'Rosa at the desk');
    expect(patient.code).toBe(1);
    expect(patient.stderr).toContain('There is already an account with the e-mail rosa@example.com');

    expect(accounts()).toEqual([
      { email: 'front.desk@practice.org', role: 'staff' },
      { email: 'rosa@example.com', role: 'user' },
    ]);
    expect(findAccountByEmail(t.db, 'front.desk@practice.org')!.password_hash).toBe(hash);
  });

  it('refuses a malformed e-mail, a missing name and unknown options without creating anything', async () => {
    for (const args of [
      ['--email', 'front desk@practice', '--name', 'Front desk'],
      ['--email', 'no-at-sign.practice.org', '--name', 'Front desk'],
      ['--email', 'front.desk@practice.org'],
      ['--email', 'front.desk@practice.org', '--name', '   '],
      ['--email', 'front.desk@practice.org', '--name', 'Front desk', '--role', 'admin'],
      ['front.desk@practice.org', 'Front desk'],
    ]) {
      const run = await staffAccount(...args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain('Usage: npm run staff-account');
    }
    expect((await staffAccount('--email', 'front desk@practice', '--name', 'x')).stderr).toContain(
      'is not a valid e-mail address',
    );
    expect(accounts()).toEqual([]);
  });

  it('--reset gives a staff account a new temporary password and signs out its devices; not for patients', async () => {
    const created = await staffAccount('--email', 'front.desk@practice.org', '--name', 'Front desk');
    const old = printedPassword(created.stdout);
    const before = await signIn('front.desk@practice.org', old);
    const cookie = refreshCookieOf(before)!;
    expect(before.status).toBe(200);

    const reset = await staffAccount('--email', 'front.desk@practice.org', '--reset');
    expect(reset.code).toBe(0);
    const fresh = printedPassword(reset.stdout);
    expect(fresh).not.toBe(old);
    expect(reset.stdout).toContain('1 signed-in device was signed out');

    expect((await signIn('front.desk@practice.org', old)).status).toBe(401);
    expect((await call(t, 'POST', '/api/auth/refresh', undefined, { cookie })).status).toBe(401);
    const session = await signedIn(await signIn('front.desk@practice.org', fresh));
    expect(session.body.needsSecurityOption).toBe(true);

    createAccount(t, {
      email: 'rosa@example.com',
      passwordHash: await hashPassword('violet harbor kettle 42'),
      patientId: 'p-rosa',
    });
    const patient = await staffAccount('--email', 'rosa@example.com', '--reset');
    expect(patient.code).toBe(1);
    expect(patient.stderr).toContain('is not a staff account');
    const nobody = await staffAccount('--email', 'nobody@practice.org', '--reset');
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toContain('There is no account with the e-mail nobody@practice.org');
    expect((await staffAccount('--email', 'front.desk@practice.org', '--reset', '--name', 'x')).code).toBe(2);
  });
});

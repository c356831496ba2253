// The seven callers of the authorization matrix, set up on the demo practice through the family
// services' own code paths, around one target patient (Tobi Okafor, 15, who has an account), and
// the per-request things the matrix needs: fresh sessions, invitations, access requests, grants.
import type { Relationship } from '../../core/family';
import type { AppDeps } from '../context';
import { insertPatientGrant, liveProxyAccessTo } from '../services/access/proxy-access';
import { type AccountRow, findAccountByEmail, insertAccount } from '../services/accounts/account-store';
import { accountServices } from '../services/accounts/index';
import { newRecoveryCode, storeRecoveryCodes } from '../services/accounts/recovery-codes';
import { newId } from '../services/accounts/secrets';
import { signIn } from '../services/accounts/sign-in';
import { DEMO_PASSWORD } from '../services/demo/accounts';
import { acceptInvitation, createInvitation } from '../services/family/invitations';
import { removeGrant } from '../services/family/manage-grants';
import { newPasscode, passcodeHash, showPasscode } from '../services/family/passcodes';
import { insertRequest } from '../services/family/request-store';
import type { MailMessage } from '../services/mail/mailer';
import { createAccount } from './accounts';
import { appFrom, DEMO_EMAIL, demoTemplate, invitationTokenIn } from './family';
import type { TestApp } from './test-app';

export const CALLERS = [
  'patient',
  'fullProxy',
  'billingProxy',
  'removedProxy',
  'otherPatientProxy',
  'anonymous',
  'staff',
] as const;
export type CallerName = (typeof CALLERS)[number];

export interface MatrixCaller {
  name: CallerName;
  /** Null for the anonymous caller. */
  account: AccountRow | null;
  /** What the caller is, for failure messages. */
  who: string;
}

export interface AuthorizationFixture {
  t: TestApp;
  /** Tobi Okafor's patient id: the record the proxies reach (or no longer reach). */
  targetPatientId: string;
  /** A patient with an account whom none of the callers reaches (Elena Núñez). */
  bystander: AccountRow;
  callers: Record<CallerName, MatrixCaller>;
  /** An account with no part in the matrix, for grants that the patient changes or removes. */
  spare: AccountRow;
  /** An account with two-step sign-in on, for the second step of sign-in. */
  twoStep: AccountRow;
}

const device = 'Chrome on Android';

export const MATRIX_EMAIL = {
  grace: 'grace.okafor@example.com',
  kemi: 'kemi.okafor@example.com',
  spare: 'uche.okafor@example.com',
  staff: 'front.desk@example.com',
  twoStep: 'ada.two-step@example.com',
} as const;

function account(t: TestApp, email: string): AccountRow {
  const row = findAccountByEmail(t.db, email);
  if (!row) throw new Error(`No account ${email}`);
  return row;
}

/** Runs a family service with a mailer that keeps what it sends, and returns the one message. */
function withMail<T>(t: TestApp, run: (deps: AppDeps) => T): { result: T; mail: MailMessage } {
  const sent: MailMessage[] = [];
  const result = run({
    ...t.deps,
    mailer: { send: async (m) => void sent.push(m), post: (m) => sent.push(m) },
  });
  if (sent.length !== 1) throw new Error(`Expected one e-mail, got ${sent.length}`);
  return { result, mail: sent[0]! };
}

/** Forgets every rate-limit counter: the matrix sends many requests from one address, quickly. */
export function forgetRateLimits(t: TestApp): void {
  t.db.prepare('DELETE FROM throttles').run();
}

/** The patient invites someone; returns the invitation id and the token from the e-mailed link. */
export function invite(
  t: TestApp,
  patient: AccountRow,
  options: { email?: string; access?: 'full' | 'billing'; relationship?: Relationship } = {},
): { id: string; token: string } {
  forgetRateLimits(t);
  const { result, mail } = withMail(t, (deps) =>
    createInvitation(
      deps,
      patient,
      {
        firstName: 'Invited',
        lastName: 'Person',
        email: options.email ?? `invitee-${newId()}@example.com`,
        relationship: options.relationship ?? 'other',
        access: options.access ?? 'billing',
      },
      device,
    ),
  );
  return { id: result.id, token: invitationTokenIn({ ...mail, to: [mail.to], from: '', attachments: [] }) };
}

/** A pending access request on the patient's record whose passcode the test knows. */
export function pendingRequest(t: TestApp, patientId: string): { id: string; passcode: string } {
  const id = newId();
  const passcode = newPasscode();
  const at = t.clock.now();
  insertRequest(t.db, {
    id,
    kind: 'real',
    patient_id: patientId,
    requester_account_id: null,
    requester_given_name: 'Asking',
    requester_family_name: 'Relative',
    requester_email: `requester-${id}@example.com`,
    relationship: 'other',
    passcode_hash: passcodeHash(t.deps.keys.codeHmacKey, id, passcode),
    expires_at: new Date(at.getTime() + 24 * 3600_000).toISOString(),
    created_at: at.toISOString(),
  });
  return { id, passcode: showPasscode(passcode) };
}

/** A fresh live grant on the patient's record, to the spare account (ending its earlier one). */
export function spareGrant(fx: AuthorizationFixture): string {
  return insertPatientGrant(
    fx.t.db,
    {
      accountId: fx.spare.id,
      patientId: fx.targetPatientId,
      level: 'billing',
      relationship: 'other',
      source: 'invitation',
      fullChosenAt: null,
    },
    fx.t.clock.now(),
  ).id;
}

/** A sign-in of the two-step account waiting for its second step, and a recovery code that passes it. */
export async function twoStepChallenge(
  fx: AuthorizationFixture,
): Promise<{ challenge: string; code: string }> {
  const { t, twoStep } = fx;
  const code = newRecoveryCode();
  storeRecoveryCodes(t.db, twoStep.id, [code], t.clock.now());
  forgetRateLimits(t);
  const result = await signIn(t.deps, twoStep.email, DEMO_PASSWORD, device, '127.0.0.1');
  if (result.kind !== 'two-step') throw new Error(`Expected a second step, got ${result.kind}`);
  return { challenge: result.challenge, code };
}

export interface MatrixSession {
  id: string;
  token: string;
  /** The refresh token, as the portal_refresh cookie carries it. */
  cookie: string;
}

export interface SessionOptions {
  /** The password was entered again a moment ago ("Confirm your password"). */
  passwordJustEntered?: boolean;
  /** The sign-in (the last time the password was entered) was this long ago; by default just now. */
  signedInMinutesAgo?: number;
}

/**
 * A new session of the account, as a sign-in starts it (sessions.start, then an access token), so
 * that each request of the matrix can end or rotate its own session without touching the others'.
 */
export async function sessionFor(
  t: TestApp,
  accountId: string,
  options: SessionOptions = {},
): Promise<MatrixSession> {
  const { sessions, tokens } = accountServices(t.deps);
  const { session, refreshToken } = sessions.start(accountId, device);
  if (options.signedInMinutesAgo !== undefined) {
    const at = new Date(t.clock.now().getTime() - options.signedInMinutesAgo * 60_000).toISOString();
    t.db.prepare('UPDATE sessions SET created_at = ? WHERE id = ?').run(at, session.id);
  }
  if (options.passwordJustEntered) sessions.confirmPassword(session.id);
  const { token } = await tokens.sign({ accountId, sessionId: session.id });
  return { id: session.id, token, cookie: refreshToken };
}

/**
 * Runs `run` while the account has no security option, as between confirming its e-mail and
 * choosing one at the end of its sign-up, then gives the option back (whatever `run` set up).
 */
export async function withoutSecurityOption<T>(
  t: TestApp,
  accountId: string,
  run: () => Promise<T>,
): Promise<T> {
  const option = t.db.prepare('SELECT security_option FROM accounts WHERE id = ?').pluck().get(accountId);
  t.db.prepare('UPDATE accounts SET security_option = NULL WHERE id = ?').run(accountId);
  try {
    return await run();
  } finally {
    t.db.prepare('UPDATE accounts SET security_option = ? WHERE id = ?').run(option, accountId);
  }
}

/**
 * The demo practice plus the matrix's people, all with the demo password and a security option:
 * - patient: Tobi Okafor (15) himself;
 * - fullProxy: his aunt Grace, no patient record, invited by Tobi with Full and accepted;
 * - billingProxy: his father Daniel, linked by the practice, Billing only since Tobi turned 13;
 * - removedProxy: his aunt Kemi, invited with Full, accepted, then removed by Tobi;
 * - otherPatientProxy: Jordan Lee, a patient with Full access to Sam Rivera, nothing of Tobi's;
 * - anonymous: no sign-in;
 * - staff: a front-desk account (role 'staff').
 */
export async function authorizationFixture(): Promise<AuthorizationFixture> {
  const t = await appFrom(await demoTemplate());
  const { db } = t;
  const now = t.clock.now();
  const passwordHash = account(t, DEMO_EMAIL.daniel).password_hash;
  const codes = () => [newRecoveryCode()];
  const tobi = account(t, DEMO_EMAIL.tobi);
  const targetPatientId = tobi.patient_id!;
  const newPerson = (email: string) => createAccount(t, { email, passwordHash, recoveryCodes: codes() });

  const grace = newPerson(MATRIX_EMAIL.grace);
  acceptInvitation(t.deps, grace, invite(t, tobi, { email: grace.email, access: 'full' }).token, device);

  const kemi = newPerson(MATRIX_EMAIL.kemi);
  acceptInvitation(t.deps, kemi, invite(t, tobi, { email: kemi.email, access: 'full' }).token, device);
  removeGrant(t.deps, tobi, liveProxyAccessTo(db, kemi.id, targetPatientId)!.id, device);

  const sam = account(t, DEMO_EMAIL.sam);
  const jordan = account(t, DEMO_EMAIL.jordan);
  acceptInvitation(t.deps, jordan, invite(t, sam, { email: jordan.email, access: 'full' }).token, device);

  insertAccount(
    db,
    {
      email: MATRIX_EMAIL.staff,
      passwordHash,
      patientId: null,
      givenName: 'Front',
      familyName: 'Desk',
      profile: JSON.parse(account(t, DEMO_EMAIL.daniel).profile_json),
      role: 'staff',
      securityOption: 'recovery-codes',
    },
    now,
  );
  const spare = newPerson(MATRIX_EMAIL.spare);
  const twoStep = newPerson(MATRIX_EMAIL.twoStep);
  db.prepare('UPDATE accounts SET two_step = 1 WHERE id = ?').run(twoStep.id);

  const caller = (name: CallerName, email: string | null, who: string): MatrixCaller => ({
    name,
    account: email === null ? null : account(t, email),
    who,
  });
  return {
    t,
    targetPatientId,
    bystander: account(t, DEMO_EMAIL.elena),
    spare,
    twoStep: account(t, MATRIX_EMAIL.twoStep),
    callers: {
      patient: caller('patient', DEMO_EMAIL.tobi, 'Tobi Okafor, 15, the patient'),
      fullProxy: caller('fullProxy', MATRIX_EMAIL.grace, 'Grace, Full access to Tobi'),
      billingProxy: caller('billingProxy', DEMO_EMAIL.daniel, 'Daniel, Billing only access to Tobi'),
      removedProxy: caller('removedProxy', MATRIX_EMAIL.kemi, 'Kemi, whose access to Tobi was removed'),
      otherPatientProxy: caller('otherPatientProxy', DEMO_EMAIL.jordan, 'Jordan, Full access to Sam only'),
      anonymous: caller('anonymous', null, 'no sign-in'),
      staff: caller('staff', MATRIX_EMAIL.staff, 'a staff account'),
    },
  };
}

// Sign-in with e-mail and password, the optional second step, and unlocking an idle app. Unknown
// e-mails get the same answer and the same work (a full password check) as wrong passwords.

import type { SecurityOption } from '../../../core/accounts';
import { PASSWORD_CONFIRMATION_MINUTES } from '../../../core/accounts';
import type { AppDeps } from '../../context';
import { ProblemException } from '../../http/problem';
import { type AccountRow, findAccountByEmail, findAccountById, setPasswordHash } from './account-store';
import { accountServices } from './index';
import { DUMMY_PASSWORD_HASH, hashPassword, needsRehash, verifyPassword } from './password-hash';
import { accountProblems } from './problems';
import { randomToken, sha256 } from './secrets';
import { verifySecurityCode } from './security-code';
import type { SessionRow } from './sessions';
import { PER_ACCOUNT, PER_ADDRESS } from './throttle';

const CHALLENGE_MINUTES = 5;
const CHALLENGE_SCOPE = 'sign-in-challenge';

export interface SessionStart {
  account: AccountRow;
  sessionId: string;
  refreshToken: string;
}

export type SignInResult =
  | ({ kind: 'signed-in' } & SessionStart)
  | { kind: 'two-step'; challenge: string; method: SecurityOption };

export const signInKey = (email: string) => `sign-in:email:${email.trim().toLowerCase()}`;
const addressKey = (ip: string) => `sign-in:ip:${ip}`;

/** Checks a password for an account (or for no one, at the same cost); counts failures. */
async function checkPassword(
  deps: AppDeps,
  email: string,
  account: AccountRow | undefined,
  password: string,
  device: string,
  ip: string,
): Promise<AccountRow> {
  const { throttle, audit } = accountServices(deps);
  const keys = [signInKey(email), addressKey(ip)];
  throttle.check(keys);
  const ok = await verifyPassword(password, account?.password_hash ?? DUMMY_PASSWORD_HASH);
  if (!account || !ok) {
    throttle.fail([
      [keys[0]!, PER_ACCOUNT],
      [keys[1]!, PER_ADDRESS],
    ]);
    if (account)
      audit({ action: 'sign-in-failed', accountId: account.id, patientId: account.patient_id, device });
    throw new ProblemException(accountProblems.signInFailed());
  }
  throttle.clear(keys[0]!);
  if (needsRehash(account.password_hash)) {
    setPasswordHash(deps.db, account.id, await hashPassword(password), deps.now());
  }
  return account;
}

export async function signIn(
  deps: AppDeps,
  email: string,
  password: string,
  device: string,
  ip: string,
): Promise<SignInResult> {
  const account = await checkPassword(deps, email, findAccountByEmail(deps.db, email), password, device, ip);
  if (account.two_step === 1 && account.security_option !== null) {
    const challenge = randomToken();
    const at = deps.now();
    deps.db
      .prepare(
        'INSERT INTO sign_in_challenges (challenge_hash, account_id, device, expires_at, created_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(
        sha256(challenge, CHALLENGE_SCOPE),
        account.id,
        device,
        new Date(at.getTime() + CHALLENGE_MINUTES * 60_000).toISOString(),
        at.toISOString(),
      );
    return { kind: 'two-step', challenge, method: account.security_option };
  }
  return { kind: 'signed-in', ...startSignedIn(deps, account, device) };
}

function startSignedIn(deps: AppDeps, account: AccountRow, device: string): SessionStart {
  const { sessions, audit } = accountServices(deps);
  const { session, refreshToken } = sessions.start(account.id, device);
  audit({
    action: 'sign-in',
    accountId: account.id,
    actorAccountId: account.id,
    patientId: account.patient_id,
    device,
  });
  return { account, sessionId: session.id, refreshToken };
}

export function completeTwoStep(
  deps: AppDeps,
  challenge: string,
  code: string,
  device: string,
): SessionStart {
  const { db, now } = deps;
  const { throttle } = accountServices(deps);
  const hash = sha256(challenge, CHALLENGE_SCOPE);
  const row = db
    .prepare<[string, string], { account_id: string }>(
      'SELECT account_id FROM sign_in_challenges WHERE challenge_hash = ? AND expires_at > ?',
    )
    .get(hash, now().toISOString());
  const account = row ? findAccountById(db, row.account_id) : undefined;
  if (!account) throw new ProblemException(accountProblems.signInFailed());
  const key = `two-step:account:${account.id}`;
  throttle.check([key]);
  if (!verifySecurityCode(db, account, code, now())) {
    throttle.fail([[key, PER_ACCOUNT]]);
    throw new ProblemException(accountProblems.wrongCode(401));
  }
  throttle.clear(key);
  db.prepare('DELETE FROM sign_in_challenges WHERE challenge_hash = ? OR expires_at <= ?').run(
    hash,
    now().toISOString(),
  );
  return startSignedIn(deps, findAccountById(db, account.id)!, device);
}

/** Unlocking an idle app: the refresh cookie's session plus the password; rotates the cookie. */
export async function unlock(
  deps: AppDeps,
  refreshToken: string | undefined,
  password: string,
  device: string,
  ip: string,
): Promise<SessionStart> {
  const { sessions } = accountServices(deps);
  const session = refreshToken ? sessions.peek(refreshToken) : undefined;
  const account = session ? findAccountById(deps.db, session.account_id) : undefined;
  if (!refreshToken || !session || !account) throw new ProblemException(accountProblems.sessionEnded());
  await checkPassword(deps, account.email, account, password, device, ip);
  const outcome = sessions.rotate(refreshToken);
  if (outcome.kind !== 'rotated') throw new ProblemException(accountProblems.sessionEnded());
  sessions.confirmPassword(outcome.session.id);
  return {
    account: findAccountById(deps.db, account.id)!,
    sessionId: outcome.session.id,
    refreshToken: outcome.refreshToken,
  };
}

/** "Confirm your password" before a sensitive change: checked and throttled like a sign-in. */
export async function confirmPassword(
  deps: AppDeps,
  account: AccountRow,
  sessionId: string,
  password: string,
  device: string,
  ip: string,
): Promise<void> {
  await checkPassword(deps, account.email, account, password, device, ip);
  accountServices(deps).sessions.confirmPassword(sessionId);
}

/** Whether the password was entered in this session recently enough for a sensitive change. */
export function passwordRecentlyConfirmed(session: SessionRow, now: Date): boolean {
  const at = Date.parse(session.password_confirmed_at ?? session.created_at);
  return now.getTime() - at <= PASSWORD_CONFIRMATION_MINUTES * 60_000;
}

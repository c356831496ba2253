// "Forgot your password?": a single-use link valid 30 minutes (stored hashed), a new password, then
// the security option's code. Unknown e-mails get the same answer and no mail.
import type { ResetCheck } from '../../../core/accounts';
import type { AppDeps } from '../../context';
import { ProblemException } from '../../http/problem';
import { mails } from '../mail/messages';
import { type AccountRow, findAccountByEmail, findAccountById, setPasswordHash } from './account-store';
import { accountServices } from './index';
import { hashPassword } from './password-hash';
import { passwordProblem } from './password-rules';
import { accountProblems } from './problems';
import { randomToken, sha256 } from './secrets';
import { verifySecurityCode } from './security-code';
import { type SessionStart, signInKey } from './sign-in';
import { PER_ACCOUNT, PER_ADDRESS, type ThrottlePolicy } from './throttle';

export const RESET_MINUTES = 30;
const SCOPE = 'password-reset';
/** Reset mails per address: a few an hour is plenty for a person and useless for a flood. */
const RESET_MAILS: ThrottlePolicy = {
  threshold: 5,
  lockSeconds: 900,
  maxLockSeconds: 3600,
  forgetAfterSeconds: 3600,
};

export function requestPasswordReset(deps: AppDeps, email: string, ip: string, device: string): void {
  const { db, config, now, mailer } = deps;
  const { throttle, audit } = accountServices(deps);
  const keys: Array<[string, ThrottlePolicy]> = [
    [`forgot:email:${email}`, RESET_MAILS],
    [`forgot:ip:${ip}`, PER_ADDRESS],
  ];
  throttle.check(keys.map(([key]) => key));
  throttle.fail(keys);
  const account = findAccountByEmail(db, email);
  if (!account) return;
  const token = randomToken();
  const at = now();
  db.prepare(
    'INSERT INTO password_resets (token_hash, account_id, expires_at, created_at) VALUES (?, ?, ?, ?)',
  ).run(
    sha256(token, SCOPE),
    account.id,
    new Date(at.getTime() + RESET_MINUTES * 60_000).toISOString(),
    at.toISOString(),
  );
  audit({ action: 'password-reset-requested', accountId: account.id, patientId: account.patient_id, device });
  // The token rides in the fragment: browsers never send it to a server or in a Referer.
  const url = new URL('/reset-password', config.publicUrl);
  url.hash = `token=${token}`;
  mailer.post({ to: account.email, ...mails.passwordReset(config.practice, url.toString()) });
}

const linkExpired = () =>
  new ProblemException(
    accountProblems.expired(
      'This reset link has expired or was already used. Ask for a new one with "Forgot your password?".',
    ),
  );

function accountForToken(deps: AppDeps, token: string): AccountRow {
  const row = deps.db
    .prepare<[string, string], { account_id: string }>(
      'SELECT account_id FROM password_resets WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?',
    )
    .get(sha256(token, SCOPE), deps.now().toISOString());
  const account = row ? findAccountById(deps.db, row.account_id) : undefined;
  if (!account) throw linkExpired();
  return account;
}

export function checkResetToken(deps: AppDeps, token: string): ResetCheck {
  const account = accountForToken(deps, token);
  return { verifyWith: account.security_option ?? 'recovery-codes' };
}

export interface ResetInput {
  token: string;
  password: string;
  passwordAgain: string;
  code: string;
}

export async function resetPassword(deps: AppDeps, input: ResetInput, device: string): Promise<SessionStart> {
  const { db, config, now, mailer } = deps;
  const { throttle, sessions, audit } = accountServices(deps);
  const account = accountForToken(deps, input.token);
  const key = `reset:account:${account.id}`;
  throttle.check([key]);
  if (input.password !== input.passwordAgain) throw new ProblemException(accountProblems.passwordsDiffer());
  const weak = passwordProblem(input.password, [account.given_name, account.family_name, account.email]);
  if (weak) throw new ProblemException(accountProblems.weakPassword(weak));
  // An account that never finished setting up its security option has no code to give: the link is all.
  if (account.security_option !== null && !verifySecurityCode(db, account, input.code, now())) {
    throttle.fail([[key, PER_ACCOUNT]]);
    throw new ProblemException(accountProblems.wrongCode(401));
  }
  const hash = await hashPassword(input.password);
  const at = now();
  const started = db.transaction(() => {
    // Claim the link first: of two requests racing with it, only one gets past here.
    const claimed = db
      .prepare('UPDATE password_resets SET used_at = ? WHERE token_hash = ? AND used_at IS NULL')
      .run(at.toISOString(), sha256(input.token, SCOPE)).changes;
    if (claimed !== 1) return null;
    setPasswordHash(db, account.id, hash, at);
    // Every link of this account is used up, not only this one.
    db.prepare('UPDATE password_resets SET used_at = ? WHERE account_id = ? AND used_at IS NULL').run(
      at.toISOString(),
      account.id,
    );
    sessions.revokeAll(account.id, 'password-reset');
    const event = {
      accountId: account.id,
      actorAccountId: account.id,
      patientId: account.patient_id,
      device,
    };
    audit({ action: 'password-reset', ...event });
    const { session, refreshToken } = sessions.start(account.id, device);
    audit({ action: 'sign-in', ...event });
    return { sessionId: session.id, refreshToken };
  })();
  if (!started) throw linkExpired();
  throttle.clear(key);
  throttle.clear(signInKey(account.email));
  mailer.post({ to: account.email, ...mails.passwordChanged(config.practice) });
  return { account: findAccountById(db, account.id)!, ...started };
}

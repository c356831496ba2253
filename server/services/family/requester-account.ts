// A newcomer's own account from an access request: the patient's passcode was right (consent.ts),
// and the requester's address is confirmed the way a patient's registration confirms it, with a
// 6-digit code e-mailed to it (hashed, single use, expiring in 30 minutes, wrong tries paused under
// growing locks). POST .../account keeps the details and sends the code; POST .../account/confirm
// creates the account and starts the access. Until then the request stays usable: submitting the
// details again, with the address corrected or not, sends a new code and voids the old one.
import type { FamilyAccountPending } from '../../../core/family';
import type { AppDeps } from '../../context';
import type { Db } from '../../db/database';
import { ProblemException } from '../../http/problem';
import { type AccountRow, EMPTY_PROFILE, findAccountByEmail, insertAccount } from '../accounts/account-store';
import { accountServices } from '../accounts/index';
import { hashPassword } from '../accounts/password-hash';
import { passwordProblem } from '../accounts/password-rules';
import { accountProblems } from '../accounts/problems';
import { CODE_MINUTES } from '../accounts/registration';
import { keyedHash, randomDigits, sameHash } from '../accounts/secrets';
import { PER_ADDRESS, type ThrottlePolicy } from '../accounts/throttle';
import { mails } from '../mail/messages';
import { consentedRequest, grantFromRequest, REQUEST_ID } from './consent';
import { familyProblems } from './problems';
import { findRequest, isUsable } from './request-store';
import { requesterNameOf } from './requests';

/** Wrong codes for one request: 5 pause it for a minute, then 2, 4, ... at most an hour. */
export const ACCOUNT_CODE_GUESSES: ThrottlePolicy = {
  threshold: 5,
  lockSeconds: 60,
  maxLockSeconds: 3600,
  forgetAfterSeconds: 24 * 3600,
};
/** Code e-mails for one request (each sends mail to an address no one has confirmed yet). */
export const ACCOUNT_CODE_MAILS: ThrottlePolicy = {
  threshold: 5,
  lockSeconds: 300,
  maxLockSeconds: 3600,
  forgetAfterSeconds: 3600,
};

const guessKeys = (requestId: string, ip: string): Array<[string, ThrottlePolicy]> => [
  [`family-account-code:request:${requestId}`, ACCOUNT_CODE_GUESSES],
  [`family-account-code:ip:${ip}`, PER_ADDRESS],
];
const mailKey = (requestId: string) => `family-account-mail:request:${requestId}`;

/** Bound to the request and the address: a code mailed to one address never confirms another. */
const codeHash = (key: Buffer, requestId: string, email: string, code: string) =>
  keyedHash(key, code, `family-account:${requestId}:${email.toLowerCase()}`);

interface PendingAccountRow {
  request_id: string;
  email: string;
  mobile_phone: string;
  password_hash: string;
  code_hash: string;
  expires_at: string;
  created_at: string;
}

function findPendingAccount(db: Db, requestId: string): PendingAccountRow | undefined {
  return db
    .prepare<[string], PendingAccountRow>('SELECT * FROM family_request_accounts WHERE request_id = ?')
    .get(requestId);
}

export interface RequesterAccountInput {
  passcode: string;
  /** The address to confirm; when left out, the one given with the request. */
  email?: string | undefined;
  mobilePhone: string;
  password: string;
  passwordAgain: string;
}

/**
 * POST /api/family/requests/:id/account: the newcomer's own account, not a patient's, with the
 * names of the request. Checks the passcode, the password rules and that the address has no login
 * yet (one login per address: with one, the requester signs in and enters the passcode there), then
 * keeps the details and e-mails the code. No account exists until the code comes back.
 */
export async function startRequesterAccount(
  deps: AppDeps,
  requestId: string,
  input: RequesterAccountInput,
  ip: string,
): Promise<FamilyAccountPending> {
  const { db, config, now, mailer, keys } = deps;
  const row = consentedRequest(deps, requestId, input.passcode, ip);
  if (row.requester_account_id !== null) throw new ProblemException(accountProblems.signInRequired());
  const email = (input.email ?? row.requester_email).trim().toLowerCase();
  if (input.password !== input.passwordAgain) throw new ProblemException(accountProblems.passwordsDiffer());
  const weak = passwordProblem(input.password, [row.requester_given_name, row.requester_family_name, email]);
  if (weak) throw new ProblemException(accountProblems.weakPassword(weak));
  const { throttle } = accountServices(deps);
  throttle.check([mailKey(row.id)]);
  if (findAccountByEmail(db, email)) {
    // Counted like a code e-mail: whoever holds a passcode may not test address after address for
    // a login. The answer itself helps the real requester: sign in there and enter the passcode.
    throttle.fail([[mailKey(row.id), ACCOUNT_CODE_MAILS]]);
    throw new ProblemException(familyProblems.emailHasAccount());
  }
  const passwordHash = await hashPassword(input.password);

  const code = randomDigits(6);
  const at = now();
  const expiresAt = new Date(
    Math.min(at.getTime() + CODE_MINUTES * 60_000, Date.parse(row.expires_at)),
  ).toISOString();
  const kept = db.transaction((): boolean => {
    // Checked again: the request may have been used or declined during the hash.
    const fresh = findRequest(db, row.id);
    if (!fresh || !isUsable(fresh, now())) return false;
    // One waiting account per request: a newer submission replaces the older one and its code.
    db.prepare(
      `INSERT INTO family_request_accounts (request_id, email, mobile_phone, password_hash, code_hash,
         expires_at, created_at)
       VALUES (@request_id, @email, @mobile_phone, @password_hash, @code_hash, @expires_at, @created_at)
       ON CONFLICT (request_id) DO UPDATE SET email = excluded.email, mobile_phone = excluded.mobile_phone,
         password_hash = excluded.password_hash, code_hash = excluded.code_hash,
         expires_at = excluded.expires_at, created_at = excluded.created_at`,
    ).run({
      request_id: row.id,
      email,
      mobile_phone: input.mobilePhone.trim(),
      password_hash: passwordHash,
      code_hash: codeHash(keys.codeHmacKey, row.id, email, code),
      expires_at: expiresAt,
      created_at: at.toISOString(),
    } satisfies PendingAccountRow);
    return true;
  })();
  if (!kept) throw new ProblemException(familyProblems.requestGone());
  throttle.fail([[mailKey(row.id), ACCOUNT_CODE_MAILS]]);
  mailer.post({
    to: email,
    ...mails.familyAccountCode(config.practice, {
      requesterName: requesterNameOf(row),
      code,
      minutes: Math.max(1, Math.round((Date.parse(expiresAt) - at.getTime()) / 60_000)),
    }),
  });
  return { status: 'check-your-email', email, expiresAt };
}

type ConfirmOutcome = 'request-gone' | 'code-gone' | 'wrong-code' | 'email-has-account' | AccountRow;

/**
 * POST /api/family/requests/:id/account/confirm: the code is right, so the address is the
 * requester's. Creates the account (its address confirmed), uses the request up and starts the
 * access, once; the caller signs the new account in. Wrong: 422, paused after five (429); no code
 * waiting or expired: 410; the request itself over: 410.
 */
export function confirmRequesterAccount(
  deps: AppDeps,
  requestId: string,
  code: string,
  ip: string,
  device: string,
): AccountRow {
  const { db, now, keys } = deps;
  if (!REQUEST_ID.test(requestId)) throw new ProblemException(familyProblems.requestGone());
  const { audit, throttle } = accountServices(deps);
  const limits = guessKeys(requestId, ip);
  throttle.check(limits.map(([key]) => key));
  const at = now();
  // The transaction returns its verdict; a wrong code is counted after it, the account is not made.
  const outcome = db.transaction((): ConfirmOutcome => {
    const request = findRequest(db, requestId);
    if (!request || !isUsable(request, at)) return 'request-gone';
    const pending = findPendingAccount(db, request.id);
    if (!pending || Date.parse(pending.expires_at) <= at.getTime()) return 'code-gone';
    if (!sameHash(pending.code_hash, codeHash(keys.codeHmacKey, request.id, pending.email, code)))
      return 'wrong-code';
    db.prepare('DELETE FROM family_request_accounts WHERE request_id = ?').run(request.id);
    if (findAccountByEmail(db, pending.email)) return 'email-has-account';
    const account = insertAccount(
      db,
      {
        email: pending.email,
        passwordHash: pending.password_hash,
        patientId: null,
        givenName: request.requester_given_name,
        familyName: request.requester_family_name,
        profile: { ...EMPTY_PROFILE, mobilePhone: pending.mobile_phone },
      },
      at,
    );
    const event = { accountId: account.id, actorAccountId: account.id, device };
    audit({ action: 'account-created', ...event });
    audit({ action: 'email-confirmed', ...event });
    // Throws (and so undoes the account) when the request can no longer give access.
    grantFromRequest(deps, request, account, device);
    return account;
  })();
  if (outcome === 'wrong-code') {
    throttle.fail(limits);
    throw new ProblemException(accountProblems.wrongCode());
  }
  if (outcome === 'request-gone') throw new ProblemException(familyProblems.requestGone());
  if (outcome === 'code-gone') throw new ProblemException(familyProblems.accountCodeGone());
  if (outcome === 'email-has-account') throw new ProblemException(familyProblems.emailHasAccount());
  throttle.clear(limits[0]![0]);
  throttle.clear(mailKey(requestId));
  return outcome;
}

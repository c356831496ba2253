// Changing the account's e-mail: a code goes to the new address (the old one is told), and the
// change takes effect once the code comes back. A taken address gets an explanation, not a code.
import type { Profile } from '../../../core/accounts';
import type { AppDeps } from '../../context';
import { ProblemException } from '../../http/problem';
import { mails } from '../mail/messages';
import { type AccountRow, findAccountByEmail, findAccountById } from './account-store';
import { accountServices } from './index';
import { accountProblems } from './problems';
import { readProfile } from './profile';
import { keyedHash, randomDigits, sameHash } from './secrets';
import { PER_ACCOUNT } from './throttle';

const CODE_MINUTES = 30;
const MAX_ATTEMPTS = 5;

const codeHash = (key: Buffer, accountId: string, code: string) =>
  keyedHash(key, code, `email-change:${accountId}`);

export function requestEmailChange(deps: AppDeps, account: AccountRow, newEmail: string): void {
  const { db, config, now, mailer } = deps;
  const { throttle } = accountServices(deps);
  // Each request sends mail: limit them like sign-in attempts.
  const key = `email-change:account:${account.id}`;
  throttle.check([key]);
  throttle.fail([[key, PER_ACCOUNT]]);
  const owner = findAccountByEmail(db, newEmail);
  const inUse = owner !== undefined && owner.id !== account.id;
  const code = inUse ? null : randomDigits(6);
  const at = now();
  db.prepare(
    `INSERT INTO email_changes (account_id, new_email, code_hash, attempts, expires_at, created_at)
     VALUES (?, ?, ?, 0, ?, ?)
     ON CONFLICT (account_id) DO UPDATE SET new_email = excluded.new_email, code_hash = excluded.code_hash,
       attempts = 0, expires_at = excluded.expires_at, created_at = excluded.created_at`,
  ).run(
    account.id,
    newEmail,
    code ? codeHash(deps.keys.codeHmacKey, account.id, code) : null,
    new Date(at.getTime() + CODE_MINUTES * 60_000).toISOString(),
    at.toISOString(),
  );
  const mail = code
    ? mails.emailChangeCode(config.practice, code)
    : mails.emailChangeRefused(config.practice);
  mailer.post({ to: newEmail, ...mail });
  mailer.post({ to: account.email, ...mails.emailChangeNotice(config.practice) });
}

type Outcome = 'expired' | 'wrong-code' | 'in-use' | 'changed';

export function confirmEmailChange(
  deps: AppDeps,
  account: AccountRow,
  code: string,
  device: string,
): Profile {
  const { db, now } = deps;
  const { audit, throttle } = accountServices(deps);
  const at = now();
  const outcome = db.transaction((): Outcome => {
    const row = db
      .prepare<
        [string],
        { new_email: string; code_hash: string | null; attempts: number; expires_at: string }
      >('SELECT new_email, code_hash, attempts, expires_at FROM email_changes WHERE account_id = ?')
      .get(account.id);
    if (!row || Date.parse(row.expires_at) <= at.getTime() || row.attempts >= MAX_ATTEMPTS) return 'expired';
    if (
      row.code_hash === null ||
      !sameHash(row.code_hash, codeHash(deps.keys.codeHmacKey, account.id, code))
    ) {
      db.prepare('UPDATE email_changes SET attempts = attempts + 1 WHERE account_id = ?').run(account.id);
      return row.attempts + 1 >= MAX_ATTEMPTS ? 'expired' : 'wrong-code';
    }
    db.prepare('DELETE FROM email_changes WHERE account_id = ?').run(account.id);
    const owner = findAccountByEmail(db, row.new_email);
    if (owner && owner.id !== account.id) return 'in-use';
    db.prepare('UPDATE accounts SET email = ?, email_confirmed_at = ?, updated_at = ? WHERE id = ?').run(
      row.new_email,
      at.toISOString(),
      at.toISOString(),
      account.id,
    );
    audit({
      action: 'email-changed',
      accountId: account.id,
      actorAccountId: account.id,
      patientId: account.patient_id,
      device,
    });
    return 'changed';
  })();
  if (outcome === 'wrong-code') throw new ProblemException(accountProblems.wrongCode());
  if (outcome !== 'changed')
    throw new ProblemException(
      accountProblems.expired(
        'This code is no longer valid. Ask for a new one by entering the new address again.',
      ),
    );
  // A new address is a new sign-in name: start its failure count afresh.
  throttle.clear(`email-change:account:${account.id}`);
  return readProfile(deps, findAccountById(db, account.id)!);
}

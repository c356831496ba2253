// Setting up the security option: an authenticator app (confirmed with a first code) or ten
// recovery codes (which also serve as a backup for an authenticator).
import type { AccountSummary, RecoveryCodes, TotpSetup } from '../../../core/accounts';
import type { AppDeps } from '../../context';
import { ProblemException } from '../../http/problem';
import { type AccountRow, accountSummary, findAccountById } from './account-store';
import { accountServices } from './index';
import { accountProblems } from './problems';
import { newRecoveryCode, RECOVERY_CODE_COUNT, storeRecoveryCodes } from './recovery-codes';
import { PER_ACCOUNT } from './throttle';
import { acceptTotp, newTotpSecret, totpUri } from './totp';

export function startTotpSetup(deps: AppDeps, account: AccountRow): TotpSetup {
  const secret = newTotpSecret();
  deps.db
    .prepare('UPDATE accounts SET totp_pending_secret = ?, updated_at = ? WHERE id = ?')
    .run(secret, deps.now().toISOString(), account.id);
  return { secret, otpauthUri: totpUri(secret, deps.config.practice.name, account.email) };
}

export function confirmTotpSetup(
  deps: AppDeps,
  account: AccountRow,
  code: string,
  device: string,
): AccountSummary {
  const { db, now } = deps;
  const { throttle, audit } = accountServices(deps);
  const key = `totp-setup:account:${account.id}`;
  throttle.check([key]);
  const step = account.totp_pending_secret ? acceptTotp(account.totp_pending_secret, code, now(), 0) : null;
  if (step === null) {
    throttle.fail([[key, PER_ACCOUNT]]);
    throw new ProblemException(accountProblems.wrongCode());
  }
  throttle.clear(key);
  db.prepare(
    `UPDATE accounts SET totp_secret = totp_pending_secret, totp_pending_secret = NULL, totp_last_step = ?,
       security_option = 'totp', updated_at = ? WHERE id = ?`,
  ).run(step, now().toISOString(), account.id);
  audit({
    action: 'security-option-set',
    accountId: account.id,
    actorAccountId: account.id,
    patientId: account.patient_id,
    device,
  });
  return accountSummary(findAccountById(db, account.id)!);
}

export function newRecoveryCodes(deps: AppDeps, account: AccountRow, device: string): RecoveryCodes {
  const { db, now } = deps;
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  db.transaction(() => {
    storeRecoveryCodes(db, account.id, codes, now());
    if (account.security_option !== 'totp')
      db.prepare("UPDATE accounts SET security_option = 'recovery-codes', updated_at = ? WHERE id = ?").run(
        now().toISOString(),
        account.id,
      );
    accountServices(deps).audit({
      action: 'security-option-set',
      accountId: account.id,
      actorAccountId: account.id,
      patientId: account.patient_id,
      device,
    });
  })();
  return { codes };
}

export function setTwoStep(deps: AppDeps, account: AccountRow, enabled: boolean): AccountSummary {
  deps.db
    .prepare('UPDATE accounts SET two_step = ?, updated_at = ? WHERE id = ?')
    .run(enabled ? 1 : 0, deps.now().toISOString(), account.id);
  return accountSummary(findAccountById(deps.db, account.id)!);
}

// Checks a code from the account's security option: a TOTP code from the authenticator app, or one
// of the account's recovery codes (which also back up an authenticator that was lost).
import type { Db } from '../../db/database';
import type { AccountRow } from './account-store';
import { useRecoveryCode } from './recovery-codes';
import { acceptTotp } from './totp';

export function verifySecurityCode(db: Db, account: AccountRow, code: string, at: Date): boolean {
  const trimmed = code.trim();
  if (account.totp_secret && /^\d{6}$/.test(trimmed.replace(/\s/g, ''))) {
    const step = acceptTotp(account.totp_secret, trimmed, at, account.totp_last_step);
    if (step === null) return false;
    // Only if the stored step is still older: two requests racing with one code cannot both pass.
    return (
      db
        .prepare('UPDATE accounts SET totp_last_step = ? WHERE id = ? AND totp_last_step < ?')
        .run(step, account.id, step).changes === 1
    );
  }
  return useRecoveryCode(db, account.id, trimmed, at);
}

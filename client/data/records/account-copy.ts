// The signed-in account's summary kept in the record cache, sealed like everything else, so that
// an offline unlock can bring back who is signed in (name, e-mail) without the server.
import type { AccountSummary } from '../../../core/accounts';
import { accountAad, openJson, sealJson } from './cipher';
import type { RecordsCache } from './records-cache';
import { ACCOUNT_ROW, type AccountRow } from './records-db';
import { RecordsError, toRecordsError } from './records-errors';

/** Stores (or replaces) the summary; call after each online sign-in and profile change. */
export async function rememberAccount(cache: RecordsCache, account: AccountSummary): Promise<void> {
  if (account.id !== cache.accountId)
    throw new RecordsError('storage', 'This cache belongs to another account.');
  const sealed = await sealJson(cache.key, account, accountAad(cache.accountId));
  try {
    await cache.db.account.put({ key: ACCOUNT_ROW, ...sealed });
  } catch (error) {
    throw toRecordsError(error);
  }
}

/** The summary saved at the last online sign-in, or null when there is none (or it is unreadable). */
export async function readAccount(cache: RecordsCache): Promise<AccountSummary | null> {
  const key = cache.key;
  let row: AccountRow | undefined;
  try {
    row = await cache.db.account.get(ACCOUNT_ROW);
  } catch (error) {
    throw toRecordsError(error);
  }
  if (!row) return null;
  try {
    return await openJson<AccountSummary>(key, row, accountAad(cache.accountId));
  } catch {
    return null;
  }
}

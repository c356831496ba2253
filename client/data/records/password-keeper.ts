// Connects the session to the record cache: every step that proves the password opens the cache,
// locking forgets its key, signing out wipes it (drafts and all, with their files' ciphertext).
// The shape is what Session.keeper expects.
import type { AccountSummary } from '../../../core/accounts';
import { dropUnsentFiles } from '../messages/drafts';
import { readAccount, rememberAccount } from './account-copy';
import type { RecordsVault } from './vault';

export type KeeperUnlock =
  | { kind: 'unlocked'; account: AccountSummary }
  /** `retryAfterSeconds`: this wrong try earned a wait before the next one. */
  | { kind: 'wrong-password'; retryAfterSeconds?: number }
  | { kind: 'wait'; retryAfterSeconds: number }
  | { kind: 'no-copy' };

export interface RecordsKeeper {
  opened(account: AccountSummary, password: string): Promise<void>;
  changed(password: string): Promise<void>;
  unlockOffline(accountId: string, password: string): Promise<KeeperUnlock>;
  locked(): void;
  signedOut(accountId: string): Promise<void>;
}

export function recordsKeeper(vault: RecordsVault): RecordsKeeper {
  return {
    async opened(account, password) {
      const { cache } = await vault.openWithPassword(account.id, password);
      await rememberAccount(cache, account);
    },
    changed: (password) => vault.rewrap(password),
    async unlockOffline(accountId, password) {
      const result = await vault.unlockOffline(accountId, password);
      if (result.ok) {
        const account = await readAccount(result.cache);
        if (account) return { kind: 'unlocked', account };
        // A cache without its account summary cannot show who is signed in: sign in online.
        vault.lock();
        return { kind: 'no-copy' };
      }
      if (result.reason === 'no-cache') return { kind: 'no-copy' };
      if (result.reason === 'wait') return { kind: 'wait', retryAfterSeconds: result.waitSeconds };
      return result.waitSeconds > 0
        ? { kind: 'wrong-password', retryAfterSeconds: result.waitSeconds }
        : { kind: 'wrong-password' };
    },
    locked: () => vault.lock(),
    async signedOut(accountId) {
      try {
        await vault.wipe(accountId);
      } finally {
        // The drafts went with the cache; their files go too, all but those of waiting messages.
        await dropUnsentFiles(accountId);
      }
    },
  };
}

// The session's PasswordKeeper in the shell: forwards to the record cache, which it loads only when
// a password step first needs it, so Dexie and the cipher code stay out of the first download.
import type { PasswordKeeper } from './session';

type AppRecords = typeof import('./records/app-records');
let loading: Promise<AppRecords> | null = null;
let loaded: AppRecords | null = null;

export function loadAppRecords(): Promise<AppRecords> {
  loading ??= import('./records/app-records').then((module) => {
    loaded = module;
    return module;
  });
  return loading;
}

export const lazyRecordsKeeper: PasswordKeeper = {
  opened: async (account, password) => (await loadAppRecords()).keeper.opened(account, password),
  changed: async (password) => (await loadAppRecords()).keeper.changed(password),
  unlockOffline: async (accountId, password) =>
    (await loadAppRecords()).keeper.unlockOffline(accountId, password),
  // Nothing to forget before the cache was ever loaded: no key can be in memory then.
  locked: () => loaded?.keeper.locked(),
  signedOut: async (accountId) => (await loadAppRecords()).keeper.signedOut(accountId),
};

// The app's one record cache: the vault the session's password steps open, and the schedule that
// keeps it in step with the server (on unlock, on reconnect, every few minutes, on "Refresh").
// Loaded on demand (Dexie and the cipher code stay out of the shell's first download).
import { RECORDS_PULLED_MESSAGE, RECORDS_SYNC_TAG, SYNC_MEASURE } from '../../../core/records';
import { offerSavedPeople } from '../family-api';
import { dropOrphanFiles } from '../messages/drafts';
import { SESSION_CHANGE, type Session } from '../session';
import { rememberAccount } from './account-copy';
import { drainInbox, ensureInboxKey } from './inbox';
import { recordsKeeper } from './password-keeper';
import type { RecordsError } from './records-errors';
import {
  emit,
  RECORDS_CHANGED_EVENT,
  RECORDS_VAULT_EVENT,
  type RecordsChangedDetail,
  type RecordsVaultDetail,
  recordsEvents,
} from './records-events';
import { RecordsReader } from './records-reader';
import { requestPersistentStorage } from './storage-facts';
import { type SyncResult, syncRecords } from './sync-records';
import { RecordsVault } from './vault';

export const vault = new RecordsVault();
export const keeper = recordsKeeper(vault);

/** While signed in and online, the device checks for new records this often. */
const SYNC_EVERY_MS = 5 * 60_000;
/** Chromium reports `online` a moment before requests get through: one quick retry covers it. */
const RECONNECT_RETRY_MS = 2_000;

export type SyncState = 'idle' | 'syncing' | 'failed';

/** What pages show about syncing: "Updated 3 min ago", "Offline — showing data from…", a failure. */
export interface SyncStatus {
  state: SyncState;
  /** The last sync's failure, with a sentence to show; null after a success. */
  error: RecordsError | null;
  /** Whether the browser thinks it is connected. */
  online: boolean;
}

/** Fired on recordsEvents whenever syncStatus changes. */
export const SYNC_STATUS_EVENT = 'records-sync-status';

export const syncStatus: SyncStatus = { state: 'idle', error: null, online: navigator.onLine };

function setStatus(change: Partial<SyncStatus>): void {
  Object.assign(syncStatus, change);
  recordsEvents.dispatchEvent(new Event(SYNC_STATUS_EVENT));
}

let appSession: Session | null = null;
let persistenceAsked = false;

/** Syncs now (joining a sync already running); null while nothing is unlocked to sync into. */
export async function syncNow(): Promise<SyncResult | null> {
  const cache = vault.current;
  const session = appSession;
  if (!cache || cache.locked || !session || session.state !== 'signed-in') return null;
  // A new account finishing its sign-up can read no records until its security option is set.
  if (session.needsSecurityOption) return null;
  setStatus({ state: 'syncing' });
  const started = performance.now();
  await openInbox(cache);
  const result = await syncRecords({
    cache,
    fetch: (path) => session.request(path),
    fetchFile: (path) => session.fetchAsAccount(path, { headers: { accept: '*/*' } }),
  });
  // For `npm run bench` and the browser's performance panel: ids and counts only.
  performance.measure(SYNC_MEASURE, {
    start: started,
    detail: { ok: result.ok, applied: result.summary.applied, error: result.ok ? null : result.error.kind },
  });
  setStatus(result.ok ? { state: 'idle', error: null } : { state: 'failed', error: result.error });
  if (result.ok && !persistenceAsked) {
    // Asked once a copy exists worth keeping: browsers grant it more readily to used apps.
    persistenceAsked = true;
    void requestPersistentStorage();
    void askForPeriodicSync();
  }
  // No connection: the worker fetches the news as soon as there is one, even with the app closed.
  if (!result.ok && result.error.kind === 'offline') void queueBackgroundPull();
  return result;
}

/**
 * Applies what the service worker fetched in the background (sealed to this device's inbox key)
 * and makes sure the key exists for the next time. Trouble here must not stop the sync itself,
 * which fetches anything missed anyway.
 */
async function openInbox(cache: NonNullable<typeof vault.current>): Promise<void> {
  try {
    await ensureInboxKey(cache);
    const changed = await drainInbox(cache);
    if (changed.length > 0)
      emit<RecordsChangedDetail>(recordsEvents, RECORDS_CHANGED_EVENT, {
        accountId: cache.accountId,
        patientIds: changed,
      });
  } catch {
    // A damaged inbox row is dropped by the next drain; the pull sync covers its contents.
  }
}

interface SyncRegistration extends ServiceWorkerRegistration {
  sync?: { register(tag: string): Promise<void> };
  periodicSync?: { register(tag: string, options: { minInterval: number }): Promise<void> };
}

async function workerRegistration(): Promise<SyncRegistration | null> {
  if (!('serviceWorker' in navigator) || !navigator.serviceWorker.controller) return null;
  return (await navigator.serviceWorker.ready) as SyncRegistration;
}

async function queueBackgroundPull(): Promise<void> {
  try {
    await (await workerRegistration())?.sync?.register(RECORDS_SYNC_TAG);
  } catch {
    // Browsers without Background Sync: the page syncs on `online` instead.
  }
}

/** Twice a day where the browser allows it (an installed app it sees in use). */
const PERIODIC_PULL_MS = 12 * 60 * 60_000;

async function askForPeriodicSync(): Promise<void> {
  try {
    const registration = await workerRegistration();
    if (!registration?.periodicSync) return;
    const permission = await navigator.permissions.query({
      name: 'periodic-background-sync' as PermissionName,
    });
    if (permission.state === 'granted')
      await registration.periodicSync.register(RECORDS_SYNC_TAG, { minInterval: PERIODIC_PULL_MS });
  } catch {
    // Not offered here: syncs at start, on reconnect and every few minutes while open still run.
  }
}

/** Tells the account switcher who is on this device, for a start without a connection. */
async function offerPeopleOnDevice(): Promise<void> {
  const cache = vault.current;
  if (!cache || cache.locked) return;
  try {
    offerSavedPeople(cache.accountId, await new RecordsReader(cache).people());
  } catch {
    // Unreadable rows: the switcher waits for the server's list instead.
  }
}

/**
 * Files attached in a form whose tab closed before its draft was saved: only the unlocked cache
 * knows which files its drafts still name, so they are looked for at each unlock.
 */
async function dropLeftoverFiles(): Promise<void> {
  const cache = vault.current;
  if (!cache || cache.locked) return;
  await dropOrphanFiles(cache).catch(() => undefined);
}

/** Starts keeping the cache in step for this session; returns a stop function. */
export function startRecordSync(session: Session): () => void {
  appSession = session;
  let timer: number | undefined;
  let retry: number | undefined;
  const schedule = () => {
    window.clearInterval(timer);
    timer = window.setInterval(() => {
      if (navigator.onLine) void syncNow();
    }, SYNC_EVERY_MS);
  };
  const onVault = (event: Event) => {
    if ((event as CustomEvent<RecordsVaultDetail>).detail.state !== 'unlocked') return;
    void offerPeopleOnDevice();
    void dropLeftoverFiles();
    void syncNow();
  };
  const onOnline = async () => {
    setStatus({ online: true });
    const result = await syncNow();
    if (result && !result.ok && result.error.kind === 'offline') {
      window.clearTimeout(retry);
      retry = window.setTimeout(() => void syncNow(), RECONNECT_RETRY_MS);
    }
  };
  const onOffline = () => setStatus({ online: false });
  const onWorkerMessage = (event: MessageEvent) => {
    if ((event.data as { type?: string } | null)?.type === RECORDS_PULLED_MESSAGE) void syncNow();
  };
  // A profile edit changes the name the lock screen shows offline: keep the sealed copy current.
  let waitedForSecurityOption = session.needsSecurityOption;
  const onSession = () => {
    const cache = vault.current;
    if (session.state === 'signed-in' && session.account && cache && !cache.locked)
      void rememberAccount(cache, session.account).catch(() => undefined);
    // The security option was just set up at the end of sign-up: the first copy can start.
    if (waitedForSecurityOption && !session.needsSecurityOption) {
      waitedForSecurityOption = false;
      void syncNow();
    }
  };
  recordsEvents.addEventListener(RECORDS_VAULT_EVENT, onVault);
  window.addEventListener('online', onOnline);
  window.addEventListener('offline', onOffline);
  navigator.serviceWorker?.addEventListener('message', onWorkerMessage);
  session.addEventListener(SESSION_CHANGE, onSession);
  schedule();
  void offerPeopleOnDevice();
  void dropLeftoverFiles();
  void syncNow();
  return () => {
    window.clearInterval(timer);
    window.clearTimeout(retry);
    recordsEvents.removeEventListener(RECORDS_VAULT_EVENT, onVault);
    window.removeEventListener('online', onOnline);
    window.removeEventListener('offline', onOffline);
    navigator.serviceWorker?.removeEventListener('message', onWorkerMessage);
    session.removeEventListener(SESSION_CHANGE, onSession);
    if (appSession === session) appSession = null;
  };
}

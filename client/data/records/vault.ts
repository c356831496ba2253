// The key lifecycle of the record cache: open it at an online sign-in, unlock it offline with the
// password (wrong tries slow down), lock it, re-wrap the key after a password change, wipe it.
import { Dexie } from 'dexie';
import { keyCheckAad, openJson, sealJson } from './cipher';
import {
  createDataKey,
  DEFAULT_PBKDF2_ITERATIONS,
  deriveWrappingKey,
  newSalt,
  rewrapDataKey,
  unwrapDataKey,
} from './data-key';
import { RecordsCache } from './records-cache';
import {
  KEYRING_ROW,
  type KeyringRow,
  openRecordsDb,
  RECORDS_DB_PREFIX,
  type RecordsDb,
  recordsDbName,
} from './records-db';
import { lockedError, toRecordsError } from './records-errors';
import { emit, RECORDS_VAULT_EVENT, type RecordsVaultDetail, recordsEvents } from './records-events';
import { clearFailures, readThrottle, recordFailure, secondsToWait } from './unlock-throttle';

const KEY_CHECK = 'portal-records-key-check';

export interface VaultOptions {
  /** PBKDF2 iterations for keys wrapped from now on (default 600,000). */
  iterations?: number;
  /** Epoch milliseconds; tests move it to pass the unlock wait. */
  now?: () => number;
  events?: EventTarget;
}

/**
 * 'opened': the existing cache. 'created': there was none. 'reset': the saved key did not open
 * with this password (it was changed elsewhere), so the old cache was wiped and a new one started.
 */
export interface OpenResult {
  cache: RecordsCache;
  status: 'opened' | 'created' | 'reset';
}

export type UnlockResult =
  | { ok: true; cache: RecordsCache }
  /** `waitSeconds` > 0: the next try is refused for that long. */
  | { ok: false; reason: 'wrong-password'; failures: number; waitSeconds: number }
  | { ok: false; reason: 'wait'; waitSeconds: number }
  /** Nothing saved for this account on this device: it must sign in online first. */
  | { ok: false; reason: 'no-cache' };

export class RecordsVault {
  readonly #iterations: number;
  readonly #now: () => number;
  readonly #events: EventTarget;
  #cache: RecordsCache | null = null;
  /** The password-derived key of the open cache, kept (non-extractable) so rewrap needs no old password. */
  #wrappingKey: CryptoKey | null = null;
  // Vault operations run one after another: two unlock tries at once must not both pass the wait.
  #queue: Promise<unknown> = Promise.resolve();
  /** Moves on at every lock, so an open still under way when the app locks does not end unlocked. */
  #epoch = 0;

  constructor(options: VaultOptions = {}) {
    this.#iterations = options.iterations ?? DEFAULT_PBKDF2_ITERATIONS;
    this.#now = options.now ?? Date.now;
    this.#events = options.events ?? recordsEvents;
  }

  /** The unlocked cache, or null while locked or signed out. */
  get current(): RecordsCache | null {
    return this.#cache;
  }

  /**
   * After the server accepted this password (an online sign-in): opens the account's cache, or
   * creates one. Only call it then: a key that does not open means the password changed elsewhere.
   */
  openWithPassword(accountId: string, password: string): Promise<OpenResult> {
    const epoch = this.#epoch; // as of the call: a lock after it wins
    return this.#serial(async () => {
      this.#forgetCurrent();
      let db = openRecordsDb(accountId);
      let status: OpenResult['status'] = 'created';
      try {
        const ring = await db.keyring.get(KEYRING_ROW);
        if (ring) {
          const opened = await this.#unwrap(accountId, ring, password);
          if (opened) {
            await clearFailures(db);
            await this.#keepWrappingKey(db, ring, password, opened.wrappingKey);
            return { cache: this.#setCurrent(accountId, db, opened.key, epoch), status: 'opened' };
          }
          // The wrapped key is stale: nothing under it can be read any more, so start over.
          db.close();
          await Dexie.delete(recordsDbName(accountId));
          db = openRecordsDb(accountId);
          status = 'reset';
        }
        const key = await this.#createKeyring(accountId, db, password);
        return { cache: this.#setCurrent(accountId, db, key, epoch), status };
      } catch (error) {
        db.close();
        throw toRecordsError(error);
      }
    });
  }

  /** Offline (or at the lock screen): opens the saved cache with the password, or says why not. */
  unlockOffline(accountId: string, password: string): Promise<UnlockResult> {
    const epoch = this.#epoch;
    return this.#serial(async (): Promise<UnlockResult> => {
      if (!(await this.#exists(accountId))) return { ok: false, reason: 'no-cache' };
      this.#forgetCurrent();
      const db = openRecordsDb(accountId);
      try {
        const ring = await db.keyring.get(KEYRING_ROW);
        if (!ring) {
          db.close();
          return { ok: false, reason: 'no-cache' };
        }
        const waitSeconds = secondsToWait(await readThrottle(db), this.#now());
        if (waitSeconds > 0) {
          db.close();
          return { ok: false, reason: 'wait', waitSeconds };
        }
        const opened = await this.#unwrap(accountId, ring, password);
        if (!opened) {
          const failure = await recordFailure(db, this.#now());
          db.close();
          return { ok: false, reason: 'wrong-password', ...failure };
        }
        await clearFailures(db);
        await this.#keepWrappingKey(db, ring, password, opened.wrappingKey);
        return { ok: true, cache: this.#setCurrent(accountId, db, opened.key, epoch) };
      } catch (error) {
        db.close();
        throw toRecordsError(error);
      }
    });
  }

  /** Forgets the key (idle lock, app closing). The saved cache stays for the next unlock. */
  lock(): void {
    this.#epoch += 1;
    this.#forgetCurrent();
  }

  /** After the password was changed on this device: the same data key, wrapped for the new password. */
  rewrap(newPassword: string): Promise<void> {
    return this.#serial(async () => {
      const cache = this.#cache;
      const oldWrappingKey = this.#wrappingKey;
      if (!cache || cache.locked || !oldWrappingKey) throw lockedError();
      try {
        const ring = await cache.db.keyring.get(KEYRING_ROW);
        if (!ring) throw lockedError();
        const salt = newSalt();
        const wrappingKey = await deriveWrappingKey(newPassword, salt, this.#iterations);
        const wrappedKey = await rewrapDataKey(ring.wrappedKey, oldWrappingKey, wrappingKey);
        await cache.db.keyring.put({ ...ring, salt, iterations: this.#iterations, wrappedKey });
        this.#wrappingKey = wrappingKey;
      } catch (error) {
        throw toRecordsError(error);
      }
    });
  }

  /** Deletes the account's cache from this device (sign-out, "Forget this device"). */
  wipe(accountId: string): Promise<void> {
    return this.#serial(async () => {
      if (this.#cache?.accountId === accountId) this.#forgetCurrent();
      try {
        await Dexie.delete(recordsDbName(accountId));
      } catch (error) {
        throw toRecordsError(error);
      }
      emit<RecordsVaultDetail>(this.#events, RECORDS_VAULT_EVENT, { accountId, state: 'wiped' });
    });
  }

  /** Deletes every account's cache on this device ("Forget this device" with nobody signed in). */
  wipeAll(): Promise<void> {
    return this.#serial(async () => {
      this.#forgetCurrent();
      try {
        const names = await Dexie.getDatabaseNames();
        for (const name of names.filter((n) => n.startsWith(RECORDS_DB_PREFIX))) await Dexie.delete(name);
      } catch (error) {
        throw toRecordsError(error);
      }
    });
  }

  /** Whether this device holds a cache for the account (the lock screen can offer an offline unlock). */
  hasCache(accountId: string): Promise<boolean> {
    return this.#serial(() => this.#exists(accountId));
  }

  async #exists(accountId: string): Promise<boolean> {
    if (this.#cache?.accountId === accountId) return true;
    // Opening an absent database would create it; Dexie.exists does not.
    if (!(await Dexie.exists(recordsDbName(accountId)))) return false;
    const db = openRecordsDb(accountId);
    try {
      return (await db.keyring.get(KEYRING_ROW)) !== undefined;
    } finally {
      db.close();
    }
  }

  async #unwrap(
    accountId: string,
    ring: KeyringRow,
    password: string,
  ): Promise<{ key: CryptoKey; wrappingKey: CryptoKey } | null> {
    const wrappingKey = await deriveWrappingKey(password, ring.salt, ring.iterations);
    const key = await unwrapDataKey(ring.wrappedKey, wrappingKey);
    if (!key) return null;
    try {
      // A keyring copied in from elsewhere unwraps, but is not the key this cache was sealed with.
      if ((await openJson<string>(key, ring.check, keyCheckAad(accountId))) !== KEY_CHECK) return null;
    } catch {
      return null;
    }
    return { key, wrappingKey };
  }

  async #createKeyring(accountId: string, db: RecordsDb, password: string): Promise<CryptoKey> {
    const salt = newSalt();
    const wrappingKey = await deriveWrappingKey(password, salt, this.#iterations);
    const { key, wrapped } = await createDataKey(wrappingKey);
    const check = await sealJson(key, KEY_CHECK, keyCheckAad(accountId));
    await db.transaction('rw', db.keyring, db.throttle, async () => {
      await db.keyring.put({
        key: KEYRING_ROW,
        format: 1,
        kdf: 'PBKDF2-SHA-256',
        salt,
        iterations: this.#iterations,
        wrap: 'AES-KW',
        wrappedKey: wrapped,
        check,
        createdAt: new Date(this.#now()).toISOString(),
      });
      await db.throttle.clear();
    });
    this.#wrappingKey = wrappingKey;
    return key;
  }

  /** Keeps the open key's wrapping key; a key wrapped with fewer iterations than today's is re-wrapped now. */
  async #keepWrappingKey(
    db: RecordsDb,
    ring: KeyringRow,
    password: string,
    wrappingKey: CryptoKey,
  ): Promise<void> {
    this.#wrappingKey = wrappingKey;
    if (ring.iterations >= this.#iterations) return;
    const salt = newSalt();
    const stronger = await deriveWrappingKey(password, salt, this.#iterations);
    const wrappedKey = await rewrapDataKey(ring.wrappedKey, wrappingKey, stronger);
    await db.keyring.put({ ...ring, salt, iterations: this.#iterations, wrappedKey });
    this.#wrappingKey = stronger;
  }

  #setCurrent(accountId: string, db: RecordsDb, key: CryptoKey, epoch: number): RecordsCache {
    if (epoch !== this.#epoch) {
      // Locked while this open was under way: stay locked.
      this.#wrappingKey = null;
      throw lockedError();
    }
    this.#cache = new RecordsCache(accountId, db, key);
    emit<RecordsVaultDetail>(this.#events, RECORDS_VAULT_EVENT, { accountId, state: 'unlocked' });
    return this.#cache;
  }

  /** Forgets the open cache, if any, and tells the pages to drop what they show of it. */
  #forgetCurrent(): void {
    const cache = this.#cache;
    this.#cache = null;
    this.#wrappingKey = null;
    if (!cache) return;
    cache.forget();
    emit<RecordsVaultDetail>(this.#events, RECORDS_VAULT_EVENT, {
      accountId: cache.accountId,
      state: 'locked',
    });
  }

  #serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task, task);
    this.#queue = run.catch(() => undefined);
    return run;
  }
}

// An unlocked record cache: the account's database and its data key. Locking forgets the key, and
// from then on every read and sync through this object is refused, whoever still holds it.

import type { RecordsDb } from './records-db';
import { lockedError } from './records-errors';

export class RecordsCache {
  #key: CryptoKey | null;
  /** Decrypted values derived while unlocked (the search text); emptied with the key. */
  readonly memory = new Map<string, unknown>();

  constructor(
    readonly accountId: string,
    readonly db: RecordsDb,
    key: CryptoKey,
  ) {
    this.#key = key;
  }

  get locked(): boolean {
    return this.#key === null;
  }

  /** The data key; throws a 'session' RecordsError once the cache is locked. */
  get key(): CryptoKey {
    if (this.#key === null) throw lockedError();
    return this.#key;
  }

  /** Forgets the key and closes the database (the vault calls this on lock and wipe). */
  forget(): void {
    this.#key = null;
    this.memory.clear();
    this.db.close();
  }
}

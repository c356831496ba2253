// Decrypting queries over the record cache for pages: lists (newest clinical date first), single
// records, counts, the people list, sync times and search. Reads in bulk, decrypts in batches.
import type { PersonInReach } from '../../../core/records';
import { readPeople } from './apply-people';
import { openJson, resourceAad } from './cipher';
import type { RecordsCache } from './records-cache';
import { personKeyRange, type ResourceRow, type SnapshotKind, typeDateRange } from './records-db';
import { RecordsError, toRecordsError } from './records-errors';
import { matchesAll, searchableText, searchTerms } from './search-text';
import { readSnapshot, type Snapshot } from './snapshots';

/** A FHIR resource as JSON (the pages read it through core/fhir/types.ts). */
export type FhirJson = { resourceType: string; id: string } & Record<string, unknown>;

export interface CachedRecord<R = FhirJson> {
  type: string;
  id: string;
  /** The clinical date the record is filed under, null when it has none. */
  date: string | null;
  resource: R;
}

export interface ReaderOptions {
  /** Decryptions started together; large enough to keep WebCrypto busy, small enough for memory. */
  batchSize?: number;
}

export interface SearchOptions {
  /** Only these resource types. */
  types?: readonly string[];
  /** At most this many hits (newest first). */
  limit?: number;
}

const SEARCH_MEMORY = 'search-text';
type SearchMemory = Map<string, { seq: number; text: string }>;

const UNREADABLE =
  'Some records on this device could not be read. Update your records while online; if this keeps happening, use "Forget this device" and sign in again.';

export class RecordsReader {
  readonly #cache: RecordsCache;
  readonly #batchSize: number;

  constructor(cache: RecordsCache, options: ReaderOptions = {}) {
    this.#cache = cache;
    this.#batchSize = options.batchSize ?? 500;
  }

  /** One person's records of one type, newest clinical date first (undated ones last). */
  list<R = FhirJson>(
    patientId: string,
    type: string,
    options: { limit?: number } = {},
  ): Promise<CachedRecord<R>[]> {
    return this.#read(async (db) => {
      const [lower, upper] = typeDateRange(patientId, type);
      let query = db.resources.where('[patientId+type+date]').between(lower, upper, true, true).reverse();
      if (options.limit !== undefined) query = query.limit(options.limit);
      return this.#decryptAll<R>(await query.toArray());
    });
  }

  get<R = FhirJson>(patientId: string, type: string, id: string): Promise<CachedRecord<R> | undefined> {
    return this.#read(async (db) => {
      const row = await db.resources.get([patientId, type, id]);
      return row ? this.#decrypt<R>(row) : undefined;
    });
  }

  count(patientId: string, type: string): Promise<number> {
    return this.#read((db) => db.resources.where('[patientId+type]').equals([patientId, type]).count());
  }

  /** How many records of each type one person has (types with none are absent). */
  counts(patientId: string): Promise<Record<string, number>> {
    return this.#read(async (db) => {
      const [lower, upper] = personKeyRange(patientId);
      const keys = await db.resources
        .where('[patientId+type+id]')
        .between(lower, upper, true, true)
        .primaryKeys();
      const counts: Record<string, number> = {};
      for (const [, type] of keys) counts[type] = (counts[type] ?? 0) + 1;
      return counts;
    });
  }

  /** The person's newest billing or messages answer saved on this device; null before the first. */
  snapshot<T>(patientId: string, kind: SnapshotKind): Promise<Snapshot<T> | null> {
    return this.#read(() => readSnapshot<T>(this.#cache, patientId, kind));
  }

  /** Everyone this account may see, in the server's order (the account holder first). */
  people(): Promise<PersonInReach[]> {
    return this.#read(async (db) => readPeople(this.#cache, await db.people.toArray()));
  }

  /**
   * When one person's record was last fully synced; without a person, the oldest such time of
   * everyone with clinical access (null until each of them synced once).
   */
  lastSyncedAt(patientId?: string): Promise<string | null> {
    return this.#read(async (db) => {
      if (patientId !== undefined) return (await db.cursors.get(patientId))?.lastSyncedAt ?? null;
      const clinical = (await db.people.toArray()).filter((p) => p.access !== 'billing');
      if (clinical.length === 0) return null;
      const cursors = await db.cursors.bulkGet(clinical.map((p) => p.patientId));
      let oldest: string | null = null;
      for (const cursor of cursors) {
        if (!cursor?.lastSyncedAt) return null;
        if (oldest === null || cursor.lastSyncedAt < oldest) oldest = cursor.lastSyncedAt;
      }
      return oldest;
    });
  }

  /**
   * Records of one person whose readable text holds every word of `text`, case and accents
   * ignored; newest first. The folded text is remembered while unlocked, so typing stays quick.
   */
  search(patientId: string, text: string, options: SearchOptions = {}): Promise<CachedRecord[]> {
    return this.#read(async (db) => {
      const terms = searchTerms(text);
      if (terms.length === 0) return [];
      const [lower, upper] = personKeyRange(patientId);
      let rows = await db.resources.where('[patientId+type+id]').between(lower, upper, true, true).toArray();
      if (options.types) {
        const types = new Set(options.types);
        rows = rows.filter((row) => types.has(row.type));
      }
      const memory = this.#searchMemory(patientId);
      if (!options.types) {
        // Forget the text of records that left the device.
        const present = new Set(rows.map(memoKey));
        for (const key of memory.keys()) if (!present.has(key)) memory.delete(key);
      }
      const unknown = rows.filter((row) => memory.get(memoKey(row))?.seq !== row.seq);
      const decrypted = new Map<string, CachedRecord>();
      for (const [index, record] of (await this.#decryptAll<FhirJson>(unknown)).entries()) {
        const row = unknown[index]!;
        decrypted.set(memoKey(row), record);
        memory.set(memoKey(row), { seq: row.seq, text: searchableText(record.resource) });
      }
      const hits = rows
        .filter((row) => matchesAll(memory.get(memoKey(row))?.text ?? '', terms))
        .sort((a, b) => (a.date === b.date ? 0 : a.date < b.date ? 1 : -1));
      const wanted = options.limit === undefined ? hits : hits.slice(0, options.limit);
      const missing = wanted.filter((row) => !decrypted.has(memoKey(row)));
      for (const record of await this.#decryptAll<FhirJson>(missing))
        decrypted.set(`${record.type}/${record.id}`, record);
      return wanted.map((row) => decrypted.get(memoKey(row))!);
    });
  }

  async #read<T>(query: (db: RecordsCache['db']) => Promise<T>): Promise<T> {
    void this.#cache.key; // a locked cache answers nothing, not even counts
    try {
      return await query(this.#cache.db);
    } catch (error) {
      throw toRecordsError(error);
    }
  }

  #searchMemory(patientId: string): SearchMemory {
    const name = `${SEARCH_MEMORY}:${patientId}`;
    let memory = this.#cache.memory.get(name) as SearchMemory | undefined;
    if (!memory) {
      memory = new Map();
      this.#cache.memory.set(name, memory);
    }
    return memory;
  }

  async #decryptAll<R>(rows: ResourceRow[]): Promise<CachedRecord<R>[]> {
    const records: CachedRecord<R>[] = [];
    for (let start = 0; start < rows.length; start += this.#batchSize) {
      const batch = rows.slice(start, start + this.#batchSize);
      records.push(...(await Promise.all(batch.map((row) => this.#decrypt<R>(row)))));
    }
    return records;
  }

  async #decrypt<R>(row: ResourceRow): Promise<CachedRecord<R>> {
    let resource: R;
    try {
      resource = await openJson<R>(
        this.#cache.key,
        row,
        resourceAad(row.patientId, row.type, row.id, row.date),
      );
    } catch {
      // Locked meanwhile, or bytes that do not belong to this row (damage or tampering).
      void this.#cache.key;
      throw new RecordsError('storage', UNREADABLE);
    }
    return { type: row.type, id: row.id, date: row.date === '' ? null : row.date, resource };
  }
}

function memoKey(row: ResourceRow): string {
  return `${row.type}/${row.id}`;
}

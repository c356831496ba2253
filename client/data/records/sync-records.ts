// Pull sync of the record cache: the people list first (dropping whoever left), then each person's
// changes page by page from their cursor. One sync per account at a time; a second call joins it.
import { changesPath, DEFAULT_CHANGES_PAGE_SIZE, PEOPLE_PATH, seesClinicalData } from '../../../core/records';
import type { ApiOutcome } from '../api-request';
import { readChangesPage, readPeople } from './answer-shapes';
import { applyPage } from './apply-page';
import { applyPeople } from './apply-people';
import type { RecordsCache } from './records-cache';
import { deletePerson, personTables } from './records-db';
import {
  errorFromOutcome,
  isOutOfReach,
  lockedError,
  malformedAnswer,
  type RecordsError,
  toRecordsError,
} from './records-errors';
import {
  emit,
  RECORDS_CHANGED_EVENT,
  RECORDS_SYNC_EVENT,
  type RecordsChangedDetail,
  recordsEvents,
} from './records-events';
import { syncSnapshots } from './sync-snapshots';

/** An authorised GET as the signed-in account: `(path) => session.request(path)`. */
export type RecordsFetch = <T>(path: string) => Promise<ApiOutcome<T>>;

export interface SyncOptions {
  cache: RecordsCache;
  fetch: RecordsFetch;
  /** Changes per page asked for (the server caps it). */
  pageSize?: number;
  now?: () => Date;
  events?: EventTarget;
  /** Called as the sync moves on; also dispatched as RECORDS_SYNC_EVENT. Not called for a joined sync. */
  onProgress?: (progress: SyncProgress) => void;
}

export type SyncProgress =
  | { phase: 'people'; accountId: string }
  | {
      phase: 'records';
      accountId: string;
      patientId: string;
      /** 1-based position of this person, of `of`. */
      person: number;
      of: number;
      /** Changes applied for this person so far in this sync. */
      applied: number;
      more: boolean;
    }
  | { phase: 'done'; accountId: string; result: SyncResult };

export interface PersonSyncSummary {
  applied: number;
  /** When this person's record was last fully caught up (ISO), null if never. */
  lastSyncedAt: string | null;
}

export interface SyncSummary {
  /** People on the server's list (all access levels). */
  people: number;
  /** Changes applied in this sync, all people together. */
  applied: number;
  /** People whose records were deleted from the device in this sync. */
  removed: string[];
  /** Per person who may see clinical data and was reached. */
  patients: Record<string, PersonSyncSummary>;
}

/** With an error, everything applied before it stays on the device and is readable. */
export type SyncResult =
  | { ok: true; summary: SyncSummary }
  | { ok: false; error: RecordsError; summary: SyncSummary };

/** Stale pages in a row before giving up (a server stuck answering from the wrong cursor). */
const MAX_STALE_PAGES = 3;

// Keyed by the unlocked cache: after a lock and unlock the new cache starts its own sync at once
// (the old one stops with 'session'). Another tab is kept safe by the cursor check in applyPage.
const running = new Map<RecordsCache, Promise<SyncResult>>();

/** Brings the cache level with the server; never throws (the error is in the result). */
export function syncRecords(options: SyncOptions): Promise<SyncResult> {
  const { cache } = options;
  const current = running.get(cache);
  if (current) return current;
  const run = new SyncRun(options).run().finally(() => running.delete(cache));
  running.set(cache, run);
  return run;
}

/** Whether a sync of this account is under way (for a spinner that survives page changes). */
export function isSyncing(accountId: string): boolean {
  return [...running.keys()].some((cache) => cache.accountId === accountId);
}

class SyncRun {
  readonly #cache: RecordsCache;
  readonly #fetch: RecordsFetch;
  readonly #pageSize: number;
  readonly #now: () => Date;
  readonly #events: EventTarget;
  readonly #onProgress?: (progress: SyncProgress) => void;
  readonly #summary: SyncSummary = { people: 0, applied: 0, removed: [], patients: {} };

  constructor(options: SyncOptions) {
    this.#cache = options.cache;
    this.#fetch = options.fetch;
    this.#pageSize = options.pageSize ?? DEFAULT_CHANGES_PAGE_SIZE;
    this.#now = options.now ?? (() => new Date());
    this.#events = options.events ?? recordsEvents;
    this.#onProgress = options.onProgress;
  }

  async run(): Promise<SyncResult> {
    let result: SyncResult;
    try {
      await this.#sync();
      result = { ok: true, summary: this.#summary };
    } catch (error) {
      // Locked mid-way: whatever Dexie reports about its closed database, the cause is the lock.
      const failure = this.#cache.locked ? lockedError() : toRecordsError(error);
      result = { ok: false, error: failure, summary: this.#summary };
    }
    this.#progress({ phase: 'done', accountId: this.#cache.accountId, result });
    return result;
  }

  async #sync(): Promise<void> {
    const accountId = this.#cache.accountId;
    void this.#cache.key; // refuse at once when locked
    this.#progress({ phase: 'people', accountId });
    const people = readPeople(await this.#get(PEOPLE_PATH));
    if (!people) throw malformedAnswer();
    this.#summary.people = people.length;
    const { removed, listChanged } = await applyPeople(this.#cache, people);
    this.#summary.removed.push(...removed);
    if (removed.length > 0 || listChanged)
      this.#changed(listChanged ? [...new Set([...removed, ...people.map((p) => p.patientId)])] : removed);

    const clinical = people.filter((p) => seesClinicalData(p.access));
    for (const [index, person] of clinical.entries()) {
      await this.#syncPerson(person.patientId, index + 1, clinical.length);
    }
    const snapshotsChanged = await syncSnapshots(this.#cache, this.#fetch, people, this.#now);
    if (snapshotsChanged.length > 0) this.#changed(snapshotsChanged);
  }

  async #syncPerson(patientId: string, position: number, of: number): Promise<void> {
    const { db } = this.#cache;
    const accountId = this.#cache.accountId;
    let applied = 0;
    let stale = 0;
    for (;;) {
      const since = (await db.cursors.get(patientId))?.since ?? 0;
      const outcome = await this.#fetch<unknown>(
        `${changesPath(patientId)}?since=${since}&limit=${this.#pageSize}`,
      );
      if (outcome.kind === 'problem' && isOutOfReach(outcome.status, outcome.problem.type)) {
        // Access ended (or dropped to billing) since the people list was fetched.
        await db.transaction('rw', personTables(db), () =>
          deletePerson(db, patientId, outcome.status === 404),
        );
        this.#summary.removed.push(patientId);
        this.#changed([patientId]);
        return;
      }
      if (outcome.kind !== 'ok') throw errorFromOutcome(outcome);
      const page = readChangesPage(outcome.data, patientId);
      if (!page) throw malformedAnswer();
      const pageOutcome = page.since === since ? await applyPage(this.#cache, page, this.#now()) : 'stale';
      if (pageOutcome === 'restart') {
        // Other rules at the server: the copy was dropped; fetch it again from the start.
        this.#changed([patientId]);
        continue;
      }
      if (pageOutcome !== 'applied') {
        // A repeated or out-of-date page: ask again from the cursor as it is now.
        stale += 1;
        if (stale >= MAX_STALE_PAGES) throw malformedAnswer();
        continue;
      }
      stale = 0;
      applied += page.changes.length;
      this.#summary.applied += page.changes.length;
      const lastSyncedAt = (await db.cursors.get(patientId))?.lastSyncedAt ?? null;
      this.#summary.patients[patientId] = { applied, lastSyncedAt };
      if (page.changes.length > 0) this.#changed([patientId]);
      this.#progress({
        phase: 'records',
        accountId,
        patientId,
        person: position,
        of,
        applied,
        more: page.more,
      });
      if (!page.more) return;
    }
  }

  async #get(path: string): Promise<unknown> {
    const outcome = await this.#fetch<unknown>(path);
    if (outcome.kind !== 'ok') throw errorFromOutcome(outcome);
    return outcome.data;
  }

  #changed(patientIds: string[]): void {
    emit<RecordsChangedDetail>(this.#events, RECORDS_CHANGED_EVENT, {
      accountId: this.#cache.accountId,
      patientIds,
    });
  }

  #progress(progress: SyncProgress): void {
    try {
      this.#onProgress?.(progress);
    } catch {
      // A progress display that fails must not stop the records from arriving.
    }
    emit<SyncProgress>(this.#events, RECORDS_SYNC_EVENT, progress);
  }
}

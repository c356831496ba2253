// The page's pull sync of the record cache: sync/pull.ts brings the people list (whoever left is
// dropped), each person's changes pages and their whole answers; this applies them to the
// unlocked cache and reports progress. One sync per account at a time; a second call joins it.
import type { MessagesAnswer } from '../../../core/messages';
import { DEFAULT_CHANGES_PAGE_SIZE } from '../../../core/records';
import { sharedDeviceDb } from '../device-db';
import { type FetchFile, keepMessageFiles } from '../messages/message-files';
import { forgetCopiesOf } from '../outbox/copies';
import { pull, type RecordsFetch } from '../sync/pull';
import { applyPage } from './apply-page';
import { applyPeople } from './apply-people';
import type { RecordsCache } from './records-cache';
import { deletePerson, personTables } from './records-db';
import { lockedError, type RecordsError, toRecordsError } from './records-errors';
import {
  emit,
  RECORDS_CHANGED_EVENT,
  RECORDS_SYNC_EVENT,
  type RecordsChangedDetail,
  recordsEvents,
} from './records-events';
import { dropSnapshot, storeSnapshot } from './snapshots';

export type { RecordsFetch } from '../sync/pull';

export interface SyncOptions {
  cache: RecordsCache;
  fetch: RecordsFetch;
  /** Fetches a message's file (bytes) as the signed-in account; without it files are not copied. */
  fetchFile?: FetchFile;
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
  readonly #fetchFile: FetchFile | undefined;
  readonly #pageSize: number;
  readonly #now: () => Date;
  readonly #events: EventTarget;
  readonly #onProgress?: (progress: SyncProgress) => void;
  readonly #summary: SyncSummary = { people: 0, applied: 0, removed: [], patients: {} };

  constructor(options: SyncOptions) {
    this.#cache = options.cache;
    this.#fetch = options.fetch;
    this.#fetchFile = options.fetchFile;
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
    const { db } = this.#cache;
    const accountId = this.#cache.accountId;
    void this.#cache.key; // refuse at once when locked
    this.#progress({ phase: 'people', accountId });
    const applied = new Map<string, number>();
    const answersChanged = new Set<string>();
    await pull(
      this.#fetch,
      {
        since: async (patientId) => (await db.cursors.get(patientId))?.since ?? 0,
        people: async (people) => {
          this.#summary.people = people.length;
          const { removed, listChanged, outOfStep } = await applyPeople(this.#cache, people);
          this.#summary.removed.push(...removed);
          await this.#forgetCopies([...removed, ...outOfStep]);
          if (removed.length > 0 || listChanged)
            this.#changed(
              listChanged ? [...new Set([...removed, ...people.map((p) => p.patientId)])] : removed,
            );
        },
        gone: async (patientId, status) => {
          await db.transaction('rw', personTables(db), () => deletePerson(db, patientId, status === 404));
          await this.#forgetCopies([patientId]);
          this.#summary.removed.push(patientId);
          this.#changed([patientId]);
        },
        page: async (page, position) => {
          const outcome = await applyPage(this.#cache, page, this.#now());
          // 'restart': other rules at the server; the copy was dropped and is fetched again.
          if (outcome === 'restart') this.#changed([page.patientId]);
          if (outcome !== 'applied') return outcome;
          const { patientId } = page;
          const count = (applied.get(patientId) ?? 0) + page.changes.length;
          applied.set(patientId, count);
          this.#summary.applied += page.changes.length;
          const lastSyncedAt = (await db.cursors.get(patientId))?.lastSyncedAt ?? null;
          this.#summary.patients[patientId] = { applied: count, lastSyncedAt };
          if (page.changes.length > 0) this.#changed([patientId]);
          this.#progress({
            phase: 'records',
            accountId,
            patientId,
            ...position,
            applied: count,
            more: page.more,
          });
          return outcome;
        },
        snapshot: async (person, source, value) => {
          const { patientId } = person;
          const changed = value
            ? await storeSnapshot(this.#cache, patientId, source.kind, value, this.#now().toISOString())
            : await dropSnapshot(this.#cache, patientId, source.kind);
          // The messages' files, so they open offline too (the practice's above all).
          const filesChanged =
            value && source.kind === 'messages' && this.#fetchFile
              ? await keepMessageFiles(this.#cache, patientId, value as MessagesAnswer, this.#fetchFile)
              : false;
          if (changed || filesChanged) answersChanged.add(patientId);
        },
      },
      this.#pageSize,
    );
    // One repaint for all the whole answers, which arrive together.
    if (answersChanged.size > 0) this.#changed([...answersChanged]);
  }

  /** Readable copies of waiting changes about people taken off the device go with them. */
  async #forgetCopies(patientIds: string[]): Promise<void> {
    if (patientIds.length > 0) await forgetCopiesOf(sharedDeviceDb(), this.#cache.accountId, patientIds);
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

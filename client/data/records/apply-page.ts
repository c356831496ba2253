// Applies one pull-sync page all or nothing: everything is encrypted first (WebCrypto is async and
// would end a Dexie transaction), then one transaction stores, deletes and moves the cursor.
import type { ChangesPage, RecordChange } from '../../../core/records';
import { clearDate } from './answer-shapes';
import { resourceAad, sealJson } from './cipher';
import type { RecordsCache } from './records-cache';
import { personKeyRange, type ResourceKey, type ResourceRow } from './records-db';

/**
 * 'stale': the page did not start at the stored cursor (a repeat, or another tab got there first).
 * 'restart': the server shows this person's record under other rules than the copy was built with
 * (ChangesPage.view): the copy is gone and the cursor is back at 0.
 */
export type PageOutcome = 'applied' | 'stale' | 'restart';

export async function applyPage(cache: RecordsCache, page: ChangesPage, now: Date): Promise<PageOutcome> {
  const { db } = cache;
  const { patientId } = page;
  // Within a page the last change of a record wins; the keys are then unique, so order no longer matters.
  const latest = new Map<string, RecordChange>();
  for (const change of [...page.changes].sort((a, b) => a.seq - b.seq))
    latest.set(JSON.stringify([change.type, change.id]), change);

  const key = cache.key;
  const removals: ResourceKey[] = [];
  const sealing: Promise<ResourceRow>[] = [];
  for (const change of latest.values()) {
    if (!change.resource) {
      removals.push([patientId, change.type, change.id]);
      continue;
    }
    const { type, id, seq, resource } = change;
    const date = clearDate(change.date);
    sealing.push(
      sealJson(key, resource, resourceAad(patientId, type, id, date)).then((sealed) => ({
        patientId,
        type,
        id,
        date,
        seq,
        ...sealed,
      })),
    );
  }
  const puts = await Promise.all(sealing);

  return db.transaction('rw', db.resources, db.cursors, async (): Promise<PageOutcome> => {
    const cursor = await db.cursors.get(patientId);
    if ((cursor?.since ?? 0) !== page.since) return 'stale';
    if (cursor && cursor.since > 0 && cursor.view !== undefined && page.view !== cursor.view) {
      const [lower, upper] = personKeyRange(patientId);
      await db.resources.where('[patientId+type+id]').between(lower, upper, true, true).delete();
      await db.cursors.put({ patientId, since: 0, lastSyncedAt: cursor.lastSyncedAt });
      return 'restart';
    }
    if (removals.length > 0) await db.resources.bulkDelete(removals);
    if (puts.length > 0) await db.resources.bulkPut(puts);
    await db.cursors.put({
      patientId,
      since: page.next,
      // "Up to date as of" only once the last page is in; until then the previous time stands.
      lastSyncedAt: page.more ? (cursor?.lastSyncedAt ?? null) : now.toISOString(),
      ...(page.view === undefined ? {} : { view: page.view }),
    });
    return 'applied';
  });
}

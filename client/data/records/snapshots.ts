// Whole answers kept per person for reading offline: the billing statements and the message
// threads. Each is sealed under the data key like the records; only the person's id, the kind and
// when it was fetched are clear.
import { openJson, sealJson, snapshotAad } from './cipher';
import type { RecordsCache } from './records-cache';
import type { SnapshotKind } from './records-db';

export interface Snapshot<T> {
  value: T;
  /** When the server gave this answer (ISO). */
  fetchedAt: string;
}

/**
 * Keeps `value` as the person's newest answer of this kind. Returns whether it differs from the
 * copy it replaces (ignoring `asOf`, which changes on every answer), so callers repaint only then.
 */
export async function storeSnapshot(
  cache: RecordsCache,
  patientId: string,
  kind: SnapshotKind,
  value: object,
  fetchedAt: string,
): Promise<boolean> {
  const previous = await readSnapshot<object>(cache, patientId, kind).catch(() => null);
  const sealed = await sealJson(cache.key, value, snapshotAad(patientId, kind));
  await cache.db.snapshots.put({ patientId, kind, fetchedAt, ...sealed });
  return previous === null || comparable(previous.value) !== comparable(value);
}

function comparable(value: object): string {
  return JSON.stringify({ ...value, asOf: undefined });
}

export async function readSnapshot<T>(
  cache: RecordsCache,
  patientId: string,
  kind: SnapshotKind,
): Promise<Snapshot<T> | null> {
  const row = await cache.db.snapshots.get([patientId, kind]);
  if (!row) return null;
  const value = await openJson<T>(cache.key, row, snapshotAad(patientId, kind));
  return { value, fetchedAt: row.fetchedAt };
}

/** Drops the person's copy of this kind (access to it ended). Returns whether there was one. */
export async function dropSnapshot(
  cache: RecordsCache,
  patientId: string,
  kind: SnapshotKind,
): Promise<boolean> {
  const key: [string, SnapshotKind] = [patientId, kind];
  const had = (await cache.db.snapshots.get(key)) !== undefined;
  if (had) await cache.db.snapshots.delete(key);
  return had;
}

// The readable copies of waiting changes (queue.ts says where they live): read for a page with the
// data key, dropped with the people the sync takes off the device, and adopted from where earlier
// versions of the app kept them. No jose here: the sync and the worker use this too.
import type { OutboxItem, OutboxKind, WaitingTopic } from '../../../core/outbox';
import type { DeviceDb } from '../device-db';
import { openJson, waitingAad } from '../records/cipher';
import type { RecordsDb } from '../records/records-db';

/** A waiting change as its page draws it. `content` is null when this device can no longer open it. */
export interface WaitingChange<T> {
  /** The outbox id (also the request's idempotency key). */
  id: string;
  kind: OutboxKind;
  createdAt: string;
  status: OutboxItem['status'];
  failure?: OutboxItem['failure'];
  content: T | null;
}

/**
 * The account's changes still waiting (queued or refused) for one person's page, oldest first.
 * A copy sealed under an earlier data key (the password changed elsewhere, so the cache was
 * rebuilt) cannot be opened: it is listed with null content, since the change itself still goes.
 */
export async function waitingChanges<T>(
  db: DeviceDb,
  owner: { accountId: string; dataKey: CryptoKey },
  topic: WaitingTopic,
  patientId: string,
): Promise<WaitingChange<T>[]> {
  const items = await db.outbox
    .where('accountId')
    .equals(owner.accountId)
    .filter((item) => item.copy?.topic === topic && item.copy.patientId === patientId)
    .sortBy('createdAt');
  return Promise.all(
    items.map(async (item) => ({
      id: item.id,
      kind: item.kind,
      createdAt: item.createdAt,
      status: item.status,
      ...(item.failure ? { failure: item.failure } : {}),
      content: await openJson<T>(owner.dataKey, item.copy!, waitingAad(item.id, patientId, topic)).catch(
        () => null,
      ),
    })),
  );
}

/**
 * Removes the readable copies about people this account can no longer see (they leave the device
 * with the rest of that person's data). The requests stay: the server decides whether they may
 * still be delivered, and a refusal is shown as usual.
 */
export async function forgetCopiesOf(
  db: DeviceDb,
  accountId: string,
  patientIds: readonly string[],
): Promise<void> {
  if (patientIds.length === 0) return;
  const gone = new Set(patientIds);
  await db.transaction('rw', db.outbox, async () => {
    const items = await db.outbox
      .where('accountId')
      .equals(accountId)
      .filter((item) => item.copy !== undefined && gone.has(item.copy.patientId))
      .toArray();
    for (const item of items) {
      const { copy: _dropped, ...rest } = item;
      await db.outbox.put(rest);
    }
  });
}

/**
 * Moves readable copies kept by earlier versions of the app (in the record cache's `waiting`
 * table, under the same data key and binding) into their outbox items; a copy whose item is gone
 * was delivered and is dropped. Runs while the cache is unlocked; cheap when there is nothing.
 */
export async function adoptEarlierCopies(db: DeviceDb, records: RecordsDb): Promise<void> {
  const rows = await records.waiting.toArray();
  if (rows.length === 0) return;
  await db.transaction('rw', db.outbox, async () => {
    for (const { id, patientId, topic, iv, data } of rows) {
      const item = await db.outbox.get(id);
      if (item && !item.copy)
        await db.outbox.put({ ...item, copy: { patientId, topic: topic ?? 'message', iv, data } });
    }
  });
  await records.waiting.bulkDelete(rows.map((row) => row.id));
}

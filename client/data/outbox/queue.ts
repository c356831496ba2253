// What the device keeps of a change waiting to be sent, and where. Everything lives in ONE row of
// the device database's `outbox` table (device-db.ts, shared with the service worker, unlocked or
// not), written in one transaction:
//   - `sealed`: the request (method, path, body, idempotency key) sealed to the server's public
//     key. Only the server can open it, so the worker may send it while the app is locked or shut.
//   - `copy`: what the page draws as "Waiting to send", sealed under the account's data key (the
//     record cache's AES-GCM key). Only the unlocked app can open it.
//   - clear: the id (= idempotency key), account, kind, status, attempts, dates, and the person and
//     page (topic) a copy belongs to: ids and types only, never health details.
// Because the copy rides in the item, "kept" and "will be sent" cannot disagree, and a delivered
// change takes its copy with it: there is nothing to clean up afterwards.
import {
  isReplayable,
  LATEST_ONLY_KINDS,
  type OutboxItem,
  type OutboxKind,
  type ReplayMethod,
  type SealedCopy,
  type WaitingTopic,
} from '../../../core/outbox';
import type { DeviceDb } from '../device-db';
import { sealJson, waitingAad } from '../records/cipher';
import { type SealingKey, sealRequest } from './seal';

export interface QueueInput {
  accountId: string;
  kind: OutboxKind;
  method: ReplayMethod;
  path: string;
  body: unknown;
  /** The idempotency key, when a direct try already used one (it may have reached the server). */
  id?: string;
  /** The readable copy to keep with it, sealed under `dataKey`. */
  copy?: { patientId: string; topic: WaitingTopic; content: unknown };
  /** Files (device `files` rows) it names, uploaded before it is sent and deleted with it. */
  files?: string[];
}

/**
 * Seals the request (and its copy) and stores the item in one transaction. For LATEST_ONLY_KINDS
 * the same transaction drops that account's earlier queued change of the kind, which this one
 * contains. Throws before anything is stored when the change cannot be kept.
 */
export async function queueRequest(
  db: DeviceDb,
  input: QueueInput,
  key: SealingKey,
  dataKey: CryptoKey | null,
  now: () => Date = () => new Date(),
): Promise<OutboxItem> {
  if (!isReplayable(input.method, input.path))
    throw new Error(`${input.method} ${input.path} cannot be queued.`);
  if (input.copy && !dataKey) throw new Error('Unlock the portal to keep this change on the device.');
  const id = input.id ?? crypto.randomUUID();
  const createdAt = now().toISOString();
  const sealed = await sealRequest(
    {
      v: 1,
      method: input.method,
      path: input.path,
      body: input.body,
      idempotencyKey: id,
      accountId: input.accountId,
      createdAt,
    },
    key,
  );
  let copy: SealedCopy | undefined;
  if (input.copy && dataKey) {
    const { patientId, topic, content } = input.copy;
    copy = { patientId, topic, ...(await sealJson(dataKey, content, waitingAad(id, patientId, topic))) };
  }
  const item: OutboxItem = {
    id,
    accountId: input.accountId,
    kind: input.kind,
    sealed,
    status: 'queued',
    attempts: 0,
    createdAt,
    ...(copy ? { copy } : {}),
    ...(input.files && input.files.length > 0 ? { files: input.files } : {}),
  };
  await db.transaction('rw', db.outbox, async () => {
    if (LATEST_ONLY_KINDS.has(input.kind)) {
      await db.outbox
        .where('accountId')
        .equals(input.accountId)
        .filter((older) => older.kind === input.kind && older.status === 'queued')
        .delete();
    }
    await db.outbox.add(item);
  });
  return item;
}

/** Removes an item and the files it named, in one write: nothing of it is left behind. */
export async function discardOutboxItem(db: DeviceDb, id: string): Promise<void> {
  await db.transaction('rw', db.outbox, db.files, async () => {
    const item = await db.outbox.get(id);
    if (item?.files) await db.files.bulkDelete(item.files);
    await db.outbox.delete(id);
  });
}

// Messages written while offline: the outbox holds the request sealed to the server, and this
// keeps a readable copy under the data key so the thread can show it as "Waiting to send" (or
// "Not sent" with the server's reason) until the server has it.
import type { MessageSubjectId } from '../../../core/messages';
import type { OutboxItem } from '../../../core/outbox';
import { openJson, sealJson, waitingAad } from '../records/cipher';
import type { RecordsCache } from '../records/records-cache';

/** What the page needs to draw a message that has not reached the practice yet. */
export interface WaitingContent {
  /** Null for a new conversation. */
  threadId: string | null;
  subject: MessageSubjectId | null;
  withName: string;
  locationName: string;
  body: string;
}

export interface WaitingMessage extends WaitingContent {
  /** The outbox id (also the request's idempotency key). */
  id: string;
  createdAt: string;
  status: 'queued' | 'failed';
  failure?: OutboxItem['failure'];
}

export async function keepWaiting(
  cache: RecordsCache,
  id: string,
  patientId: string,
  content: WaitingContent,
  createdAt: string,
): Promise<void> {
  const sealed = await sealJson(cache.key, content, waitingAad(id, patientId));
  await cache.db.waiting.put({ id, patientId, createdAt, ...sealed });
}

/**
 * The person's messages still waiting, oldest first. A copy whose outbox item is gone was
 * delivered (by this page or by the service worker): it is dropped, and `delivered` says so, so
 * the page can fetch the thread as the practice now has it.
 */
export async function waitingMessages(
  cache: RecordsCache,
  patientId: string,
  outbox: (ids: readonly string[]) => Promise<Map<string, OutboxItem>>,
): Promise<{ waiting: WaitingMessage[]; delivered: number }> {
  const rows = await cache.db.waiting.where('patientId').equals(patientId).sortBy('createdAt');
  if (rows.length === 0) return { waiting: [], delivered: 0 };
  const items = await outbox(rows.map((row) => row.id));
  const waiting: WaitingMessage[] = [];
  let delivered = 0;
  for (const row of rows) {
    const item = items.get(row.id);
    if (!item) {
      await cache.db.waiting.delete(row.id);
      delivered += 1;
      continue;
    }
    const content = await openJson<WaitingContent>(cache.key, row, waitingAad(row.id, patientId));
    waiting.push({
      ...content,
      id: row.id,
      createdAt: row.createdAt,
      status: item.status,
      ...(item.failure ? { failure: item.failure } : {}),
    });
  }
  return { waiting, delivered };
}

export function forgetWaiting(cache: RecordsCache, id: string): Promise<void> {
  return cache.db.waiting.delete(id);
}

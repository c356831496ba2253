// Readable copies of changes waiting in the outbox (which only the server can open), sealed under
// the data key so the unlocked app can show them as "Waiting to send", or "Not sent" with the
// server's reason, until the server has them. Each copy has a topic (messages, family access) so
// a page reads only its own; the content is whatever that page needs to draw the change.
import type { OutboxItem } from '../../../core/outbox';
import { openJson, sealJson, waitingAad } from './cipher';
import type { RecordsCache } from './records-cache';
import type { WaitingRow, WaitingTopic } from './records-db';

export interface WaitingCopy<T> {
  /** The outbox id (also the request's idempotency key). */
  id: string;
  createdAt: string;
  status: OutboxItem['status'];
  failure?: OutboxItem['failure'];
  content: T;
}

/** Copies from before topics existed are messages'. */
const topicOf = (row: WaitingRow): WaitingTopic => row.topic ?? 'message';

export async function keepWaitingCopy(
  cache: RecordsCache,
  topic: WaitingTopic,
  id: string,
  patientId: string,
  content: unknown,
  createdAt: string,
): Promise<void> {
  const sealed = await sealJson(cache.key, content, waitingAad(id, patientId, topic));
  await cache.db.waiting.put({ id, patientId, topic, createdAt, ...sealed });
}

/**
 * The person's copies of one topic still waiting, oldest first. A copy whose outbox item is gone
 * was delivered (by this page or by the service worker): it is dropped, and `delivered` says so,
 * so the page can fetch what the server now has.
 */
export async function waitingCopies<T>(
  cache: RecordsCache,
  topic: WaitingTopic,
  patientId: string,
  outbox: (ids: readonly string[]) => Promise<Map<string, OutboxItem>>,
): Promise<{ waiting: WaitingCopy<T>[]; delivered: number }> {
  const rows = (await cache.db.waiting.where('patientId').equals(patientId).sortBy('createdAt')).filter(
    (row) => topicOf(row) === topic,
  );
  if (rows.length === 0) return { waiting: [], delivered: 0 };
  const items = await outbox(rows.map((row) => row.id));
  const waiting: WaitingCopy<T>[] = [];
  let delivered = 0;
  for (const row of rows) {
    const item = items.get(row.id);
    if (!item) {
      await cache.db.waiting.delete(row.id);
      delivered += 1;
      continue;
    }
    const content = await openJson<T>(cache.key, row, waitingAad(row.id, patientId, topic));
    waiting.push({
      id: row.id,
      createdAt: row.createdAt,
      status: item.status,
      ...(item.failure ? { failure: item.failure } : {}),
      content,
    });
  }
  return { waiting, delivered };
}

export function forgetWaiting(cache: RecordsCache, id: string): Promise<void> {
  return cache.db.waiting.delete(id);
}

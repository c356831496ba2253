// Messages written while offline: the outbox holds the request sealed to the server, and a
// readable copy under the data key (records/waiting.ts) lets the thread show it as "Waiting to
// send" (or "Not sent" with the server's reason) until the server has it.
import type { MessageSubjectId } from '../../../core/messages';
import type { OutboxItem } from '../../../core/outbox';
import type { RecordsCache } from '../records/records-cache';
import { keepWaitingCopy, waitingCopies } from '../records/waiting';

export { forgetWaiting } from '../records/waiting';

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

export function keepWaiting(
  cache: RecordsCache,
  id: string,
  patientId: string,
  content: WaitingContent,
  createdAt: string,
): Promise<void> {
  return keepWaitingCopy(cache, 'message', id, patientId, content, createdAt);
}

/** The person's messages still waiting, oldest first, and how many were found delivered. */
export async function waitingMessages(
  cache: RecordsCache,
  patientId: string,
  outbox: (ids: readonly string[]) => Promise<Map<string, OutboxItem>>,
): Promise<{ waiting: WaitingMessage[]; delivered: number }> {
  const { waiting, delivered } = await waitingCopies<WaitingContent>(cache, 'message', patientId, outbox);
  return { waiting: waiting.map(({ content, ...item }) => ({ ...content, ...item })), delivered };
}

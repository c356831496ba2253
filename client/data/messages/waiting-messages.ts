// Messages written while offline, as the thread shows them: "Waiting to send", or "Not sent" with
// the server's reason, from the readable copy the outbox keeps in the same item as the request.
import type { AttachmentRef } from '../../../core/attachments';
import type { MessageSubjectId } from '../../../core/messages';
import type { OutboxItem } from '../../../core/outbox';
import type { RecordsCache } from '../records/records-cache';

/** What the page needs to draw a message that has not reached the practice yet. */
export interface WaitingContent {
  /** Null for a new conversation. */
  threadId: string | null;
  subject: MessageSubjectId | null;
  withName: string;
  locationName: string;
  body: string;
  /** Its files, with the keys that open their device copies (absent on copies made before files). */
  attachments?: AttachmentRef[];
}

export interface WaitingMessage extends WaitingContent {
  /** The outbox id (also the request's idempotency key). */
  id: string;
  createdAt: string;
  status: 'queued' | 'failed';
  failure?: OutboxItem['failure'];
}

/**
 * The person's messages still waiting, oldest first. A copy this device can no longer open (sealed
 * under an earlier data key) is left out: the message itself is still delivered.
 */
export async function waitingMessages(cache: RecordsCache, patientId: string): Promise<WaitingMessage[]> {
  const { waitingFor } = await import('../outbox');
  const changes = await waitingFor<WaitingContent>(cache, 'message', patientId);
  return changes.flatMap(({ id, kind, createdAt, status, failure, content }) =>
    kind === 'message' && content
      ? [{ ...content, id, createdAt, status, ...(failure ? { failure } : {}) }]
      : [],
  );
}

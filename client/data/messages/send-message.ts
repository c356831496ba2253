// Sending a message or a reply for the person chosen: straight to the server when connected, else
// into the outbox with a readable copy kept under the data key (send-or-queue.ts). Either way the
// request carries one idempotency key, so a lost answer and its replay never make two messages.
import {
  type MessagesAnswer,
  type MessageView,
  messagesPath,
  type NewMessageRequest,
  repliesPath,
  type ThreadReadRequest,
  type ThreadView,
  threadReadPath,
} from '../../../core/messages';
import type { OutboxKind } from '../../../core/outbox';
import { type SendOutcome, sendOrQueue } from '../outbox/send-or-queue';
import { readMessages } from '../records/answer-shapes';
import { vault } from '../records/app-records';
import {
  emit,
  RECORDS_CHANGED_EVENT,
  type RecordsChangedDetail,
  recordsEvents,
} from '../records/records-events';
import { storeSnapshot } from '../records/snapshots';
import { session } from '../session';
import type { WaitingContent } from './waiting-messages';

export type { SendOutcome } from '../outbox/send-or-queue';

export function sendNewMessage(
  patientId: string,
  request: NewMessageRequest,
  shown: Pick<WaitingContent, 'withName' | 'locationName'>,
): Promise<SendOutcome<ThreadView>> {
  return send<ThreadView>(patientId, 'message', messagesPath(patientId), request, {
    threadId: null,
    subject: request.subject,
    body: request.body,
    ...shown,
  });
}

export function sendReply(
  patientId: string,
  thread: Pick<ThreadView, 'id' | 'withName' | 'locationName'>,
  body: string,
): Promise<SendOutcome<MessageView>> {
  return send<MessageView>(
    patientId,
    'message',
    repliesPath(patientId, thread.id),
    { body },
    {
      threadId: thread.id,
      subject: null,
      body,
      withName: thread.withName,
      locationName: thread.locationName,
    },
  );
}

/**
 * Tells the server the thread was read up to its newest message on screen (queued when offline,
 * so a later replay does not also mark an answer that came in meanwhile).
 */
export async function markThreadRead(
  patientId: string,
  thread: Pick<ThreadView, 'id' | 'messages'>,
): Promise<void> {
  const upTo = thread.messages.at(-1)?.id;
  const body: ThreadReadRequest = upTo === undefined ? {} : { upTo };
  await send<null>(patientId, 'message-read', threadReadPath(patientId, thread.id), body, null);
}

async function send<T>(
  patientId: string,
  kind: OutboxKind,
  path: string,
  body: unknown,
  copy: WaitingContent | null,
): Promise<SendOutcome<T>> {
  const outcome = await sendOrQueue<T>(
    { kind, method: 'POST', path, body },
    copy ? { topic: 'message', patientId, content: copy } : null,
    'Unlock the portal to keep this message on the device until you are connected.',
  );
  if (outcome.kind === 'sent') await refreshMessages(patientId);
  const cache = vault.current;
  if (outcome.kind === 'queued' && cache) changed(cache.accountId, patientId);
  return outcome;
}

/** Fetches the person's threads as the practice now has them into the device's copy. */
export async function refreshMessages(patientId: string): Promise<void> {
  const cache = vault.current;
  if (!cache || cache.locked) return;
  const outcome = await session.request<MessagesAnswer>(messagesPath(patientId));
  if (outcome.kind !== 'ok') return;
  const answer = readMessages(outcome.data, patientId);
  if (answer && (await storeSnapshot(cache, patientId, 'messages', answer, new Date().toISOString())))
    changed(cache.accountId, patientId);
}

function changed(accountId: string, patientId: string): void {
  emit<RecordsChangedDetail>(recordsEvents, RECORDS_CHANGED_EVENT, { accountId, patientIds: [patientId] });
}

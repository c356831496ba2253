// Sending a message or a reply for the person chosen: straight to the server when connected, else
// into the outbox (sealed to the server, sent exactly once when the device is back) with a
// readable copy kept under the data key. Either way the request carries one idempotency key, so a
// try whose answer was lost and its replay can never make two messages.
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
import type { Problem } from '../../../core/problem';
import type { ApiOutcome } from '../api-request';
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
import { keepWaiting, type WaitingContent } from './waiting-messages';

export type SendOutcome<T> =
  | { kind: 'sent'; data: T }
  | { kind: 'queued' }
  | { kind: 'problem'; status: number; problem: Problem }
  /** Offline and it could not be kept either (never online since install, or the cache is locked). */
  | { kind: 'not-kept'; reason: string };

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
  const id = crypto.randomUUID();
  const outcome: ApiOutcome<T> = navigator.onLine
    ? await session.request<T>(path, { method: 'POST', body, headers: { 'idempotency-key': id } })
    : { kind: 'offline' };
  if (outcome.kind === 'ok') {
    await refreshMessages(patientId);
    return { kind: 'sent', data: outcome.data };
  }
  if (outcome.kind === 'problem')
    return { kind: 'problem', status: outcome.status, problem: outcome.problem };
  const cache = vault.current;
  const accountId = session.account?.id;
  if (!cache || cache.locked || !accountId)
    return {
      kind: 'not-kept',
      reason: 'Unlock the portal to keep this message on the device until you are connected.',
    };
  try {
    const { queueChange } = await import('../outbox-client');
    const item = await queueChange(accountId, { kind, method: 'POST', path, body, id });
    if (copy) await keepWaiting(cache, item.id, patientId, copy, item.createdAt);
  } catch (error) {
    return { kind: 'not-kept', reason: error instanceof Error ? error.message : String(error) };
  }
  changed(cache.accountId, patientId);
  return { kind: 'queued' };
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

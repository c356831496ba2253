// Sending a message or a reply for the person chosen: straight to the server when connected, else
// into the outbox with a readable copy kept under the data key (send-or-queue.ts). Either way the
// request carries one idempotency key, so a lost answer and its replay never make two messages.

import type { AttachmentRef } from '../../../core/attachments';
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
import type { UploadProgress } from '../outbox/uploads';
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
import { keepMessageFiles } from './message-files';
import type { WaitingContent } from './waiting-messages';

export type { SendOutcome } from '../outbox/send-or-queue';

/** Files attached (prepare-attachment.ts made them) and who hears how their upload goes. */
export interface Attached {
  attachments?: AttachmentRef[];
  onUploadProgress?: (progress: UploadProgress) => void;
}

export function sendNewMessage(
  patientId: string,
  request: NewMessageRequest,
  shown: Pick<WaitingContent, 'withName' | 'locationName'>,
  onUploadProgress?: Attached['onUploadProgress'],
): Promise<SendOutcome<ThreadView>> {
  const attachments = request.attachments ?? [];
  return send<ThreadView>(
    patientId,
    'message',
    messagesPath(patientId),
    request,
    { threadId: null, subject: request.subject, body: request.body, attachments, ...shown },
    { attachments, ...(onUploadProgress ? { onUploadProgress } : {}) },
  );
}

export function sendReply(
  patientId: string,
  thread: Pick<ThreadView, 'id' | 'withName' | 'locationName'>,
  body: string,
  attached: Attached = {},
): Promise<SendOutcome<MessageView>> {
  const attachments = attached.attachments ?? [];
  return send<MessageView>(
    patientId,
    'message',
    repliesPath(patientId, thread.id),
    attachments.length > 0 ? { body, attachments } : { body },
    {
      threadId: thread.id,
      subject: null,
      body,
      attachments,
      withName: thread.withName,
      locationName: thread.locationName,
    },
    attached,
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
  attached: Attached = {},
): Promise<SendOutcome<T>> {
  const files = (attached.attachments ?? []).map((a) => a.uploadId);
  const outcome = await sendOrQueue<T>(
    { kind, method: 'POST', path, body, ...(files.length > 0 ? { files } : {}) },
    copy ? { topic: 'message', patientId, content: copy } : null,
    'Unlock the portal to keep this message on the device until you are connected.',
    attached.onUploadProgress,
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
  if (!answer) return;
  const stored = await storeSnapshot(cache, patientId, 'messages', answer, new Date().toISOString());
  const files = await keepMessageFiles(cache, patientId, answer, (path) =>
    session.fetchAsAccount(path, { headers: { accept: '*/*' } }),
  );
  if (stored || files) changed(cache.accountId, patientId);
}

function changed(accountId: string, patientId: string): void {
  emit<RecordsChangedDetail>(recordsEvents, RECORDS_CHANGED_EVENT, { accountId, patientIds: [patientId] });
}

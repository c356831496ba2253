// The practice's side of secure messages, for staff accounts: the inbox of conversations waiting
// for an answer, the reply with its files, and a patient's file. Online only, through the session:
// nothing readable of it is kept on the device (the practice's devices are shared). A file being
// attached waits as ciphertext whose key only this page holds, and goes once sent. These calls
// never touch the record cache or the outbox. A personal account gets 403 (staffOnly).

import type { AttachmentRef } from '../../core/attachments';
import {
  type MessageView,
  type StaffInboxAnswer,
  staffAttachmentPath,
  staffInboxPath,
  staffRepliesPath,
} from '../../core/messages';
import type { ApiOutcome } from './api-request';
import { sharedDeviceDb } from './device-db';
import { type UploadProgress, uploadFiles } from './outbox/uploads';
import { session } from './session';

/** GET /api/staff/messages: threads whose last message is from the patient's side, oldest waiting first. */
export const staffInbox = () => session.request<StaffInboxAnswer>(staffInboxPath);

/**
 * POST /api/staff/messages/:threadId/replies → 201 with the new message. The same key sent again
 * (a try whose answer was lost) gets the first answer back instead of a second message.
 */
export async function staffReply(
  threadId: string,
  body: string,
  idempotencyKey: string = crypto.randomUUID(),
  attachments: AttachmentRef[] = [],
  onUploadProgress?: (progress: UploadProgress) => void,
): Promise<ApiOutcome<MessageView>> {
  const files = attachments.map((a) => a.uploadId);
  if (files.length > 0) {
    const uploaded = await uploadFiles(
      sharedDeviceDb(),
      (path, init) => session.fetchAsAccount(path, init),
      files,
      onUploadProgress,
    );
    if (uploaded.kind === 'waiting') return { kind: 'offline' };
    if (uploaded.kind === 'refused')
      return { kind: 'problem', status: uploaded.status, problem: uploaded.problem, retryAfterSeconds: null };
  }
  const outcome = await session.request<MessageView>(staffRepliesPath(threadId), {
    method: 'POST',
    body: files.length > 0 ? { body, attachments } : { body },
    headers: { 'idempotency-key': idempotencyKey },
  });
  if (outcome.kind === 'ok' && files.length > 0) await sharedDeviceDb().files.bulkDelete(files);
  return outcome;
}

/** A patient's (or the practice's) file of a message, as a Blob; null when it could not be fetched. */
export async function staffAttachment(threadId: string, attachmentId: string): Promise<Blob | null> {
  try {
    const response = await session.fetchAsAccount(staffAttachmentPath(threadId, attachmentId), {
      headers: { accept: '*/*' },
    });
    return response.ok ? await response.blob() : null;
  } catch {
    return null;
  }
}

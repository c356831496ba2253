// The files of messages on this device. Two kinds:
//   - files of messages already in a thread (the practice's and the patient's own): copied into the
//     record cache, sealed under the data key, so they open offline. The sync keeps the newest
//     within a budget per person and drops the copies of files no longer in the thread list.
//   - files of a message being written or waiting to be sent: the device keeps only their
//     ciphertext (device-db `files`); the key is in the draft or the waiting copy.
import { API } from '../../../core/api-paths';
import { decryptAttachment } from '../../../core/attachment-crypto';
import type { AttachmentRef, AttachmentView } from '../../../core/attachments';
import type { MessagesAnswer } from '../../../core/messages';
import { sharedDeviceDb } from '../device-db';
import { fileAad, openBytes, sealBytes } from '../records/cipher';
import type { RecordsCache } from '../records/records-cache';
import type { FileRow } from '../records/records-db';

/** Files kept for reading offline, per person: the newest messages' first. Larger ones open online. */
export const OFFLINE_FILES_BUDGET_BYTES = 50 * 1024 * 1024;

export type FetchFile = (path: string) => Promise<Response>;

interface FileInThread extends AttachmentView {
  threadId: string;
  sentAt: string;
}

function filesIn(answer: MessagesAnswer): FileInThread[] {
  return answer.threads
    .flatMap((thread) =>
      thread.messages.flatMap((message) =>
        (message.attachments ?? []).map((file) => ({ ...file, threadId: thread.id, sentAt: message.sentAt })),
      ),
    )
    .sort((a, b) => b.sentAt.localeCompare(a.sentAt));
}

/**
 * Brings the device's copies of one person's message files in line with their threads: copies of
 * files no longer listed go, missing ones within the budget are fetched. Nothing is fetched when
 * nothing is missing, so a sync with nothing new stays one IndexedDB read. Stops quietly when the
 * network does (the next sync continues); never throws for one file the server would not give.
 */
export async function keepMessageFiles(
  cache: RecordsCache,
  patientId: string,
  answer: MessagesAnswer,
  fetchFile: FetchFile,
): Promise<boolean> {
  const listed = filesIn(answer);
  const ids = new Set(listed.map((f) => f.id));
  const held = (await cache.db.files.where('patientId').equals(patientId).toArray()) as FileRow[];
  const heldIds = new Set(held.map((f) => f.id));
  const gone = held.filter((f) => !ids.has(f.id)).map((f): [string, string] => [patientId, f.id]);
  if (gone.length > 0) await cache.db.files.bulkDelete(gone);
  let budget = OFFLINE_FILES_BUDGET_BYTES - held.filter((f) => ids.has(f.id)).reduce((n, f) => n + f.size, 0);
  let added = false;
  for (const file of listed) {
    if (heldIds.has(file.id) || file.size > budget) continue;
    let response: Response;
    try {
      response = await fetchFile(API.patients.attachment(patientId, file.threadId, file.id));
    } catch {
      break;
    }
    if (!response.ok) continue;
    const bytes = new Uint8Array(await response.arrayBuffer());
    await storeFile(cache, patientId, file, bytes);
    budget -= file.size;
    added = true;
  }
  return added || gone.length > 0;
}

async function storeFile(
  cache: RecordsCache,
  patientId: string,
  file: FileInThread,
  bytes: Uint8Array<ArrayBuffer>,
): Promise<void> {
  const sealed = await sealBytes(cache.key, bytes, fileAad(patientId, file.id));
  await cache.db.files.put({
    ...sealed,
    patientId,
    id: file.id,
    threadId: file.threadId,
    size: bytes.byteLength,
    sentAt: file.sentAt,
  });
}

/**
 * A file of a message in a thread, as a Blob of its type: the device's copy when there is one,
 * else fetched (and kept) while online. Null when it is not on the device and cannot be fetched.
 */
export async function messageFile(
  cache: RecordsCache,
  patientId: string,
  file: AttachmentView & { threadId: string; sentAt: string },
  fetchFile: FetchFile,
): Promise<Blob | null> {
  const row = await cache.db.files.get([patientId, file.id]);
  if (row) {
    const bytes = await openBytes(cache.key, row, fileAad(patientId, file.id));
    return new Blob([bytes], { type: file.mediaType });
  }
  let response: Response;
  try {
    response = await fetchFile(API.patients.attachment(patientId, file.threadId, file.id));
  } catch {
    return null;
  }
  if (!response.ok) return null;
  const bytes = new Uint8Array(await response.arrayBuffer());
  await storeFile(cache, patientId, file, bytes);
  return new Blob([bytes], { type: file.mediaType });
}

/** A file of a draft or of a waiting message, opened with the key its message holds. */
export async function preparedFile(ref: AttachmentRef): Promise<Blob | null> {
  const row = await sharedDeviceDb().files.get(ref.uploadId);
  if (!row) return null;
  const bytes = await decryptAttachment(row.cipher, ref).catch(() => null);
  return bytes ? new Blob([bytes], { type: ref.mediaType }) : null;
}

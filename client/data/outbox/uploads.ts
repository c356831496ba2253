// Uploads the files a message names, before the message itself: the ciphertext the device keeps
// (device-db `files`), in chunks, each an idempotent PUT by index. It first asks the server which
// chunks it already holds, so a connection cut half-way resumes at the next chunk, and a repeat
// (page and worker both sending) costs one GET. Runs in the page and in the service worker; it
// reads nothing it sends.
import { API } from '../../../core/api-paths';
import { UPLOAD_CHUNK_BYTES, UPLOAD_TOTAL_HEADER, type UploadStatus } from '../../../core/attachments';
import { isRetryableStatus, type OutboxItem } from '../../../core/outbox';
import { isProblem, type Problem } from '../../../core/problem';
import type { DeviceDb } from '../device-db';

/** Bytes of the message's files the server holds now, of all there are. */
export interface UploadProgress {
  sent: number;
  total: number;
}

export type UploadResult =
  | { kind: 'done' }
  /** Offline, or the server had trouble: try again later; nothing is lost. */
  | { kind: 'waiting' }
  /** The server refused a file: the message cannot go as it is. */
  | { kind: 'refused'; status: number; problem: Problem };

export type Send = (path: string, init: RequestInit) => Promise<Response>;

export async function uploadFiles(
  db: DeviceDb,
  send: Send,
  fileIds: readonly string[],
  onProgress: (progress: UploadProgress) => void = () => {},
): Promise<UploadResult> {
  const files = (await db.files.bulkGet([...fileIds])).filter((f) => f !== undefined);
  const total = files.reduce((sum, f) => sum + f.cipher.byteLength, 0);
  let sent = 0;
  onProgress({ sent, total });
  try {
    for (const file of files) {
      const size = file.cipher.byteLength;
      const held = await chunksHeld(send, file.id);
      if ('refused' in held) return held.refused;
      for (let index = 0; index * UPLOAD_CHUNK_BYTES < size; index += 1) {
        const start = index * UPLOAD_CHUNK_BYTES;
        const chunk = file.cipher.subarray(start, Math.min(size, start + UPLOAD_CHUNK_BYTES));
        if (!held.chunks.has(index)) {
          const response = await send(API.uploads.chunk(file.id, index), {
            method: 'PUT',
            headers: { 'content-type': 'application/octet-stream', [UPLOAD_TOTAL_HEADER]: String(size) },
            body: chunk,
          });
          if (!response.ok) return await notAccepted(response);
        }
        sent += chunk.byteLength;
        onProgress({ sent, total });
      }
    }
  } catch {
    return { kind: 'waiting' };
  }
  return { kind: 'done' };
}

async function chunksHeld(
  send: Send,
  id: string,
): Promise<{ chunks: Set<number> } | { refused: UploadResult }> {
  const response = await send(API.uploads.status(id), { headers: { accept: 'application/json' } });
  // Not started yet (or started by a try whose first chunk never arrived).
  if (response.status === 404) return { chunks: new Set() };
  if (!response.ok) return { refused: await notAccepted(response) };
  const status = (await response.json()) as UploadStatus;
  return { chunks: new Set(status.chunks) };
}

async function notAccepted(response: Response): Promise<UploadResult> {
  if (isRetryableStatus(response.status)) return { kind: 'waiting' };
  const body: unknown = await response.json().catch(() => null);
  const problem: Problem = isProblem(body)
    ? body
    : { type: 'about:blank', title: 'The file was not accepted', status: response.status };
  return { kind: 'refused', status: response.status, problem };
}

/** The refusal as an outbox item keeps it, for the user to read beside the message. */
export function failureOf(
  result: Extract<UploadResult, { kind: 'refused' }>,
): NonNullable<OutboxItem['failure']> {
  return {
    status: result.status,
    title: result.problem.title,
    ...(result.problem.detail ? { detail: result.problem.detail } : {}),
  };
}

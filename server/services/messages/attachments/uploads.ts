// Upload staging (core/attachments.ts has the protocol): an account's encrypted files arrive here in
// chunks, each an idempotent PUT by index, and wait for the message that names them. The server
// cannot read them until then. An account has a bounded number of uploads waiting, and an upload no
// message took within UPLOAD_KEPT_HOURS is deleted (when a new upload starts, and at app start).
import {
  ATTACHMENT_CIPHER_OVERHEAD,
  chunkCount,
  MAX_ATTACHMENT_BYTES,
  UPLOAD_CHUNK_BYTES,
  UPLOAD_KEPT_HOURS,
  type UploadStatus,
} from '../../../../core/attachments';
import type { AppDeps } from '../../../context';
import { ProblemException } from '../../../http/problem';
import { perApp } from '../../per-app';
import { attachmentProblems } from './problems';
import { createUploadStore } from './upload-store';

/**
 * Uploads one account may have waiting for a message, and their bytes together: four messages'
 * worth of files, far above what a family sends at once, low enough that no account fills the disk.
 */
export const MAX_WAITING_UPLOADS = 40;
export const MAX_WAITING_UPLOAD_BYTES = 450 * 1024 * 1024;

/** The largest upload: a 10 MB file and its GCM tag. */
export const MAX_UPLOAD_TOTAL = MAX_ATTACHMENT_BYTES + ATTACHMENT_CIPHER_OVERHEAD;

const KEPT_MS = UPLOAD_KEPT_HOURS * 3600_000;
/** Upload ids are UUIDs, stored in lower case: the same id in capitals names the same upload. */
const idOf = (uploadId: string) => uploadId.toLowerCase();

export interface ChunkPut {
  accountId: string;
  uploadId: string;
  index: number;
  /** The Upload-Total header: the whole upload's size. */
  total: number;
  data: Uint8Array;
}

export interface Uploads {
  /** How far the account's upload got; 404 when it has none with this id. */
  status(accountId: string, uploadId: string): UploadStatus;
  /** Stores one chunk (the first one fixes the total); a repeat of a received chunk changes nothing. */
  putChunk(put: ChunkPut): void;
  /** The bytes of the account's complete upload, or null (missing, expired, unfinished). */
  complete(accountId: string, uploadId: string): { total: number; bytes: Buffer } | null;
  /**
   * Inside a message's transaction: deletes the account's complete upload of this size and says
   * whether it was there. False leaves everything as it was.
   */
  take(accountId: string, uploadId: string, total: number): boolean;
  /** Deletes every upload no message took in time; returns how many. */
  removeExpired(): number;
}

export const uploadsOf = perApp((deps: Pick<AppDeps, 'db' | 'now'>) => createUploads(deps));

function createUploads({ db, now }: Pick<AppDeps, 'db' | 'now'>): Uploads {
  const store = createUploadStore(db);
  /** Uploads created at or before this moment are expired. */
  const cutoff = () => new Date(now().getTime() - KEPT_MS).toISOString();

  const isComplete = (accountId: string, uploadId: string, total: number) =>
    store.chunkIndexes(accountId, uploadId).length === chunkCount(total);

  /** Refuses a new upload beyond the account's allowance, saying when its oldest upload goes. */
  const ensureRoom = (accountId: string, total: number) => {
    const waiting = store.totalsOf(accountId);
    if (waiting.count < MAX_WAITING_UPLOADS && waiting.bytes + total <= MAX_WAITING_UPLOAD_BYTES) return;
    const frees = Date.parse(waiting.oldest ?? now().toISOString()) + KEPT_MS;
    const seconds = Math.max(1, Math.ceil((frees - now().getTime()) / 1000));
    throw new ProblemException(attachmentProblems.tooManyUploads(), { 'retry-after': String(seconds) });
  };

  const putChunk = db.transaction(({ accountId, uploadId: id, index, total, data }: ChunkPut) => {
    const uploadId = idOf(id);
    if (total <= ATTACHMENT_CIPHER_OVERHEAD) throw new ProblemException(attachmentProblems.emptyUpload());
    if (total > MAX_UPLOAD_TOTAL) throw new ProblemException(attachmentProblems.tooLarge('upload'));
    if (data.byteLength > UPLOAD_CHUNK_BYTES)
      throw new ProblemException(attachmentProblems.tooLarge('chunk'));
    const since = cutoff();
    const existing = store.find(accountId, uploadId, since);
    if (existing && existing.total !== total)
      throw new ProblemException(attachmentProblems.uploadConflict('total'));
    const count = chunkCount(total);
    if (index >= count) throw new ProblemException(attachmentProblems.badIndex());
    const expected = index < count - 1 ? UPLOAD_CHUNK_BYTES : total - (count - 1) * UPLOAD_CHUNK_BYTES;
    if (data.byteLength !== expected) throw new ProblemException(attachmentProblems.badChunkLength(expected));
    if (!existing) {
      // A new upload starts: the expired ones go first (theirs may be the room it needs).
      store.removeOlderThan(since);
      ensureRoom(accountId, total);
      store.create({ account_id: accountId, id: uploadId, total, created_at: now().toISOString() });
    }
    if (store.addChunk(accountId, uploadId, index, data)) return;
    const held = store.chunk(accountId, uploadId, index);
    if (!held?.equals(data)) throw new ProblemException(attachmentProblems.uploadConflict('chunk'));
  });

  return {
    status(accountId, id) {
      const uploadId = idOf(id);
      const upload = store.find(accountId, uploadId, cutoff());
      if (!upload) throw new ProblemException(attachmentProblems.uploadNotFound());
      return { uploadId: upload.id, total: upload.total, chunks: store.chunkIndexes(accountId, uploadId) };
    },

    putChunk: (put) => putChunk(put),

    complete(accountId, id) {
      const uploadId = idOf(id);
      const upload = store.find(accountId, uploadId, cutoff());
      if (!upload || !isComplete(accountId, uploadId, upload.total)) return null;
      return { total: upload.total, bytes: store.bytesOf(accountId, uploadId) };
    },

    take(accountId, id, total) {
      const uploadId = idOf(id);
      const upload = store.find(accountId, uploadId, cutoff());
      if (!upload || upload.total !== total || !isComplete(accountId, uploadId, total)) return false;
      return store.remove(accountId, uploadId);
    },

    removeExpired: () => store.removeOlderThan(cutoff()),
  };
}

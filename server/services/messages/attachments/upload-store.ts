// The uploads and upload_chunks tables (migration 009): reads and writes only, every one scoped to
// the account. What a chunk must be, and who may upload, is decided in uploads.ts.
import type { Db } from '../../../db/database';

export interface UploadRow {
  account_id: string;
  id: string;
  total: number;
  created_at: string;
}

export interface UploadTotals {
  count: number;
  bytes: number;
  oldest: string | null;
}

export interface UploadStore {
  /** The account's upload, when it was created after `since` (older ones are as good as deleted). */
  find(accountId: string, uploadId: string, since: string): UploadRow | undefined;
  create(row: UploadRow): void;
  /** How many uploads the account has waiting, their bytes, and when the oldest started. */
  totalsOf(accountId: string): UploadTotals;
  chunkIndexes(accountId: string, uploadId: string): number[];
  chunk(accountId: string, uploadId: string, index: number): Buffer | undefined;
  /** Adds the chunk; false when the upload already had one at this index (it is kept). */
  addChunk(accountId: string, uploadId: string, index: number, data: Uint8Array): boolean;
  /** The upload's bytes, chunk after chunk. */
  bytesOf(accountId: string, uploadId: string): Buffer;
  /** Deletes the upload and its chunks; false when there was none. */
  remove(accountId: string, uploadId: string): boolean;
  /** Deletes every upload of every account created at or before `cutoff`; returns how many. */
  removeOlderThan(cutoff: string): number;
}

export function createUploadStore(db: Db): UploadStore {
  const find = db.prepare<[string, string, string], UploadRow>(
    'SELECT account_id, id, total, created_at FROM uploads WHERE account_id = ? AND id = ? AND created_at > ?',
  );
  const create = db.prepare<[UploadRow]>(
    'INSERT INTO uploads (account_id, id, total, created_at) VALUES (@account_id, @id, @total, @created_at)',
  );
  const totals = db.prepare<[string], UploadTotals>(
    `SELECT count(*) AS count, coalesce(sum(total), 0) AS bytes, min(created_at) AS oldest
     FROM uploads WHERE account_id = ?`,
  );
  const indexes = db
    .prepare<[string, string], number>(
      'SELECT idx FROM upload_chunks WHERE account_id = ? AND upload_id = ? ORDER BY idx',
    )
    .pluck();
  const chunk = db
    .prepare<[string, string, number], Buffer>(
      'SELECT data FROM upload_chunks WHERE account_id = ? AND upload_id = ? AND idx = ?',
    )
    .pluck();
  const addChunk = db.prepare<[string, string, number, Uint8Array]>(
    'INSERT OR IGNORE INTO upload_chunks (account_id, upload_id, idx, data) VALUES (?, ?, ?, ?)',
  );
  const chunks = db
    .prepare<[string, string], Buffer>(
      'SELECT data FROM upload_chunks WHERE account_id = ? AND upload_id = ? ORDER BY idx',
    )
    .pluck();
  const remove = db.prepare<[string, string]>('DELETE FROM uploads WHERE account_id = ? AND id = ?');
  const removeOlder = db.prepare<[string]>('DELETE FROM uploads WHERE created_at <= ?');

  return {
    find: (accountId, uploadId, since) => find.get(accountId, uploadId, since),
    create: (row) => {
      create.run(row);
    },
    totalsOf: (accountId) => totals.get(accountId) ?? { count: 0, bytes: 0, oldest: null },
    chunkIndexes: (accountId, uploadId) => indexes.all(accountId, uploadId),
    chunk: (accountId, uploadId, index) => chunk.get(accountId, uploadId, index),
    addChunk: (accountId, uploadId, index, data) =>
      addChunk.run(accountId, uploadId, index, data).changes === 1,
    bytesOf: (accountId, uploadId) => Buffer.concat(chunks.all(accountId, uploadId)),
    remove: (accountId, uploadId) => remove.run(accountId, uploadId).changes === 1,
    removeOlderThan: (cutoff) => removeOlder.run(cutoff).changes,
  };
}

// The message_attachments table (migration 009): reads and writes only. Lists read everything but
// the bytes; only a download reads those. Who may see which thread is decided in messaging.ts.
import type { AttachmentMediaType, AttachmentView } from '../../../../core/attachments';
import type { Db } from '../../../db/database';

export interface AttachmentRow {
  id: string;
  message_id: string;
  position: number;
  name: string;
  media_type: AttachmentMediaType;
  size: number;
  sha256: string;
  created_at: string;
  data: Buffer;
}

/** A stored file as its download sends it. */
export type StoredAttachment = Pick<AttachmentRow, 'id' | 'name' | 'media_type' | 'size' | 'data'>;

export interface AttachmentStore {
  insert(row: AttachmentRow): void;
  /** The attachments of every message of these threads, by message, in the order they were attached. */
  viewsOf(threadIds: readonly string[]): Map<string, AttachmentView[]>;
  /** The file with this id on a message of this thread; another thread's file is not found. */
  find(threadId: string, attachmentId: string): StoredAttachment | undefined;
}

export const attachmentView = (row: Pick<AttachmentRow, 'id' | 'name' | 'media_type' | 'size'>) => ({
  id: row.id,
  name: row.name,
  mediaType: row.media_type,
  size: row.size,
});

export function createAttachmentStore(db: Db): AttachmentStore {
  const insert = db.prepare<[AttachmentRow]>(
    `INSERT INTO message_attachments (id, message_id, position, name, media_type, size, sha256, created_at, data)
     VALUES (@id, @message_id, @position, @name, @media_type, @size, @sha256, @created_at, @data)`,
  );
  const views = db.prepare<
    [string],
    Pick<AttachmentRow, 'id' | 'message_id' | 'name' | 'media_type' | 'size'>
  >(
    `SELECT a.id, a.message_id, a.name, a.media_type, a.size
     FROM message_attachments a JOIN messages m ON m.id = a.message_id
     WHERE m.thread_id IN (SELECT value FROM json_each(?))
     ORDER BY a.message_id, a.position`,
  );
  const find = db.prepare<[string, string], StoredAttachment>(
    `SELECT a.id, a.name, a.media_type, a.size, a.data
     FROM message_attachments a JOIN messages m ON m.id = a.message_id
     WHERE a.id = ? AND m.thread_id = ?`,
  );
  return {
    insert: (row) => {
      insert.run(row);
    },
    viewsOf(threadIds) {
      const byMessage = new Map<string, AttachmentView[]>();
      if (threadIds.length === 0) return byMessage;
      for (const row of views.all(JSON.stringify(threadIds))) {
        const list = byMessage.get(row.message_id) ?? [];
        list.push(attachmentView(row));
        byMessage.set(row.message_id, list);
      }
      return byMessage;
    },
    find: (threadId, attachmentId) => find.get(attachmentId, threadId),
  };
}

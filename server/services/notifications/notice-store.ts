// The message_notices table: one row per account and thread, the practice answer the account was
// last told about. It keeps a busy thread from sending a notice per answer: the next one goes out
// only once the account has opened the thread (thread_reads) at or after the answer it was told of.
import type { Db } from '../../db/database';

export interface NoticeStore {
  /**
   * Takes the right to tell this account about the answer sent at `messageAt`, and records it. False
   * when the account already saw the answer, was already told of it, or was told of an earlier one
   * and has not opened the thread since.
   */
  claim(threadId: string, accountId: string, messageAt: string, now: Date): boolean;
}

export function createNoticeStore(db: Db): NoticeStore {
  const readAt = db
    .prepare<[string, string], string>(
      'SELECT read_at FROM thread_reads WHERE thread_id = ? AND account_id = ?',
    )
    .pluck();
  const noticedFor = db
    .prepare<[string, string], string>(
      'SELECT message_at FROM message_notices WHERE thread_id = ? AND account_id = ?',
    )
    .pluck();
  const record = db.prepare<[string, string, string, string]>(
    `INSERT INTO message_notices (thread_id, account_id, message_at, noticed_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (thread_id, account_id) DO UPDATE SET message_at = excluded.message_at,
       noticed_at = excluded.noticed_at`,
  );
  const claim = db.transaction((threadId: string, accountId: string, messageAt: string, now: Date) => {
    const read = readAt.get(threadId, accountId);
    if (read !== undefined && read >= messageAt) return false;
    const told = noticedFor.get(threadId, accountId);
    if (told !== undefined && (told >= messageAt || read === undefined || read < told)) return false;
    record.run(threadId, accountId, messageAt, now.toISOString());
    return true;
  });
  return { claim: (threadId, accountId, messageAt, now) => claim(threadId, accountId, messageAt, now) };
}

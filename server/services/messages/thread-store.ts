// The message_threads, messages and thread_reads tables: reads and writes only. Who may see or
// write what is decided in messaging.ts; bodies are health information and never leave these rows
// except in the API's answers.
import type { AttachmentView } from '../../../core/attachments';
import type { MessageSubjectId, MessageTopic, MessageView, ThreadView } from '../../../core/messages';
import type { Db } from '../../db/database';

export interface ThreadRow {
  id: string;
  patient_id: string;
  topic: MessageTopic;
  subject: MessageSubjectId;
  practitioner_id: string | null;
  location_id: string | null;
  with_name: string;
  location_name: string;
  started_at: string;
  last_message_at: string;
}

export interface MessageRow {
  id: string;
  thread_id: string;
  from_side: 'patient' | 'practice';
  author_account_id: string | null;
  author_name: string;
  on_behalf_of: string | null;
  body: string;
  sent_at: string;
}

export type NewThread = ThreadRow;
export type NewMessage = MessageRow;

/** The thread with this id on this patient's record; another patient's thread is not found. */
export function findThread(db: Db, patientId: string, threadId: string): ThreadRow | undefined {
  return db
    .prepare<[string, string], ThreadRow>('SELECT * FROM message_threads WHERE id = ? AND patient_id = ?')
    .get(threadId, patientId);
}

/** Any thread of the practice, for the practice's side. */
export function findAnyThread(db: Db, threadId: string): ThreadRow | undefined {
  return db.prepare<[string], ThreadRow>('SELECT * FROM message_threads WHERE id = ?').get(threadId);
}

/** The patient's threads, newest activity first; `topic` keeps only those of one topic. */
export function threadsOf(db: Db, patientId: string, topic: MessageTopic | null, limit: number): ThreadRow[] {
  return db
    .prepare<[string, MessageTopic | null, MessageTopic | null, number], ThreadRow>(
      `SELECT * FROM message_threads
       WHERE patient_id = ? AND (? IS NULL OR topic = ?)
       ORDER BY last_message_at DESC, rowid DESC
       LIMIT ?`,
    )
    .all(patientId, topic, topic, limit);
}

/** Threads of the whole practice whose last message came from the patient's side, oldest first. */
export function threadsAwaitingPractice(db: Db, limit: number): ThreadRow[] {
  return db
    .prepare<[number], ThreadRow>(
      `SELECT t.* FROM message_threads t
       WHERE (SELECT m.from_side FROM messages m WHERE m.thread_id = t.id
              ORDER BY m.sent_at DESC, m.rowid DESC LIMIT 1) = 'patient'
       ORDER BY t.last_message_at ASC, t.rowid ASC
       LIMIT ?`,
    )
    .all(limit);
}

/** The messages of these threads, oldest first within each. */
export function messagesOf(db: Db, threadIds: readonly string[]): Map<string, MessageRow[]> {
  const byThread = new Map<string, MessageRow[]>(threadIds.map((id) => [id, []]));
  if (threadIds.length === 0) return byThread;
  const rows = db
    .prepare<[string], MessageRow>(
      `SELECT * FROM messages WHERE thread_id IN (SELECT value FROM json_each(?))
       ORDER BY thread_id, sent_at, rowid`,
    )
    .all(JSON.stringify(threadIds));
  for (const row of rows) byThread.get(row.thread_id)?.push(row);
  return byThread;
}

/** How many conversations this account started (wrote the first message of) since `since`, and the oldest. */
export function conversationsStartedBy(
  db: Db,
  accountId: string,
  since: string,
): { count: number; oldest: string | null } {
  return (
    db
      .prepare<[string, string], { count: number; oldest: string | null }>(
        `SELECT COUNT(*) AS count, MIN(t.started_at) AS oldest
       FROM message_threads t
       JOIN messages m ON m.thread_id = t.id AND m.sent_at = t.started_at AND m.from_side = 'patient'
       WHERE m.author_account_id = ? AND t.started_at > ?`,
      )
      .get(accountId, since) ?? { count: 0, oldest: null }
  );
}

export function messageCount(db: Db, threadId: string): number {
  return Number(db.prepare('SELECT count(*) FROM messages WHERE thread_id = ?').pluck().get(threadId));
}

/** When the account last opened each of these threads. */
export function readsOf(db: Db, accountId: string, threadIds: readonly string[]): Map<string, string> {
  if (threadIds.length === 0) return new Map();
  const rows = db
    .prepare<[string, string], { thread_id: string; read_at: string }>(
      `SELECT thread_id, read_at FROM thread_reads
       WHERE account_id = ? AND thread_id IN (SELECT value FROM json_each(?))`,
    )
    .all(accountId, JSON.stringify(threadIds));
  return new Map(rows.map((r) => [r.thread_id, r.read_at]));
}

export function insertThread(db: Db, thread: NewThread): void {
  db.prepare(
    `INSERT INTO message_threads (id, patient_id, topic, subject, practitioner_id, location_id, with_name,
       location_name, started_at, last_message_at)
     VALUES (@id, @patient_id, @topic, @subject, @practitioner_id, @location_id, @with_name, @location_name,
       @started_at, @last_message_at)`,
  ).run(thread);
}

/** Adds the message and moves the thread's last activity to it. */
export function insertMessage(db: Db, message: NewMessage): void {
  db.prepare(
    `INSERT INTO messages (id, thread_id, from_side, author_account_id, author_name, on_behalf_of, body, sent_at)
     VALUES (@id, @thread_id, @from_side, @author_account_id, @author_name, @on_behalf_of, @body, @sent_at)`,
  ).run(message);
  db.prepare('UPDATE message_threads SET last_message_at = max(last_message_at, ?) WHERE id = ?').run(
    message.sent_at,
    message.thread_id,
  );
}

/** The account opened the thread at `at` (a later read never moves back). */
export function markThreadRead(db: Db, threadId: string, accountId: string, at: string): void {
  db.prepare(
    `INSERT INTO thread_reads (thread_id, account_id, read_at) VALUES (?, ?, ?)
     ON CONFLICT (thread_id, account_id) DO UPDATE SET read_at = max(read_at, excluded.read_at)`,
  ).run(threadId, accountId, at);
}

/** The message as both sides see it, with its files (attachments/attachment-store.ts reads them). */
export function messageView(row: MessageRow, attachments: AttachmentView[] = []): MessageView {
  return {
    id: row.id,
    from: row.from_side,
    authorName: row.author_name,
    onBehalfOf: row.on_behalf_of,
    // Staff accounts stay the practice's business: the patient's side sees the name only.
    authorAccountId: row.from_side === 'patient' ? row.author_account_id : null,
    sentAt: row.sent_at,
    body: row.body,
    attachments,
  };
}

/**
 * The thread as one account sees it. Unread: a message from the other side came after the account
 * last opened the thread (for the patient's side, a practice answer; for staff, a patient message).
 */
export function threadView(
  thread: ThreadRow,
  messages: readonly MessageRow[],
  readAt: string | undefined,
  side: 'patient' | 'practice',
  attachments: ReadonlyMap<string, AttachmentView[]> = new Map(),
): ThreadView {
  const unread = messages.some((m) => m.from_side !== side && (readAt === undefined || m.sent_at > readAt));
  return {
    id: thread.id,
    patientId: thread.patient_id,
    topic: thread.topic,
    subject: thread.subject,
    withName: thread.with_name,
    locationName: thread.location_name,
    startedAt: thread.started_at,
    lastMessageAt: thread.last_message_at,
    unread,
    messages: messages.map((m) => messageView(m, attachments.get(m.id))),
  };
}

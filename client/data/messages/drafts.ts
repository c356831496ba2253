// Messages being written, kept on the device so that closing the app loses nothing. What is stored
// where:
//   - the record cache's `drafts` table (one row per draft): the draft's id, whose it is and when
//     it was saved, in clear; everything written (subject, provider, text, and the files' names and
//     keys) sealed under the data key, bound to the row (draftAad). Locked, nothing of it reads.
//   - the device database's `files` table: the attached files' ciphertext, under keys only the
//     sealed draft holds (prepare-attachment.ts put them there).
// A draft leaves with its files when discarded, without them when sent (the message owns them
// then), with its person when they leave the device (records-db deleteCopies), and with the whole
// cache at sign-out, when dropUnsentFiles takes the files no waiting message names.
import type { AttachmentRef } from '../../../core/attachments';
import type { MessageSubjectId } from '../../../core/messages';
import { type DeviceDb, sharedDeviceDb } from '../device-db';
import { draftAad, openJson, sealJson } from '../records/cipher';
import type { RecordsCache } from '../records/records-cache';
import type { DraftRow } from '../records/records-db';
import { forgetPreparedFiles } from './prepare-attachment';

/** "Send a message" as far as it was filled in ('' where nothing was chosen yet). */
export interface NewMessageDraft {
  kind: 'new';
  subject: MessageSubjectId | '';
  providerId: string;
  locationId: string;
  body: string;
  attachments: AttachmentRef[];
}

/** A reply to one conversation of the person. */
export interface ReplyDraft {
  kind: 'reply';
  threadId: string;
  body: string;
  attachments: AttachmentRef[];
}

export type DraftContent = NewMessageDraft | ReplyDraft;

export interface Draft {
  id: string;
  patientId: string;
  /** When it was last saved (ISO). */
  updatedAt: string;
  content: DraftContent;
}

/** Files prepared this long ago that no draft or waiting message names are left from a closed tab. */
export const ORPHAN_FILE_AGE_MS = 60 * 60_000;

/** Nothing written, chosen or attached: not worth keeping. */
export function isEmptyDraft(content: DraftContent): boolean {
  const chosen = content.kind === 'new' && (content.subject || content.providerId || content.locationId);
  return !chosen && content.body.trim() === '' && content.attachments.length === 0;
}

/** Keeps the draft as it is now (replacing its earlier save); returns it as stored. */
export async function saveDraft(
  cache: RecordsCache,
  draft: Pick<Draft, 'id' | 'patientId' | 'content'>,
  now: Date = new Date(),
): Promise<Draft> {
  const sealed = await sealJson(cache.key, draft.content, draftAad(draft.id, draft.patientId));
  const row: DraftRow = { id: draft.id, patientId: draft.patientId, updatedAt: now.toISOString(), ...sealed };
  await cache.db.drafts.put(row);
  return { ...draft, updatedAt: row.updatedAt };
}

/** The person's drafts, the latest saved first. One that does not open (tampered with) is left out. */
export async function listDrafts(cache: RecordsCache, patientId: string): Promise<Draft[]> {
  const key = cache.key; // locked: refused before anything is read
  const rows = await cache.db.drafts.where('patientId').equals(patientId).toArray();
  const drafts = await Promise.all(rows.map((row) => openDraft(key, row)));
  return drafts.filter((d): d is Draft => d !== null).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

export async function readDraft(cache: RecordsCache, id: string): Promise<Draft | null> {
  const key = cache.key;
  const row = await cache.db.drafts.get(id);
  return row ? openDraft(key, row) : null;
}

async function openDraft(key: CryptoKey, row: DraftRow): Promise<Draft | null> {
  const content = await openJson<DraftContent>(key, row, draftAad(row.id, row.patientId)).catch(() => null);
  if (!content || (content.kind !== 'new' && content.kind !== 'reply')) return null;
  return { id: row.id, patientId: row.patientId, updatedAt: row.updatedAt, content };
}

/**
 * "Discard": the draft and its files' ciphertext leave the device. A file another draft or a
 * waiting message also names stays (it is theirs too).
 */
export async function discardDraft(cache: RecordsCache, id: string): Promise<void> {
  const draft = await readDraft(cache, id);
  await cache.db.drafts.delete(id);
  const files = draft?.content.attachments.map((a) => a.uploadId) ?? [];
  if (files.length === 0) return;
  const named = await namedFiles(cache);
  await forgetPreparedFiles(files.filter((file) => !named.has(file)));
}

/** The draft became a message (sent, or waiting in the outbox): the draft goes, its files stay. */
export async function draftSent(cache: RecordsCache, id: string): Promise<void> {
  await cache.db.drafts.delete(id);
}

/**
 * Deletes this account's prepared files that no draft and no waiting message names and that are
 * older than ORPHAN_FILE_AGE_MS: attached in a tab closed before its draft was saved, or left by a
 * draft that went with its person. Younger ones may belong to a form open right now. Returns how
 * many went.
 */
export async function dropOrphanFiles(
  cache: RecordsCache,
  now: number = Date.now(),
  device: DeviceDb = sharedDeviceDb(),
): Promise<number> {
  const named = await namedFiles(cache, device);
  const before = new Date(now - ORPHAN_FILE_AGE_MS).toISOString();
  const orphans = await device.files
    .where('accountId')
    .equals(cache.accountId)
    .filter((file) => file.createdAt < before && !named.has(file.id))
    .primaryKeys();
  if (orphans.length > 0) await device.files.bulkDelete(orphans);
  return orphans.length;
}

/**
 * Signed out: the drafts went with the record cache, so their files go too. Only the files of
 * messages still waiting to be sent stay (the outbox sends them, then deletes them).
 */
export async function dropUnsentFiles(accountId: string, device: DeviceDb = sharedDeviceDb()): Promise<void> {
  const waiting = await outboxFiles(device);
  const gone = await device.files
    .where('accountId')
    .equals(accountId)
    .filter((file) => !waiting.has(file.id))
    .primaryKeys();
  if (gone.length > 0) await device.files.bulkDelete(gone);
}

/** Files some draft of this account (anyone's) or some waiting message names. */
async function namedFiles(cache: RecordsCache, device: DeviceDb = sharedDeviceDb()): Promise<Set<string>> {
  const key = cache.key;
  const named = await outboxFiles(device);
  for (const row of await cache.db.drafts.toArray()) {
    const draft = await openDraft(key, row);
    for (const ref of draft?.content.attachments ?? []) named.add(ref.uploadId);
  }
  return named;
}

/** Every account's, to be safe: a file named by any waiting message is never this code's to delete. */
async function outboxFiles(device: DeviceDb): Promise<Set<string>> {
  const items = await device.outbox.toArray();
  return new Set(items.flatMap((item) => item.files ?? []));
}

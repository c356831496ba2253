// The offline record cache of one signed-in account: a Dexie database per account holding the
// records of everyone that account may see. Only ids, types, dates and sequence numbers are clear.

import { Dexie, type IndexableType, type Table } from 'dexie';
import type { WaitingTopic } from '../../../core/outbox';
import type { AccessLevel } from '../../../core/records';
import type { SealedBytes } from './cipher';

/** One FHIR resource. `date` is '' when the record has no clinical date, so it stays in the index. */
export interface ResourceRow extends SealedBytes {
  patientId: string;
  type: string;
  id: string;
  date: string;
  seq: number;
}
export type ResourceKey = [patientId: string, type: string, id: string];

/** One entry of the people list; the name, birth date and relationship are in `data`. */
export interface PersonRow extends SealedBytes {
  patientId: string;
  access: AccessLevel;
  /** Position in the server's list (the account holder first). */
  order: number;
}

/** How far a person's record is synced: `since` is the next page's cursor. */
export interface CursorRow {
  patientId: string;
  since: number;
  /** When the device last caught up with the server for this person (ISO), null before that. */
  lastSyncedAt: string | null;
  /** The server's view fingerprint this copy was built under (ChangesPage.view). */
  view?: string;
}

export const KEYRING_ROW = 'data-key';

/** The data key, wrapped under a key derived from the password, and what is needed to derive it. */
export interface KeyringRow {
  key: typeof KEYRING_ROW;
  format: 1;
  kdf: 'PBKDF2-SHA-256';
  salt: Uint8Array<ArrayBuffer>;
  iterations: number;
  wrap: 'AES-KW';
  wrappedKey: Uint8Array<ArrayBuffer>;
  /** A known value sealed under the data key: proves an unwrapped key is this cache's key. */
  check: SealedBytes;
  createdAt: string;
}

export const ACCOUNT_ROW = 'summary';

/** The signed-in account's summary (e-mail, name), sealed, so an offline unlock can show who it is. */
export interface AccountRow extends SealedBytes {
  key: typeof ACCOUNT_ROW;
}

export const THROTTLE_ROW = 'unlock';

/** Wrong offline passwords so far and until when the next try is refused (epoch ms). */
export interface ThrottleRow {
  key: typeof THROTTLE_ROW;
  failures: number;
  lastFailureAt: number;
  waitUntil: number;
}

export const INBOX_KEY_ROW = 'inbox';

/**
 * The device's inbox key pair: the service worker seals what it fetches in the background to the
 * public half (kept clear: it can only lock, not open); the private half is sealed under the data
 * key, so only an unlocked app reads the inbox.
 */
export interface InboxKeyRow {
  key: typeof INBOX_KEY_ROW;
  publicJwk: JsonWebKey;
  privateJwk: SealedBytes;
}

/** A people list, a changes page or a whole answer fetched by the service worker, sealed to the inbox key (JWE). */
export interface InboxRow {
  seq?: number;
  kind: 'people' | 'page' | 'snapshot';
  /** For snapshots: which whole answer (billing, messages, recipients). */
  snapshot?: SnapshotKind;
  /** For pages: whose, and the cursor it starts from and moves to (clear: the worker continues from it). */
  patientId?: string;
  since?: number;
  next?: number;
  /** When the worker fetched it (ISO): "Updated … ago" tells that time, not when it was opened. */
  fetchedAt: string;
  sealed: string;
}

/**
 * What the server answers whole, per person, and pages read offline (core/billing, core/messages;
 * 'family' is the account holder's own Family access settings, kept under their own patient id).
 */
export type SnapshotKind = 'billing' | 'messages' | 'recipients' | 'family';

/** The newest answer of one kind for one person, sealed; `fetchedAt` says how fresh it is. */
export interface SnapshotRow extends SealedBytes {
  patientId: string;
  kind: SnapshotKind;
  fetchedAt: string;
}
export type SnapshotKey = [patientId: string, kind: SnapshotKind];

/**
 * Where app versions before the outbox kept its own copies (outbox/queue.ts) stored the readable
 * copy of a waiting change, under the data key. outbox/copies.ts adoptEarlierCopies moves any
 * left into their outbox items; nothing writes here any more. `id` is the outbox id.
 */
export interface WaitingRow extends SealedBytes {
  id: string;
  patientId: string;
  /** Whose page shows it; absent on copies made before there were topics (messages). */
  topic?: WaitingTopic;
  createdAt: string;
}

/** A file of a message, kept for reading offline: the bytes sealed under the data key. */
export interface FileRow extends SealedBytes {
  patientId: string;
  /** The attachment's id on the server. */
  id: string;
  /** The thread it belongs to, and its size: clear, to keep within the device's budget. */
  threadId: string;
  size: number;
  /** When the message carrying it was sent (the newest are kept first). */
  sentAt: string;
}
export type FileKey = [patientId: string, id: string];

/** A message being written, sealed under the data key (messages/drafts.ts says what is in it). */
export interface DraftRow extends SealedBytes {
  id: string;
  patientId: string;
  updatedAt: string;
}

export type RecordsDb = Dexie & {
  resources: Table<ResourceRow, ResourceKey>;
  people: Table<PersonRow, string>;
  cursors: Table<CursorRow, string>;
  keyring: Table<KeyringRow, string>;
  throttle: Table<ThrottleRow, string>;
  account: Table<AccountRow, string>;
  inbox: Table<InboxRow, number>;
  inboxKey: Table<InboxKeyRow, string>;
  snapshots: Table<SnapshotRow, SnapshotKey>;
  waiting: Table<WaitingRow, string>;
  files: Table<FileRow, FileKey>;
  drafts: Table<DraftRow, string>;
};

export const RECORDS_DB_PREFIX = 'portal-records-';

// Database names are visible to anyone with the device: an opaque account id is fine, an e-mail
// address is not, so anything else is refused.
const ACCOUNT_ID = /^[A-Za-z0-9_-]{1,128}$/;

export function recordsDbName(accountId: string): string {
  if (!ACCOUNT_ID.test(accountId)) throw new TypeError('The account id must be an opaque id.');
  return `${RECORDS_DB_PREFIX}${accountId}`;
}

export function openRecordsDb(accountId: string): RecordsDb {
  const db = new Dexie(recordsDbName(accountId)) as RecordsDb;
  // Schema versions live here and only here; add a version, never edit an old one.
  db.version(1).stores({
    resources: '[patientId+type+id], [patientId+type], [patientId+type+date]',
    people: 'patientId',
    cursors: 'patientId',
    keyring: 'key',
    throttle: 'key',
    account: 'key',
  });
  // Background pulls by the service worker wait here, sealed, until the app is unlocked.
  db.version(2).stores({ inbox: '++seq', inboxKey: 'key' });
  // Billing and messages answers, and (until the outbox kept them itself) copies of waiting messages.
  db.version(3).stores({ snapshots: '[patientId+kind]', waiting: 'id, patientId' });
  // Message attachments kept for reading offline, and messages being written.
  db.version(4).stores({ files: '[patientId+id], patientId', drafts: 'id, patientId' });
  return db;
}

// Bounds inside compound keys: -Infinity sorts before every string, an array after every string.
// Fresh arrays each time: one array object used twice in a key reads as a cycle to IndexedDB.
const LOW = -Infinity;
const high = (): Array<Array<void>> => [];

/** The key range of every resource row of one person (the primary key starts with patientId). */
export function personKeyRange(patientId: string): [IndexableType, IndexableType] {
  return [
    [patientId, LOW, LOW],
    [patientId, high(), high()],
  ];
}

/** The key range of one person's records of one type, in the [patientId+type+date] index. */
export function typeDateRange(patientId: string, type: string): [IndexableType, IndexableType] {
  return [
    [patientId, type, LOW],
    [patientId, type, high()],
  ];
}

/** The tables deletePerson writes: a rw transaction around it must name them all. */
export function personTables(db: RecordsDb) {
  return [db.resources, db.cursors, db.people, db.snapshots, db.waiting, db.files, db.drafts];
}

/**
 * Deletes every resource, the cursor, the billing and messages copies, the readable copies of
 * waiting messages and (if asked) the people entry of one person. Call in a rw transaction over
 * personTables(db).
 */
export async function deletePerson(db: RecordsDb, patientId: string, alsoPeople: boolean): Promise<void> {
  const [lower, upper] = personKeyRange(patientId);
  await db.resources.where('[patientId+type+id]').between(lower, upper, true, true).delete();
  await db.cursors.delete(patientId);
  await deleteCopies(db, patientId);
  if (alsoPeople) await db.people.delete(patientId);
}

/**
 * Deletes one person's billing and messages copies, their messages' files, the readable copies of
 * waiting messages and the messages being written for them.
 */
export async function deleteCopies(db: RecordsDb, patientId: string): Promise<void> {
  await db.snapshots
    .where('[patientId+kind]')
    .between([patientId, LOW], [patientId, high()], true, true)
    .delete();
  await db.waiting.where('patientId').equals(patientId).delete();
  await db.files.where('patientId').equals(patientId).delete();
  await db.drafts.where('patientId').equals(patientId).delete();
}

/**
 * Deletes the copies of everyone no longer on the list, and of everyone whose access level changed
 * (a copy made under Full access may hold care messages a Billing only member must not keep).
 * Call in a rw transaction over personTables(db), before the new people rows are stored.
 */
export async function deleteCopiesOutOfStep(
  db: RecordsDb,
  people: ReadonlyArray<Pick<PersonRow, 'patientId' | 'access'>>,
): Promise<string[]> {
  const now = new Map(people.map((p) => [p.patientId, p.access]));
  const before = new Map((await db.people.toArray()).map((p) => [p.patientId, p.access]));
  const holders = new Set<string>([
    ...(await db.snapshots.toCollection().primaryKeys()).map(([patientId]) => patientId),
    ...(await db.waiting.toArray()).map((row) => row.patientId),
    ...((await db.files.orderBy('patientId').uniqueKeys()) as string[]),
    ...((await db.drafts.orderBy('patientId').uniqueKeys()) as string[]),
  ]);
  const dropped = [...holders].filter(
    (id) => !now.has(id) || (before.has(id) && before.get(id) !== now.get(id)),
  );
  for (const patientId of dropped) await deleteCopies(db, patientId);
  return dropped;
}

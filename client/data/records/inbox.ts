// Background pull: the service worker (Background Sync, Periodic Background Sync) fetches the
// people list, new changes pages and each person's billing and messages while the app is closed
// or locked, and seals each to the device's inbox key, which it can lock but not open. The unlocked app opens and applies them in
// order; the cursor check of every page makes a page the app already has harmless.
import { CompactEncrypt, compactDecrypt, importJWK } from 'jose';
import { SEAL_ALG, SEAL_ENC } from '../../../core/outbox';
import { changesPath, DEFAULT_CHANGES_PAGE_SIZE, PEOPLE_PATH, seesClinicalData } from '../../../core/records';
import { readChangesPage, readPeople } from './answer-shapes';
import { applyPage } from './apply-page';
import { applyPeople } from './apply-people';
import { openJson, sealJson } from './cipher';
import type { RecordsCache } from './records-cache';
import {
  deleteCopiesOutOfStep,
  deletePerson,
  INBOX_KEY_ROW,
  type InboxRow,
  personTables,
  type RecordsDb,
} from './records-db';
import { errorFromOutcome, isOutOfReach, malformedAnswer } from './records-errors';
import { storeSnapshot } from './snapshots';
import type { RecordsFetch } from './sync-records';
import { SNAPSHOT_SOURCES, sourcesFor } from './sync-snapshots';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const inboxKeyAad = (accountId: string) => encoder.encode(JSON.stringify(['inbox-key/1', accountId]));

/** Gives the unlocked cache an inbox key pair, once; the worker can pull only after this. */
export async function ensureInboxKey(cache: RecordsCache): Promise<void> {
  const { db } = cache;
  if (await db.inboxKey.get(INBOX_KEY_ROW)) return;
  const pair = (await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, [
    'deriveBits',
  ])) as CryptoKeyPair;
  const [publicJwk, privateJwk] = await Promise.all([
    crypto.subtle.exportKey('jwk', pair.publicKey),
    crypto.subtle.exportKey('jwk', pair.privateKey),
  ]);
  const sealedPrivate = await sealJson(cache.key, privateJwk, inboxKeyAad(cache.accountId));
  await db.inboxKey.put({ key: INBOX_KEY_ROW, publicJwk, privateJwk: sealedPrivate });
}

async function seal(publicJwk: JsonWebKey, value: unknown): Promise<string> {
  const key = await importJWK({ ...publicJwk, alg: SEAL_ALG }, SEAL_ALG);
  return new CompactEncrypt(encoder.encode(JSON.stringify(value)))
    .setProtectedHeader({ alg: SEAL_ALG, enc: SEAL_ENC })
    .encrypt(key);
}

export interface PullReport {
  /** Sealed changes pages put in the inbox. */
  pages: number;
  /** Sealed whole answers (billing, messages, recipients) put in the inbox. */
  answers: number;
  /** People whose records were deleted from the device (access ended). */
  removed: string[];
}

/**
 * The worker's pull, with no data key: fetches what changed after the device's cursors (or after
 * the inbox's last page) and seals it into the inbox. Access that ended is applied at once, as
 * deleting needs no key. Returns null when the device has no inbox key yet.
 */
export async function pullIntoInbox(
  db: RecordsDb,
  fetch: RecordsFetch,
  pageSize = DEFAULT_CHANGES_PAGE_SIZE,
): Promise<PullReport | null> {
  const key = await db.inboxKey.get(INBOX_KEY_ROW);
  if (!key) return null;
  const peopleOutcome = await fetch<unknown>(PEOPLE_PATH);
  if (peopleOutcome.kind !== 'ok') throw errorFromOutcome(peopleOutcome);
  const people = readPeople(peopleOutcome.data);
  if (!people) throw malformedAnswer();
  const clinical = people.filter((p) => seesClinicalData(p.access));
  const inReach = new Set(clinical.map((p) => p.patientId));
  const anyLevel = new Set(people.map((p) => p.patientId));
  const removed = await db.transaction('rw', [...personTables(db), db.inbox], async () => {
    const known = new Set<string>(await db.cursors.toCollection().primaryKeys());
    const gone = [...known].filter((id) => !inReach.has(id));
    for (const patientId of gone) await deletePerson(db, patientId, true);
    // Copies of someone gone or re-levelled go now, with any copy of theirs waiting in the inbox.
    const stale = new Set(await deleteCopiesOutOfStep(db, people));
    await db.inbox.filter((row) => row.kind === 'snapshot' && stale.has(row.patientId ?? '')).delete();
    await db.inbox
      .filter(
        (row) =>
          row.patientId !== undefined && !(row.kind === 'snapshot' ? anyLevel : inReach).has(row.patientId),
      )
      .delete();
    return gone;
  });
  await db.inbox.add({
    kind: 'people',
    fetchedAt: new Date().toISOString(),
    sealed: await seal(key.publicJwk, { people }),
  });

  let pages = 0;
  for (const { patientId } of clinical) {
    const queued = await db.inbox.filter((row) => row.patientId === patientId).toArray();
    let since = Math.max(
      (await db.cursors.get(patientId))?.since ?? 0,
      ...queued.map((row) => row.next ?? 0),
    );
    for (;;) {
      const outcome = await fetch<unknown>(`${changesPath(patientId)}?since=${since}&limit=${pageSize}`);
      if (outcome.kind !== 'ok') throw errorFromOutcome(outcome);
      const page = readChangesPage(outcome.data, patientId);
      if (!page || page.since !== since) throw malformedAnswer();
      if (page.changes.length > 0 || page.view !== undefined) {
        await db.inbox.add({
          kind: 'page',
          patientId,
          since: page.since,
          next: page.next,
          fetchedAt: new Date().toISOString(),
          sealed: await seal(key.publicJwk, page),
        });
        pages += 1;
      }
      if (!page.more) break;
      since = page.next;
    }
  }
  let answers = 0;
  // Billing, messages and who may be written to, for everyone on the list (and the account
  // holder's own Family access settings): an answer from the
  // practice that came while the app was closed is there to read when it opens, offline too.
  for (const person of people) {
    const { patientId } = person;
    for (const { kind, path, read } of sourcesFor(person)) {
      const outcome = await fetch<unknown>(path(patientId));
      if (outcome.kind === 'problem' && isOutOfReach(outcome.status, outcome.problem.type)) continue;
      if (outcome.kind !== 'ok') throw errorFromOutcome(outcome);
      if (!read(outcome.data, patientId)) throw malformedAnswer();
      // Only the newest answer of a kind matters.
      await db.inbox
        .filter((row) => row.kind === 'snapshot' && row.patientId === patientId && row.snapshot === kind)
        .delete();
      await db.inbox.add({
        kind: 'snapshot',
        patientId,
        snapshot: kind,
        fetchedAt: new Date().toISOString(),
        sealed: await seal(key.publicJwk, outcome.data),
      });
      answers += 1;
    }
  }
  return { pages, answers, removed };
}

/**
 * The unlocked app's side: opens the inbox in order and applies it like a sync would (the people
 * list, then each page whose cursor still fits). Returns the people whose records changed.
 */
export async function drainInbox(cache: RecordsCache): Promise<string[]> {
  const { db } = cache;
  const rows: InboxRow[] = await db.inbox.orderBy('seq').toArray();
  if (rows.length === 0) return [];
  const keyRow = await db.inboxKey.get(INBOX_KEY_ROW);
  const changed = new Set<string>();
  if (keyRow) {
    const privateJwk = await openJson<JsonWebKey>(cache.key, keyRow.privateJwk, inboxKeyAad(cache.accountId));
    const privateKey = await importJWK({ ...privateJwk, alg: SEAL_ALG }, SEAL_ALG);
    for (const row of rows) {
      const opened = JSON.parse(decoder.decode((await compactDecrypt(row.sealed, privateKey)).plaintext));
      if (row.kind === 'people') {
        const people = readPeople(opened);
        if (people) for (const id of (await applyPeople(cache, people)).removed) changed.add(id);
      } else if (row.kind === 'snapshot' && row.patientId && row.snapshot) {
        const source = SNAPSHOT_SOURCES.find((s) => s.kind === row.snapshot);
        const value = source?.read(opened, row.patientId);
        if (value && (await storeSnapshot(cache, row.patientId, row.snapshot, value, row.fetchedAt)))
          changed.add(row.patientId);
      } else if (row.patientId) {
        const page = readChangesPage(opened, row.patientId);
        if (page && (await applyPage(cache, page, new Date(row.fetchedAt))) !== 'stale')
          changed.add(row.patientId);
      }
    }
  }
  // Opened or not (no key: nothing could have sealed them), these rows are done with.
  await db.inbox.bulkDelete(rows.flatMap((row) => (row.seq === undefined ? [] : [row.seq])));
  return [...changed];
}

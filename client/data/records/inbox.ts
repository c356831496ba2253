// Background pull: the service worker (Background Sync, Periodic Background Sync) runs the one pull
// routine (sync/pull.ts) while the app is closed or locked, and seals what it brings to the
// device's inbox key, which it can lock but not open. The unlocked app opens and applies it in
// order; the cursor check of every page makes a page the app already has harmless.
import { CompactEncrypt, compactDecrypt, importJWK } from 'jose';
import { SEAL_ALG, SEAL_ENC } from '../../../core/outbox';
import { DEFAULT_CHANGES_PAGE_SIZE, seesClinicalData } from '../../../core/records';
import { pull, type RecordsFetch } from '../sync/pull';
import { SNAPSHOT_SOURCES } from '../sync/snapshot-sources';
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
import { storeSnapshot } from './snapshots';

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
 * The worker's pull, with no data key: sync/pull.ts fetches what changed after the device's cursors
 * (or after the inbox's last page) and this seals it into the inbox. Access that ended, before or
 * during the pull, is applied at once, as deleting needs no key. Returns null when the device has
 * no inbox key yet.
 */
export async function pullIntoInbox(
  db: RecordsDb,
  fetch: RecordsFetch,
  /** Drops the outbox's readable copies about these people (outbox/copies.ts forgetCopiesOf). */
  forgetCopies: (patientIds: string[]) => Promise<void>,
  pageSize = DEFAULT_CHANGES_PAGE_SIZE,
): Promise<PullReport | null> {
  const key = await db.inboxKey.get(INBOX_KEY_ROW);
  if (!key) return null;
  const report: PullReport = { pages: 0, answers: 0, removed: [] };
  const sealed = (value: unknown) => seal(key.publicJwk, value);
  const forget = async (patientId: string) => {
    await db.transaction('rw', [...personTables(db), db.inbox], async () => {
      await deletePerson(db, patientId, true);
      await db.inbox.filter((row) => row.patientId === patientId).delete();
    });
    await forgetCopies([patientId]);
  };

  await pull(
    fetch,
    {
      since: async (patientId) => {
        const queued = await db.inbox.filter((row) => row.patientId === patientId).toArray();
        return Math.max((await db.cursors.get(patientId))?.since ?? 0, ...queued.map((row) => row.next ?? 0));
      },
      people: async (people) => {
        const inReach = new Set(people.filter((p) => seesClinicalData(p.access)).map((p) => p.patientId));
        const anyLevel = new Set(people.map((p) => p.patientId));
        const { left: gone, stale } = await db.transaction(
          'rw',
          [...personTables(db), db.inbox],
          async () => {
            const known = new Set<string>(await db.cursors.toCollection().primaryKeys());
            const left = [...known].filter((id) => !inReach.has(id));
            for (const patientId of left) await deletePerson(db, patientId, true);
            // Copies of someone gone or re-levelled go now, with any copy of theirs waiting in the inbox.
            const stale = new Set(await deleteCopiesOutOfStep(db, people));
            await db.inbox
              .filter((row) => row.kind === 'snapshot' && stale.has(row.patientId ?? ''))
              .delete();
            await db.inbox
              .filter(
                (row) =>
                  row.patientId !== undefined &&
                  !(row.kind === 'snapshot' ? anyLevel : inReach).has(row.patientId),
              )
              .delete();
            return { left, stale: [...stale] };
          },
        );
        report.removed.push(...gone);
        await forgetCopies([...gone, ...stale]);
        await db.inbox.add({
          kind: 'people',
          fetchedAt: new Date().toISOString(),
          sealed: await sealed({ people }),
        });
      },
      gone: async (patientId) => {
        await forget(patientId);
        report.removed.push(patientId);
      },
      page: async (page) => {
        // A page that moves the cursor is kept even when empty, so since() moves on with it.
        if (page.changes.length > 0 || page.view !== undefined || page.next !== page.since) {
          await db.inbox.add({
            kind: 'page',
            patientId: page.patientId,
            since: page.since,
            next: page.next,
            fetchedAt: new Date().toISOString(),
            sealed: await sealed(page),
          });
          report.pages += 1;
        }
        return 'applied';
      },
      snapshot: async ({ patientId }, { kind }, value, answer) => {
        // Only the newest answer of a kind matters; one out of reach drops what waits of it.
        await db.inbox
          .filter((row) => row.kind === 'snapshot' && row.patientId === patientId && row.snapshot === kind)
          .delete();
        if (!value) return;
        await db.inbox.add({
          kind: 'snapshot',
          patientId,
          snapshot: kind,
          fetchedAt: new Date().toISOString(),
          sealed: await sealed(answer),
        });
        report.answers += 1;
      },
    },
    pageSize,
  );
  return report;
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

// The one owner of queued changes on the page's side. Everything that waits to be sent goes in and
// out through here: queueing (request sealed to the server and its readable copy, in one write:
// queue.ts says what is stored where), listing what waits for a page, discarding, and running the
// replays while someone is signed in (runner.ts; the service worker replays too, sw/outbox-sync.ts).
// Whoever finishes an item, page or worker, the outcome reaches every open page as one event
// (OUTBOX_CHANGED_EVENT) and the device's copies are brought up to date with one sync.
// Loaded on demand after sign-in, so Dexie and jose stay out of the shell's first download.
import {
  OUTBOX_CHANGED_EVENT,
  OUTBOX_PROGRESS_EVENT,
  OUTBOX_REPLAYED_MESSAGE,
  type OutboxChangedDetail,
  type OutboxItem,
  type OutboxOutcome,
  type OutboxProgressDetail,
  type OutboxReplayedMessage,
  type WaitingTopic,
} from '../../../core/outbox';
import { globalFetch } from '../api-request';
import { sharedDeviceDb as device } from '../device-db';
import type { RecordsCache } from '../records/records-cache';
import { adoptEarlierCopies, type WaitingChange, waitingChanges } from './copies';
import { discardOutboxItem, type QueueInput, queueRequest } from './queue';
import { OutboxRunner, requestBackgroundSync } from './runner';
import { sealingKey } from './seal';

export type { WaitingChange } from './copies';

export interface SignedInSender {
  fetchAsAccount(path: string, init: RequestInit): Promise<Response>;
  readonly account: { id: string } | null;
}

const sealingKeyNow = () => sealingKey(device(), (input, init) => globalFetch(input, init));

function announce(outcomes: OutboxOutcome[]): void {
  const detail: OutboxChangedDetail = { outcomes };
  window.dispatchEvent(new CustomEvent(OUTBOX_CHANGED_EVENT, { detail }));
}

/**
 * Keeps a change until it is delivered. The readable copy needs the unlocked cache (its data key);
 * without a copy only the account is needed. Throws, with nothing stored, when it cannot be kept.
 */
export async function queueChange(
  input: Omit<QueueInput, 'accountId'>,
  owner: { accountId: string; cache: RecordsCache | null },
): Promise<OutboxItem> {
  const key = await sealingKeyNow();
  const dataKey = owner.cache && !owner.cache.locked ? owner.cache.key : null;
  const item = await queueRequest(device(), { ...input, accountId: owner.accountId }, key, dataKey);
  announce([]);
  // Chromium fires this even after the page is closed; elsewhere the runner's triggers do the work.
  await requestBackgroundSync();
  return item;
}

/** What waits (queued or refused) for one person's page, oldest first, read with the cache's key. */
export async function waitingFor<T>(
  cache: RecordsCache,
  topic: WaitingTopic,
  patientId: string,
): Promise<WaitingChange<T>[]> {
  await adoptEarlierCopies(device(), cache.db);
  return waitingChanges<T>(device(), { accountId: cache.accountId, dataKey: cache.key }, topic, patientId);
}

/** A refused change the user gave up on (or a queued one they took back): gone, copy and all. */
export async function discardChange(id: string): Promise<void> {
  await discardOutboxItem(device(), id);
  announce([]);
}

/** "Forget this device": every change still waiting, of every account, is dropped unsent, files too. */
export async function discardAllChanges(): Promise<void> {
  const db = device();
  await db.transaction('rw', db.outbox, db.files, async () => {
    await db.outbox.clear();
    await db.files.clear();
  });
}

/** Runs the outbox for the signed-in account until the returned stop function is called. */
export function startOutbox(session: SignedInSender, afterDelivery: () => void): () => void {
  const finished = (outcomes: OutboxOutcome[]) => {
    if (outcomes.length === 0) return;
    announce(outcomes);
    // What the server now has (a delivered message in its thread, new family settings) reaches
    // the device's copies whichever page is open.
    if (outcomes.some((o) => !o.failure)) afterDelivery();
  };
  const runner = new OutboxRunner(
    device(),
    {
      send: (path, init) => session.fetchAsAccount(path, init),
      accountId: async () => session.account?.id ?? null,
      onUploadProgress: (id, { sent, total }) => {
        const detail: OutboxProgressDetail = { id, sent, total };
        window.dispatchEvent(new CustomEvent(OUTBOX_PROGRESS_EVENT, { detail }));
      },
    },
    (report) => finished(report.outcomes),
  );
  // Fetch the sealing key now, while online, so a change made offline later can be sealed.
  void sealingKeyNow().catch(() => {});
  const onWorkerMessage = (event: MessageEvent) => {
    const message = event.data as Partial<OutboxReplayedMessage> | null;
    if (message?.type !== OUTBOX_REPLAYED_MESSAGE) return;
    finished(message.outcomes ?? []);
  };
  navigator.serviceWorker?.addEventListener('message', onWorkerMessage);
  runner.start();
  return () => {
    runner.stop();
    navigator.serviceWorker?.removeEventListener('message', onWorkerMessage);
  };
}

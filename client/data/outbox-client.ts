// The page's side of the outbox: queue a change (sealed, with a Background Sync request), run
// replays while signed in, and tell pages what was delivered or refused. Loaded lazily after
// sign-in so Dexie and jose stay out of the shell's first download.
import { LATEST_ONLY_KINDS, type OutboxItem, type OutboxKind, type ReplayMethod } from '../../core/outbox';
import { globalFetch } from './api-request';
import { type DeviceDb, openDeviceDb } from './device-db';
import { discardOutboxItem, queueRequest, type ReplayReport, sealingKey } from './outbox';
import { OUTBOX_REPLAYED_EVENT, type OutboxReplayedDetail } from './outbox-events';
import { OutboxRunner, requestBackgroundSync } from './outbox-runner';

/** The service worker's message after it replayed (sw/outbox-sync.ts sends it). */
const WORKER_REPLAYED_MESSAGE = 'OUTBOX_REPLAYED';

export interface SignedInSender {
  fetchAsAccount(path: string, init: RequestInit): Promise<Response>;
  readonly account: { id: string } | null;
}

let db: DeviceDb | null = null;
function device(): DeviceDb {
  db ??= openDeviceDb();
  return db;
}

/** Queues a change; for LATEST_ONLY_KINDS it replaces the change of that kind still waiting. */
export async function queueChange(
  accountId: string,
  change: { kind: OutboxKind; method: ReplayMethod; path: string; body: unknown; id?: string },
): Promise<OutboxItem> {
  const key = await sealingKey(device(), (input, init) => globalFetch(input, init));
  if (LATEST_ONLY_KINDS.has(change.kind)) {
    for (const older of await waitingChanges(accountId, change.kind)) {
      if (older.status === 'queued') await discardOutboxItem(device(), older.id);
    }
  }
  const item = await queueRequest(device(), { accountId, ...change }, key);
  // Chromium fires this even after the page is closed; elsewhere the runner's triggers do the work.
  await requestBackgroundSync();
  return item;
}

export function waitingChanges(accountId: string, kind: OutboxKind): Promise<OutboxItem[]> {
  return device()
    .outbox.where('accountId')
    .equals(accountId)
    .filter((item) => item.kind === kind)
    .sortBy('createdAt');
}

/** The outbox items of these ids that still wait (queued or failed), by id. */
export async function outboxItems(ids: readonly string[]): Promise<Map<string, OutboxItem>> {
  const items = await device().outbox.bulkGet([...ids]);
  return new Map(items.filter((item) => item !== undefined).map((item) => [item.id, item]));
}

/** "Forget this device": every change still waiting, of every account, is dropped unsent. */
export function discardAllChanges(): Promise<void> {
  return device().outbox.clear();
}

export function discardChange(id: string): Promise<void> {
  return discardOutboxItem(device(), id);
}

function announce(report: ReplayReport): void {
  const detail: OutboxReplayedDetail = {
    sent: report.sent.map(({ item, result }) => ({
      id: item.id,
      kind: item.kind,
      status: result.status,
      body: result.body,
    })),
    failed: report.failed,
  };
  if (detail.sent.length > 0 || detail.failed.length > 0) {
    window.dispatchEvent(new CustomEvent(OUTBOX_REPLAYED_EVENT, { detail }));
  }
}

/** Runs the outbox for the signed-in account until the returned stop function is called. */
export function startOutbox(session: SignedInSender): () => void {
  const runner = new OutboxRunner(
    device(),
    {
      send: (path, init) => session.fetchAsAccount(path, init),
      accountId: async () => session.account?.id ?? null,
    },
    announce,
  );
  // Fetch the sealing key now, while online, so a change made offline later can be sealed.
  void sealingKey(device(), (input, init) => globalFetch(input, init)).catch(() => {});
  // The worker sends ids only; re-read what is left so pages can refresh from the server.
  const onWorkerMessage = (event: MessageEvent) => {
    if ((event.data as { type?: string } | null)?.type !== WORKER_REPLAYED_MESSAGE) return;
    void runner.flush();
    window.dispatchEvent(new CustomEvent(OUTBOX_REPLAYED_EVENT, { detail: { sent: [], failed: [] } }));
  };
  navigator.serviceWorker?.addEventListener('message', onWorkerMessage);
  runner.start();
  return () => {
    runner.stop();
    navigator.serviceWorker?.removeEventListener('message', onWorkerMessage);
  };
}

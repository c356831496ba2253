// Replays the outbox from the service worker: on Background Sync (also with no page open) and when
// a page asks. The worker cannot read what it sends; it only needs an access token, which it gets
// from the refresh cookie, and it tells open pages what happened.
/// <reference lib="WebWorker" />

import { openDeviceDb } from '../client/data/device-db';
import { type ReplayReport, replayOutbox } from '../client/data/outbox';
import { OUTBOX_SYNC_TAG } from '../core/outbox';
import { type SyncEvent, workerSession } from './worker-session';

declare const self: ServiceWorkerGlobalScope;

export const REPLAY_OUTBOX_MESSAGE = 'REPLAY_OUTBOX';
export const OUTBOX_REPLAYED_MESSAGE = 'OUTBOX_REPLAYED';

async function replayAndTell(): Promise<ReplayReport> {
  const db = openDeviceDb();
  try {
    const report = await replayOutbox(db, workerSession());
    const clients = await self.clients.matchAll({ type: 'window' });
    for (const client of clients) {
      client.postMessage({
        type: OUTBOX_REPLAYED_MESSAGE,
        sent: report.sent.map((s) => s.item.id),
        failed: report.failed.map((f) => f.id),
        waiting: report.waiting,
      });
    }
    return report;
  } finally {
    db.close();
  }
}

export function installOutboxSync(): void {
  self.addEventListener('sync', (event) => {
    const sync = event as SyncEvent;
    if (sync.tag !== OUTBOX_SYNC_TAG) return;
    sync.waitUntil(
      replayAndTell().then((report) => {
        // Rejecting asks the browser to fire the sync again later, with back-off.
        if (report.waiting > 0 && !sync.lastChance)
          throw new Error('Some changes are still waiting to be sent.');
      }),
    );
  });
  self.addEventListener('message', (event) => {
    if ((event.data as { type?: string } | null)?.type === REPLAY_OUTBOX_MESSAGE)
      event.waitUntil(replayAndTell());
  });
}

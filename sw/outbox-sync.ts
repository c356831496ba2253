// Replays the outbox from the service worker on Background Sync, also with no page open. The
// worker cannot read what it sends; it only needs an access token, which it gets from the refresh
// cookie, and it tells open pages what it finished with (client/data/outbox/ takes it from there).
/// <reference lib="WebWorker" />

import { openDeviceDb } from '../client/data/device-db';
import { type ReplayReport, replayOutbox } from '../client/data/outbox/replay';
import { OUTBOX_REPLAYED_MESSAGE, OUTBOX_SYNC_TAG, type OutboxReplayedMessage } from '../core/outbox';
import { type SyncEvent, workerSession } from './worker-session';

declare const self: ServiceWorkerGlobalScope;

async function replayAndTell(): Promise<ReplayReport> {
  const db = openDeviceDb();
  try {
    const report = await replayOutbox(db, workerSession());
    if (report.outcomes.length > 0) {
      const message: OutboxReplayedMessage = {
        type: OUTBOX_REPLAYED_MESSAGE,
        outcomes: report.outcomes,
        waiting: report.waiting,
      };
      for (const client of await self.clients.matchAll({ type: 'window' })) client.postMessage(message);
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
}

// Pulls new records in the background, on Background Sync (queued when a sync failed offline) and
// Periodic Background Sync (where the browser grants it), also with no page open. The worker has
// no data key: what it fetches goes into the device's inbox sealed to the inbox key, and an
// unlocked page opens it. Pages are told, so an open, unlocked app shows the news at once.
/// <reference lib="WebWorker" />
import { Dexie } from 'dexie';
import { apiRequest } from '../client/data/api-request';
import { openDeviceDb } from '../client/data/device-db';
import { forgetCopiesOf } from '../client/data/outbox/copies';
import { pullIntoInbox } from '../client/data/records/inbox';
import { openRecordsDb, recordsDbName } from '../client/data/records/records-db';
import type { RecordsFetch } from '../client/data/sync/pull';
import { RECORDS_PULLED_MESSAGE, RECORDS_SYNC_TAG } from '../core/records';
import { type SyncEvent, workerSession } from './worker-session';

declare const self: ServiceWorkerGlobalScope;

/** One pull for the account whose refresh cookie this browser holds; false when it could not run. */
async function pullAndTell(): Promise<boolean> {
  const worker = workerSession();
  const accountId = await worker.accountId();
  if (!accountId) return false;
  // Only a device that keeps this account's records (opened with the password before) pulls.
  if (!(await Dexie.getDatabaseNames()).includes(recordsDbName(accountId))) return true;
  const db = openRecordsDb(accountId);
  const fetchJson: RecordsFetch = (path) =>
    apiRequest((input, init) => worker.send(String(input), init ?? {}), path);
  try {
    const report = await pullIntoInbox(db, fetchJson, async (patientIds) => {
      const device = openDeviceDb();
      try {
        await forgetCopiesOf(device, accountId, patientIds);
      } finally {
        device.close();
      }
    });
    if (report) {
      for (const client of await self.clients.matchAll({ type: 'window' }))
        client.postMessage({ type: RECORDS_PULLED_MESSAGE, pages: report.pages });
    }
    return true;
  } catch {
    return false;
  } finally {
    db.close();
  }
}

export function installRecordsSync(): void {
  self.addEventListener('sync', (event) => {
    const sync = event as SyncEvent;
    if (sync.tag !== RECORDS_SYNC_TAG) return;
    sync.waitUntil(
      pullAndTell().then((done) => {
        // Rejecting asks the browser to try again later, with back-off.
        if (!done && !sync.lastChance) throw new Error('The records could not be fetched yet.');
      }),
    );
  });
  self.addEventListener('periodicsync', (event) => {
    const periodic = event as SyncEvent;
    if (periodic.tag === RECORDS_SYNC_TAG) periodic.waitUntil(pullAndTell());
  });
}

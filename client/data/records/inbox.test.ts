// Background pull as a caregiver meets it: the worker fetches new records while the app is locked
// or closed, nothing it leaves on the device is readable, and the next unlock shows them, in order,
// exactly as a sync would have. Access that ended is applied by the worker at once.
import { afterEach, describe, expect, it } from 'vitest';
import type { MessagesAnswer } from '../../../core/messages';
import { sharedDeviceDb } from '../device-db';
import { forgetCopiesOf } from '../outbox/copies';
import { drainInbox, ensureInboxKey, pullIntoInbox } from './inbox';
import { openRecordsDb, recordsDbName } from './records-db';
import { RecordsReader } from './records-reader';
import { syncRecords } from './sync-records';
import {
  CHILD,
  dumpDatabase,
  FixtureApi,
  newAccountId,
  OFFLINE,
  observation,
  PEOPLE,
  problem,
  readableForms,
  SECRETS,
  SELF,
  testVault,
  upsert,
} from './test-support';
import type { RecordsVault } from './vault';

const PASSWORD = 'pass phrase for tests';
const vaults: RecordsVault[] = [];

/** The service worker's own connection to the device's database (the app's is closed while locked). */
async function workerPull(accountId: string, api: FixtureApi, pageSize?: number) {
  const db = openRecordsDb(accountId);
  try {
    return await pullIntoInbox(
      db,
      api.fetch,
      (ids) => forgetCopiesOf(sharedDeviceDb(), accountId, ids),
      pageSize,
    );
  } finally {
    db.close();
  }
}
afterEach(() => {
  for (const vault of vaults.splice(0)) vault.lock();
});

const glucose = (n: number) => {
  const date = `2024-05-${String(n).padStart(2, '0')}`;
  return upsert(observation(`obs-${n}`, SELF, 'Glucose', 5 + n / 10, date), n, date);
};

async function syncedDevice(api: FixtureApi) {
  const vault = testVault();
  vaults.push(vault);
  const accountId = newAccountId();
  const { cache } = await vault.openWithPassword(accountId, PASSWORD);
  await ensureInboxKey(cache);
  expect((await syncRecords({ cache, fetch: api.fetch, events: new EventTarget() })).ok).toBe(true);
  return { vault, accountId, cache };
}

describe('pulling records in the background', () => {
  it('leaves the news sealed while locked, and the next unlock shows it as a sync would', async () => {
    const api = new FixtureApi(PEOPLE, { [SELF]: [glucose(1), glucose(2)], [CHILD]: [] });
    const { vault, accountId } = await syncedDevice(api);
    vault.lock();

    // At the practice: a new result, readable words in it.
    api.changes
      .get(SELF)!
      .push(
        upsert(
          observation('obs-9', SELF, `${SECRETS.medication} level`, 13.37, '2024-06-01'),
          9,
          '2024-06-01',
        ),
      );
    const report = await workerPull(accountId, api, 1);
    expect(report?.pages).toBe(1);

    // The worker had no key, and neither has anyone reading the device.
    const raw = readableForms((await dumpDatabase(recordsDbName(accountId))).values);
    expect(raw).not.toContain(SECRETS.medication.toLowerCase());
    expect(raw).not.toContain('13.37');

    const { cache: unlocked } = await vault.openWithPassword(accountId, PASSWORD);
    expect(await drainInbox(unlocked)).toEqual([SELF]);
    const ids = (await new RecordsReader(unlocked).list(SELF, 'Observation')).map((r) => r.id);
    expect(ids).toEqual(['obs-9', 'obs-2', 'obs-1']);
    expect(await unlocked.db.inbox.count()).toBe(0);
    // Nothing is asked again: the cursor moved with the opened page.
    api.requests.length = 0;
    await syncRecords({ cache: unlocked, fetch: api.fetch, events: new EventTarget() });
    expect(api.requests.filter((path) => path.includes('since=9'))).toHaveLength(1);
  });

  it('brings an answer from the practice that came while the app was closed, sealed until unlocked', async () => {
    const api = new FixtureApi(PEOPLE, { [SELF]: [], [CHILD]: [] });
    const { vault, accountId } = await syncedDevice(api);
    vault.lock();
    const answered = {
      patientId: CHILD,
      threads: [
        {
          id: 'thread-1',
          patientId: CHILD,
          topic: 'care',
          subject: 'medical-question',
          withName: 'Dr. Example',
          locationName: 'Main office',
          startedAt: '2024-06-01T09:00:00Z',
          lastMessageAt: '2024-06-01T15:00:00Z',
          unread: true,
          messages: [
            {
              id: 'm-2',
              from: 'practice',
              authorName: 'Dr. Example',
              onBehalfOf: null,
              authorAccountId: null,
              sentAt: '2024-06-01T15:00:00Z',
              body: `Keep taking the ${SECRETS.medication}.`,
            },
          ],
        },
      ],
      asOf: '2024-06-01T15:00:01Z',
    } as const;
    api.messages.set(CHILD, structuredClone(answered) as unknown as MessagesAnswer);
    const report = await workerPull(accountId, api);
    // Billing, messages and recipients for both, and the account holder's Family access settings.
    expect(report).toMatchObject({ pages: 0, answers: 7 });
    const raw = readableForms((await dumpDatabase(recordsDbName(accountId))).values);
    expect(raw).not.toContain(SECRETS.medication.toLowerCase());

    const { cache: unlocked } = await vault.openWithPassword(accountId, PASSWORD);
    expect(await drainInbox(unlocked)).toEqual([CHILD]);
    const saved = await new RecordsReader(unlocked).snapshot<MessagesAnswer>(CHILD, 'messages');
    expect(saved?.value.threads[0]?.messages[0]?.body).toBe(`Keep taking the ${SECRETS.medication}.`);
    expect(await unlocked.db.inbox.count()).toBe(0);
  });

  it('keeps pulling from where the inbox ends, and a page the app already has does no harm', async () => {
    const api = new FixtureApi(PEOPLE, { [SELF]: [glucose(1)], [CHILD]: [] });
    const { vault, accountId } = await syncedDevice(api);
    vault.lock();
    api.changes.get(SELF)!.push(glucose(2));
    await workerPull(accountId, api);
    api.changes.get(SELF)!.push(glucose(3));
    await workerPull(accountId, api);
    const db = openRecordsDb(accountId);
    const pages = (await db.inbox.toArray()).filter((row) => row.kind === 'page');
    db.close();
    expect(pages.map((row) => [row.since, row.next])).toEqual([
      [1, 2],
      [2, 3],
    ]);

    const { cache: unlocked } = await vault.openWithPassword(accountId, PASSWORD);
    // The app synced by itself first (online at unlock): the inbox pages are now behind its cursor.
    await syncRecords({ cache: unlocked, fetch: api.fetch, events: new EventTarget() });
    await drainInbox(unlocked);
    const ids = (await new RecordsReader(unlocked).list(SELF, 'Observation')).map((r) => r.id);
    expect(ids).toEqual(['obs-3', 'obs-2', 'obs-1']);
  });

  it('takes the records of someone whose access ended off the device at once, without the key', async () => {
    const api = new FixtureApi(PEOPLE, {
      [SELF]: [glucose(1)],
      [CHILD]: [upsert(observation('obs-c', CHILD, 'Lead', 2, '2024-01-01'), 2, '2024-01-01')],
    });
    const { vault, accountId } = await syncedDevice(api);
    vault.lock();
    api.people = [PEOPLE[0]!];
    const report = await workerPull(accountId, api);
    expect(report?.removed).toEqual([CHILD]);
    const db = openRecordsDb(accountId);
    const rows = await db.resources.toArray();
    db.close();
    expect(rows.some((row) => row.patientId === CHILD)).toBe(false);
    expect(rows.some((row) => row.patientId === SELF)).toBe(true);
  });

  it('takes off the device, as the app would, someone whose access ended between the list and their records', async () => {
    const api = new FixtureApi(PEOPLE, {
      [SELF]: [glucose(1)],
      [CHILD]: [upsert(observation('obs-c', CHILD, 'Lead', 2, '2024-01-01'), 2, '2024-01-01')],
    });
    const { vault, accountId } = await syncedDevice(api);
    vault.lock();
    api.changes
      .get(CHILD)!
      .push(upsert(observation('obs-d', CHILD, 'Iron', 3, '2024-02-01'), 3, '2024-02-01'));
    for (const status of [403, 404]) {
      api.fail = (path) =>
        path.includes(`/patients/${CHILD}/changes`) ? problem(status, 'Out of reach') : undefined;
      const report = await workerPull(accountId, api);
      expect(report?.removed, `after ${status}`).toEqual([CHILD]);
      const db = openRecordsDb(accountId);
      const rows = await db.resources.toArray();
      const inbox = await db.inbox.toArray();
      db.close();
      expect(rows.some((row) => row.patientId === CHILD)).toBe(false);
      expect(rows.some((row) => row.patientId === SELF)).toBe(true);
      expect(inbox.some((row) => row.kind === 'page' && row.patientId === CHILD)).toBe(false);
    }
  });

  it('does nothing on a device that never made an inbox key, and leaves the inbox alone offline', async () => {
    const vault = testVault();
    vaults.push(vault);
    const { cache } = await vault.openWithPassword(newAccountId(), PASSWORD);
    const api = new FixtureApi(PEOPLE, { [SELF]: [glucose(1)], [CHILD]: [] });
    expect(await pullIntoInbox(cache.db, api.fetch, async () => {})).toBe(null);
    expect(api.requests).toEqual([]);

    await ensureInboxKey(cache);
    api.fail = () => OFFLINE;
    await expect(pullIntoInbox(cache.db, api.fetch, async () => {})).rejects.toMatchObject({
      kind: 'offline',
    });
    expect(await cache.db.inbox.count()).toBe(0);
  });
});

// Pull sync as a user meets it: everything arrives, a cut connection resumes where it stopped,
// people who left take their records with them, and every failure keeps what is already there.
import { afterEach, describe, expect, it } from 'vitest';
import { billingPath } from '../../../core/billing';
import { changesPath, type PersonInReach, type RecordChange } from '../../../core/records';
import { RECORDS_CHANGED_EVENT, RECORDS_SYNC_EVENT } from './records-events';
import { RecordsReader } from './records-reader';
import { type SyncProgress, syncRecords } from './sync-records';
import {
  AUNT,
  CHILD,
  condition,
  FixtureApi,
  medication,
  newAccountId,
  OFFLINE,
  observation,
  ok,
  PEOPLE,
  person,
  problem,
  removal,
  SELF,
  testVault,
  upsert,
} from './test-support';
import type { RecordsVault } from './vault';

const vaults: RecordsVault[] = [];
async function openCache() {
  const vault = testVault();
  vaults.push(vault);
  return (await vault.openWithPassword(newAccountId(), 'pass phrase for tests')).cache;
}

afterEach(() => {
  for (const vault of vaults.splice(0)) vault.lock();
});

/** Ten observations for the account holder, seqs 1..10, one a day in March 2024. */
function tenObservations(): RecordChange[] {
  return Array.from({ length: 10 }, (_, i) => {
    const date = `2024-03-${String(i + 1).padStart(2, '0')}`;
    return upsert(observation(`obs-${i + 1}`, SELF, 'Glucose', 5 + i, date), i + 1, date);
  });
}

async function deviceView(cache: Awaited<ReturnType<typeof openCache>>, patientId: string, types: string[]) {
  const reader = new RecordsReader(cache);
  const view = new Map<string, unknown>();
  for (const type of types)
    for (const record of await reader.list(patientId, type))
      view.set(`${type}/${record.id}`, record.resource);
  return view;
}

async function rowsOf(cache: Awaited<ReturnType<typeof openCache>>, patientId: string): Promise<number> {
  return (await cache.db.resources.toArray()).filter((row) => row.patientId === patientId).length;
}

const sinceOf = (path: string) => Number(new URL(path, 'http://x').searchParams.get('since'));

describe('syncing the record cache', () => {
  it('brings every record of everyone in reach onto the device and says what it did', async () => {
    const cache = await openCache();
    const api = new FixtureApi(PEOPLE, {
      [SELF]: [
        upsert(medication('med-1', SELF, 'Lisinopril 10 MG', '2023-01-05'), 1, '2023-01-05'),
        upsert(condition('cond-1', SELF, 'Asthma', '2010-06-01'), 2, '2010-06-01'),
      ],
      [CHILD]: [upsert(medication('med-2', CHILD, 'Amoxicillin 250 MG', '2024-02-01'), 3, '2024-02-01')],
    });
    const events = new EventTarget();
    const changed: string[][] = [];
    events.addEventListener(RECORDS_CHANGED_EVENT, (e) => changed.push((e as CustomEvent).detail.patientIds));
    const progress: SyncProgress[] = [];
    const result = await syncRecords({
      cache,
      fetch: api.fetch,
      events,
      now: () => new Date('2024-05-01T12:00:00Z'),
      onProgress: (p) => progress.push(p),
    });
    expect(result).toEqual({
      ok: true,
      summary: {
        people: 2,
        applied: 3,
        removed: [],
        patients: {
          [SELF]: { applied: 2, lastSyncedAt: '2024-05-01T12:00:00.000Z' },
          [CHILD]: { applied: 1, lastSyncedAt: '2024-05-01T12:00:00.000Z' },
        },
      },
    });
    const reader = new RecordsReader(cache);
    expect(await reader.people()).toEqual(PEOPLE);
    expect((await reader.list(CHILD, 'MedicationRequest')).map((r) => r.id)).toEqual(['med-2']);
    expect(await reader.lastSyncedAt()).toBe('2024-05-01T12:00:00.000Z');
    expect(progress.map((p) => p.phase)).toEqual(['people', 'records', 'records', 'done']);
    // The people list, each record, then everyone's first billing and messages copies.
    expect(changed).toEqual([[SELF, CHILD], [SELF], [CHILD], [SELF, CHILD]]);
  });

  it('changes nothing and fires no change event when the server has nothing new', async () => {
    const cache = await openCache();
    const api = new FixtureApi(PEOPLE, { [SELF]: tenObservations(), [CHILD]: [] });
    await syncRecords({ cache, fetch: api.fetch, events: new EventTarget() });
    const events = new EventTarget();
    let changes = 0;
    events.addEventListener(RECORDS_CHANGED_EVENT, () => changes++);
    const again = await syncRecords({ cache, fetch: api.fetch, events });
    expect(again).toMatchObject({ ok: true, summary: { applied: 0 } });
    expect(changes).toBe(0);
  });

  it('resumes a sync cut after page 2 of 5 from page 3 and ends equal to the server', async () => {
    const cache = await openCache();
    const api = new FixtureApi([PEOPLE[0]!], { [SELF]: tenObservations() });
    let pagesServed = 0;
    api.fail = (path) => {
      if (!path.includes('/changes')) return undefined;
      pagesServed += 1;
      return pagesServed === 3 ? OFFLINE : undefined;
    };
    const cut = await syncRecords({ cache, fetch: api.fetch, pageSize: 2, events: new EventTarget() });
    expect(cut).toMatchObject({ ok: false, error: { kind: 'offline' }, summary: { applied: 4 } });
    expect(cut.ok || cut.error.message).toMatch(/offline/i);
    expect(await rowsOf(cache, SELF)).toBe(4);
    expect(await cache.db.cursors.get(SELF)).toEqual({ patientId: SELF, since: 4, lastSyncedAt: null });
    // What was applied is readable while offline.
    expect((await new RecordsReader(cache).list(SELF, 'Observation')).map((r) => r.id)).toEqual([
      'obs-4',
      'obs-3',
      'obs-2',
      'obs-1',
    ]);

    api.requests.length = 0;
    api.fail = () => undefined;
    const resumed = await syncRecords({ cache, fetch: api.fetch, pageSize: 2, events: new EventTarget() });
    expect(resumed).toMatchObject({ ok: true, summary: { applied: 6 } });
    const pages = api.requests.filter((p) => p.includes('/changes')).map(sinceOf);
    expect(pages).toEqual([4, 6, 8]);
    expect(await deviceView(cache, SELF, ['Observation'])).toEqual(api.view(SELF));
  });

  it('applies removals and newer versions, so the device shows what the server shows now', async () => {
    const cache = await openCache();
    const api = new FixtureApi([PEOPLE[0]!], { [SELF]: tenObservations() });
    await syncRecords({ cache, fetch: api.fetch, events: new EventTarget() });
    const list = api.changes.get(SELF)!;
    list.push(removal('Observation', 'obs-2', 11));
    list.push(upsert(observation('obs-3', SELF, 'Glucose', 99, '2024-04-01'), 12, '2024-04-01'));
    await syncRecords({ cache, fetch: api.fetch, events: new EventTarget() });
    const view = await deviceView(cache, SELF, ['Observation']);
    expect(view.has('Observation/obs-2')).toBe(false);
    expect((view.get('Observation/obs-3') as { valueQuantity: { value: number } }).valueQuantity.value).toBe(
      99,
    );
    expect(view).toEqual(api.view(SELF));
  });

  it('starts a person over when the server shows their record under other rules', async () => {
    const cache = await openCache();
    const api = new FixtureApi([PEOPLE[0]!], { [SELF]: tenObservations() });
    api.viewTag = 'rules-1';
    await syncRecords({ cache, fetch: api.fetch, events: new EventTarget() });
    // The practice hides a result it used to show; the feed itself does not move for it.
    api.changes.set(
      SELF,
      api.changes.get(SELF)!.filter((c) => c.id !== 'obs-4'),
    );
    api.viewTag = 'rules-2';
    const result = await syncRecords({ cache, fetch: api.fetch, events: new EventTarget() });
    expect(result.ok).toBe(true);
    const view = await deviceView(cache, SELF, ['Observation']);
    expect(view.has('Observation/obs-4')).toBe(false);
    expect(view).toEqual(api.view(SELF));
  });

  it('deletes at once everything of a person who is no longer on the people list', async () => {
    const cache = await openCache();
    const api = new FixtureApi(PEOPLE, {
      [SELF]: tenObservations(),
      [CHILD]: [upsert(medication('med-2', CHILD, 'Amoxicillin', '2024-02-01'), 11, '2024-02-01')],
    });
    await syncRecords({ cache, fetch: api.fetch, events: new EventTarget() });
    expect(await rowsOf(cache, CHILD)).toBe(1);

    api.people = [PEOPLE[0]!];
    // Even if the connection then drops, the person is already gone.
    api.fail = (path) => (path.includes('/changes') ? OFFLINE : undefined);
    const result = await syncRecords({ cache, fetch: api.fetch, events: new EventTarget() });
    expect(result).toMatchObject({ ok: false, error: { kind: 'offline' }, summary: { removed: [CHILD] } });
    expect(await rowsOf(cache, CHILD)).toBe(0);
    expect(await cache.db.cursors.get(CHILD)).toBeUndefined();
    expect((await new RecordsReader(cache).people()).map((p) => p.patientId)).toEqual([SELF]);
    expect(await rowsOf(cache, SELF)).toBe(10);
  });

  it('deletes the records of a person whose access dropped to billing only, and keeps them on the list', async () => {
    const cache = await openCache();
    const api = new FixtureApi(PEOPLE, {
      [SELF]: [],
      [CHILD]: [upsert(medication('med-2', CHILD, 'Amoxicillin', '2024-02-01'), 1, '2024-02-01')],
    });
    await syncRecords({ cache, fetch: api.fetch, events: new EventTarget() });
    api.people = [PEOPLE[0]!, { ...PEOPLE[1]!, access: 'billing' }];
    api.requests.length = 0;
    const result = await syncRecords({ cache, fetch: api.fetch, events: new EventTarget() });
    expect(result).toMatchObject({ ok: true, summary: { removed: [CHILD] } });
    expect(await rowsOf(cache, CHILD)).toBe(0);
    expect(await cache.db.cursors.get(CHILD)).toBeUndefined();
    expect(api.requests.some((p) => p.startsWith(changesPath(CHILD)))).toBe(false);
    const people = await new RecordsReader(cache).people();
    expect(people.find((p) => p.patientId === CHILD)?.access).toBe('billing');
  });

  it('never asks for the records of a billing-only person', async () => {
    const cache = await openCache();
    const aunt: PersonInReach = person(AUNT, 'Aunt Example', 'billing', 'aunt');
    const api = new FixtureApi([PEOPLE[0]!, aunt], { [SELF]: [], [AUNT]: [] });
    expect((await syncRecords({ cache, fetch: api.fetch, events: new EventTarget() })).ok).toBe(true);
    expect(api.requests.some((p) => p.startsWith(changesPath(AUNT)))).toBe(false);
    // Billing and the billing messages are hers to see: they are copied for offline use.
    expect(api.requests).toContain(billingPath(AUNT));
  });

  it('deletes a person whose access ended between the people list and their records (403 or 404)', async () => {
    const cache = await openCache();
    const api = new FixtureApi(PEOPLE, {
      [SELF]: tenObservations(),
      [CHILD]: [upsert(medication('med-2', CHILD, 'Amoxicillin', '2024-02-01'), 11, '2024-02-01')],
    });
    await syncRecords({ cache, fetch: api.fetch, events: new EventTarget() });
    api.fail = (path) =>
      path.includes(`/patients/${CHILD}/changes`) ? problem(403, 'Billing only') : undefined;
    const result = await syncRecords({ cache, fetch: api.fetch, events: new EventTarget() });
    expect(result).toMatchObject({ ok: true, summary: { removed: [CHILD] } });
    expect(await rowsOf(cache, CHILD)).toBe(0);
    expect(await rowsOf(cache, SELF)).toBe(10);
  });

  it('ignores a repeated or out-of-date page and asks again from its cursor', async () => {
    const cache = await openCache();
    const api = new FixtureApi([PEOPLE[0]!], { [SELF]: tenObservations() });
    let served = 0;
    api.fail = (path) => {
      if (!path.includes('/changes')) return undefined;
      served += 1;
      // The second answer repeats the first page (since 0) although the device is at 4.
      return served === 2 ? ok(api.page(SELF, 0, 4)) : undefined;
    };
    const result = await syncRecords({ cache, fetch: api.fetch, pageSize: 4, events: new EventTarget() });
    expect(result).toMatchObject({ ok: true, summary: { applied: 10 } });
    expect(api.requests.filter((p) => p.includes('/changes')).map(sinceOf)).toEqual([0, 4, 4, 8]);
    expect(await deviceView(cache, SELF, ['Observation'])).toEqual(api.view(SELF));
  });

  it('gives the storage-full outcome when the quota is used up, and keeps the records saved before', async () => {
    const cache = await openCache();
    const api = new FixtureApi([PEOPLE[0]!], { [SELF]: tenObservations() });
    const original = IDBObjectStore.prototype.put;
    let pages = 0;
    api.fail = (path) => {
      if (path.includes('/changes')) pages += 1;
      if (pages === 3) {
        IDBObjectStore.prototype.put = function quotaFull() {
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        };
      }
      return undefined;
    };
    let result: Awaited<ReturnType<typeof syncRecords>>;
    try {
      result = await syncRecords({ cache, fetch: api.fetch, pageSize: 2, events: new EventTarget() });
    } finally {
      IDBObjectStore.prototype.put = original;
    }
    expect(result).toMatchObject({ ok: false, error: { kind: 'storage-full' } });
    expect(result.ok || result.error.message).toMatch(/storage space/);
    // Pages 1 and 2 are there, page 3 left no half behind, and the cursor still points at it.
    expect(await rowsOf(cache, SELF)).toBe(4);
    expect((await cache.db.cursors.get(SELF))?.since).toBe(4);
    expect((await new RecordsReader(cache).list(SELF, 'Observation')).length).toBe(4);
  });

  it('recognises a full quota wrapped in Dexie errors as storage-full, and other IndexedDB trouble as storage', async () => {
    const cache = await openCache();
    const api = new FixtureApi([PEOPLE[0]!], { [SELF]: tenObservations() });
    const original = cache.db.resources.bulkPut;
    const rejectWith = (error: unknown) => (() => Promise.reject(error)) as unknown as typeof original;
    const inner = new DOMException('full', 'QuotaExceededError');
    cache.db.resources.bulkPut = rejectWith(
      Object.assign(new Error('BulkError'), { name: 'BulkError', failures: [inner] }),
    );
    const full = await syncRecords({ cache, fetch: api.fetch, events: new EventTarget() });
    expect(full).toMatchObject({ ok: false, error: { kind: 'storage-full' } });
    cache.db.resources.bulkPut = rejectWith(new DOMException('broken', 'UnknownError'));
    const broken = await syncRecords({ cache, fetch: api.fetch, events: new EventTarget() });
    expect(broken).toMatchObject({ ok: false, error: { kind: 'storage' } });
    cache.db.resources.bulkPut = original;
    expect(await rowsOf(cache, SELF)).toBe(0);
  });

  it.each([
    ['a network failure', OFFLINE, 'offline'],
    ['an ended session', problem(401, 'Your session has ended'), 'session'],
    ['server trouble', problem(503, 'Unavailable'), 'server'],
    ['a refusal', problem(429, 'Too many requests'), 'refused'],
    ['a malformed answer', ok({ people: 'everyone' }), 'server'],
  ] as const)('reports %s as %s and keeps what the device has', async (_, answer, kind) => {
    const cache = await openCache();
    const api = new FixtureApi(PEOPLE, { [SELF]: tenObservations(), [CHILD]: [] });
    await syncRecords({ cache, fetch: api.fetch, events: new EventTarget() });
    api.fail = () => answer;
    const result = await syncRecords({ cache, fetch: api.fetch, events: new EventTarget() });
    expect(result).toMatchObject({ ok: false, error: { kind } });
    expect(result.ok || result.error.message.length).toBeGreaterThan(20);
    expect(await rowsOf(cache, SELF)).toBe(10);
    expect(await new RecordsReader(cache).people()).toEqual(PEOPLE);
  });

  it("shows the server's own reason for a refusal", async () => {
    const cache = await openCache();
    const api = new FixtureApi(PEOPLE, {});
    api.fail = () => ({
      kind: 'problem',
      status: 403,
      problem: {
        type: '/problems/security-option-required',
        title: 'Set up your security option first',
        status: 403,
        detail: 'Choose an authenticator app or recovery codes.',
      },
      retryAfterSeconds: null,
    });
    const result = await syncRecords({ cache, fetch: api.fetch, events: new EventTarget() });
    if (result.ok) throw new Error('expected a refusal');
    expect(result.error).toMatchObject({
      kind: 'refused',
      status: 403,
      title: 'Set up your security option first',
    });
    expect(result.error.message).toContain('Choose an authenticator app');
  });

  it('does not wipe anyone when the people list is malformed', async () => {
    const cache = await openCache();
    const api = new FixtureApi(PEOPLE, { [SELF]: tenObservations(), [CHILD]: [] });
    await syncRecords({ cache, fetch: api.fetch, events: new EventTarget() });
    api.fail = (path) => (path.endsWith('/patients') ? ok({ people: [{ patientId: SELF }] }) : undefined);
    expect(await syncRecords({ cache, fetch: api.fetch, events: new EventTarget() })).toMatchObject({
      ok: false,
      error: { kind: 'server' },
    });
    expect(await rowsOf(cache, SELF)).toBe(10);
  });

  it('runs one sync at a time: a second call joins the running one', async () => {
    const cache = await openCache();
    const api = new FixtureApi(PEOPLE, { [SELF]: tenObservations(), [CHILD]: [] });
    const first = syncRecords({ cache, fetch: api.fetch, events: new EventTarget() });
    const second = syncRecords({ cache, fetch: api.fetch, events: new EventTarget() });
    expect(second).toBe(first);
    await Promise.all([first, second]);
    expect(api.requests.filter((p) => p.endsWith('/patients'))).toHaveLength(1);
    // Once it ended, the next call starts a new sync.
    await syncRecords({ cache, fetch: api.fetch, events: new EventTarget() });
    expect(api.requests.filter((p) => p.endsWith('/patients'))).toHaveLength(2);
  });

  it('stops with the session outcome when the app locks during a sync, keeping the pages applied', async () => {
    const vault = testVault();
    vaults.push(vault);
    const accountId = newAccountId();
    const { cache } = await vault.openWithPassword(accountId, 'pass phrase for tests');
    const api = new FixtureApi([PEOPLE[0]!], { [SELF]: tenObservations() });
    let pages = 0;
    api.fail = (path) => {
      if (path.includes('/changes') && ++pages === 2) vault.lock();
      return undefined;
    };
    const result = await syncRecords({ cache, fetch: api.fetch, pageSize: 2, events: new EventTarget() });
    expect(result).toMatchObject({ ok: false, error: { kind: 'session' } });
    const unlocked = await vault.unlockOffline(accountId, 'pass phrase for tests');
    if (!unlocked.ok) throw new Error('expected to unlock');
    expect(await rowsOf(unlocked.cache, SELF)).toBe(2);
  });

  it('dispatches progress on the event bus', async () => {
    const cache = await openCache();
    const api = new FixtureApi([PEOPLE[0]!], { [SELF]: tenObservations() });
    const events = new EventTarget();
    const phases: string[] = [];
    events.addEventListener(RECORDS_SYNC_EVENT, (e) =>
      phases.push((e as CustomEvent<SyncProgress>).detail.phase),
    );
    await syncRecords({ cache, fetch: api.fetch, pageSize: 5, events });
    expect(phases).toEqual(['people', 'records', 'records', 'done']);
  });
});

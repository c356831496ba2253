// Reading the cache as the pages do: lists newest first, single records, counts, the people list,
// sync times, and search that ignores case and accents; quick for a record of 5,000 results.
import { afterEach, describe, expect, it } from 'vitest';
import type { RecordChange } from '../../../core/records';
import type { RecordsCache } from './records-cache';
import { RecordsReader } from './records-reader';
import { syncRecords } from './sync-records';
import {
  CHILD,
  condition,
  FixtureApi,
  medication,
  newAccountId,
  observation,
  PEOPLE,
  patientResource,
  SELF,
  testVault,
  upsert,
} from './test-support';
import type { RecordsVault } from './vault';

const vaults: RecordsVault[] = [];
afterEach(() => {
  for (const vault of vaults.splice(0)) vault.lock();
});

async function cacheWith(changes: Record<string, RecordChange[]>, pageSize?: number): Promise<RecordsCache> {
  const vault = testVault();
  vaults.push(vault);
  const { cache } = await vault.openWithPassword(newAccountId(), 'reader tests passphrase');
  const api = new FixtureApi(PEOPLE, { [CHILD]: [], ...changes });
  const result = await syncRecords({
    cache,
    fetch: api.fetch,
    events: new EventTarget(),
    pageSize,
    now: () => new Date('2024-06-01T08:00:00Z'),
  });
  expect(result.ok).toBe(true);
  return cache;
}

const problems = () => [
  upsert(patientResource(SELF, 'Zoë', 'Brontë'), 1, null),
  upsert(
    condition('c-asthma', SELF, 'Asthma', '2015-04-01', 'Uses an inhaler when running'),
    2,
    '2015-04-01',
  ),
  upsert(condition('c-eczema', SELF, 'Eczéma atopique', '2021-09-12'), 3, '2021-09-12'),
  upsert(condition('c-undated', SELF, 'Seasonal allergic rhinitis', ''), 4, null),
  upsert(condition('c-hyper', SELF, 'Hypertension', '2019-01-20T10:00:00Z'), 5, '2019-01-20T10:00:00Z'),
  upsert(medication('m-ibu', SELF, 'Ibuprofène 200 MG Oral Tablet', '2022-02-02'), 6, '2022-02-02'),
  upsert(observation('o-hba1c', SELF, 'Hemoglobin A1c', 6.8, '2023-05-05'), 7, '2023-05-05'),
];

describe('reading the record cache', () => {
  it('lists records newest clinical date first, the undated ones last', async () => {
    const reader = new RecordsReader(await cacheWith({ [SELF]: problems() }));
    const list = await reader.list(SELF, 'Condition');
    expect(list.map((r) => r.id)).toEqual(['c-eczema', 'c-hyper', 'c-asthma', 'c-undated']);
    expect(list[3]!.date).toBeNull();
    expect(list[0]).toMatchObject({
      type: 'Condition',
      date: '2021-09-12',
      resource: { code: { text: 'Eczéma atopique' } },
    });
    expect((await reader.list(SELF, 'Condition', { limit: 2 })).map((r) => r.id)).toEqual([
      'c-eczema',
      'c-hyper',
    ]);
  });

  it('finds one record, counts records, and answers nothing for another person', async () => {
    const reader = new RecordsReader(await cacheWith({ [SELF]: problems() }));
    expect((await reader.get(SELF, 'MedicationRequest', 'm-ibu'))?.resource.authoredOn).toBe('2022-02-02');
    expect(await reader.get(SELF, 'MedicationRequest', 'nope')).toBeUndefined();
    expect(await reader.get(CHILD, 'MedicationRequest', 'm-ibu')).toBeUndefined();
    expect(await reader.count(SELF, 'Condition')).toBe(4);
    expect(await reader.count(CHILD, 'Condition')).toBe(0);
    expect(await reader.counts(SELF)).toEqual({
      Patient: 1,
      Condition: 4,
      MedicationRequest: 1,
      Observation: 1,
    });
  });

  it('gives the people list in the server order and when each record was last synced', async () => {
    const reader = new RecordsReader(await cacheWith({ [SELF]: problems() }));
    expect(await reader.people()).toEqual(PEOPLE);
    expect(await reader.lastSyncedAt(SELF)).toBe('2024-06-01T08:00:00.000Z');
    expect(await reader.lastSyncedAt('someone-else')).toBeNull();
    expect(await reader.lastSyncedAt()).toBe('2024-06-01T08:00:00.000Z');
  });

  it('searches the whole record, ignoring case and accents', async () => {
    const reader = new RecordsReader(await cacheWith({ [SELF]: problems() }));
    const ids = async (text: string) => (await reader.search(SELF, text)).map((r) => r.id);
    expect(await ids('ECZEMA')).toEqual(['c-eczema']);
    expect(await ids('ibuprofene')).toEqual(['m-ibu']);
    expect(await ids('zoe bronte')).toEqual([SELF]);
    expect(await ids('inhaler')).toEqual(['c-asthma']); // a note
    expect(await ids('6.8')).toEqual(['o-hba1c']); // a value
    expect(await ids('a1c')).toEqual(['o-hba1c']); // a code display
    expect(await ids('oral tablet ibuprofène')).toEqual(['m-ibu']); // every word, any order
    expect(await ids('2339-0')).toEqual([]); // codes are not words
    expect(await ids('   ')).toEqual([]);
    expect((await reader.search(SELF, 'e', { types: ['Condition'], limit: 2 })).map((r) => r.id)).toEqual([
      'c-eczema',
      'c-hyper',
    ]);
  });

  it('finds a record by its new text after a sync changed it', async () => {
    const api = new FixtureApi(PEOPLE, { [SELF]: problems(), [CHILD]: [] });
    const vault = testVault();
    vaults.push(vault);
    const { cache } = await vault.openWithPassword(newAccountId(), 'reader tests passphrase');
    await syncRecords({ cache, fetch: api.fetch, events: new EventTarget() });
    const reader = new RecordsReader(cache);
    expect(await reader.search(SELF, 'asthma')).toHaveLength(1);
    api.changes
      .get(SELF)!
      .push(upsert(condition('c-asthma', SELF, 'Reactive airway disease', '2015-04-01'), 8, '2015-04-01'));
    await syncRecords({ cache, fetch: api.fetch, events: new EventTarget() });
    expect(await reader.search(SELF, 'asthma')).toHaveLength(0);
    expect((await reader.search(SELF, 'airway')).map((r) => r.id)).toEqual(['c-asthma']);
  });

  it('forgets what search remembered when the cache locks', async () => {
    const vault = testVault();
    vaults.push(vault);
    const { cache } = await vault.openWithPassword(newAccountId(), 'reader tests passphrase');
    await syncRecords({
      cache,
      fetch: new FixtureApi(PEOPLE, { [SELF]: problems(), [CHILD]: [] }).fetch,
      events: new EventTarget(),
    });
    await new RecordsReader(cache).search(SELF, 'asthma');
    expect(cache.memory.size).toBe(1);
    vault.lock();
    expect(cache.memory.size).toBe(0);
    await expect(new RecordsReader(cache).search(SELF, 'asthma')).rejects.toMatchObject({ kind: 'session' });
  });

  it('syncs, lists and searches a record of 5,000 observations quickly', async () => {
    const changes = Array.from({ length: 5_000 }, (_, i) => {
      const day = new Date(Date.UTC(2014, 0, 1) + i * 17 * 3_600_000).toISOString();
      return upsert(
        observation(`obs-${i}`, SELF, i % 50 === 0 ? 'Cholestérol total' : 'Heart rate', 60 + (i % 40), day),
        i + 1,
        day,
      );
    });
    const started = performance.now();
    const cache = await cacheWith({ [SELF]: changes }, 1_000);
    const synced = performance.now();
    const reader = new RecordsReader(cache);
    const list = await reader.list(SELF, 'Observation');
    const listed = performance.now();
    const hits = await reader.search(SELF, 'cholesterol');
    const searched = performance.now();
    const again = await reader.search(SELF, 'cholesterol total');
    const searchedAgain = performance.now();

    expect(list).toHaveLength(5_000);
    expect(list[0]!.id).toBe('obs-4999');
    expect(hits).toHaveLength(100);
    expect(again).toHaveLength(100);
    // Generous bounds: fake-indexeddb in Node is far slower than a browser's IndexedDB.
    expect(synced - started).toBeLessThan(10_000);
    expect(listed - synced).toBeLessThan(3_000);
    expect(searched - listed).toBeLessThan(3_000);
    expect(searchedAgain - searched).toBeLessThan(searched - listed);
  });
});

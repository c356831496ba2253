// A page's view of the cache through RecordsController: it shows the records, shows them again
// when a sync changed them, and drops them from the page the moment the app locks.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { describe, expect, it } from 'vitest';
import { RecordsController } from './records-controller';
import { syncRecords } from './sync-records';
import { CHILD, FixtureApi, medication, newAccountId, PEOPLE, SELF, testVault, upsert } from './test-support';

class FakeHost implements ReactiveControllerHost {
  controllers: ReactiveController[] = [];
  updates = 0;
  readonly updateComplete = Promise.resolve(true);
  addController(controller: ReactiveController): void {
    this.controllers.push(controller);
  }
  removeController(): void {}
  requestUpdate(): void {
    this.updates += 1;
  }
  connect(): void {
    for (const c of this.controllers) c.hostConnected?.();
  }
  disconnect(): void {
    for (const c of this.controllers) c.hostDisconnected?.();
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

async function setUp() {
  const events = new EventTarget();
  const vault = testVault({ events });
  const accountId = newAccountId();
  const { cache } = await vault.openWithPassword(accountId, 'controller passphrase');
  const api = new FixtureApi(PEOPLE, {
    [SELF]: [upsert(medication('m-1', SELF, 'Metformin 500 MG', '2024-01-01'), 1, '2024-01-01')],
    [CHILD]: [],
  });
  await syncRecords({ cache, fetch: api.fetch, events });
  const host = new FakeHost();
  const controller = new RecordsController(host, {
    source: vault,
    events,
    load: async (reader) => (await reader.list(SELF, 'MedicationRequest')).map((r) => r.id),
    patientIds: () => [SELF],
  });
  return { events, vault, accountId, cache, api, host, controller };
}

describe('RecordsController', () => {
  it('loads the records when the page appears', async () => {
    const { host, controller, vault } = await setUp();
    host.connect();
    await settle();
    expect(controller.status).toBe('ready');
    expect(controller.value).toEqual(['m-1']);
    vault.lock();
  });

  it('loads again when a sync changed the person shown, and not for someone else', async () => {
    const { host, controller, cache, api, events, vault } = await setUp();
    host.connect();
    await settle();
    const updates = host.updates;
    api.changes
      .get(CHILD)!
      .push(upsert(medication('m-9', CHILD, 'Amoxicillin', '2024-02-01'), 2, '2024-02-01'));
    await syncRecords({ cache, fetch: api.fetch, events });
    await settle();
    expect(host.updates).toBe(updates);

    api.changes.get(SELF)!.push(upsert(medication('m-2', SELF, 'Lisinopril', '2024-03-01'), 3, '2024-03-01'));
    await syncRecords({ cache, fetch: api.fetch, events });
    await settle();
    expect(controller.value).toEqual(['m-2', 'm-1']);
    vault.lock();
  });

  it('drops what it showed when the app locks, and shows it again after unlocking', async () => {
    const { host, controller, vault, accountId } = await setUp();
    host.connect();
    await settle();
    vault.lock();
    expect(controller.status).toBe('locked');
    expect(controller.value).toBeUndefined();
    await vault.unlockOffline(accountId, 'controller passphrase');
    await settle();
    expect(controller.value).toEqual(['m-1']);
    vault.lock();
  });

  it('stops listening when the page goes away', async () => {
    const { host, controller, cache, api, events, vault } = await setUp();
    host.connect();
    await settle();
    host.disconnect();
    api.changes.get(SELF)!.push(upsert(medication('m-2', SELF, 'Lisinopril', '2024-03-01'), 3, '2024-03-01'));
    await syncRecords({ cache, fetch: api.fetch, events });
    await settle();
    expect(controller.value).toEqual(['m-1']);
    vault.lock();
  });

  it('reports a read error with a sentence for the page', async () => {
    const { host, controller, vault, cache } = await setUp();
    // The list reads through the date index: break that path.
    const where = cache.db.resources.where.bind(cache.db.resources);
    cache.db.resources.where = ((index: string) => {
      if (index === '[patientId+type+date]') throw new DOMException('broken', 'UnknownError');
      return where(index);
    }) as typeof cache.db.resources.where;
    host.connect();
    await settle();
    expect(controller.status).toBe('error');
    expect(controller.error?.kind).toBe('storage');
    expect(controller.error?.message).toMatch(/could not/);
    vault.lock();
  });
});

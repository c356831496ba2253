// "This device": the storage facts the browser gives, and "Forget this device", which deletes every
// record saved here and signs out, only after the user confirms.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { openDeviceDb } from '../../data/device-db';
import { vault } from '../../data/records/app-records';
import { recordsDbName } from '../../data/records/records-db';
import { session } from '../../data/session';
import { granted, noContent, restoreApi, stubApi } from '../../test/api-stub';
import './device-storage';
import type { DeviceStorage } from './device-storage';

const root = (el: DeviceStorage) => el.shadowRoot!;
const button = (el: DeviceStorage, name: string) =>
  [...root(el).querySelectorAll('button')].find((b) => b.textContent?.trim() === name);

async function databaseExists(name: string): Promise<boolean> {
  return (await indexedDB.databases()).some((d) => d.name === name);
}

describe('<device-storage>', () => {
  afterEach(restoreApi);

  it('shows how much space the portal uses and whether the browser keeps it', async () => {
    const el = await fixture<DeviceStorage>(html`<device-storage></device-storage>`);
    await waitUntil(() => root(el).querySelector('dl'), 'storage facts', { timeout: 5000 });
    const text = root(el).querySelector('dl')!.textContent!;
    expect(text).to.contain('Space used by the portal');
    expect(text).to.match(/\d+(\.\d)? (MB|GB)/);
    expect(text).to.contain('Kept when space runs short');
  });

  it('deletes the records saved on this device and signs out, after asking first', async () => {
    const accountId = `device-storage-${Date.now().toString(36)}`;
    await vault.openWithPassword(accountId, 'amber field compass 19');
    expect(await databaseExists(recordsDbName(accountId))).to.equal(true);
    const calls = stubApi({ 'POST /api/auth/sign-out': () => noContent() });
    await session.accept(granted({ id: accountId }));
    // A message written offline waits, sealed, in the outbox.
    const outbox = openDeviceDb();
    await outbox.outbox.put({
      id: crypto.randomUUID(),
      accountId,
      kind: 'message',
      sealed: 'sealed-to-the-server',
      status: 'queued',
      attempts: 0,
      createdAt: new Date().toISOString(),
    });

    const el = await fixture<DeviceStorage>(html`<device-storage></device-storage>`);
    button(el, 'Forget this device')!.click();
    await el.updateComplete;
    // Nothing is deleted before the user confirms.
    expect(await databaseExists(recordsDbName(accountId))).to.equal(true);
    expect(root(el).querySelector('[role="group"]')!.textContent).to.contain(
      'Every record saved on this device is deleted',
    );
    root(el).querySelector<HTMLButtonElement>('[role="group"] .button.danger')!.click();

    await waitUntil(() => session.state === 'signed-out', 'signed out', { timeout: 5000 });
    expect(await databaseExists(recordsDbName(accountId))).to.equal(false);
    expect(vault.current).to.equal(null);
    // "Changes still waiting to be sent are lost": nothing is sent after a later sign-in.
    expect(await outbox.outbox.count()).to.equal(0);
    outbox.close();
    expect(calls.map((c) => c.path)).to.include('/api/auth/sign-out');
  });
});

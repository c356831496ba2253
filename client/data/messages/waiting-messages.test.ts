// Changes written offline, as their pages show them: "Waiting to send", then "Not sent" with the
// server's reason, then gone once delivered. The readable copy lives in the outbox item itself, so
// what the page shows and what will be sent can never disagree.
import { afterEach, describe, expect, it } from 'vitest';
import { sharedDeviceDb } from '../device-db';
import { adoptEarlierCopies, forgetCopiesOf, waitingChanges } from '../outbox/copies';
import { sealJson, waitingAad } from '../records/cipher';
import { CHILD, newAccountId, queueWaiting, SELF, testVault } from '../records/test-support';
import type { RecordsVault } from '../records/vault';
import { waitingMessages } from './waiting-messages';

const PASSWORD = 'pass phrase for tests';
const vaults: RecordsVault[] = [];
afterEach(() => {
  for (const vault of vaults.splice(0)) vault.lock();
});

async function unlocked() {
  const vault = testVault();
  vaults.push(vault);
  return (await vault.openWithPassword(newAccountId(), PASSWORD)).cache;
}

const MESSAGE = { threadId: null, subject: 'appointments' as const, withName: 'Dr. A', locationName: 'Main' };

describe('messages waiting on the device', () => {
  it('shows what waits or was refused, oldest first, and nothing once delivered', async () => {
    const cache = await unlocked();
    const db = sharedDeviceDb();
    const first = await queueWaiting(cache, {
      kind: 'message',
      topic: 'message',
      patientId: SELF,
      content: { ...MESSAGE, body: 'Can I come Tuesday?' },
    });
    const second = await queueWaiting(cache, {
      kind: 'message',
      topic: 'message',
      patientId: SELF,
      content: { ...MESSAGE, body: 'And Wednesday?' },
    });
    await db.outbox.update(second.id, {
      status: 'failed',
      failure: { status: 422, title: 'Invalid', detail: 'Choose the provider.' },
    });
    const waiting = await waitingMessages(cache, SELF);
    expect(waiting.map((w) => [w.id, w.status, w.body])).toEqual([
      [first.id, 'queued', 'Can I come Tuesday?'],
      [second.id, 'failed', 'And Wednesday?'],
    ]);
    expect(waiting[1]?.failure?.detail).toBe('Choose the provider.');

    // Delivered (by the page or the worker): the item leaves, and its copy with it.
    await db.outbox.delete(first.id);
    expect((await waitingMessages(cache, SELF)).map((w) => w.id)).toEqual([second.id]);
  });

  it('keeps family changes and messages of one person apart, and each person to their own page', async () => {
    const cache = await unlocked();
    await queueWaiting(cache, {
      kind: 'message',
      topic: 'message',
      patientId: SELF,
      content: { ...MESSAGE, body: 'Hi' },
    });
    await queueWaiting(cache, {
      kind: 'family-change',
      topic: 'family',
      patientId: SELF,
      content: { what: 'remove', grantId: 'g1', displayName: 'Carlos' },
    });
    await queueWaiting(cache, {
      kind: 'message',
      topic: 'message',
      patientId: CHILD,
      content: { ...MESSAGE, body: 'Fever' },
    });
    const owner = { accountId: cache.accountId, dataKey: cache.key };
    expect((await waitingMessages(cache, SELF)).map((w) => w.body)).toEqual(['Hi']);
    expect((await waitingMessages(cache, CHILD)).map((w) => w.body)).toEqual(['Fever']);
    const family = await waitingChanges<{ what: string }>(sharedDeviceDb(), owner, 'family', SELF);
    expect(family.map((w) => w.content?.what)).toEqual(['remove']);
    // Nothing readable in the device's own database, which the worker and anyone with the device can open.
    const raw = JSON.stringify(await sharedDeviceDb().outbox.toArray());
    for (const word of ['Carlos', 'Fever', 'Dr. A']) expect(raw).not.toContain(word);
  });

  it('lists a copy it can no longer open (made under an earlier data key) without its words', async () => {
    const earlier = await unlocked();
    const item = await queueWaiting(earlier, {
      kind: 'message',
      topic: 'message',
      patientId: SELF,
      content: { ...MESSAGE, body: 'Old' },
    });
    const later = await unlocked();
    await sharedDeviceDb().outbox.update(item.id, { accountId: later.accountId });
    const owner = { accountId: later.accountId, dataKey: later.key };
    const [listed] = await waitingChanges(sharedDeviceDb(), owner, 'message', SELF);
    expect(listed).toMatchObject({ id: item.id, status: 'queued', content: null });
    // The messages page draws only what it can read; the message itself still goes out.
    expect(await waitingMessages(later, SELF)).toEqual([]);
    expect(await sharedDeviceDb().outbox.get(item.id)).toBeDefined();
  });

  it('drops the readable copies about someone taken off the device, and keeps the requests', async () => {
    const cache = await unlocked();
    const mine = await queueWaiting(cache, {
      kind: 'message',
      topic: 'message',
      patientId: SELF,
      content: { ...MESSAGE, body: 'Mine' },
    });
    const theirs = await queueWaiting(cache, {
      kind: 'message',
      topic: 'message',
      patientId: CHILD,
      content: { ...MESSAGE, body: 'Theirs' },
    });
    await forgetCopiesOf(sharedDeviceDb(), cache.accountId, [CHILD]);
    expect((await sharedDeviceDb().outbox.get(theirs.id))?.copy).toBeUndefined();
    expect((await sharedDeviceDb().outbox.get(theirs.id))?.sealed).toBe(theirs.sealed);
    expect((await sharedDeviceDb().outbox.get(mine.id))?.copy).toBeDefined();
    expect(await waitingMessages(cache, CHILD)).toEqual([]);
  });

  it('takes over the copies an earlier version kept in the record cache, and drops those already delivered', async () => {
    const cache = await unlocked();
    const item = await queueWaiting(cache, {
      kind: 'message',
      topic: 'message',
      patientId: SELF,
      content: null,
    });
    const { copy: _none, ...bare } = item;
    await sharedDeviceDb().outbox.put(bare);
    // As earlier versions stored them: a row per copy in the cache's `waiting` table.
    const sealed = await sealJson(cache.key, { ...MESSAGE, body: 'From before' }, waitingAad(item.id, SELF));
    await cache.db.waiting.put({ id: item.id, patientId: SELF, createdAt: item.createdAt, ...sealed });
    const delivered = await sealJson(
      cache.key,
      { ...MESSAGE, body: 'Sent long ago' },
      waitingAad('gone', SELF),
    );
    await cache.db.waiting.put({ id: 'gone', patientId: SELF, createdAt: item.createdAt, ...delivered });

    await adoptEarlierCopies(sharedDeviceDb(), cache.db);
    expect((await waitingMessages(cache, SELF)).map((w) => w.body)).toEqual(['From before']);
    expect(await cache.db.waiting.count()).toBe(0);
  });
});

// The cache's key lifecycle as a user meets it: sign in, unlock offline, wrong passwords, a
// password changed here or elsewhere, locking and forgetting the device.
import { afterEach, describe, expect, it } from 'vitest';
import { RECORDS_VAULT_EVENT } from './records-events';
import { RecordsReader } from './records-reader';
import { syncRecords } from './sync-records';
import {
  CHILD,
  FixtureApi,
  medication,
  newAccountId,
  PEOPLE,
  SECRETS,
  SELF,
  testVault,
  upsert,
} from './test-support';
import type { RecordsVault } from './vault';

const PASSWORD = 'correct horse battery staple';

function api(): FixtureApi {
  return new FixtureApi(PEOPLE, {
    [SELF]: [
      upsert(
        medication('med-1', SELF, `${SECRETS.medication} 40 MG Oral Tablet`, '2024-03-01'),
        1,
        '2024-03-01',
      ),
    ],
    [CHILD]: [],
  });
}

async function signInAndSync(vault: RecordsVault, accountId: string, password = PASSWORD) {
  const { cache, status } = await vault.openWithPassword(accountId, password);
  const result = await syncRecords({ cache, fetch: api().fetch, events: new EventTarget() });
  expect(result.ok).toBe(true);
  return { cache, status };
}

async function medicationNames(vault: RecordsVault): Promise<string[]> {
  const reader = new RecordsReader(vault.current!);
  const meds = await reader.list(SELF, 'MedicationRequest');
  return meds.map((m) => JSON.stringify(m.resource));
}

const vaults: RecordsVault[] = [];
function vaultFor(options: Parameters<typeof testVault>[0] = {}): RecordsVault {
  const vault = testVault(options);
  vaults.push(vault);
  return vault;
}

afterEach(async () => {
  for (const vault of vaults.splice(0)) vault.lock();
});

describe('the record cache key', () => {
  it('creates an empty cache at the first sign-in and opens the same one at the next', async () => {
    const vault = vaultFor();
    const accountId = newAccountId();
    expect(await vault.hasCache(accountId)).toBe(false);
    const first = await signInAndSync(vault, accountId);
    expect(first.status).toBe('created');
    expect(await vault.hasCache(accountId)).toBe(true);
    vault.lock();
    const second = await vault.openWithPassword(accountId, PASSWORD);
    expect(second.status).toBe('opened');
    expect((await medicationNames(vault)).join()).toContain(SECRETS.medication);
  });

  it('does not open the cache offline with a wrong password', async () => {
    const vault = vaultFor();
    const accountId = newAccountId();
    await signInAndSync(vault, accountId);
    vault.lock();
    const result = await vault.unlockOffline(accountId, 'not my password');
    expect(result).toMatchObject({ ok: false, reason: 'wrong-password', failures: 1, waitSeconds: 0 });
    expect(vault.current).toBeNull();
  });

  it('says there is nothing to unlock on a device where the account never signed in', async () => {
    const vault = vaultFor();
    expect(await vault.unlockOffline(newAccountId(), PASSWORD)).toEqual({ ok: false, reason: 'no-cache' });
  });

  it('makes the next try wait after three wrong passwords, even the right one, and lets it in after the wait', async () => {
    let now = 1_700_000_000_000;
    const vault = vaultFor({ now: () => now });
    const accountId = newAccountId();
    await signInAndSync(vault, accountId);
    vault.lock();
    await vault.unlockOffline(accountId, 'wrong 1');
    await vault.unlockOffline(accountId, 'wrong 2');
    const third = await vault.unlockOffline(accountId, 'wrong 3');
    expect(third).toMatchObject({ ok: false, reason: 'wrong-password', failures: 3, waitSeconds: 8 });

    now += 3_000;
    expect(await vault.unlockOffline(accountId, PASSWORD)).toEqual({
      ok: false,
      reason: 'wait',
      waitSeconds: 5,
    });

    now += 5_000;
    const unlocked = await vault.unlockOffline(accountId, PASSWORD);
    expect(unlocked.ok).toBe(true);
    expect((await medicationNames(vault)).join()).toContain(SECRETS.medication);
  });

  it('makes the wait grow with each further wrong password, up to five minutes', async () => {
    let now = 1_700_000_000_000;
    const vault = vaultFor({ now: () => now });
    const accountId = newAccountId();
    await signInAndSync(vault, accountId);
    vault.lock();
    const waits: number[] = [];
    for (let i = 0; i < 10; i++) {
      const result = await vault.unlockOffline(accountId, `wrong ${i}`);
      if (result.ok || result.reason !== 'wrong-password') throw new Error('expected a wrong password');
      waits.push(result.waitSeconds);
      now += result.waitSeconds * 1000;
    }
    expect(waits).toEqual([0, 0, 8, 16, 32, 64, 128, 256, 300, 300]);
  });

  it('keeps the wait when the app is closed and opened again', async () => {
    let now = 1_700_000_000_000;
    const accountId = newAccountId();
    const before = vaultFor({ now: () => now });
    await signInAndSync(before, accountId);
    before.lock();
    for (const attempt of ['a', 'b', 'c']) await before.unlockOffline(accountId, attempt);
    now += 8_000;
    expect(await before.unlockOffline(accountId, 'd')).toMatchObject({ failures: 4, waitSeconds: 16 });

    // A new vault is what a reload of the app starts with.
    const after = vaultFor({ now: () => now });
    now += 10_000;
    expect(await after.unlockOffline(accountId, PASSWORD)).toEqual({
      ok: false,
      reason: 'wait',
      waitSeconds: 6,
    });
    now += 6_000;
    expect((await after.unlockOffline(accountId, PASSWORD)).ok).toBe(true);
  });

  it('does not shorten the wait when the device clock is turned back', async () => {
    let now = 1_700_000_000_000;
    const vault = vaultFor({ now: () => now });
    const accountId = newAccountId();
    await signInAndSync(vault, accountId);
    vault.lock();
    for (const attempt of ['a', 'b', 'c']) await vault.unlockOffline(accountId, attempt);
    now -= 3_600_000;
    const result = await vault.unlockOffline(accountId, PASSWORD);
    expect(result).toMatchObject({ ok: false, reason: 'wait' });
  });

  it('starts the count again after the right password', async () => {
    const vault = vaultFor();
    const accountId = newAccountId();
    await signInAndSync(vault, accountId);
    vault.lock();
    await vault.unlockOffline(accountId, 'a');
    await vault.unlockOffline(accountId, 'b');
    expect((await vault.unlockOffline(accountId, PASSWORD)).ok).toBe(true);
    vault.lock();
    expect(await vault.unlockOffline(accountId, 'c')).toMatchObject({ failures: 1, waitSeconds: 0 });
  });

  it('lets two wrong tries sent at once count as two', async () => {
    const vault = vaultFor();
    const accountId = newAccountId();
    await signInAndSync(vault, accountId);
    vault.lock();
    const tries = await Promise.all(['a', 'b', 'c', 'd'].map((p) => vault.unlockOffline(accountId, p)));
    const reasons = tries.map((t) => (t.ok ? 'ok' : t.reason));
    expect(reasons).toEqual(['wrong-password', 'wrong-password', 'wrong-password', 'wait']);
  });

  it('wipes the cache and starts over when the password was changed elsewhere', async () => {
    const vault = vaultFor();
    const accountId = newAccountId();
    await signInAndSync(vault, accountId, 'old password of mine');
    vault.lock();

    const reopened = await vault.openWithPassword(accountId, 'new password from the laptop');
    expect(reopened.status).toBe('reset');
    expect(await medicationNames(vault)).toEqual([]);
    expect(await new RecordsReader(reopened.cache).people()).toEqual([]);

    const result = await syncRecords({
      cache: reopened.cache,
      fetch: api().fetch,
      events: new EventTarget(),
    });
    expect(result.ok).toBe(true);
    expect((await medicationNames(vault)).join()).toContain(SECRETS.medication);
    vault.lock();
    expect((await vault.unlockOffline(accountId, 'old password of mine')).ok).toBe(false);
    expect((await vault.unlockOffline(accountId, 'new password from the laptop')).ok).toBe(true);
  });

  it('keeps the data readable with the new password after a change on this device, and not with the old', async () => {
    const vault = vaultFor();
    const accountId = newAccountId();
    await signInAndSync(vault, accountId, 'the old password');
    await vault.rewrap('the new password');
    vault.lock();

    expect(await vault.unlockOffline(accountId, 'the old password')).toMatchObject({
      reason: 'wrong-password',
    });
    expect((await vault.unlockOffline(accountId, 'the new password')).ok).toBe(true);
    expect((await medicationNames(vault)).join()).toContain(SECRETS.medication);
    // And at the next online sign-in the new password opens the same cache, no wipe.
    vault.lock();
    expect((await vault.openWithPassword(accountId, 'the new password')).status).toBe('opened');
  });

  it('stays locked when the app locks while an unlock is still working', async () => {
    const vault = vaultFor();
    const accountId = newAccountId();
    await signInAndSync(vault, accountId);
    vault.lock();
    const unlocking = vault.unlockOffline(accountId, PASSWORD);
    vault.lock();
    await expect(unlocking).rejects.toMatchObject({ kind: 'session' });
    expect(vault.current).toBeNull();
    expect((await vault.unlockOffline(accountId, PASSWORD)).ok).toBe(true);
  });

  it('refuses to re-wrap while locked', async () => {
    const vault = vaultFor();
    const accountId = newAccountId();
    await signInAndSync(vault, accountId);
    vault.lock();
    await expect(vault.rewrap('anything')).rejects.toMatchObject({ kind: 'session' });
  });

  it('forgets the key on lock: reads are refused, and unlocking offline brings the data back', async () => {
    const events = new EventTarget();
    const seen: string[] = [];
    events.addEventListener(RECORDS_VAULT_EVENT, (e) => seen.push((e as CustomEvent).detail.state));
    const vault = vaultFor({ events });
    const accountId = newAccountId();
    const { cache } = await signInAndSync(vault, accountId);
    const reader = new RecordsReader(cache);
    expect(await reader.count(SELF, 'MedicationRequest')).toBe(1);

    vault.lock();
    expect(cache.locked).toBe(true);
    expect(vault.current).toBeNull();
    await expect(reader.list(SELF, 'MedicationRequest')).rejects.toMatchObject({ kind: 'session' });
    await expect(reader.count(SELF, 'MedicationRequest')).rejects.toMatchObject({ kind: 'session' });
    const refused = await syncRecords({ cache, fetch: api().fetch, events: new EventTarget() });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'session' } });

    expect((await vault.unlockOffline(accountId, PASSWORD)).ok).toBe(true);
    expect((await medicationNames(vault)).join()).toContain(SECRETS.medication);
    expect(seen).toEqual(['unlocked', 'locked', 'unlocked']);
  });

  it('re-wraps a key made with fewer iterations at the next sign-in', async () => {
    const accountId = newAccountId();
    const weak = vaultFor({ iterations: 500 });
    await signInAndSync(weak, accountId);
    weak.lock();
    const strong = vaultFor({ iterations: 2_000 });
    expect((await strong.openWithPassword(accountId, PASSWORD)).status).toBe('opened');
    expect((await strong.current!.db.keyring.toArray())[0]?.iterations).toBe(2_000);
    strong.lock();
    expect((await strong.unlockOffline(accountId, PASSWORD)).ok).toBe(true);
  });

  it('deletes the whole cache on sign-out or "Forget this device"', async () => {
    const vault = vaultFor();
    const accountId = newAccountId();
    await signInAndSync(vault, accountId);
    await vault.wipe(accountId);
    expect(vault.current).toBeNull();
    expect(await vault.hasCache(accountId)).toBe(false);
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(`portal-records-${accountId}`);
    expect(await vault.unlockOffline(accountId, PASSWORD)).toEqual({ ok: false, reason: 'no-cache' });
  });

  it('forgets every account on the device at once', async () => {
    const vault = vaultFor();
    const first = newAccountId();
    const second = newAccountId();
    await signInAndSync(vault, first);
    await signInAndSync(vault, second);
    await vault.wipeAll();
    expect(await vault.hasCache(first)).toBe(false);
    expect(await vault.hasCache(second)).toBe(false);
  });

  it('refuses an account id that would put something personal in the database name', async () => {
    const vault = vaultFor();
    await expect(vault.openWithPassword('marisol@example.org', PASSWORD)).rejects.toThrow();
  });
});

// Test helper: the app's own record cache (the vault singleton the pages read), opened for a fresh
// account and filled with a people list and whole answers (billing, messages), as a sync would.
import type { PersonInReach } from '../../core/records';
import { sharedDeviceDb } from '../data/device-db';
import { vault } from '../data/records/app-records';
import { applyPeople } from '../data/records/apply-people';
import type { RecordsCache } from '../data/records/records-cache';
import type { SnapshotKind } from '../data/records/records-db';
import { storeSnapshot } from '../data/records/snapshots';
import { session } from '../data/session';

export function person(
  patientId: string,
  displayName: string,
  access: PersonInReach['access'],
  relationship = access === 'self' ? 'self' : 'child',
): PersonInReach {
  return { patientId, displayName, birthDate: '2011-04-02', access, relationship };
}

export async function openFilledCache(
  people: PersonInReach[],
  snapshots: Array<{ patientId: string; kind: SnapshotKind; value: object }> = [],
): Promise<RecordsCache> {
  // The app's cache is always the signed-in account's (changes queued from it carry that id).
  const accountId = session.account?.id ?? `page-test-${crypto.randomUUID()}`;
  const { cache } = await vault.openWithPassword(accountId, 'amber field compass 19');
  await applyPeople(cache, people);
  for (const s of snapshots)
    await storeSnapshot(cache, s.patientId, s.kind, s.value, new Date().toISOString());
  return cache;
}

/** Locks and deletes the test cache, and whatever its account left waiting in the outbox. */
export async function closeFilledCache(cache: RecordsCache): Promise<void> {
  await vault.wipe(cache.accountId);
  await sharedDeviceDb().outbox.where('accountId').equals(cache.accountId).delete();
}

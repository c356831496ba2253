// The device's copy of the Family access settings: kept under the account holder's own patient
// id, so the sync's clean-up of people out of reach leaves it, and not kept for an account that
// is not a patient (nothing to manage offline).
import { describe, expect, it } from 'vitest';
import type { FamilySettings } from '../../../core/family';
import { applyPeople } from './apply-people';
import { keepFamilySettings, ownPatientId, savedFamilySettings } from './family-copy';
import { CHILD, newAccountId, PEOPLE, person, SECRETS, SELF, testVault } from './test-support';

const SETTINGS: FamilySettings = {
  canShare: true,
  canGrantFull: true,
  grants: [
    {
      id: 'g1',
      displayName: `Carlos ${SECRETS.familyName}`,
      relationship: 'spouse',
      level: 'full',
      effective: 'full',
      source: 'invitation',
      since: '2024-03-02T15:00:00Z',
      needsAdultConfirmation: false,
    },
  ],
  invitations: [],
  requests: [],
};

async function openCache() {
  const vault = testVault();
  const { cache } = await vault.openWithPassword(newAccountId(), 'pass phrase for tests');
  return { vault, cache };
}

describe('Family access settings kept on the device', () => {
  it('keeps them sealed under the account holder’s own id, through a sync of the people list', async () => {
    const { vault, cache } = await openCache();
    await applyPeople(cache, PEOPLE);
    expect(await ownPatientId(cache)).toBe(SELF);
    expect(await keepFamilySettings(cache, SETTINGS, '2025-01-01T10:00:00Z')).toBe(true);
    // The next sync's list (a family member left): the holder's own copy stays.
    await applyPeople(cache, PEOPLE.slice(0, 1));
    expect(await savedFamilySettings(cache)).toEqual({
      settings: SETTINGS,
      fetchedAt: '2025-01-01T10:00:00Z',
    });
    expect(JSON.stringify(await cache.db.snapshots.toArray())).not.toContain(SECRETS.familyName);
    vault.lock();
  });

  it('keeps nothing for an account without a patient record of its own', async () => {
    const { vault, cache } = await openCache();
    await applyPeople(cache, [person(CHILD, 'Teo', 'full', 'child')]);
    expect(await ownPatientId(cache)).toBe(null);
    expect(await keepFamilySettings(cache, SETTINGS, '2025-01-01T10:00:00Z')).toBe(false);
    expect(await savedFamilySettings(cache)).toBe(null);
    expect(await cache.db.snapshots.count()).toBe(0);
    vault.lock();
  });
});

// The account holder's own Family access settings (GET /api/family) kept sealed for reading
// offline, as a 'family' snapshot under their own patient id: the people entry with access
// 'self', which the sync's clean-up of people out of reach never drops. An account that is not a
// patient has no settings to keep.
import type { FamilySettings } from '../../../core/family';
import type { RecordsCache } from './records-cache';
import { readSnapshot, storeSnapshot } from './snapshots';

/** The account holder's own patient id on this device (the people entry with access 'self'). */
export async function ownPatientId(cache: RecordsCache): Promise<string | null> {
  const self = (await cache.db.people.toArray()).find((row) => row.access === 'self');
  return self?.patientId ?? null;
}

/**
 * Keeps an answer of GET /api/family as the device's copy. Returns whether the copy changed;
 * false too when there is nowhere to keep it.
 */
export async function keepFamilySettings(
  cache: RecordsCache,
  settings: FamilySettings,
  fetchedAt: string,
): Promise<boolean> {
  const patientId = await ownPatientId(cache);
  if (!patientId || !settings.canShare) return false;
  return storeSnapshot(cache, patientId, 'family', settings, fetchedAt);
}

export interface SavedFamilySettings {
  settings: FamilySettings;
  /** When the server gave this answer (ISO). */
  fetchedAt: string;
}

/** The copy of the settings kept on this device, if any. */
export async function savedFamilySettings(cache: RecordsCache): Promise<SavedFamilySettings | null> {
  const patientId = await ownPatientId(cache);
  if (!patientId) return null;
  const saved = await readSnapshot<FamilySettings>(cache, patientId, 'family');
  return saved ? { settings: saved.value, fetchedAt: saved.fetchedAt } : null;
}

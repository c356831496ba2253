// Who the patient's side may write to: the providers the patient has seen (practitioners who took
// part in the patient's Encounters), each with the offices of those encounters, named from the
// practice's shared directory, those on the patient's active care team first. Only directory
// entries count: never a name from a patient's record.

import type { Json } from '../../../core/json';
import type { MessageRecipients } from '../../../core/messages';
import type { Db } from '../../db/database';
import { parseReference } from '../records/references';
import type { ResourceStore } from '../records/store';
import { directoryNames } from '../sync/directory-names';

type Provider = MessageRecipients['providers'][number];

/** Encounters that never took place, or were recorded by mistake, are not "seen". */
const NOT_SEEN = new Set(['planned', 'cancelled', 'entered-in-error']);

/** The providers the patient has seen, most recently seen first, each office most recent first. */
export function providersSeen(db: Db, store: ResourceStore, patientId: string): Provider[] {
  const names = directoryNames(store);
  const seen = new Map<string, { last: string; locations: Map<string, string> }>();
  for (const { resource, date } of store.listForPatient(patientId, 'Encounter')) {
    if (typeof resource.status === 'string' && NOT_SEEN.has(resource.status)) continue;
    const when = date ?? '';
    const locationIds = relativeIds(
      arrayOf(resource.location).map((entry) => entry.location),
      'Location',
    ).filter((id) => names('Location', id) !== undefined);
    const practitionerIds = relativeIds(
      arrayOf(resource.participant).map((entry) => entry.individual),
      'Practitioner',
    ).filter((id) => names('Practitioner', id) !== undefined);
    for (const id of practitionerIds) {
      const entry = seen.get(id) ?? { last: '', locations: new Map<string, string>() };
      if (when > entry.last) entry.last = when;
      for (const locationId of locationIds) {
        if (when >= (entry.locations.get(locationId) ?? '')) entry.locations.set(locationId, when);
      }
      seen.set(id, entry);
    }
  }
  const specialties = specialtiesOf(db, [...seen.keys()]);
  const team = careTeamOf(store, patientId);
  const providers: Array<Provider & { last: string }> = [];
  for (const [id, entry] of seen) {
    const locations = [...entry.locations]
      .sort(([a, at], [b, bt]) => (at === bt ? a.localeCompare(b) : at < bt ? 1 : -1))
      .map(([locationId]) => ({ id: locationId, name: names('Location', locationId)! }));
    // A provider seen nowhere the directory knows cannot be written to: there is no office to pick.
    if (locations.length === 0) continue;
    providers.push({
      id,
      name: names('Practitioner', id)!,
      specialty: specialties.get(id) ?? '',
      locations,
      careTeam: team.has(id),
      last: entry.last,
    });
  }
  providers.sort((a, b) =>
    a.careTeam !== b.careTeam
      ? a.careTeam
        ? -1
        : 1
      : a.last === b.last
        ? a.name.localeCompare(b.name)
        : a.last < b.last
          ? 1
          : -1,
  );
  return providers.map(({ last: _last, ...provider }) => provider);
}

/** The provider and office, if the patient's side may write to this pair. */
export function findRecipient(
  providers: readonly Provider[],
  providerId: string,
  locationId: string,
):
  | { provider: Provider; location: Provider['locations'][number] }
  | { unknown: 'providerId' | 'locationId' } {
  const provider = providers.find((p) => p.id === providerId);
  if (!provider) return { unknown: 'providerId' };
  const location = provider.locations.find((l) => l.id === locationId);
  if (!location) return { unknown: 'locationId' };
  return { provider, location };
}

/** The practitioners on the patient's care teams that are active (or say no status). */
function careTeamOf(store: ResourceStore, patientId: string): Set<string> {
  const members = new Set<string>();
  for (const { resource } of store.listForPatient(patientId, 'CareTeam')) {
    if (typeof resource.status === 'string' && resource.status !== 'active') continue;
    const people = arrayOf(resource.participant).map((entry) => entry.member);
    for (const id of relativeIds(people, 'Practitioner')) members.add(id);
  }
  return members;
}

function arrayOf(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter((v): v is Json => v !== null && typeof v === 'object') : [];
}

function relativeIds(references: unknown[], type: string): string[] {
  const ids: string[] = [];
  for (const reference of references) {
    const text =
      reference !== null && typeof reference === 'object' ? (reference as Json).reference : undefined;
    if (typeof text !== 'string') continue;
    const parsed = parseReference(text);
    if (parsed.kind === 'relative' && parsed.type === type && !ids.includes(parsed.id)) ids.push(parsed.id);
  }
  return ids;
}

/** Each practitioner's specialty from the directory's PractitionerRoles ("Pediatric specialty"). */
function specialtiesOf(db: Db, practitionerIds: readonly string[]): Map<string, string> {
  const byPractitioner = new Map<string, string>();
  if (practitionerIds.length === 0) return byPractitioner;
  // Only the roles of these practitioners are parsed, however large the directory is.
  const rows = db
    .prepare<[string], { json: string }>(
      `SELECT json FROM resources
       WHERE type = 'PractitionerRole' AND patient_id IS NULL AND deleted = 0
         AND json_extract(json, '$.practitioner.reference') IN (SELECT 'Practitioner/' || value FROM json_each(?))
       ORDER BY id`,
    )
    .all(JSON.stringify(practitionerIds));
  for (const { json } of rows) {
    const resource = JSON.parse(json) as Json;
    if (resource.active === false) continue;
    const [id] = relativeIds([resource.practitioner], 'Practitioner');
    if (id === undefined || byPractitioner.has(id)) continue;
    const text = conceptText(resource.specialty) || conceptText(resource.code);
    if (text !== '') byPractitioner.set(id, text);
  }
  return byPractitioner;
}

function conceptText(value: unknown): string {
  for (const concept of arrayOf(value)) {
    if (typeof concept.text === 'string' && concept.text.trim() !== '') return concept.text.trim();
    for (const coding of arrayOf(concept.coding))
      if (typeof coding.display === 'string' && coding.display.trim() !== '') return coding.display.trim();
  }
  return '';
}

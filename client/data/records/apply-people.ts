// Stores the people list (sealed) and, in the same transaction, deletes the records and cursor of
// everyone no longer on it or no longer allowed clinical data, and the billing and messages copies
// of everyone gone or re-levelled: they leave the device at once.
import { type PersonInReach, seesClinicalData } from '../../../core/records';
import { openJson, personAad, sealJson } from './cipher';
import type { RecordsCache } from './records-cache';
import { deleteCopiesOutOfStep, deletePerson, type PersonRow, personTables } from './records-db';

/** What a person's entry seals; patientId and access stay clear (the sync needs them locked or not). */
type SealedPerson = Pick<PersonInReach, 'displayName' | 'birthDate' | 'relationship'>;

export interface PeopleApplied {
  /** People whose records were deleted from the device. */
  removed: string[];
  /** The list differs from the one stored before (someone added, dropped, renamed or re-levelled). */
  listChanged: boolean;
  /** People who left the list or whose access level changed: whatever was kept of them goes. */
  outOfStep: string[];
}

export async function applyPeople(cache: RecordsCache, people: PersonInReach[]): Promise<PeopleApplied> {
  const { db } = cache;
  const key = cache.key;
  const rows: PersonRow[] = await Promise.all(
    people.map(async ({ patientId, access, displayName, birthDate, relationship }, order) => ({
      patientId,
      access,
      order,
      ...(await sealJson(
        key,
        { displayName, birthDate, relationship } satisfies SealedPerson,
        personAad(patientId, access),
      )),
    })),
  );
  // An unreadable old list (damaged bytes) is simply replaced.
  const before = await readPeople(cache, await db.people.toArray()).catch(() => null);
  const listChanged = JSON.stringify(before) !== JSON.stringify(people.map(toPerson));
  const levels = new Map(people.map((p) => [p.patientId, p.access]));
  const outOfStep = (before ?? [])
    .filter((p) => levels.get(p.patientId) !== p.access)
    .map((p) => p.patientId);
  const clinical = new Set(people.filter((p) => seesClinicalData(p.access)).map((p) => p.patientId));

  const removed = await db.transaction('rw', personTables(db), async () => {
    const withRecords = new Set<string>(await db.cursors.toCollection().primaryKeys());
    // Rows without a cursor should not exist, but a person's records must go even then.
    for (const indexKey of await db.resources.orderBy('[patientId+type]').uniqueKeys())
      withRecords.add(String((indexKey as unknown as [string, string])[0]));
    const gone = [...withRecords].filter((patientId) => !clinical.has(patientId));
    for (const patientId of gone) await deletePerson(db, patientId, false);
    await deleteCopiesOutOfStep(db, rows);
    await db.people.clear();
    await db.people.bulkPut(rows);
    return gone;
  });
  return { removed, listChanged, outOfStep };
}

/** Decrypts stored people rows, in the server's order. */
export async function readPeople(cache: RecordsCache, rows: PersonRow[]): Promise<PersonInReach[]> {
  const key = cache.key;
  return Promise.all(
    [...rows]
      .sort((a, b) => a.order - b.order)
      .map(async (row) => {
        const sealed = await openJson<SealedPerson>(key, row, personAad(row.patientId, row.access));
        return toPerson({ ...sealed, patientId: row.patientId, access: row.access });
      }),
  );
}

/** Exactly the contract's fields, in one order (so lists compare as JSON). */
function toPerson(person: PersonInReach): PersonInReach {
  const { patientId, displayName, birthDate, access, relationship } = person;
  return { patientId, displayName, birthDate, access, relationship };
}

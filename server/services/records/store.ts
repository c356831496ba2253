// The FHIR resource store: FHIR R4 JSON in `resources`, business identifiers in
// `resource_identifiers`, and one change sequence that pull sync reads per patient.
import type { Db } from '../../db/database';
import { canonicalJson } from './canonical-json';
import { clinicalDateOf, patientIdOf } from './compartment';
import { isFhirId, RESOURCE_TYPE } from './fhir-primitives';

/** Any FHIR R4 resource as JSON. Fields are read with narrowing; the store never trusts shapes. */
export interface FhirResource {
  resourceType: string;
  id: string;
  [field: string]: unknown;
}

export interface StoredResource {
  type: string;
  id: string;
  patientId: string | null;
  date: string | null;
  seq: number;
  deleted: boolean;
  resource: FhirResource;
  updatedAt: string;
}

/** What a put did: 'unchanged' means nothing was written and no sequence number was taken. */
export type PutOutcome = 'added' | 'changed' | 'unchanged';

export interface PutOptions {
  /** Overrides the patient compartment derived from the resource (e.g. for Provenance). */
  patientId?: string | null;
  /** Overrides the clinical date derived from the resource. */
  date?: string | null;
}

export interface PutResult {
  outcome: PutOutcome;
  seq: number;
}

export interface ResourceKey {
  type: string;
  id: string;
}

export interface ChangesPage {
  resources: StoredResource[];
  /** Pass as `since` to get the next page; equals `since` when nothing changed. */
  nextSince: number;
  more: boolean;
}

export interface ResourceStore {
  /** Adds or replaces a resource; an identical resource (canonical JSON) changes nothing. */
  put(resource: FhirResource, options?: PutOptions): PutResult;
  /** Marks a resource deleted with a new seq (a tombstone for pull sync). False if absent or already deleted. */
  remove(type: string, id: string): boolean;
  /** A stored resource, tombstones included (check `deleted`). */
  get(type: string, id: string): StoredResource | undefined;
  /** The id of the live resource of this type holding system|value; system '' means "no system". */
  findByIdentifier(type: string, system: string, value: string): string | undefined;
  /** Every live resource of any type holding system|value (for references that do not name a type). */
  findAnyByIdentifier(system: string, value: string): ResourceKey[];
  /** A patient's live resources of one type, oldest clinical date first. */
  listForPatient(patientId: string, type: string): StoredResource[];
  /**
   * A patient's changes (tombstones included) after `since`, in sequence order; with `types`, only
   * resources of those types (filtered in SQL, so other types cost no page space and no parsing).
   */
  changesSince(patientId: string, since: number, limit?: number, types?: readonly string[]): ChangesPage;
  /** Live resources of one type that belong to no patient (practice directory: Practitioner...). */
  listShared(type: string): StoredResource[];
  /** Live resource counts per type, for a patient or (without one) for the whole database. */
  countByType(patientId?: string): Record<string, number>;
  /** The last sequence number handed out (0 on a fresh database). */
  lastSeq(): number;
}

interface ResourceRow {
  type: string;
  id: string;
  patient_id: string | null;
  date: string | null;
  seq: number;
  deleted: number;
  json: string;
  updated_at: string;
}

export class InvalidResourceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidResourceError';
  }
}

const COLUMNS = 'type, id, patient_id, date, seq, deleted, json, updated_at';

/** Prepares the store's statements once for this connection. */
export function createResourceStore(db: Db, now: () => Date = () => new Date()): ResourceStore {
  const nextSeq = db.prepare(
    'UPDATE change_sequence SET last_seq = last_seq + 1 WHERE only_row = 1 RETURNING last_seq',
  );
  const selectLastSeq = db.prepare('SELECT last_seq FROM change_sequence WHERE only_row = 1').pluck();
  const selectOne = db.prepare<[string, string], ResourceRow>(
    `SELECT ${COLUMNS} FROM resources WHERE type = ? AND id = ?`,
  );
  const selectCurrent = db.prepare<
    [string, string],
    Pick<ResourceRow, 'json' | 'deleted' | 'patient_id' | 'date'>
  >('SELECT json, deleted, patient_id, date FROM resources WHERE type = ? AND id = ?');
  const upsert = db.prepare(
    `INSERT INTO resources (${COLUMNS}) VALUES (@type, @id, @patientId, @date, @seq, 0, @json, @updatedAt)
     ON CONFLICT (type, id) DO UPDATE SET patient_id = excluded.patient_id, date = excluded.date,
       seq = excluded.seq, deleted = 0, json = excluded.json, updated_at = excluded.updated_at`,
  );
  const markDeleted = db.prepare(
    'UPDATE resources SET deleted = 1, seq = ?, updated_at = ? WHERE type = ? AND id = ?',
  );
  const deleteIdentifiers = db.prepare('DELETE FROM resource_identifiers WHERE type = ? AND id = ?');
  // First holder keeps an identifier: the importer maps matching resources onto that holder.
  const insertIdentifier = db.prepare(
    'INSERT OR IGNORE INTO resource_identifiers (type, system, value, id) VALUES (?, ?, ?, ?)',
  );
  const selectByIdentifier = db
    .prepare<[string, string, string], string>(
      'SELECT id FROM resource_identifiers WHERE type = ? AND system = ? AND value = ?',
    )
    .pluck();
  const selectAnyByIdentifier = db.prepare<[string, string], ResourceKey>(
    'SELECT type, id FROM resource_identifiers WHERE system = ? AND value = ? ORDER BY type, id',
  );
  const selectForPatient = db.prepare<[string, string], ResourceRow>(
    `SELECT ${COLUMNS} FROM resources WHERE patient_id = ? AND type = ? AND deleted = 0 ORDER BY date, id`,
  );
  const selectChanges = db.prepare<[string, number, number], ResourceRow>(
    `SELECT ${COLUMNS} FROM resources WHERE patient_id = ? AND seq > ? ORDER BY seq LIMIT ?`,
  );
  // One statement for any list of types: the list travels as a JSON array. The (patient, seq) index
  // walks in page order and stops at the limit; the (patient, type, date) one would sort every row.
  const selectChangesOfTypes = db.prepare<[string, number, string, number], ResourceRow>(
    `SELECT ${COLUMNS} FROM resources INDEXED BY resources_patient_seq
     WHERE patient_id = ? AND seq > ? AND type IN (SELECT value FROM json_each(?)) ORDER BY seq LIMIT ?`,
  );
  const selectShared = db.prepare<[string], ResourceRow>(
    `SELECT ${COLUMNS} FROM resources WHERE patient_id IS NULL AND type = ? AND deleted = 0 ORDER BY id`,
  );
  const countAll = db.prepare<[], { type: string; n: number }>(
    'SELECT type, COUNT(*) AS n FROM resources WHERE deleted = 0 GROUP BY type',
  );
  const countPatient = db.prepare<[string], { type: string; n: number }>(
    'SELECT type, COUNT(*) AS n FROM resources WHERE patient_id = ? AND deleted = 0 GROUP BY type',
  );

  const takeSeq = (): number => Number((nextSeq.get() as { last_seq: number }).last_seq);

  // Nested inside a caller's transaction this becomes a savepoint, so a put is always all-or-nothing.
  const put = db.transaction((resource: FhirResource, options: PutOptions = {}): PutResult => {
    checkResource(resource);
    const json = canonicalJson(resource);
    const patientId = options.patientId !== undefined ? options.patientId : patientIdOf(resource);
    const date = options.date !== undefined ? options.date : clinicalDateOf(resource);
    const current = selectCurrent.get(resource.resourceType, resource.id);
    if (
      current &&
      current.deleted === 0 &&
      current.json === json &&
      current.patient_id === patientId &&
      current.date === date
    ) {
      return { outcome: 'unchanged', seq: 0 };
    }
    const seq = takeSeq();
    upsert.run({
      type: resource.resourceType,
      id: resource.id,
      patientId,
      date,
      seq,
      json,
      updatedAt: now().toISOString(),
    });
    deleteIdentifiers.run(resource.resourceType, resource.id);
    for (const { system, value } of identifiersOf(resource))
      insertIdentifier.run(resource.resourceType, system, value, resource.id);
    return { outcome: current && current.deleted === 0 ? 'changed' : 'added', seq };
  });

  const remove = db.transaction((type: string, id: string): boolean => {
    const current = selectCurrent.get(type, id);
    if (!current || current.deleted === 1) return false;
    markDeleted.run(takeSeq(), now().toISOString(), type, id);
    // A deleted resource must not be found, or matched on the next import, by its identifiers.
    deleteIdentifiers.run(type, id);
    return true;
  });

  return {
    put,
    remove,
    get: (type, id) => {
      const row = selectOne.get(type, id);
      return row ? toStored(row) : undefined;
    },
    findByIdentifier: (type, system, value) => selectByIdentifier.get(type, system, value),
    findAnyByIdentifier: (system, value) => selectAnyByIdentifier.all(system, value),
    listForPatient: (patientId, type) => selectForPatient.all(patientId, type).map(toStored),
    changesSince: (patientId, since, limit = 500, types) => {
      const rows =
        types === undefined
          ? selectChanges.all(patientId, since, limit + 1)
          : selectChangesOfTypes.all(patientId, since, JSON.stringify(types), limit + 1);
      const page = rows.slice(0, limit).map(toStored);
      return { resources: page, nextSince: page.at(-1)?.seq ?? since, more: rows.length > limit };
    },
    listShared: (type) => selectShared.all(type).map(toStored),
    countByType: (patientId) =>
      Object.fromEntries(
        (patientId === undefined ? countAll.all() : countPatient.all(patientId)).map((r) => [r.type, r.n]),
      ),
    lastSeq: () => Number(selectLastSeq.get()),
  };
}

/** The business identifiers of a resource that can be matched: those with a value. */
export function identifiersOf(resource: Record<string, unknown>): { system: string; value: string }[] {
  const list = resource.identifier;
  // Most resources hold a list; a few (QuestionnaireResponse, Composition) hold a single identifier.
  const items = Array.isArray(list) ? list : list && typeof list === 'object' ? [list] : [];
  const found: { system: string; value: string }[] = [];
  for (const item of items) {
    if (item === null || typeof item !== 'object') continue;
    const { system, value } = item as { system?: unknown; value?: unknown };
    if (typeof value !== 'string' || value === '') continue;
    found.push({ system: typeof system === 'string' ? system : '', value });
  }
  return found;
}

function checkResource(resource: FhirResource): void {
  if (typeof resource.resourceType !== 'string' || !RESOURCE_TYPE.test(resource.resourceType)) {
    throw new InvalidResourceError(`Not a FHIR resource type: ${JSON.stringify(resource.resourceType)}`);
  }
  if (!isFhirId(resource.id)) {
    throw new InvalidResourceError(
      `${resource.resourceType}: not a valid FHIR id: ${JSON.stringify(resource.id)}`,
    );
  }
}

function toStored(row: ResourceRow): StoredResource {
  return {
    type: row.type,
    id: row.id,
    patientId: row.patient_id,
    date: row.date,
    seq: row.seq,
    deleted: row.deleted === 1,
    resource: JSON.parse(row.json) as FhirResource,
    updatedAt: row.updated_at,
  };
}

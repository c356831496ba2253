// Importing Synthea bundles: what staff and patients would notice afterwards (counts per record,
// working links between resources, re-imports that change nothing, refused files that leave no trace).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/database';
import { BundleImportError, importBundle } from './import-bundle';
import { type FileImportResult, importPath, listBundleFiles } from './import-files';
import { createResourceStore, type FhirResource, type ResourceStore } from './store';
import { openTestDb, type TestDb } from './test-db';

const FHIR_DIR = fileURLToPath(new URL('../../../../shared/data/fhir', import.meta.url));
const SET_2020 = `${FHIR_DIR}/synthea-2020-bdcat`;
const SET_2024 = `${FHIR_DIR}/synthea-2024-wasee11`;
const DANIEL = `${SET_2024}/adult-45y-M-large_Daniel959_Villasenor332.json`;
const ROLAND = `${SET_2020}/small-child-11y-M_Roland928_Nienow652.json`;

/** Per-patient counts from shared/data/README.md (the types the README lists for each file). */
const README_COUNTS: Record<string, Record<string, number>> = {
  'small-child-11y-M_Roland928_Nienow652.json': {
    Encounter: 13,
    Immunization: 19,
    Condition: 0,
    Observation: 0,
  },
  'child-3y-M_Les282_Bernier607.json': {
    Encounter: 13,
    Observation: 16,
    DiagnosticReport: 2,
    Condition: 6,
    Immunization: 26,
    Procedure: 1,
  },
  'teen-13y-M_Rich940_Schumm995.json': {
    Encounter: 59,
    Observation: 272,
    DiagnosticReport: 63,
    DocumentReference: 59,
    Condition: 20,
    MedicationRequest: 8,
    Immunization: 21,
    Procedure: 116,
    ImagingStudy: 1,
  },
  'adult-57y-F-allergies_Rosa195_Kerluke267.json': {
    AllergyIntolerance: 3,
    MedicationRequest: 21,
    Immunization: 15,
    Observation: 180,
    DiagnosticReport: 73,
    DocumentReference: 42,
    Condition: 47,
    Encounter: 42,
    Procedure: 125,
    ImagingStudy: 3,
  },
  'adult-45y-M-large_Daniel959_Villasenor332.json': {
    Observation: 249,
    DiagnosticReport: 72,
    DocumentReference: 32,
    MedicationRequest: 27,
    Condition: 35,
    Encounter: 32,
    Procedure: 121,
    Immunization: 15,
    ImagingStudy: 8,
    SupplyDelivery: 38,
  },
};

/** Everything a device or a backup could see: every row, identifier and the sequence counter. */
function snapshot(db: Db): string {
  const rows = db
    .prepare('SELECT type, id, patient_id, date, seq, deleted, json FROM resources ORDER BY type, id')
    .all();
  const identifiers = db.prepare('SELECT * FROM resource_identifiers ORDER BY type, system, value').all();
  const seq = db.prepare('SELECT last_seq FROM change_sequence').get();
  return createHash('sha256')
    .update(JSON.stringify([rows, identifiers, seq]))
    .digest('hex');
}

function referencesIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) referencesIn(item, found);
  else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === 'reference' && typeof child === 'string') found.push(child);
      else referencesIn(child, found);
    }
  }
  return found;
}

describe('importing every Synthea bundle in shared/data/fhir', () => {
  let t: TestDb;
  let store: ResourceStore;
  let results: FileImportResult[];
  const patientOf = new Map<string, string>();

  beforeAll(() => {
    t = openTestDb();
    store = createResourceStore(t.db);
    results = importPath(t.db, FHIR_DIR);
    for (const result of results) {
      if (result.ok && result.report.patientIds.length === 1)
        patientOf.set(basename(result.file), result.report.patientIds[0] ?? '');
    }
  });
  afterAll(() => t.dispose());

  it('imports the practice directory files before the patient files, and every file succeeds', () => {
    const names = results.map((r) => basename(r.file));
    expect(names.slice(0, 4).every((n) => /^(hospital|practitioner)Information/.test(n))).toBe(true);
    expect(names).toHaveLength(9);
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(patientOf.size).toBe(5);
  });

  it('stores each patient’s record with the counts the data README lists', () => {
    for (const [file, counts] of Object.entries(README_COUNTS)) {
      const stored = store.countByType(patientOf.get(file));
      for (const [type, count] of Object.entries(counts))
        expect(`${file} ${type} ${stored[type] ?? 0}`).toBe(`${file} ${type} ${count}`);
    }
  });

  it('stores the practice directories: hospitals, locations, practitioners and their roles', () => {
    const counts = store.countByType();
    expect(counts.Location).toBe(156);
    expect(counts.PractitionerRole).toBe(155);
    // 17 organizations (2020) + 155 (2024); the 2020 patient bundles repeat theirs under the same ids.
    expect(counts.Organization).toBe(172);
    // 17 + 155 practitioners, less one: the two synthetic sets share NPI 9999953299, and an
    // identifier names one practitioner, so the 2024 entry is matched to the stored one.
    expect(counts.Practitioner).toBe(171);
  });

  it('links each observation to its stored patient and each 2024 encounter to a stored practitioner', () => {
    for (const [file, patientId] of patientOf) {
      for (const { resource } of store.listForPatient(patientId, 'Observation')) {
        expect(resource.subject, file).toEqual(
          expect.objectContaining({ reference: `Patient/${patientId}` }),
        );
      }
    }
    const encounters = store.listForPatient(
      patientOf.get('teen-13y-M_Rich940_Schumm995.json') ?? '',
      'Encounter',
    );
    expect(encounters).toHaveLength(59);
    for (const { resource } of encounters) {
      const participants = resource.participant as { individual: { reference: string; display: string } }[];
      const [type, id] = participants[0]?.individual.reference.split('/') ?? [];
      expect(type).toBe('Practitioner');
      expect(store.get('Practitioner', id ?? '')?.deleted).toBe(false);
    }
  });

  it('leaves no link pointing at nothing once the directories are imported', () => {
    const dangling: string[] = [];
    for (const patientId of patientOf.values()) {
      for (const type of [
        'Encounter',
        'Observation',
        'Claim',
        'Immunization',
        'DiagnosticReport',
        'Provenance',
      ]) {
        for (const { resource } of store.listForPatient(patientId, type)) {
          for (const reference of referencesIn(resource)) {
            if (reference.startsWith('#')) continue;
            const [refType, refId] = reference.split('/');
            if (!store.get(refType ?? '', refId ?? ''))
              dangling.push(`${type}/${resource.id} -> ${reference}`);
          }
        }
      }
    }
    expect(dangling).toEqual([]);
    expect(results.reduce((n, r) => n + (r.ok ? r.report.unresolvedReferences : 0), 0)).toBe(0);
  });

  it('keeps the ñ in Villaseñor', () => {
    const patient = store.get('Patient', patientOf.get(basename(DANIEL)) ?? '');
    const names = (patient?.resource.name ?? []) as { family: string }[];
    expect(names[0]?.family).toBe('Villaseñor332');
  });

  it('changes nothing when the same folder is imported again', () => {
    const before = snapshot(t.db);
    const again = importPath(t.db, FHIR_DIR);
    expect(again.every((r) => r.ok && r.report.added === 0 && r.report.changed === 0)).toBe(true);
    expect(again.filter((r) => r.ok && r.report.patientsMatched === 1)).toHaveLength(5);
    expect(snapshot(t.db)).toBe(before);
  });
});

describe('importing one bundle', () => {
  let t: TestDb | undefined;
  afterEach(() => t?.dispose());

  function fresh(): { db: Db; store: ResourceStore } {
    t = openTestDb();
    return { db: t.db, store: createResourceStore(t.db) };
  }

  it('keeps unresolvable practitioner links as written, with their display, and counts them', () => {
    const { db, store } = fresh();
    const report = importBundle(db, readFileSync(`${SET_2024}/teen-13y-M_Rich940_Schumm995.json`, 'utf8'));
    expect(report.unresolvedReferences).toBeGreaterThan(0);
    const [encounter] = store.listForPatient(report.patientIds[0] ?? '', 'Encounter');
    const participants = (encounter?.resource.participant ?? []) as {
      individual: { reference: string; display: string };
    }[];
    const individual = participants[0]?.individual;
    expect(individual?.reference).toMatch(
      /^Practitioner\?identifier=http:\/\/hl7\.org\/fhir\/sid\/us-npi\|\d+$/,
    );
    expect(individual?.display).toMatch(/^Dr\. /);
  });

  it('matches a patient by identifier and files the new bundle’s data under the stored patient', () => {
    const { db, store } = fresh();
    const first = importBundle(db, readFileSync(ROLAND, 'utf8'));
    const storedId = first.patientIds[0] ?? '';
    // The same person exported by another system: other ids, same medical record number.
    const patient = store.get('Patient', storedId)?.resource as FhirResource;
    const bundle = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        { fullUrl: 'https://ehr.example/fhir/Patient/p-77', resource: { ...patient, id: 'p-77' } },
        {
          resource: {
            resourceType: 'Observation',
            id: 'weight-77',
            status: 'final',
            code: { coding: [{ system: 'http://loinc.org', code: '29463-7', display: 'Body weight' }] },
            subject: { reference: 'Patient/p-77' },
            effectiveDateTime: '2024-05-01',
            valueQuantity: { value: 38.5, unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' },
          },
        },
      ],
    };
    const report = importBundle(db, bundle);
    expect(report).toMatchObject({ patientsMatched: 1, patientsAdded: 0, patientIds: [storedId] });
    expect(store.get('Patient', 'p-77')).toBeUndefined();
    expect(store.get('Observation', 'weight-77')?.resource.subject).toEqual({
      reference: `Patient/${storedId}`,
    });
    expect(store.get('Observation', 'weight-77')?.patientId).toBe(storedId);
  });

  it('refuses a bundle that would move a stored resource to another patient', () => {
    const { db } = fresh();
    importBundle(db, readFileSync(ROLAND, 'utf8'));
    const before = snapshot(db);
    const bundle = JSON.parse(readFileSync(ROLAND, 'utf8')) as { entry: { resource: FhirResource }[] };
    const patient = bundle.entry[0]?.resource as FhirResource;
    Object.assign(patient, {
      id: 'someone-else',
      identifier: [{ system: 'urn:example:mrn', value: 'other' }],
    });
    expect(() => importBundle(db, bundle)).toThrow(/already stored for another patient/);
    expect(snapshot(db)).toBe(before);
  });

  const observationIndex = (bundle: { entry: { resource: FhirResource }[] }) =>
    bundle.entry.findIndex((e) => e.resource.resourceType === 'Observation');

  const malformed: [
    string,
    (bundle: Record<string, unknown> & { entry: { resource: FhirResource }[] }) => unknown,
    RegExp,
  ][] = [
    ['is not JSON', () => '{"resourceType": "Bundle", "entry": [', /not valid JSON/],
    ['is not a Bundle', (b) => b.entry[0]?.resource, /not a FHIR Bundle/],
    ['is a search result, not an import', (b) => ({ ...b, type: 'searchset' }), /bundle type must be one of/],
    [
      'has an entry without a resource',
      (b) => {
        delete (b.entry[12] as { resource?: unknown }).resource;
        return b;
      },
      /^entry\[12\]: resource: missing/,
    ],
    [
      'has a resource with a bad id',
      (b) => {
        const i = observationIndex(b);
        (b.entry[i] as { resource: FhirResource }).resource.id = 'not an id!';
        return b;
      },
      /^entry\[\d+\] \(Observation\): id: not a valid FHIR id/,
    ],
    [
      'links to a urn:uuid that is not in the bundle',
      (b) => {
        const i = observationIndex(b);
        (b.entry[i] as { resource: FhirResource }).resource.encounter = {
          reference: 'urn:uuid:0000-missing',
        };
        return b;
      },
      /^entry\[\d+\] \(Observation\): encounter\.reference urn:uuid:0000-missing points to no entry/,
    ],
    [
      'has a number where a reference belongs',
      (b) => {
        const i = observationIndex(b);
        (b.entry[i] as { resource: FhirResource }).resource.subject = { reference: 42 };
        return b;
      },
      /^entry\[\d+\] \(Observation\): subject\.reference: .*expected string/,
    ],
    [
      'has a date that is not a date',
      (b) => {
        const i = observationIndex(b);
        (b.entry[i] as { resource: FhirResource }).resource.effectiveDateTime = 'last Tuesday';
        return b;
      },
      /^entry\[\d+\] \(Observation\): effectiveDateTime: expected a FHIR date/,
    ],
  ];

  it.each(malformed)(
    'refuses a bundle that %s, names the problem and leaves the database as it was',
    (_, mutate, message) => {
      const { db } = fresh();
      importPath(db, `${SET_2020}/hospitalInformation1603148702656.json`);
      importBundle(db, readFileSync(ROLAND, 'utf8'));
      const before = snapshot(db);
      const broken = mutate(JSON.parse(readFileSync(DANIEL, 'utf8')));
      let error: unknown;
      try {
        importBundle(db, typeof broken === 'string' ? broken : JSON.stringify(broken));
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(BundleImportError);
      expect((error as BundleImportError).problems[0]).toMatch(message);
      expect(snapshot(db)).toBe(before);
    },
  );

  it('lists a single file as itself and a folder with its directory files first', () => {
    expect(listBundleFiles(DANIEL)).toEqual([DANIEL]);
    expect(listBundleFiles(SET_2024).map((f) => basename(f))).toEqual([
      'hospitalInformation.json',
      'practitionerInformation.json',
      'adult-45y-M-large_Daniel959_Villasenor332.json',
      'adult-57y-F-allergies_Rosa195_Kerluke267.json',
      'teen-13y-M_Rich940_Schumm995.json',
    ]);
  });
});

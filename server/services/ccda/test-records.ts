// The records the C-CDA tests generate documents from, as a device receives them: every Synthea
// bundle of ../shared/data/fhir (each folder with its own hospital and practitioner directory)
// and the demo practice's patients, imported into real SQLite files and read back page by page.
import { readdirSync, readFileSync } from 'node:fs';
import type { AnyResource } from '../../../core/fhir/types';
import { seedDemoPractice } from '../demo/seed';
import { importBundle } from '../records/import-bundle';
import { createResourceStore } from '../records/store';
import { openTestDb, type TestDb } from '../records/test-db';
import { deviceRecord } from './device-record';
import { SHARED_DATA } from './test-validators';

export interface PatientRecord {
  /** The bundle file (without .json) or "demo <key>". */
  name: string;
  resources: AnyResource[];
}

const FHIR = `${SHARED_DATA}/fhir`;
const DIRECTORY = /^(hospital|practitioner)Information/;
export const DEMO_AS_OF = new Date('2026-11-24T15:30:00Z');

/** Every Synthea patient, directories loaded first so references get their names. */
export function syntheaRecords(): PatientRecord[] {
  const records: PatientRecord[] = [];
  for (const folder of readdirSync(FHIR).sort()) {
    const t: TestDb = openTestDb();
    try {
      const store = createResourceStore(t.db);
      const files = readdirSync(`${FHIR}/${folder}`)
        .filter((f) => f.endsWith('.json'))
        .sort();
      // Hospital (organizations, locations) before practitioners: roles point at organizations.
      for (const file of files
        .filter((f) => DIRECTORY.test(f))
        .sort((a, b) => (a.startsWith('hospital') ? -1 : b.startsWith('hospital') ? 1 : 0)))
        importBundle(t.db, readFileSync(`${FHIR}/${folder}/${file}`, 'utf8'), store);
      for (const file of files.filter((f) => !DIRECTORY.test(f))) {
        const patientId = importBundle(t.db, readFileSync(`${FHIR}/${folder}/${file}`, 'utf8'), store)
          .patientIds[0];
        if (!patientId) throw new Error(`${file} has no patient`);
        records.push({
          name: file.replace(/\.json$/, ''),
          resources: deviceRecord(store, { patientId, access: 'self', sensitiveCodes: new Set() }),
        });
      }
    } finally {
      t.dispose();
    }
  }
  return records;
}

/** The demo practice's patients (seeded as of a fixed day), chosen by key. */
export function demoRecords(keys?: readonly string[]): PatientRecord[] {
  const t = openTestDb();
  try {
    const store = createResourceStore(t.db);
    const { people } = seedDemoPractice(t.db, { asOf: DEMO_AS_OF });
    return people
      .filter((p) => keys === undefined || keys.includes(p.key))
      .map((p) => ({
        name: `demo ${p.key}`,
        resources: deviceRecord(store, { patientId: p.patientId, access: 'self', sensitiveCodes: new Set() }),
      }));
  } finally {
    t.dispose();
  }
}

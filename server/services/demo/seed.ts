// Seeds the fictional demo practice into an empty database: directory, seven patients with their
// histories and the claims for their visits, and the family links. Deterministic for a given seed
// date; runs once per database.
import { DEMO_PRACTICE, type PracticeInfo } from '../../../core/practice';
import type { Db } from '../../db/database';
import { createResourceStore, type FhirResource } from '../records/store';
import { demoBilling } from './billing';
import { addCare } from './care';
import { Chart } from './chart';
import { buildDirectory, type DemoPractitioner, demoPractitioners } from './directory';
import { concept, startOfDay } from './fhir';
import {
  childHistory,
  type HistoryContext,
  olderAdultHistory,
  parentHistory,
  partnerHistory,
  richAdultHistory,
  teenHistory,
} from './histories';
import { DEMO_ADDRESSES, type DemoPerson, demoPeople, demoPerson } from './people';
import { createRandom } from './prng';

/** The `meta` row that records the seed; its value is the seed date (YYYY-MM-DD). */
export const DEMO_SEED_META_KEY = 'demo_practice_seeded_as_of';

const SEED = 0x5eed_2024;

export interface SeedOptions {
  /** The "today" of the demo: ages and every date are counted back from it. */
  asOf: Date;
  /** Offices and names for the directory; the built-in demo practice by default. */
  practice?: PracticeInfo;
}

export interface SeedResult {
  seeded: boolean;
  asOf: string;
  people: DemoPerson[];
  resources: number;
}

const PARENT_RELATIONSHIP = concept('http://terminology.hl7.org/CodeSystem/v3-RoleCode', 'FTH', 'father');

/** Every resource of the demo practice, in write order, without touching a database. */
export function buildDemoPractice(options: SeedOptions): { people: DemoPerson[]; resources: FhirResource[] } {
  const practice = options.practice ?? DEMO_PRACTICE;
  const today = startOfDay(options.asOf);
  const people = demoPeople(today);
  const clinicians = demoPractitioners(practice);
  const officeName = (id: string) => practice.offices.find((o) => o.id === id)?.name ?? id;
  const ctx: HistoryContext = {
    today,
    clinician: (name) => {
      const found = clinicians.find((c: DemoPractitioner) => c.id.endsWith(`-${name}`));
      if (!found) throw new Error(`No demo clinician ${name}`);
      return found;
    },
  };
  const random = createRandom(SEED);
  const resources = buildDirectory(practice);
  const parent = demoPerson(people, 'parent');
  const children = [demoPerson(people, 'child-9'), demoPerson(people, 'teen-15')];
  const chartFor = (person: DemoPerson) => {
    const chart = new Chart(person, random, officeName);
    // Patient.link 'seealso' says the parent's Patient and the children's RelatedPerson are one person.
    const sameAs =
      person.key === 'parent' ? children.map((child) => Chart.relatedPersonId(child.patientId, parent)) : [];
    chart.patient(DEMO_ADDRESSES[person.household], sameAs);
    return chart;
  };
  for (const person of people) {
    const chart = chartFor(person);
    const birth = new Date(`${person.birthDate}T00:00:00Z`);
    switch (person.key) {
      case 'rich-adult':
        richAdultHistory(chart, ctx);
        break;
      case 'parent':
        parentHistory(chart, ctx);
        break;
      case 'child-9':
        childHistory(chart, ctx, birth);
        chart.relatedPerson(parent, PARENT_RELATIONSHIP, DEMO_ADDRESSES[parent.household]);
        break;
      case 'teen-15':
        teenHistory(chart, ctx, birth);
        chart.relatedPerson(parent, PARENT_RELATIONSHIP, DEMO_ADDRESSES[parent.household]);
        break;
      case 'partner-a':
        partnerHistory(chart, ctx, 'a');
        break;
      case 'partner-b':
        partnerHistory(chart, ctx, 'b');
        break;
      case 'older-adult':
        olderAdultHistory(chart, ctx);
        break;
    }
    addCare(chart, person.key);
    resources.push(...chart.resources, ...demoBilling(person, chart.resources, today));
  }
  return { people, resources };
}

/** Stores the demo practice in one transaction. Does nothing if this database already has it. */
export function seedDemoPractice(db: Db, options: SeedOptions): SeedResult {
  const existing = readSeedDate(db);
  if (existing !== undefined) {
    return {
      seeded: false,
      asOf: existing,
      people: demoPeople(new Date(`${existing}T00:00:00Z`)),
      resources: 0,
    };
  }
  const { people, resources } = buildDemoPractice(options);
  const store = createResourceStore(db);
  const asOf = startOfDay(options.asOf).toISOString().slice(0, 10);
  db.transaction(() => {
    for (const resource of resources) store.put(resource);
    db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run(DEMO_SEED_META_KEY, asOf);
  })();
  return { seeded: true, asOf, people, resources: resources.length };
}

/** For server start-up: seeds the demo practice on a fresh database; true if it did. */
export function ensureDemoPractice(db: Db, options: SeedOptions): boolean {
  return seedDemoPractice(db, options).seeded;
}

/** The seed date of the demo practice in this database, if it has one. */
export function readSeedDate(db: Db): string | undefined {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(DEMO_SEED_META_KEY);
  return typeof row === 'string' ? row : undefined;
}

/** The demo people of a seeded database (ids, names, birth dates, e-mails), for creating logins. */
export function seededDemoPeople(db: Db): DemoPerson[] | undefined {
  const asOf = readSeedDate(db);
  return asOf === undefined ? undefined : demoPeople(new Date(`${asOf}T00:00:00Z`));
}

// The demo patients: who they are, their ages relative to the seed date, and how they relate.
// The accounts feature creates logins for them; all names, addresses and contacts are fictional.
import { addDays, isoDate, startOfDay, yearsBefore } from './fhir';

export type DemoPersonKey =
  | 'rich-adult'
  | 'parent'
  | 'child-9'
  | 'teen-15'
  | 'partner-a'
  | 'partner-b'
  | 'older-adult';

export interface DemoPerson {
  key: DemoPersonKey;
  patientId: string;
  given: string;
  family: string;
  /** Given and family name, as a greeting would show it. */
  name: string;
  gender: 'female' | 'male';
  /** FHIR date (YYYY-MM-DD). */
  birthDate: string;
  /** Age in whole years on the seed date. */
  age: number;
  /** Null for children too young for an account of their own. */
  email: string | null;
  phone: string;
  /** Key of the household address; people sharing one live together. */
  household: 'nunez' | 'okafor' | 'rivera-lee' | 'lindqvist';
  /** Medical record number at the demo practice. */
  mrn: string;
}

export interface DemoAddress {
  line: string[];
  city: string;
  state: string;
  postalCode: string;
}

export const DEMO_ADDRESSES: Record<DemoPerson['household'], DemoAddress> = {
  nunez: { line: ['418 Willow Bend Lane'], city: 'Riverbend', state: 'IL', postalCode: '60901' },
  okafor: { line: ['27 Larkspur Court'], city: 'Riverbend', state: 'IL', postalCode: '60902' },
  'rivera-lee': {
    line: ['1550 Harbor View Drive', 'Apt 3B'],
    city: 'Lakeview',
    state: 'IL',
    postalCode: '60910',
  },
  lindqvist: { line: ['8 Orchard Hill Road'], city: 'Riverbend', state: 'IL', postalCode: '60901' },
};

interface PersonSpec extends Omit<DemoPerson, 'patientId' | 'name' | 'birthDate' | 'age'> {
  /** Whole years on the seed date, plus this many days since the last birthday (never near a birthday). */
  daysPastBirthday: number;
  years: number;
}

const SPECS: PersonSpec[] = [
  {
    key: 'rich-adult',
    given: 'Elena',
    family: 'Núñez',
    gender: 'female',
    years: 46,
    daysPastBirthday: 120,
    email: 'elena.nunez@example.com',
    phone: '(555) 010-2201',
    household: 'nunez',
    mrn: 'RB-100201',
  },
  {
    key: 'parent',
    given: 'Daniel',
    family: 'Okafor',
    gender: 'male',
    years: 41,
    daysPastBirthday: 200,
    email: 'daniel.okafor@example.com',
    phone: '(555) 010-2202',
    household: 'okafor',
    mrn: 'RB-100202',
  },
  {
    key: 'child-9',
    given: 'Amara',
    family: 'Okafor',
    gender: 'female',
    years: 9,
    daysPastBirthday: 75,
    email: null,
    phone: '(555) 010-2202',
    household: 'okafor',
    mrn: 'RB-100203',
  },
  {
    key: 'teen-15',
    given: 'Tobi',
    family: 'Okafor',
    gender: 'male',
    years: 15,
    daysPastBirthday: 160,
    email: 'tobi.okafor@example.com',
    phone: '(555) 010-2204',
    household: 'okafor',
    mrn: 'RB-100204',
  },
  {
    key: 'partner-a',
    given: 'Sam',
    family: 'Rivera',
    gender: 'female',
    years: 34,
    daysPastBirthday: 30,
    email: 'sam.rivera@example.com',
    phone: '(555) 010-2205',
    household: 'rivera-lee',
    mrn: 'RB-100205',
  },
  {
    key: 'partner-b',
    given: 'Jordan',
    family: 'Lee',
    gender: 'male',
    years: 36,
    daysPastBirthday: 250,
    email: 'jordan.lee@example.com',
    phone: '(555) 010-2206',
    household: 'rivera-lee',
    mrn: 'RB-100206',
  },
  {
    key: 'older-adult',
    given: 'Harold',
    family: 'Lindqvist',
    gender: 'male',
    years: 78,
    daysPastBirthday: 300,
    email: 'harold.lindqvist@example.com',
    phone: '(555) 010-2207',
    household: 'lindqvist',
    mrn: 'RB-100207',
  },
];

/** The demo people as of the seed date: stable ids and keys, birth dates that give exact ages. */
export function demoPeople(asOf: Date): DemoPerson[] {
  const today = startOfDay(asOf);
  return SPECS.map(({ years, daysPastBirthday, ...spec }) => {
    // The birthday `years` ago, moved back: ages stay exact whatever day of the year asOf is.
    const birth = addDays(yearsBefore(today, years), -daysPastBirthday);
    return {
      ...spec,
      patientId: `demo-${spec.key}`,
      name: `${spec.given} ${spec.family}`,
      birthDate: isoDate(birth),
      age: years,
    };
  });
}

export function demoPerson(people: DemoPerson[], key: DemoPersonKey): DemoPerson {
  const person = people.find((p) => p.key === key);
  if (!person) throw new Error(`No demo person ${key}`);
  return person;
}

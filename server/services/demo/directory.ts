// The demo practice's directory: the Organization, one Location per configured office (same ids
// as core/practice.ts, so the Help page and the records agree), and 8 practitioners with roles.
import type { PracticeInfo } from '../../../core/practice';
import type { FhirResource } from '../records/store';
import { SPECIALTY, type Specialty } from './codes';
import { hl7, ref, SYSTEM } from './fhir';

export const PRACTICE_ORGANIZATION_ID = 'demo-practice';

export interface DemoPractitioner {
  id: string;
  given: string;
  family: string;
  prefix: 'Dr.' | undefined;
  suffix: string;
  gender: 'female' | 'male';
  npi: string;
  specialty: Specialty;
  officeId: string;
}

/** Fictional clinicians; NPIs use the 999 prefix Synthea uses, which no real NPI starts with today. */
const PRACTITIONERS: Omit<DemoPractitioner, 'officeId'>[] = [
  {
    id: 'demo-dr-okonkwo',
    given: 'Adaeze',
    family: 'Okonkwo',
    prefix: 'Dr.',
    suffix: 'MD',
    gender: 'female',
    npi: '9990000011',
    specialty: SPECIALTY.familyMedicine,
  },
  {
    id: 'demo-dr-lindgren',
    given: 'Peter',
    family: 'Lindgren',
    prefix: 'Dr.',
    suffix: 'MD',
    gender: 'male',
    npi: '9990000029',
    specialty: SPECIALTY.internalMedicine,
  },
  {
    id: 'demo-dr-haddad',
    given: 'Leila',
    family: 'Haddad',
    prefix: 'Dr.',
    suffix: 'MD',
    gender: 'female',
    npi: '9990000037',
    specialty: SPECIALTY.pediatrics,
  },
  {
    id: 'demo-dr-moreau',
    given: 'Julien',
    family: 'Moreau',
    prefix: 'Dr.',
    suffix: 'MD',
    gender: 'male',
    npi: '9990000045',
    specialty: SPECIALTY.cardiology,
  },
  {
    id: 'demo-dr-tanaka',
    given: 'Yumi',
    family: 'Tanaka',
    prefix: 'Dr.',
    suffix: 'DO',
    gender: 'female',
    npi: '9990000052',
    specialty: SPECIALTY.endocrinology,
  },
  {
    id: 'demo-dr-brennan',
    given: 'Colm',
    family: 'Brennan',
    prefix: 'Dr.',
    suffix: 'MD',
    gender: 'male',
    npi: '9990000060',
    specialty: SPECIALTY.dermatology,
  },
  {
    id: 'demo-dr-castillo',
    given: 'Rosa',
    family: 'Castillo',
    prefix: 'Dr.',
    suffix: 'MD',
    gender: 'female',
    npi: '9990000078',
    specialty: SPECIALTY.obstetricsGynecology,
  },
  {
    id: 'demo-np-akers',
    given: 'Dana',
    family: 'Akers',
    prefix: undefined,
    suffix: 'FNP-C',
    gender: 'female',
    npi: '9990000086',
    specialty: SPECIALTY.familyNursePractitioner,
  },
];

/** The practitioners with the office each works at (cycling through the configured offices). */
export function demoPractitioners(practice: PracticeInfo): DemoPractitioner[] {
  const offices = practice.offices;
  return PRACTITIONERS.map((p, index) => ({
    ...p,
    officeId: offices[index % offices.length]?.id ?? 'office-main',
  }));
}

export function practitionerName(p: DemoPractitioner): string {
  return p.prefix ? `${p.prefix} ${p.given} ${p.family}` : `${p.given} ${p.family}, ${p.suffix}`;
}

export function buildDirectory(practice: PracticeInfo): FhirResource[] {
  const organization: FhirResource = {
    resourceType: 'Organization',
    id: PRACTICE_ORGANIZATION_ID,
    active: true,
    type: [hl7('organization-type', 'prov', 'Healthcare Provider')],
    name: practice.name,
    alias: [practice.shortName],
    telecom: [
      { system: 'phone', value: practice.supportPhone, use: 'work' },
      { system: 'email', value: practice.supportEmail, use: 'work' },
    ],
  };
  const locations: FhirResource[] = practice.offices.map((office) => ({
    resourceType: 'Location',
    id: office.id,
    status: 'active',
    name: office.name,
    mode: 'instance',
    type: [hl7('v3-RoleCode', 'OF', 'Outpatient facility')],
    telecom: [{ system: 'phone', value: office.phone, use: 'work' }],
    address: { use: 'work', text: office.address },
    managingOrganization: ref('Organization', PRACTICE_ORGANIZATION_ID, practice.name),
  }));
  const people = demoPractitioners(practice).flatMap((p): FhirResource[] => {
    const office = practice.offices.find((o) => o.id === p.officeId);
    return [
      {
        resourceType: 'Practitioner',
        id: p.id,
        active: true,
        identifier: [{ system: SYSTEM.npi, value: p.npi }],
        name: [
          {
            use: 'official',
            family: p.family,
            given: [p.given],
            ...(p.prefix ? { prefix: [p.prefix] } : {}),
            suffix: [p.suffix],
          },
        ],
        gender: p.gender,
        telecom: [{ system: 'phone', value: office?.phone ?? practice.supportPhone, use: 'work' }],
      },
      {
        resourceType: 'PractitionerRole',
        id: `${p.id}-role`,
        active: true,
        practitioner: ref('Practitioner', p.id, practitionerName(p)),
        organization: ref('Organization', PRACTICE_ORGANIZATION_ID, practice.name),
        code: [p.specialty.nucc],
        specialty: [p.specialty.snomed],
        location: [ref('Location', p.officeId, office?.name)],
        telecom: [{ system: 'phone', value: office?.phone ?? practice.supportPhone, use: 'work' }],
      },
    ];
  });
  return [organization, ...locations, ...people];
}

// The identifiers C-CDA R2.1 asks for: code system OIDs for the FHIR systems our records use, and
// the templateIds (with their extensions) of the document, sections and entries we write.

import { SYSTEM } from '../fhir/text';

export const OID = {
  loinc: '2.16.840.1.113883.6.1',
  snomed: '2.16.840.1.113883.6.96',
  rxnorm: '2.16.840.1.113883.6.88',
  cvx: '2.16.840.1.113883.12.292',
  ucum: '2.16.840.1.113883.6.8',
  actCode: '2.16.840.1.113883.5.4',
  actClass: '2.16.840.1.113883.5.6',
  gender: '2.16.840.1.113883.5.1',
  confidentiality: '2.16.840.1.113883.5.25',
  raceEthnicity: '2.16.840.1.113883.6.238',
  interpretation: '2.16.840.1.113883.5.83',
  cpt: '2.16.840.1.113883.6.12',
  icd10cm: '2.16.840.1.113883.6.90',
  nucc: '2.16.840.1.113883.6.101',
  criticality: '2.16.840.1.113883.5.1063',
  maritalStatus: '2.16.840.1.113883.5.2',
  ndc: '2.16.840.1.113883.6.69',
} as const;

/** FHIR code system URI → [OID, codeSystemName]. Systems not listed are written as text only. */
const SYSTEMS: ReadonlyMap<string, readonly [string, string]> = new Map([
  [SYSTEM.loinc, [OID.loinc, 'LOINC']],
  [SYSTEM.snomed, [OID.snomed, 'SNOMED CT']],
  [SYSTEM.rxnorm, [OID.rxnorm, 'RxNorm']],
  [SYSTEM.cvx, [OID.cvx, 'CVX']],
  [SYSTEM.ucum, [OID.ucum, 'UCUM']],
  ['http://www.ama-assn.org/go/cpt', [OID.cpt, 'CPT-4']],
  ['http://hl7.org/fhir/sid/icd-10-cm', [OID.icd10cm, 'ICD-10-CM']],
  ['http://hl7.org/fhir/sid/ndc', [OID.ndc, 'NDC']],
  [
    'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation',
    [OID.interpretation, 'ObservationInterpretation'],
  ],
  ['http://terminology.hl7.org/CodeSystem/v3-ActCode', [OID.actCode, 'ActCode']],
  ['urn:oid:2.16.840.1.113883.6.238', [OID.raceEthnicity, 'Race & Ethnicity - CDC']],
]);

/** The OID and name of a FHIR system URI (also "urn:oid:…" systems), or undefined. */
export function codeSystemOf(system: string | undefined): { oid: string; name: string } | undefined {
  if (!system) return undefined;
  const bare = system.replace(/\/$/, '');
  const known = SYSTEMS.get(bare);
  if (known) return { oid: known[0], name: known[1] };
  const oid = /^urn:oid:([0-2](?:\.\d+)+)$/.exec(bare)?.[1];
  return oid ? { oid, name: '' } : undefined;
}

/** A templateId: root, and the extension (version date) where the template has one. */
export type TemplateId = readonly [root: string, extension?: string];

// R2.1 wants the R1.1 templateId (no extension) beside each versioned one that replaced it, so an
// R1.1 receiver still recognises the document ("compatible R1.1 templateId" Schematron rule).
export const T = {
  usRealmHeader: [['2.16.840.1.113883.10.20.22.1.1'], ['2.16.840.1.113883.10.20.22.1.1', '2015-08-01']],
  ccd: [['2.16.840.1.113883.10.20.22.1.2'], ['2.16.840.1.113883.10.20.22.1.2', '2015-08-01']],
  // Sections
  allergiesSection: [
    ['2.16.840.1.113883.10.20.22.2.6.1'],
    ['2.16.840.1.113883.10.20.22.2.6.1', '2015-08-01'],
  ],
  medicationsSection: [
    ['2.16.840.1.113883.10.20.22.2.1.1'],
    ['2.16.840.1.113883.10.20.22.2.1.1', '2014-06-09'],
  ],
  problemsSection: [['2.16.840.1.113883.10.20.22.2.5.1'], ['2.16.840.1.113883.10.20.22.2.5.1', '2015-08-01']],
  immunizationsSection: [
    ['2.16.840.1.113883.10.20.22.2.2.1'],
    ['2.16.840.1.113883.10.20.22.2.2.1', '2015-08-01'],
  ],
  proceduresSection: [
    ['2.16.840.1.113883.10.20.22.2.7.1'],
    ['2.16.840.1.113883.10.20.22.2.7.1', '2014-06-09'],
  ],
  resultsSection: [['2.16.840.1.113883.10.20.22.2.3.1'], ['2.16.840.1.113883.10.20.22.2.3.1', '2015-08-01']],
  vitalSignsSection: [
    ['2.16.840.1.113883.10.20.22.2.4.1'],
    ['2.16.840.1.113883.10.20.22.2.4.1', '2015-08-01'],
  ],
  encountersSection: [
    ['2.16.840.1.113883.10.20.22.2.22.1'],
    ['2.16.840.1.113883.10.20.22.2.22.1', '2015-08-01'],
  ],
  planOfTreatmentSection: [
    ['2.16.840.1.113883.10.20.22.2.10'],
    ['2.16.840.1.113883.10.20.22.2.10', '2014-06-09'],
  ],
  goalsSection: [['2.16.840.1.113883.10.20.22.2.60']],
  healthConcernsSection: [['2.16.840.1.113883.10.20.22.2.58', '2015-08-01']],
  socialHistorySection: [
    ['2.16.840.1.113883.10.20.22.2.17'],
    ['2.16.840.1.113883.10.20.22.2.17', '2015-08-01'],
  ],
  // The Care Team section and organizer come from the C-CDA R2.1 Companion Guide (2019).
  careTeamsSection: [['2.16.840.1.113883.10.20.22.2.500', '2019-07-01']],
  medicalEquipmentSection: [
    ['2.16.840.1.113883.10.20.22.2.23'],
    ['2.16.840.1.113883.10.20.22.2.23', '2014-06-09'],
  ],
  // Entries
  allergyConcernAct: [['2.16.840.1.113883.10.20.22.4.30'], ['2.16.840.1.113883.10.20.22.4.30', '2015-08-01']],
  allergyObservation: [['2.16.840.1.113883.10.20.22.4.7'], ['2.16.840.1.113883.10.20.22.4.7', '2014-06-09']],
  reactionObservation: [['2.16.840.1.113883.10.20.22.4.9'], ['2.16.840.1.113883.10.20.22.4.9', '2014-06-09']],
  severityObservation: [['2.16.840.1.113883.10.20.22.4.8'], ['2.16.840.1.113883.10.20.22.4.8', '2014-06-09']],
  criticalityObservation: [['2.16.840.1.113883.10.20.22.4.145']],
  medicationActivity: [
    ['2.16.840.1.113883.10.20.22.4.16'],
    ['2.16.840.1.113883.10.20.22.4.16', '2014-06-09'],
  ],
  medicationInformation: [
    ['2.16.840.1.113883.10.20.22.4.23'],
    ['2.16.840.1.113883.10.20.22.4.23', '2014-06-09'],
  ],
  problemConcernAct: [['2.16.840.1.113883.10.20.22.4.3'], ['2.16.840.1.113883.10.20.22.4.3', '2015-08-01']],
  problemObservation: [['2.16.840.1.113883.10.20.22.4.4'], ['2.16.840.1.113883.10.20.22.4.4', '2015-08-01']],
  immunizationActivity: [
    ['2.16.840.1.113883.10.20.22.4.52'],
    ['2.16.840.1.113883.10.20.22.4.52', '2015-08-01'],
  ],
  immunizationMedicationInformation: [
    ['2.16.840.1.113883.10.20.22.4.54'],
    ['2.16.840.1.113883.10.20.22.4.54', '2014-06-09'],
  ],
  procedureActivity: [['2.16.840.1.113883.10.20.22.4.14'], ['2.16.840.1.113883.10.20.22.4.14', '2014-06-09']],
  resultOrganizer: [['2.16.840.1.113883.10.20.22.4.1'], ['2.16.840.1.113883.10.20.22.4.1', '2015-08-01']],
  resultObservation: [['2.16.840.1.113883.10.20.22.4.2'], ['2.16.840.1.113883.10.20.22.4.2', '2015-08-01']],
  vitalSignsOrganizer: [
    ['2.16.840.1.113883.10.20.22.4.26'],
    ['2.16.840.1.113883.10.20.22.4.26', '2015-08-01'],
  ],
  vitalSignObservation: [
    ['2.16.840.1.113883.10.20.22.4.27'],
    ['2.16.840.1.113883.10.20.22.4.27', '2014-06-09'],
  ],
  encounterActivity: [['2.16.840.1.113883.10.20.22.4.49'], ['2.16.840.1.113883.10.20.22.4.49', '2015-08-01']],
  plannedAct: [['2.16.840.1.113883.10.20.22.4.39'], ['2.16.840.1.113883.10.20.22.4.39', '2014-06-09']],
  goalObservation: [['2.16.840.1.113883.10.20.22.4.121']],
  healthConcernAct: [['2.16.840.1.113883.10.20.22.4.132', '2015-08-01']],
  smokingStatus: [['2.16.840.1.113883.10.20.22.4.78'], ['2.16.840.1.113883.10.20.22.4.78', '2014-06-09']],
  socialHistoryObservation: [
    ['2.16.840.1.113883.10.20.22.4.38'],
    ['2.16.840.1.113883.10.20.22.4.38', '2015-08-01'],
  ],
  careTeamOrganizer: [['2.16.840.1.113883.10.20.22.4.500', '2019-07-01']],
  careTeamMemberAct: [['2.16.840.1.113883.10.20.22.4.500.1', '2019-07-01']],
  nonMedicinalSupply: [
    ['2.16.840.1.113883.10.20.22.4.50'],
    ['2.16.840.1.113883.10.20.22.4.50', '2014-06-09'],
  ],
  productInstance: [['2.16.840.1.113883.10.20.22.4.37']],
  author: [['2.16.840.1.113883.10.20.22.4.119']],
} as const satisfies Record<string, readonly TemplateId[]>;

// The record-sync contract shared by the app, the service worker and the server: who a user may
// see, which resources travel to a device, when a result counts as released, which results stay
// away from family members, and the shape of a pull-sync page.
import type { Json } from './json';

/** How a signed-in account reaches a patient's record: their own, or through family access. */
export type AccessLevel = 'self' | 'full' | 'billing';

/** Access levels that may read clinical data (My Health, Health Records, clinical messages). */
export function seesClinicalData(level: AccessLevel): boolean {
  return level === 'self' || level === 'full';
}

/** One person whose record the signed-in account may open (the account switcher lists these). */
export interface PersonInReach {
  patientId: string;
  /** Given and family name as the practice has them. */
  displayName: string;
  /** FHIR date (YYYY-MM-DD). */
  birthDate: string;
  access: AccessLevel;
  /** "self", or the family relationship as the patient described it ("parent", "spouse"...). */
  relationship: string;
}

/** GET /api/patients: everyone the caller may see, themselves first. */
export interface PeopleResponse {
  people: PersonInReach[];
}

/**
 * The FHIR resource types that make up the patient-facing record and sync to a device. Billing
 * resources (Claim, ExplanationOfBenefit, Invoice, Account) and bookkeeping (Provenance) do not.
 */
export const RECORD_TYPES = [
  'Patient',
  'Condition',
  'MedicationRequest',
  'MedicationStatement',
  'AllergyIntolerance',
  'Immunization',
  'Procedure',
  'Observation',
  'DiagnosticReport',
  'DocumentReference',
  'Encounter',
  'CarePlan',
  'Goal',
  'CareTeam',
  'Device',
  'MedicationAdministration',
  'ImagingStudy',
] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

const RECORD_TYPE_SET: ReadonlySet<string> = new Set(RECORD_TYPES);
export function isRecordType(type: string): type is RecordType {
  return RECORD_TYPE_SET.has(type);
}

/** Result statuses at which the practice has released a result to the patient. */
export const RELEASED_RESULT_STATUSES: ReadonlySet<string> = new Set([
  'final',
  'amended',
  'corrected',
  'appended',
]);

/** Resource types that are results and so follow the release rules. */
const RESULT_TYPES: ReadonlySet<string> = new Set(['Observation', 'DiagnosticReport']);

/** Conditions and allergies say "entered in error" in verificationStatus, not in a status field. */
function verifiedInError(resource: Json): boolean {
  return codingCodes(resource.verificationStatus).includes('entered-in-error');
}

/** The codes of a CodeableConcept's codings; nothing for anything that is not one. */
function codingCodes(concept: unknown): string[] {
  const coding = concept !== null && typeof concept === 'object' ? (concept as Json).coding : undefined;
  if (!Array.isArray(coding)) return [];
  return coding.flatMap((c: unknown) => {
    const code = c !== null && typeof c === 'object' ? (c as Json).code : undefined;
    return typeof code === 'string' ? [code] : [];
  });
}

/**
 * Whether a resource may reach the portal at all: results only once released (a preliminary or
 * registered result stays at the practice), and nothing that was entered in error.
 */
export function isReleased(resource: Json): boolean {
  const status = typeof resource.status === 'string' ? resource.status : undefined;
  if (status === 'entered-in-error' || verifiedInError(resource)) return false;
  if (RESULT_TYPES.has(String(resource.resourceType)))
    return status !== undefined && RELEASED_RESULT_STATUSES.has(status);
  return true;
}

/**
 * LOINC codes of results that are never sent to family members, whatever their access level:
 * HIV, hepatitis C and other sexually transmitted infections, pregnancy tests, drug screens,
 * genetic tests, and the scores of questionnaires about mental health, alcohol and drug use and
 * partner violence (PHQ-2, PHQ-9 and its teen form, GAD-2, GAD-7, AUDIT and AUDIT-C, DAST-10,
 * HARK).
 * Those scores are Observations (category "survey") and follow exactly the rule of sensitive
 * results: the patient sees them, a family member with Full access never receives them (nor a
 * report that gathers them). Smoking status (72166-2) and other questionnaire scores (PRAPARE,
 * social needs) are not on the list: Full access shows them, as it shows vital signs; a practice
 * that wants otherwise adds their codes. The practice can replace the list
 * (SENSITIVE_RESULT_CODES).
 */
export const DEFAULT_SENSITIVE_RESULT_CODES: readonly string[] = [
  // HIV
  '75622-1',
  '7917-8',
  '7918-6',
  '68961-2',
  '56888-1',
  '5221-7',
  '25835-0',
  '20447-9',
  '48345-3',
  // Hepatitis C
  '13955-0',
  '11259-9',
  '16128-1',
  // Chlamydia, gonorrhea, syphilis, herpes, trichomonas
  '43304-5',
  '21613-5',
  '4993-2',
  '43305-2',
  '24111-7',
  '20507-0',
  '22461-8',
  '5292-8',
  '43180-9',
  // Pregnancy (hCG)
  '2106-3',
  '2112-1',
  '19080-1',
  '21198-7',
  // Drug screens
  '19295-5',
  '3426-4',
  '8210-7',
  '19659-2',
  '3397-7',
  // Genetic tests (BRCA, carrier screening)
  '21636-6',
  '21637-4',
  // Depression and anxiety questionnaires: panels (PHQ-2, PHQ-9, GAD-7) and scores (PHQ-2, PHQ-9,
  // PHQ-9 modified for teens, GAD-7, GAD-2)
  '55757-9',
  '44249-1',
  '69737-5',
  '55758-7',
  '44261-6',
  '89204-2',
  '70274-6',
  '69725-0',
  // Alcohol and drug use questionnaires: AUDIT-C panel, AUDIT-C, AUDIT and DAST-10 scores
  '72109-2',
  '75626-2',
  '75624-7',
  '82667-7',
  // Partner violence screening: HARK
  '76504-0',
];

/** Every coding code of a resource's `code` (and, for reports, each result's codes are separate). */
function codesOf(resource: Json): string[] {
  return codingCodes(resource.code);
}

/** Whether a result carries a code on the sensitive list. */
export function isSensitiveResult(resource: Json, sensitiveCodes: ReadonlySet<string>): boolean {
  if (!RESULT_TYPES.has(String(resource.resourceType))) return false;
  return codesOf(resource).some((code) => sensitiveCodes.has(code));
}

/** How many changes a pull-sync page holds at most, and by default. */
export const MAX_CHANGES_PAGE_SIZE = 1000;
export const DEFAULT_CHANGES_PAGE_SIZE = 500;

/**
 * One change in a pull-sync page. `resource` present: store or replace it. Absent: remove it from
 * the device (deleted at the practice, or no longer shown to this caller).
 */
export interface RecordChange {
  type: string;
  id: string;
  seq: number;
  /** The clinical date the record is filed under (FHIR date or dateTime), if it has one; null for a removal. */
  date: string | null;
  resource?: Json;
}

/** GET /api/patients/:id/changes?since=N[&limit=M]: the caller's view of changes after `since`. */
export interface ChangesPage {
  patientId: string;
  since: number;
  /** Pass as `since` for the next page. */
  next: number;
  /** More changes wait after `next`. */
  more: boolean;
  changes: RecordChange[];
  /**
   * A fingerprint of what this caller is shown (which record types travel, which results stay
   * hidden from them). When it differs from the one a device's copy of this patient was built
   * under, the rules changed for resources the cursor has passed: drop that copy and sync again
   * from since=0. Absent from servers that predate it.
   */
  view?: string;
}

/** Problem types of the records routes (beside the shared ones in core/problem.ts). */
export const RECORD_PROBLEM_TYPES = {
  /** 403: a family member with Billing only access asked for clinical data. */
  billingOnlyAccess: '/problems/billing-only-access',
} as const;

/** Background Sync and Periodic Background Sync tag under which the service worker pulls records. */
export const RECORDS_SYNC_TAG = 'records-refresh';
/** The worker's word to open pages that its pull left new records in the inbox. */
export const RECORDS_PULLED_MESSAGE = 'RECORDS_PULLED';

/**
 * Names of the app's performance measures (User Timing), read by `npm run bench` and the e2e
 * journeys: each record sync, and each My Health tab from opening to its first render with records.
 * Their details hold counts and tab names only.
 */
export const SYNC_MEASURE = 'records-sync';
export const TAB_RENDER_MEASURE = 'my-health-tab-render';

export const changesPath = (patientId: string) => `/api/patients/${encodeURIComponent(patientId)}/changes`;
export const PEOPLE_PATH = '/api/patients';

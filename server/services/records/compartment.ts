import type { Json } from '../../../core/json';

// Derives the two query columns of a stored resource from its FHIR JSON: the patient whose record
// it belongs to (the FHIR patient compartment) and its clinically meaningful date.

/** Fields that point at the patient a resource is about, in the order FHIR R4 resources use them. */
const PATIENT_FIELDS = ['subject', 'patient', 'beneficiary', 'target'] as const;

const PATIENT_REFERENCE = /^Patient\/([A-Za-z0-9\-.]{1,64})$/;

/**
 * The patient compartment of a resource whose references are already resolved: a Patient's own id,
 * otherwise the first `Patient/<id>` in subject, patient, beneficiary or (Provenance) target.
 * Practice-wide resources (Organization, Practitioner, Location, Medication...) have none: null.
 */
export function patientIdOf(resource: Json): string | null {
  if (resource.resourceType === 'Patient') return typeof resource.id === 'string' ? resource.id : null;
  for (const field of PATIENT_FIELDS) {
    const value = resource[field];
    for (const reference of Array.isArray(value) ? value : [value]) {
      const match = PATIENT_REFERENCE.exec(referenceText(reference) ?? '');
      if (match) return match[1] ?? null;
    }
  }
  return null;
}

/** The date a patient would file a resource under, per type; falls back to common date fields. */
const DATE_PATHS: Record<string, string[]> = {
  Observation: ['effectiveDateTime', 'effectivePeriod.start', 'effectiveInstant', 'issued'],
  DiagnosticReport: ['effectiveDateTime', 'effectivePeriod.start', 'issued'],
  Condition: ['onsetDateTime', 'onsetPeriod.start', 'recordedDate', 'abatementDateTime'],
  AllergyIntolerance: ['onsetDateTime', 'onsetPeriod.start', 'recordedDate', 'lastOccurrence'],
  MedicationRequest: ['authoredOn', 'dispenseRequest.validityPeriod.start'],
  MedicationStatement: ['effectiveDateTime', 'effectivePeriod.start', 'dateAsserted'],
  MedicationAdministration: ['effectiveDateTime', 'effectivePeriod.start'],
  Immunization: ['occurrenceDateTime', 'recorded'],
  Procedure: ['performedDateTime', 'performedPeriod.start'],
  Encounter: ['period.start'],
  DocumentReference: ['context.period.start', 'date'],
  ImagingStudy: ['started'],
  Goal: ['startDate', 'statusDate'],
  CarePlan: ['period.start', 'created'],
  CareTeam: ['period.start'],
  Claim: ['billablePeriod.start', 'created'],
  ExplanationOfBenefit: ['billablePeriod.start', 'created'],
  Provenance: ['recorded', 'occurredDateTime', 'occurredPeriod.start'],
  SupplyDelivery: ['occurrenceDateTime', 'occurrencePeriod.start'],
  QuestionnaireResponse: ['authored'],
  Invoice: ['date'],
};

const FALLBACK_DATE_PATHS = [
  'effectiveDateTime',
  'effectivePeriod.start',
  'occurrenceDateTime',
  'occurrencePeriod.start',
  'performedDateTime',
  'performedPeriod.start',
  'onsetDateTime',
  'authoredOn',
  'recordedDate',
  'issued',
  'period.start',
  'date',
  'created',
];

/**
 * The clinically meaningful date as written in the resource (local time with its offset, not
 * converted to UTC, so that "single date" searches match the day the patient saw). Null if none.
 */
export function clinicalDateOf(resource: Json): string | null {
  const type = typeof resource.resourceType === 'string' ? resource.resourceType : '';
  if (type === 'Patient' || type === 'RelatedPerson') return null;
  for (const path of DATE_PATHS[type] ?? FALLBACK_DATE_PATHS) {
    const value = valueAt(resource, path);
    if (typeof value === 'string' && value !== '') return value;
  }
  return null;
}

function valueAt(resource: Json, path: string): unknown {
  let current: unknown = resource;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
    current = (current as Json)[key];
  }
  return current;
}

function referenceText(reference: unknown): string | undefined {
  if (reference === null || typeof reference !== 'object') return undefined;
  const text = (reference as Json).reference;
  return typeof text === 'string' ? text : undefined;
}

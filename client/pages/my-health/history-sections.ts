// What the Medical History view shows, decided once per record: problems, medications and
// allergies split into current and past, immunizations and procedures newest first, and the
// latest vital sign of each kind with its history. Pure; O(n log n) over the record.

import { clinicalTime } from '../../../core/clinical-dates';
import type { RecordIndex } from '../../../core/fhir/record-index';
import { codeIn, hasCode, patientText, SYSTEM, statusCode } from '../../../core/fhir/text';
import type {
  AllergyIntolerance,
  CodeableConcept,
  Condition,
  Immunization,
  MedicationRequest,
  MedicationStatement,
  Observation,
  Procedure,
} from '../../../core/fhir/types';

export interface Split<T> {
  current: T[];
  past: T[];
}

/** Newest first by a precomputed time; undated entries last, in the order given. */
export function newestFirst<T>(items: readonly T[], time: (item: T) => number): T[] {
  const keyed = items.map((item, order) => ({ item, order, t: time(item) }));
  keyed.sort((a, b) => {
    const at = Number.isNaN(a.t) ? -Infinity : a.t;
    const bt = Number.isNaN(b.t) ? -Infinity : b.t;
    return bt - at || a.order - b.order;
  });
  return keyed.map((k) => k.item);
}

const enteredInError = (concept: CodeableConcept | undefined) => statusCode(concept) === 'entered-in-error';

// ---------------------------------------------------------------------------------------------
// Problems

const CURRENT_PROBLEM = new Set(['active', 'recurrence', 'relapse']);

export const conditionOnset = (c: Condition): string | undefined =>
  c.onsetDateTime ?? c.onsetPeriod?.start ?? c.recordedDate;

export const conditionAbatement = (c: Condition): string | undefined =>
  c.abatementDateTime ?? c.abatementPeriod?.end ?? c.abatementPeriod?.start;

export function isCurrentProblem(c: Condition): boolean {
  const status = statusCode(c.clinicalStatus);
  if (status) return CURRENT_PROBLEM.has(status);
  return conditionAbatement(c) === undefined && c.abatementString === undefined;
}

export function problems(index: RecordIndex): Split<Condition> {
  const shown = index
    .all('Condition')
    .filter(
      (c) => !enteredInError(c.verificationStatus) && statusCode(c.clinicalStatus) !== 'entered-in-error',
    );
  const sorted = newestFirst(shown, (c) => clinicalTime(conditionOnset(c)));
  return { current: sorted.filter(isCurrentProblem), past: sorted.filter((c) => !isCurrentProblem(c)) };
}

// ---------------------------------------------------------------------------------------------
// Medications

export type MedicationEntry = MedicationRequest | MedicationStatement;

const CURRENT_MEDICATION = new Set(['active', 'on-hold']);

export const isCurrentMedication = (m: MedicationEntry): boolean => CURRENT_MEDICATION.has(m.status ?? '');

export const medicationDate = (m: MedicationEntry): string | undefined =>
  m.resourceType === 'MedicationRequest'
    ? (m.authoredOn ?? m.dispenseRequest?.validityPeriod?.start)
    : (m.effectivePeriod?.start ?? m.effectiveDateTime ?? m.dateAsserted);

/** The medicine's name: its code, the Medication it points to, or the reference's display. */
export function medicationName(m: MedicationEntry, index: RecordIndex): string {
  if (m.medicationCodeableConcept) return patientText(m.medicationCodeableConcept, 'Medicine');
  const medication = index.resolveAs(m.medicationReference, 'Medication');
  if (medication?.code) return patientText(medication.code, 'Medicine');
  return m.medicationReference?.display?.trim() || 'Medicine (name not recorded)';
}

export function medications(index: RecordIndex): Split<MedicationEntry> {
  const all: MedicationEntry[] = [...index.all('MedicationRequest'), ...index.all('MedicationStatement')];
  const shown = all.filter((m) => m.status !== 'entered-in-error');
  const sorted = newestFirst(shown, (m) => clinicalTime(medicationDate(m)));
  return { current: sorted.filter(isCurrentMedication), past: sorted.filter((m) => !isCurrentMedication(m)) };
}

// ---------------------------------------------------------------------------------------------
// Allergies

export function isCurrentAllergy(a: AllergyIntolerance): boolean {
  const status = statusCode(a.clinicalStatus);
  if (status) return status === 'active';
  return statusCode(a.verificationStatus) !== 'refuted';
}

export const allergyDate = (a: AllergyIntolerance): string | undefined =>
  a.onsetDateTime ?? a.onsetPeriod?.start ?? a.recordedDate;

export function allergies(index: RecordIndex): Split<AllergyIntolerance> {
  const shown = index.all('AllergyIntolerance').filter((a) => !enteredInError(a.verificationStatus));
  const sorted = newestFirst(shown, (a) => clinicalTime(allergyDate(a)));
  return { current: sorted.filter(isCurrentAllergy), past: sorted.filter((a) => !isCurrentAllergy(a)) };
}

// ---------------------------------------------------------------------------------------------
// Immunizations and procedures

export const immunizationDate = (i: Immunization): string | undefined => i.occurrenceDateTime ?? i.recorded;

export const immunizations = (index: RecordIndex): Immunization[] =>
  newestFirst(
    index.all('Immunization').filter((i) => i.status !== 'entered-in-error'),
    (i) => clinicalTime(immunizationDate(i)),
  );

export const procedureDate = (p: Procedure): string | undefined =>
  p.performedDateTime ?? p.performedPeriod?.start ?? p.performedPeriod?.end;

export const procedures = (index: RecordIndex): Procedure[] =>
  newestFirst(
    index.all('Procedure').filter((p) => p.status !== 'entered-in-error'),
    (p) => clinicalTime(procedureDate(p)),
  );

// ---------------------------------------------------------------------------------------------
// Vital signs

export const observationDate = (o: Observation): string | undefined =>
  o.effectiveDateTime ?? o.effectivePeriod?.start ?? o.effectiveInstant ?? o.issued;

export function isVitalSign(o: Observation): boolean {
  return (o.category ?? []).some((c) => hasCode(c, ['vital-signs']));
}

export interface VitalKind {
  key: string;
  label: string;
  /** LOINC codes that measure this kind. */
  codes: readonly string[];
}

/** The kinds a patient looks for, in the order they are shown. */
export const VITAL_KINDS: readonly VitalKind[] = [
  { key: 'blood-pressure', label: 'Blood pressure', codes: ['85354-9', '55284-4', '35094-2'] },
  { key: 'weight', label: 'Weight', codes: ['29463-7', '3141-9', '3142-7'] },
  { key: 'height', label: 'Height', codes: ['8302-2', '8306-3', '8308-9'] },
  { key: 'bmi', label: 'Body mass index (BMI)', codes: ['39156-5'] },
  { key: 'temperature', label: 'Temperature', codes: ['8310-5', '8331-1', '8332-9', '8333-7', '8328-7'] },
  { key: 'heart-rate', label: 'Heart rate', codes: ['8867-4', '8889-8'] },
  { key: 'respiratory-rate', label: 'Breathing rate', codes: ['9279-1'] },
  { key: 'oxygen', label: 'Oxygen level', codes: ['2708-6', '59408-5', '59417-6'] },
  { key: 'pain', label: 'Pain level (0 to 10)', codes: ['72514-3'] },
  { key: 'head', label: 'Head circumference', codes: ['9843-4', '8287-5'] },
  { key: 'bmi-percentile', label: 'BMI percentile for age', codes: ['59576-9'] },
  { key: 'weight-for-length', label: 'Weight-for-length percentile', codes: ['77606-2'] },
  { key: 'head-percentile', label: 'Head circumference percentile', codes: ['8289-1'] },
];

const KIND_BY_CODE = new Map(VITAL_KINDS.flatMap((kind) => kind.codes.map((code) => [code, kind] as const)));

export interface VitalGroup {
  kind: VitalKind;
  /** Newest first; [0] is the latest. */
  readings: Observation[];
}

const hasReading = (o: Observation) =>
  o.valueQuantity?.value !== undefined ||
  o.valueCodeableConcept !== undefined ||
  o.valueString !== undefined ||
  (o.component ?? []).some((c) => c.valueQuantity?.value !== undefined);

/** The vital signs grouped by kind, known kinds first in VITAL_KINDS order, then others by name. */
export function vitalSigns(index: RecordIndex): VitalGroup[] {
  const groups = new Map<string, { kind: VitalKind; readings: Observation[] }>();
  for (const o of index.all('Observation')) {
    if (!isVitalSign(o) || o.status === 'entered-in-error' || o.status === 'cancelled' || !hasReading(o))
      continue;
    const loinc = codeIn(o.code, SYSTEM.loinc);
    const knownCode = (o.code?.coding ?? []).map((c) => c.code).find((c) => c && KIND_BY_CODE.has(c));
    let kind = knownCode ? KIND_BY_CODE.get(knownCode) : undefined;
    if (!kind) {
      const code = loinc ?? o.code?.coding?.[0]?.code ?? patientText(o.code).toLowerCase();
      kind = { key: `other-${code}`, label: patientText(o.code, 'Measurement'), codes: loinc ? [loinc] : [] };
    }
    let group = groups.get(kind.key);
    if (!group) {
      group = { kind, readings: [] };
      groups.set(kind.key, group);
    }
    group.readings.push(o);
  }
  const order = new Map(VITAL_KINDS.map((k, i) => [k.key, i]));
  return [...groups.values()]
    .map((g) => ({
      kind: g.kind,
      readings: newestFirst(g.readings, (o) => clinicalTime(observationDate(o))),
    }))
    .sort(
      (a, b) =>
        (order.get(a.kind.key) ?? 99) - (order.get(b.kind.key) ?? 99) ||
        a.kind.label.localeCompare(b.kind.label),
    );
}

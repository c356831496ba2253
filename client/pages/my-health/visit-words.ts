// A visit in a patient's words: what kind of visit it was, who saw them and where.

import type { RecordIndex } from '../../../core/fhir/record-index';
import { patientText, referenceText } from '../../../core/fhir/text';
import type { CodeableConcept, Encounter } from '../../../core/fhir/types';

/** Encounter.class (v3 ActCode) in plain words. */
const CLASS_WORDS: Record<string, string> = {
  AMB: 'Office visit',
  EMER: 'Emergency visit',
  IMP: 'Hospital stay',
  ACUTE: 'Hospital stay',
  NONAC: 'Hospital stay',
  OBSENC: 'Hospital observation',
  PRENC: 'Visit before admission',
  SS: 'Short stay',
  HH: 'Home visit',
  FLD: 'Visit away from the office',
  VR: 'Virtual visit',
};

export const visitClass = (e: Encounter): string =>
  CLASS_WORDS[e.class?.code ?? ''] ?? e.class?.display ?? '';

/** "Encounter for problem" reads better as "Visit for a problem"; other types keep their words. */
export function visitTitle(e: Encounter): string {
  const type = patientText(e.type?.[0]) || patientText(e.serviceType);
  if (!type) return visitClass(e) || 'Visit';
  return type.replace(/^Encounter for\b/i, 'Visit for');
}

/** The people who saw the patient (primary performer first). */
export function visitProviders(e: Encounter, index: RecordIndex): string[] {
  const people = [...(e.participant ?? [])].sort(
    (a, b) => Number(isPrimary(b.type)) - Number(isPrimary(a.type)),
  );
  return [...new Set(people.map((p) => referenceText(p.individual, index)).filter(Boolean))];
}

const isPrimary = (types: readonly CodeableConcept[] | undefined) =>
  (types ?? []).some((t) => (t.coding ?? []).some((c) => c.code === 'PPRF'));

export const visitPlaces = (e: Encounter, index: RecordIndex): string[] => [
  ...new Set(
    [
      ...(e.location ?? []).map((l) => referenceText(l.location, index)),
      referenceText(e.serviceProvider, index),
    ].filter(Boolean),
  ),
];

// What results, vital signs and social history share: an Observation's value as a CDA <value>,
// its interpretation and reference range, and when it was taken.
import { SYSTEM, valueText } from '../../fhir/text';
import type { CodeableConcept, Observation, ObservationValue, ReferenceRange } from '../../fhir/types';
import { coded, pq } from '../coded';
import { OID } from '../vocab';
import { el, type Xml } from '../xml';

export const takenAt = (o: Observation): string | undefined =>
  o.effectiveDateTime ?? o.effectiveInstant ?? o.effectivePeriod?.start ?? o.issued;

export const hasCategory = (o: { category?: CodeableConcept[] }, code: string): boolean =>
  (o.category ?? []).some((c) => (c.coding ?? []).some((coding) => coding.code === code));

/** The value as CDA: PQ for a quantity, CD for a concept, ST for words; NI when there is none. */
export function valueXml(value: ObservationValue, ref?: string): Xml {
  const quantity = pq('value', value.valueQuantity);
  if (quantity) return quantity;
  if (value.valueCodeableConcept)
    return coded('value', value.valueCodeableConcept, {
      xsiType: 'CD',
      prefer: [SYSTEM.snomed, SYSTEM.loinc],
      ref,
    });
  const words = valueText(value);
  if (words) return el('value', { 'xsi:type': 'ST' }, words);
  return el('value', { 'xsi:type': 'CD', nullFlavor: 'NI' });
}

/** The first interpretation (H, L, N…) as interpretationCode, when coded in HL7's system. */
export function interpretationXml(interpretations: readonly CodeableConcept[] | undefined): Xml | undefined {
  const coding = interpretations?.[0]?.coding?.find(
    (c) => c.code && (c.system ?? '').endsWith('v3-ObservationInterpretation'),
  );
  if (!coding?.code) return undefined;
  return el('interpretationCode', {
    code: coding.code,
    codeSystem: OID.interpretation,
    codeSystemName: 'ObservationInterpretation',
    displayName: coding.display,
  });
}

/** A numeric reference range as IVL_PQ (R2.1 wants a value in observationRange; text alone is not enough). */
export function referenceRangeXml(range: ReferenceRange | undefined): Xml | undefined {
  const low = range?.low?.value !== undefined ? pq('low', range.low, false) : undefined;
  const high = range?.high?.value !== undefined ? pq('high', range.high, false) : undefined;
  if (!low && !high) return undefined;
  return el(
    'referenceRange',
    {},
    el(
      'observationRange',
      {},
      range?.text ? el('text', {}, range.text) : undefined,
      el('value', { 'xsi:type': 'IVL_PQ' }, low, high),
    ),
  );
}

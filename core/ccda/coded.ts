// FHIR CodeableConcepts, quantities and times as CDA data types (CD/CE, PQ, TS, IVL_TS): the code
// in the system the template prefers, the other known codings as translations, the words as
// originalText pointing at the narrative.
import { cdaTimestamp } from '../clinical-dates';
import { conceptText } from '../fhir/text';
import type { CodeableConcept, Coding, Quantity } from '../fhir/types';
import { codeSystemOf } from './vocab';
import { type Attrs, type Child, el, type Xml } from './xml';

export interface CodedOptions {
  /** FHIR system URIs in order of preference for the main code. */
  prefer?: readonly string[];
  /** xsi:type, for <value> elements. */
  xsiType?: 'CD' | 'CE' | 'CO';
  /** The narrative ID of the words, for <originalText><reference value="#id"/>. */
  ref?: string;
  /** The template allows only these systems: other codings become translations under nullFlavor="OTH". */
  only?: readonly string[];
}

interface KnownCoding {
  coding: Coding & { code: string };
  oid: string;
  name: string;
}

function knownCodings(concept: CodeableConcept | undefined): KnownCoding[] {
  return (concept?.coding ?? []).flatMap((coding) => {
    const system = codeSystemOf(coding.system);
    const code = coding.code?.trim();
    return system && code ? [{ coding: { ...coding, code }, oid: system.oid, name: system.name }] : [];
  });
}

const codeAttrs = (k: KnownCoding): Attrs => ({
  code: k.coding.code,
  codeSystem: k.oid,
  codeSystemName: k.name || undefined,
  displayName: k.coding.display?.trim() || undefined,
});

/**
 * A coded element named `tag` from a CodeableConcept. With no coding in a known system it says
 * nullFlavor="OTH" (coded elsewhere) or "UNK" (words only), keeping the words as originalText.
 */
export function coded(tag: string, concept: CodeableConcept | undefined, options: CodedOptions = {}): Xml {
  const all = knownCodings(concept);
  const preferred = (options.prefer ?? [])
    .map((system) => all.find((k) => k.coding.system?.replace(/\/$/, '') === system.replace(/\/$/, '')))
    .find((k) => k !== undefined);
  const allowed = options.only?.map((system) => system.replace(/\/$/, ''));
  const candidate = preferred ?? all[0];
  const main =
    allowed && candidate && !allowed.includes(candidate.coding.system?.replace(/\/$/, '') ?? '')
      ? undefined
      : candidate;
  const words = conceptText(concept);
  const originalText: Child = options.ref
    ? el('originalText', {}, words, el('reference', { value: `#${options.ref}` }))
    : words
      ? el('originalText', {}, words)
      : undefined;
  const type = options.xsiType ? { 'xsi:type': options.xsiType } : {};
  if (!main) {
    const nullFlavor = (concept?.coding ?? []).some((c) => c.code) ? 'OTH' : 'UNK';
    const translations = all.map((k) => el('translation', codeAttrs(k)));
    return el(tag, { ...type, nullFlavor }, originalText, translations);
  }
  const translations = all.filter((k) => k !== main).map((k) => el('translation', codeAttrs(k)));
  return el(tag, { ...type, ...codeAttrs(main) }, originalText, translations);
}

/** A fixed code (template-mandated codes such as ASSERTION or 55607006). */
export function fixedCode(
  tag: string,
  code: string,
  codeSystem: string,
  codeSystemName: string,
  displayName?: string,
  ...children: Child[]
): Xml {
  return el(tag, { code, codeSystem, codeSystemName, displayName }, ...children);
}

/** Whether the concept has a coding in one of the systems (so `coded` will write a real code). */
export const hasKnownCode = (concept: CodeableConcept | undefined): boolean =>
  knownCodings(concept).length > 0;

/** A TS element: the written time with its own offset, or nullFlavor="UNK" when there is none. */
export function ts(tag: string, value: string | undefined, attrs: Attrs = {}): Xml {
  const stamp = cdaTimestamp(value);
  return stamp ? el(tag, { ...attrs, value: stamp }) : el(tag, { ...attrs, nullFlavor: 'UNK' });
}

/** An IVL_TS effectiveTime with low (and high when given or when `closed`). */
export function interval(
  tag: string,
  low: string | undefined,
  high: string | undefined,
  options: { closed?: boolean; xsiType?: boolean } = {},
): Xml {
  const type = options.xsiType ? { 'xsi:type': 'IVL_TS' } : {};
  return el(
    tag,
    type,
    ts('low', low),
    high !== undefined ? ts('high', high) : options.closed ? el('high', { nullFlavor: 'UNK' }) : undefined,
  );
}

// UCUM codes only: a unit we cannot vouch for is written as "1" and the words stay in the narrative.
const UCUM_SAFE = /^[\x21-\x7e]+$/;

/** A PQ value (xsi:type PQ) from a FHIR Quantity; undefined when it has no number. */
export function pq(tag: string, quantity: Quantity | undefined, withType = true): Xml | undefined {
  if (quantity?.value === undefined || quantity.value === null || !Number.isFinite(quantity.value))
    return undefined;
  const ucum =
    quantity.system === undefined || quantity.system.replace(/\/$/, '') === 'http://unitsofmeasure.org';
  const unit = ucum ? (quantity.code ?? quantity.unit) : undefined;
  return el(tag, {
    'xsi:type': withType ? 'PQ' : undefined,
    value: String(quantity.value),
    unit: unit && UCUM_SAFE.test(unit) ? unit : '1',
  });
}

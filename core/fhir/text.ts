// FHIR R4 values in words a patient reads: concepts, codes by system, quantities and ranges,
// dosage instructions, references, statuses and result flags. Dates follow core/clinical-dates.ts.
// Pure functions (Intl only), so they run the same in the browser and in unit tests.

import { formatClinicalDateTime, formatClinicalPeriod } from '../clinical-dates';
import { fullName } from './names';
import type { RecordIndex } from './record-index';
import type {
  Annotation,
  CodeableConcept,
  Coding,
  Dosage,
  HumanName,
  Observation,
  ObservationValue,
  Quantity,
  Range,
  Reference,
  ReferenceRange,
  Timing,
} from './types';

export const SYSTEM = {
  snomed: 'http://snomed.info/sct',
  loinc: 'http://loinc.org',
  rxnorm: 'http://www.nlm.nih.gov/research/umls/rxnorm',
  cvx: 'http://hl7.org/fhir/sid/cvx',
  ucum: 'http://unitsofmeasure.org',
  interpretation: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation',
} as const;

// ---------------------------------------------------------------------------------------------
// Concepts and codes

/** The first coding from `system` (exact URI, or the same URI without a trailing slash). */
export function codingBySystem(concept: CodeableConcept | undefined, system: string): Coding | undefined {
  const bare = system.replace(/\/$/, '');
  return concept?.coding?.find((c) => c.system !== undefined && c.system.replace(/\/$/, '') === bare);
}

export const codeIn = (concept: CodeableConcept | undefined, system: string): string | undefined =>
  codingBySystem(concept, system)?.code;

/** Whether any coding of `concept` (any system when `system` is omitted) has one of `codes`. */
export function hasCode(
  concept: CodeableConcept | undefined,
  codes: ReadonlySet<string> | readonly string[],
  system?: string,
): boolean {
  const set: ReadonlySet<string> = codes instanceof Set ? codes : new Set(codes as readonly string[]);
  const bare = system?.replace(/\/$/, '');
  return (concept?.coding ?? []).some(
    (c) =>
      c.code !== undefined &&
      set.has(c.code) &&
      (bare === undefined || (c.system ?? '').replace(/\/$/, '') === bare),
  );
}

/** CodeableConcept.text, else the first coding's display, else its code, else `fallback`. */
export function conceptText(concept: CodeableConcept | undefined, fallback = ''): string {
  if (!concept) return fallback;
  if (concept.text?.trim()) return concept.text.trim();
  const codings = concept.coding ?? [];
  const displayed = codings.find((c) => c.display?.trim());
  if (displayed?.display) return displayed.display.trim();
  const coded = codings.find((c) => c.code?.trim());
  return coded?.code?.trim() ?? fallback;
}

// SNOMED CT fully specified names end in a semantic tag ("Cough (finding)") that means nothing
// to a patient; these are the tags that appear in patient records.
const SEMANTIC_TAG =
  /\s+\((?:disorder|finding|procedure|substance|qualifier value|situation|regime\/therapy|observable entity|body structure|physical object|product|medicinal product|medicinal product form|clinical drug|morphologic abnormality|event|organism|record artifact|environment|occupation|person|specimen|assessment scale|attribute|navigational concept|social concept|life style|disposition|real clinical drug)\)$/i;

/** Text without a trailing SNOMED CT semantic tag: "Cough (finding)" → "Cough". */
export const plainWords = (text: string): string => text.replace(SEMANTIC_TAG, '').trim();

/** conceptText() as a patient should read it (no SNOMED CT semantic tag). */
export const patientText = (concept: CodeableConcept | undefined, fallback = ''): string =>
  plainWords(conceptText(concept, fallback));

// ---------------------------------------------------------------------------------------------
// Numbers, units, quantities, ranges

const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(key: 'fraction' | 'significant'): Intl.NumberFormat {
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(
      'en-US',
      key === 'fraction' ? { maximumFractionDigits: 2 } : { maximumSignificantDigits: 3 },
    );
    numberFormats.set(key, format);
  }
  return format;
}

/** 178.583 → "178.58"; 0.00123 → "0.00123"; 5000 → "5,000". */
export function numberText(value: number): string {
  if (!Number.isFinite(value)) return '';
  return Math.abs(value) >= 1 || value === 0
    ? numberFormat('fraction').format(value)
    : numberFormat('significant').format(value);
}

const UNITS: Record<string, string> = {
  'mm[Hg]': 'mmHg',
  Cel: '°C',
  '[degF]': '°F',
  'kg/m2': 'kg/m²',
  '[lb_av]': 'lb',
  '[oz_av]': 'oz',
  '[in_i]': 'in',
  '[ft_i]': 'ft',
  '10*3/uL': '× 10³/µL',
  '10*6/uL': '× 10⁶/µL',
  '10*9/L': '× 10⁹/L',
  '10*12/L': '× 10¹²/L',
  'mL/min/{1.73_m2}': 'mL/min/1.73 m²',
  '{beats}/min': 'beats/min',
  '{breaths}/min': 'breaths/min',
  '[iU]/L': 'IU/L',
  '[IU]/L': 'IU/L',
  'm[IU]/L': 'mIU/L',
  'u[IU]/mL': 'µIU/mL',
  a: 'years',
  mo: 'months',
  wk: 'weeks',
  d: 'days',
  h: 'hours',
};

/** A UCUM code or unit string as people write it: "mm[Hg]" → "mmHg", "Cel" → "°C". */
export function unitText(unit: string | undefined): string {
  if (!unit) return '';
  const known = UNITS[unit];
  if (known !== undefined) return known;
  // "{score}" alone is an annotation with no unit; "{cells}/uL" keeps its words.
  if (/^\{[^}]*\}$/.test(unit)) return '';
  return unit
    .replace(/\{([^}]*)\}/g, '$1')
    .replace(/\bu(g|L|mol|m|IU)\b/g, 'µ$1')
    .replace(/\[([^\]]+)\]/g, '$1');
}

const COMPARATOR: Record<string, string> = { '<': '<', '<=': '≤', '>=': '≥', '>': '>' };

/** "120 mmHg", "98%", "<5 mg/dL", or '' when there is no value. */
export function quantityText(quantity: Quantity | undefined): string {
  if (quantity?.value === undefined || quantity.value === null) return '';
  const number = `${quantity.comparator ? (COMPARATOR[quantity.comparator] ?? quantity.comparator) : ''}${numberText(quantity.value)}`;
  const unit = unitText(quantity.unit ?? quantity.code);
  if (!unit) return number;
  // "98%", "13/min": no space before a percent sign or a "per" unit.
  return unit === '%' || unit.startsWith('/') ? `${number}${unit}` : `${number} ${unit}`;
}

function boundsText(low: Quantity | undefined, high: Quantity | undefined): string {
  const lowUnit = unitText(low?.unit ?? low?.code);
  const highUnit = unitText(high?.unit ?? high?.code);
  const hasLow = low?.value !== undefined;
  const hasHigh = high?.value !== undefined;
  if (hasLow && hasHigh) {
    if (lowUnit === highUnit) {
      const span = `${numberText(low!.value!)}–${numberText(high!.value!)}`;
      if (!highUnit) return span;
      return highUnit === '%' || highUnit.startsWith('/') ? `${span}${highUnit}` : `${span} ${highUnit}`;
    }
    return `${quantityText(low)} to ${quantityText(high)}`;
  }
  if (hasLow) return `at least ${quantityText(low)}`;
  if (hasHigh) return `up to ${quantityText(high)}`;
  return '';
}

/** A reference range in words: its text, else "70–99 mg/dL", "at least 60", "up to 200 mg/dL". */
export function rangeText(range: ReferenceRange | Range | undefined): string {
  if (!range) return '';
  const withText = range as ReferenceRange;
  if (withText.text?.trim()) return withText.text.trim();
  const bounds = boundsText(range.low, range.high);
  const type = withText.type ? patientText(withText.type) : '';
  return bounds && type && !/^normal/i.test(type) ? `${type}: ${bounds}` : bounds;
}

/** Every reference range of a result, joined: "70–99 mg/dL; Therapeutic: 100–200 mg/dL". */
export const referenceRangeText = (ranges: readonly ReferenceRange[] | undefined): string =>
  (ranges ?? []).map(rangeText).filter(Boolean).join('; ');

// ---------------------------------------------------------------------------------------------
// Observation values

export const LOINC_SYSTOLIC = '8480-6';
export const LOINC_DIASTOLIC = '8462-4';

/** Any Observation value[x] (or a component's) in words. */
export function valueText(value: ObservationValue): string {
  if (value.valueQuantity) return quantityText(value.valueQuantity);
  if (value.valueCodeableConcept) return patientText(value.valueCodeableConcept);
  if (value.valueString !== undefined) return value.valueString;
  if (value.valueBoolean !== undefined) return value.valueBoolean ? 'Yes' : 'No';
  if (value.valueInteger !== undefined) return numberText(value.valueInteger);
  if (value.valueRange) return boundsText(value.valueRange.low, value.valueRange.high);
  if (value.valueRatio) {
    const n = quantityText(value.valueRatio.numerator);
    const d = quantityText(value.valueRatio.denominator);
    return n && d ? `${n}:${d}` : n;
  }
  if (value.valueTime) return value.valueTime.slice(0, 5);
  if (value.valueDateTime) return formatClinicalDateTime(value.valueDateTime);
  if (value.valuePeriod) return formatClinicalPeriod(value.valuePeriod);
  if (value.dataAbsentReason) return `No result (${patientText(value.dataAbsentReason).toLowerCase()})`;
  return '';
}

/** Systolic and diastolic from a blood pressure Observation's components, when both are there. */
export function bloodPressure(observation: Observation): { systolic: number; diastolic: number } | undefined {
  let systolic: number | undefined;
  let diastolic: number | undefined;
  for (const component of observation.component ?? []) {
    const value = component.valueQuantity?.value;
    if (value === undefined) continue;
    if (hasCode(component.code, [LOINC_SYSTOLIC], SYSTEM.loinc)) systolic = value;
    else if (hasCode(component.code, [LOINC_DIASTOLIC], SYSTEM.loinc)) diastolic = value;
  }
  return systolic !== undefined && diastolic !== undefined ? { systolic, diastolic } : undefined;
}

/** An Observation's result in words: its value, "120/80 mmHg" for blood pressure, or its components. */
export function observationValueText(observation: Observation): string {
  const own = valueText(observation);
  if (own) return own;
  const bp = bloodPressure(observation);
  if (bp) return `${numberText(bp.systolic)}/${numberText(bp.diastolic)} mmHg`;
  return (observation.component ?? [])
    .map((c) => {
      const text = valueText(c);
      return text ? `${patientText(c.code, 'Value')}: ${text}` : '';
    })
    .filter(Boolean)
    .join('; ');
}

// ---------------------------------------------------------------------------------------------
// Dosage

const PERIOD_UNIT: Record<string, string> = {
  s: 'second',
  min: 'minute',
  h: 'hour',
  d: 'day',
  wk: 'week',
  mo: 'month',
  a: 'year',
};

const TIMING_CODE: Record<string, string> = {
  QD: 'once a day',
  BID: 'twice a day',
  TID: '3 times a day',
  QID: '4 times a day',
  QOD: 'every other day',
  Q4H: 'every 4 hours',
  Q6H: 'every 6 hours',
  Q8H: 'every 8 hours',
  AM: 'in the morning',
  PM: 'in the evening',
  WK: 'once a week',
  MO: 'once a month',
};

const plural = (n: number, word: string) => (n === 1 ? word : `${word}s`);
const article = (word: string) => (/^h/.test(word) ? 'an' : 'a');

/** Timing in words: "twice a day", "every 4–6 hours", "3 times every 2 days". */
export function timingText(timing: Timing | undefined): string {
  if (!timing) return '';
  const repeat = timing.repeat;
  if (repeat?.period !== undefined && repeat.periodUnit) {
    const unit = PERIOD_UNIT[repeat.periodUnit] ?? repeat.periodUnit;
    const f = repeat.frequency ?? 1;
    const fMax = repeat.frequencyMax;
    const p = repeat.period;
    const pText = repeat.periodMax ? `${numberText(p)}–${numberText(repeat.periodMax)}` : numberText(p);
    const times = fMax ? `${f}–${fMax} times` : f === 1 ? 'once' : f === 2 ? 'twice' : `${f} times`;
    if (p === 1 && !repeat.periodMax) return `${times} ${article(unit)} ${unit}`;
    if (f === 1 && !fMax) return `every ${pText} ${plural(repeat.periodMax ?? p, unit)}`;
    return `${times} every ${pText} ${plural(repeat.periodMax ?? p, unit)}`;
  }
  const code = timing.code?.coding?.find((c) => c.code && TIMING_CODE[c.code.toUpperCase()])?.code;
  if (code) return TIMING_CODE[code.toUpperCase()]!;
  return timing.code ? patientText(timing.code) : '';
}

const ROUTE_WORDS: [RegExp, string][] = [
  [/^(oral|by mouth|po)\b/i, 'by mouth'],
  [/^(respiratory tract|inhal)/i, 'inhaled'],
  [/^subcutaneous/i, 'injected under the skin'],
  [/^intramuscular/i, 'injected into a muscle'],
  [/^intravenous/i, 'into a vein'],
  [/^(topical|cutaneous|transdermal)/i, 'on the skin'],
  [/^(nasal|intranasal)/i, 'in the nose'],
  [/^ophthalmic/i, 'in the eye'],
];

function routeText(route: CodeableConcept | undefined): string {
  const text = patientText(route).replace(/\s+route$/i, '');
  if (!text) return '';
  for (const [pattern, words] of ROUTE_WORDS) if (pattern.test(text)) return words;
  return text.toLowerCase();
}

/** Dosage.text, else "Take 1 tablet by mouth, twice a day, as needed", with extra instructions. */
export function dosageText(dosage: Dosage | undefined): string {
  if (!dosage) return '';
  const extra = [
    ...(dosage.additionalInstruction ?? []).map((c) => patientText(c)),
    dosage.patientInstruction ?? '',
  ].filter(Boolean);
  if (dosage.text?.trim()) {
    const main = plainWords(dosage.text.trim());
    return [main, ...extra.filter((e) => e.toLowerCase() !== main.toLowerCase())].join('. ');
  }
  const rate = dosage.doseAndRate?.[0];
  const dose = rate?.doseQuantity
    ? quantityText(rate.doseQuantity)
    : rate?.doseRange
      ? boundsText(rate.doseRange.low, rate.doseRange.high)
      : '';
  const route = routeText(dosage.route);
  const first = [dose ? `Take ${dose}` : '', route].filter(Boolean).join(' ');
  const asNeeded = dosage.asNeededBoolean
    ? 'as needed'
    : dosage.asNeededCodeableConcept
      ? `as needed for ${patientText(dosage.asNeededCodeableConcept).toLowerCase()}`
      : '';
  const parts = [first, timingText(dosage.timing), asNeeded].filter(Boolean);
  if (parts.length === 0) return extra.join('. ');
  const sentence = parts.join(', ');
  return [sentence.charAt(0).toUpperCase() + sentence.slice(1), ...extra].join('. ');
}

// ---------------------------------------------------------------------------------------------
// People, places, references, notes

export const humanNameText = (name: HumanName | undefined): string => fullName(name);

/** Reference.display, else the name of the resource it points to (when given), else ''. */
export function referenceText(reference: Reference | undefined, index?: RecordIndex): string {
  if (!reference) return '';
  if (reference.display?.trim()) return reference.display.trim();
  const target = index?.resolve(reference) as
    | { resourceType: string; name?: unknown; code?: CodeableConcept }
    | undefined;
  if (!target) return '';
  if (Array.isArray(target.name)) return humanNameText(target.name[0] as HumanName);
  if (typeof target.name === 'string') return target.name;
  return patientText(target.code);
}

/** Provider comments as separate paragraphs' text. */
export const noteTexts = (notes: readonly Annotation[] | undefined): string[] =>
  (notes ?? []).map((n) => n.text?.trim() ?? '').filter(Boolean);

// ---------------------------------------------------------------------------------------------
// Statuses and result flags

const STATUS: Record<string, string> = {
  active: 'Active',
  inactive: 'Inactive',
  resolved: 'Resolved',
  remission: 'In remission',
  recurrence: 'Came back',
  relapse: 'Came back',
  completed: 'Completed',
  stopped: 'Stopped',
  'on-hold': 'On hold',
  cancelled: 'Cancelled',
  draft: 'Draft',
  'entered-in-error': 'Entered in error',
  intended: 'Planned',
  'not-taken': 'Not taken',
  unknown: 'Unknown',
  registered: 'Received',
  preliminary: 'Preliminary',
  final: 'Final',
  amended: 'Amended',
  corrected: 'Corrected',
  appended: 'Added to',
  partial: 'Partial',
  'in-progress': 'In progress',
  preparation: 'Being prepared',
  'not-done': 'Not done',
  suspended: 'On hold',
  current: 'Current',
  superseded: 'Replaced by a newer version',
  confirmed: 'Confirmed',
  unconfirmed: 'Not confirmed',
  provisional: 'Provisional',
  differential: 'Possible',
  refuted: 'Ruled out',
  'not-started': 'Not started',
  scheduled: 'Scheduled',
  proposed: 'Proposed',
  planned: 'Planned',
  accepted: 'Accepted',
  achieved: 'Achieved',
  'not-achieved': 'Not achieved',
  finished: 'Finished',
  revoked: 'Ended',
  rejected: 'Rejected',
};

/** A FHIR status code in words: "on-hold" → "On hold", "resolved" → "Resolved". */
export function statusText(code: string | undefined): string {
  if (!code) return '';
  const known = STATUS[code];
  if (known) return known;
  const words = code.replace(/[-_]+/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The status code of a status CodeableConcept (Condition/AllergyIntolerance clinicalStatus). */
export const statusCode = (concept: CodeableConcept | undefined): string | undefined =>
  concept?.coding?.find((c) => c.code)?.code ?? concept?.text?.toLowerCase();

export type FlagLevel = 'normal' | 'abnormal' | 'critical' | 'info';

export interface ResultFlag {
  code: string;
  text: string;
  level: FlagLevel;
  direction?: 'high' | 'low';
}

const INTERPRETATIONS: Record<string, [string, FlagLevel, ('high' | 'low')?]> = {
  N: ['Normal', 'normal'],
  H: ['High', 'abnormal', 'high'],
  L: ['Low', 'abnormal', 'low'],
  HH: ['Critical high', 'critical', 'high'],
  LL: ['Critical low', 'critical', 'low'],
  HU: ['Very high', 'abnormal', 'high'],
  LU: ['Very low', 'abnormal', 'low'],
  'H>': ['Very high', 'abnormal', 'high'],
  'L<': ['Very low', 'abnormal', 'low'],
  A: ['Abnormal', 'abnormal'],
  AA: ['Critical abnormal', 'critical'],
  '>': ['Above what the test can measure', 'abnormal', 'high'],
  '<': ['Below what the test can measure', 'abnormal', 'low'],
  POS: ['Positive', 'abnormal'],
  NEG: ['Negative', 'normal'],
  DET: ['Detected', 'abnormal'],
  ND: ['Not detected', 'normal'],
  IND: ['Inconclusive', 'info'],
  E: ['Unclear', 'info'],
  RR: ['Reactive', 'abnormal'],
  WR: ['Weakly reactive', 'abnormal'],
  NR: ['Non-reactive', 'normal'],
  EXP: ['Expected', 'normal'],
  UNE: ['Unexpected', 'abnormal'],
  U: ['Much higher than before', 'info', 'high'],
  D: ['Much lower than before', 'info', 'low'],
  B: ['Better', 'info'],
  W: ['Worse', 'abnormal'],
  R: ['Resistant', 'abnormal'],
  I: ['Intermediate', 'info'],
  S: ['Susceptible', 'info'],
};

/** An interpretation code in words: H → "High", LL → "Critical low"; unknown codes as given. */
export const interpretationText = (code: string): string => INTERPRETATIONS[code]?.[0] ?? code;

/** The first interpretation of a result as a flag, or undefined when the lab gave none. */
export function resultFlag(interpretations: readonly CodeableConcept[] | undefined): ResultFlag | undefined {
  const concept = interpretations?.[0];
  if (!concept) return undefined;
  const coding =
    codingBySystem(concept, SYSTEM.interpretation) ?? concept.coding?.find((c) => c.code !== undefined);
  const code = coding?.code ?? '';
  const known = INTERPRETATIONS[code];
  if (known) return { code, text: known[0], level: known[1], direction: known[2] };
  const text = conceptText(concept);
  return text ? { code, text, level: 'info' } : undefined;
}

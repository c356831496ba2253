// Small builders for the FHIR R4 JSON the demo generator writes: codings, references, quantities
// and dates. Dates are computed in UTC from the seed date so every run gives the same text.

export const SYSTEM = {
  snomed: 'http://snomed.info/sct',
  loinc: 'http://loinc.org',
  rxnorm: 'http://www.nlm.nih.gov/research/umls/rxnorm',
  cvx: 'http://hl7.org/fhir/sid/cvx',
  mvx: 'http://hl7.org/fhir/sid/mvx',
  nucc: 'http://nucc.org/provider-taxonomy',
  npi: 'http://hl7.org/fhir/sid/us-npi',
  ucum: 'http://unitsofmeasure.org',
  mrn: 'urn:oid:2.16.840.1.113883.3.9999.1',
} as const;

export interface Coding {
  system: string;
  code: string;
  display: string;
}

export interface Concept {
  coding: Coding[];
  text: string;
}

export function concept(system: string, code: string, display: string, text: string = display): Concept {
  return { coding: [{ system, code, display }], text };
}

/** A code from one of the HL7 terminology code systems (statuses, categories, interpretations). */
export function hl7(codeSystem: string, code: string, display: string): Concept {
  return concept(`http://terminology.hl7.org/CodeSystem/${codeSystem}`, code, display);
}

export function ref(type: string, id: string, display?: string): { reference: string; display?: string } {
  return display === undefined ? { reference: `${type}/${id}` } : { reference: `${type}/${id}`, display };
}

export function quantity(value: number, unit: string, code: string = unit) {
  return { value, unit, system: SYSTEM.ucum, code };
}

const DAY = 86_400_000;

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY);
}

/** Midnight UTC of the seed date's calendar day: every generated date is counted from it. */
export function startOfDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

/** The same calendar day `years` earlier, then `days` more back (29 February becomes 28). */
export function yearsBefore(date: Date, years: number, days = 0): Date {
  const year = date.getUTCFullYear() - years;
  const day = Math.min(date.getUTCDate(), daysInMonth(year, date.getUTCMonth()));
  return addDays(new Date(Date.UTC(year, date.getUTCMonth(), day)), -days);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * A FHIR dateTime on the given day at a clinic wall-clock time. The demo practice is in Central
 * time; a fixed -06:00 offset keeps the text independent of the machine's zone and of DST rules.
 */
export function isoDateTime(date: Date, hour = 9, minute = 0): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${isoDate(date)}T${pad(hour)}:${pad(minute)}:00-06:00`;
}

export function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

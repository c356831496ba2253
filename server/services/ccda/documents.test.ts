// Every patient's Consolidated Clinical Summary, from records as a device receives them (all the
// Synthea bundles of ../shared/data and the demo practice): valid against the HL7 CDA schema,
// and read back by an independent C-CDA reader (blue-button) with the same allergies,
// medications, problems, vaccines and results, entry for entry.
import { describe, expect, it } from 'vitest';
import { buildCcd, type DateSelection } from '../../../core/ccda/index';
import { clinicalDay } from '../../../core/clinical-dates';
import { codeIn, SYSTEM } from '../../../core/fhir/text';
import type {
  AllergyIntolerance,
  AnyResource,
  CodeableConcept,
  Condition,
  DiagnosticReport,
  Immunization,
  Observation,
} from '../../../core/fhir/types';
import { DEMO_PRACTICE } from '../../../core/practice';
import { demoRecords, type PatientRecord, syntheaRecords } from './test-records';
import { type BlueButtonDate, blueButton, schemaCheck, wellFormed } from './test-validators';

const RECORDS: PatientRecord[] = [...syntheaRecords(), ...demoRecords()];
// blue-button needs minutes for the older adult's 10 MB All-time document (5,000+ observations):
// that record is read back over its last 90 days instead (see below).
const BIG = 'demo older-adult';

const generate = (resources: AnyResource[], selection: DateSelection = { kind: 'all' }) =>
  buildCcd({
    resources,
    practice: DEMO_PRACTICE,
    generatedAt: '2026-12-04T09:30:00-06:00',
    documentId: '0f8fad5b-d9cb-469f-a165-70867728950e',
    selection,
  });

const ofType = <T>(resources: AnyResource[], type: string) =>
  resources.filter((r) => r.resourceType === type) as T[];
const hasCategory = (o: { category?: CodeableConcept[] }, code: string) =>
  (o.category ?? []).some((c) => (c.coding ?? []).some((x) => x.code === code));

/** The moment a FHIR date stands for, and the one blue-button read (both as epoch ms). */
const moment = (value: string | undefined) => (value ? Date.parse(value) : Number.NaN);
const bbMoment = (d: BlueButtonDate | undefined) => (d ? Date.parse(d.date) : Number.NaN);
const sorted = (items: string[]) => [...items].sort();

// What the record holds, computed here from FHIR without the generator's code.
function expectedAllergies(resources: AnyResource[]): string[] {
  return ofType<AllergyIntolerance>(resources, 'AllergyIntolerance').map(
    (a) =>
      `${codeIn(a.code, SYSTEM.rxnorm) ?? codeIn(a.code, SYSTEM.snomed)}|${moment(a.onsetDateTime ?? a.recordedDate)}`,
  );
}

function expectedMedications(resources: AnyResource[]): string[] {
  type Med = AnyResource & {
    status?: string;
    medicationCodeableConcept?: CodeableConcept;
    medicationReference?: { display?: string };
    authoredOn?: string;
    effectiveDateTime?: string;
    effectivePeriod?: { start?: string };
    dispenseRequest?: { validityPeriod?: { start?: string } };
  };
  return resources
    .filter((r) =>
      ['MedicationRequest', 'MedicationStatement', 'MedicationAdministration'].includes(r.resourceType),
    )
    .map((r) => r as Med)
    .filter((m) => m.status !== 'not-taken' && m.status !== 'not-done')
    .map((m) => {
      const name =
        codeIn(m.medicationCodeableConcept, SYSTEM.rxnorm) ??
        m.medicationCodeableConcept?.text ??
        m.medicationReference?.display;
      const start =
        m.dispenseRequest?.validityPeriod?.start ??
        m.authoredOn ??
        m.effectiveDateTime ??
        m.effectivePeriod?.start;
      return `${name}|${moment(start)}`;
    });
}

function expectedProblems(resources: AnyResource[]): string[] {
  return ofType<Condition>(resources, 'Condition')
    .filter((c) => !hasCategory(c, 'health-concern'))
    .map((c) => `${codeIn(c.code, SYSTEM.snomed)}|${moment(c.onsetDateTime ?? c.recordedDate)}`);
}

function expectedImmunizations(resources: AnyResource[]): string[] {
  return ofType<Immunization>(resources, 'Immunization').map(
    (i) => `${codeIn(i.vaccineCode, SYSTEM.cvx)}|${moment(i.occurrenceDateTime)}`,
  );
}

function expectedResults(resources: AnyResource[]): string[] {
  const byRef = new Map(resources.map((r) => [`${r.resourceType}/${r.id}`, r]));
  const inReports = new Set(
    ofType<DiagnosticReport>(resources, 'DiagnosticReport').flatMap((d) =>
      (d.result ?? [])
        .map((ref) => byRef.get(ref.reference ?? ''))
        .filter((r) => r?.resourceType === 'Observation'),
    ),
  );
  return ofType<Observation>(resources, 'Observation')
    .filter((o) => inReports.has(o) || ['laboratory', 'imaging', 'procedure'].some((c) => hasCategory(o, c)))
    .flatMap((o) => {
      const when = moment(o.effectiveDateTime ?? o.effectiveInstant ?? o.effectivePeriod?.start ?? o.issued);
      const hasValue =
        o.valueQuantity ||
        o.valueCodeableConcept ||
        o.valueString !== undefined ||
        o.valueBoolean !== undefined ||
        o.valueInteger !== undefined ||
        o.valueRange ||
        o.valueRatio ||
        o.valueDateTime ||
        o.valuePeriod ||
        o.valueTime ||
        o.dataAbsentReason;
      const codes = hasValue || !o.component?.length ? [o.code] : o.component.map((c) => c.code);
      return codes.map((code) => `${codeIn(code, SYSTEM.loinc)}|${when}`);
    });
}

describe.each(RECORDS)('the summary of $name', ({ resources }) => {
  const all = generate(resources);

  it('validates against the HL7 CDA schema (CDA_SDTC.xsd), for All time and for a single date and a range', () => {
    expect(schemaCheck(all.xml)).toEqual({ ok: true, messages: '- validates' });
    const lastVisit = ofType<{ period?: { start?: string } } & AnyResource>(resources, 'Encounter')
      .map((e) => clinicalDay(e.period?.start))
      .filter(Boolean)
      .sort()
      .pop();
    if (!lastVisit) return;
    const year = lastVisit.slice(0, 4);
    for (const selection of [
      { kind: 'date', date: lastVisit },
      { kind: 'range', from: `${year}-01-01`, to: lastVisit },
    ] satisfies DateSelection[])
      expect(schemaCheck(generate(resources, selection).xml)).toEqual({ ok: true, messages: '- validates' });
  });
});

describe.each(RECORDS.filter((r) => r.name !== BIG))('the summary of $name, read back', ({ resources }) => {
  it('gives an independent C-CDA reader the same allergies, medications, problems, vaccines and results as the record', () => {
    const all = generate(resources);
    const read = blueButton(all.xml).data;
    expect(
      sorted(
        (read.allergies ?? []).map(
          (a) => `${a.observation.allergen?.code}|${bbMoment(a.observation.date_time?.low)}`,
        ),
      ),
    ).toEqual(sorted(expectedAllergies(resources)));
    expect(
      sorted(
        (read.medications ?? []).map((m) => {
          const code = m.product.product.code;
          return `${code && code !== 'UNK' ? code : m.product.unencoded_name}|${bbMoment(m.date_time?.low)}`;
        }),
      ),
    ).toEqual(sorted(expectedMedications(resources)));
    expect(
      sorted(
        (read.problems ?? []).map((p) => `${p.problem.code.code}|${bbMoment(p.problem.date_time?.low)}`),
      ),
    ).toEqual(sorted(expectedProblems(resources)));
    expect(
      sorted(
        (read.immunizations ?? []).map((i) => `${i.product.product.code}|${bbMoment(i.date_time?.point)}`),
      ),
    ).toEqual(sorted(expectedImmunizations(resources)));
    expect(
      sorted(
        (read.results ?? []).flatMap((set) =>
          set.results.map((r) => `${r.result.code}|${bbMoment(r.date_time?.point)}`),
        ),
      ),
    ).toEqual(sorted(expectedResults(resources)));
    // And the counts the app shows match what was written.
    expect(all.counts.allergies).toBe((read.allergies ?? []).length);
    expect(all.counts.immunizations).toBe((read.immunizations ?? []).length);
  });
});

describe('names and words that need escaping', () => {
  const daniel = RECORDS.find((r) => r.name.includes('Villasenor'));

  it('keeps the Synthea patient Villaseñor’s name as written, readable by a third-party reader', () => {
    if (!daniel) throw new Error('The Villaseñor bundle is missing from ../shared/data');
    const { xml, html } = generate(daniel.resources);
    expect(xml).toContain('<family>Villaseñor332</family>');
    expect(html).toContain('Villaseñor332');
    expect(blueButton(xml).data.demographics?.name?.last).toBe('Villaseñor332');
  });

  it('stays well-formed and schema-valid with <, &, quotes and non-Latin letters in names and text', () => {
    if (!daniel) throw new Error('The Villaseñor bundle is missing from ../shared/data');
    const hostile = `O'Brien-Villaseñor <b>&amp; "Zoë" 李 ]]>`;
    const resources = daniel.resources.map((r) => {
      if (r.resourceType === 'Patient')
        return { ...r, name: [{ use: 'official', given: ['Daniel "Dan"'], family: hostile }] };
      if (r.resourceType === 'Condition')
        return {
          ...r,
          code: { ...(r as Condition).code, text: `Pain < 3 & rising > "often" 'at night' — 痛み` },
        };
      return r;
    }) as AnyResource[];
    const { xml, html } = generate(resources);
    expect(wellFormed(xml)).toEqual({ ok: true, messages: '' });
    expect(schemaCheck(xml).ok).toBe(true);
    expect(blueButton(xml).data.demographics?.name?.last).toBe(hostile);
    expect(html).toContain(
      'O&apos;Brien-Villaseñor &lt;b&gt;&amp;amp; "Zoë" 李 ]]&gt;'.replace('&apos;', "'"),
    );
    expect(html).not.toContain('<b>');
  });
});

describe('the older adult’s ten years, read back over the last 90 days', () => {
  const big = RECORDS.find((r) => r.name === BIG);

  it('gives an independent C-CDA reader every vaccine and result of those days and no other', () => {
    if (!big) throw new Error('The demo older adult is missing');
    const from = '2026-08-26';
    const to = '2026-11-24';
    const { xml } = generate(big.resources, { kind: 'range', from, to });
    expect(schemaCheck(xml).ok).toBe(true);
    const read = blueButton(xml).data;
    // Events are kept by the calendar day written in them, in their own offset.
    const within = (value: string | undefined) => {
      const day = clinicalDay(value);
      return day !== '' && day >= from && day <= to;
    };
    type Dated = AnyResource & { occurrenceDateTime?: string; effectiveDateTime?: string; issued?: string };
    const kept = big.resources.filter((r) => {
      const dated = r as Dated;
      if (r.resourceType === 'Immunization') return within(dated.occurrenceDateTime);
      if (r.resourceType === 'Observation') return within(dated.effectiveDateTime ?? dated.issued);
      return r.resourceType === 'DiagnosticReport';
    });
    expect(
      sorted(
        (read.immunizations ?? []).map((i) => `${i.product.product.code}|${bbMoment(i.date_time?.point)}`),
      ),
    ).toEqual(sorted(expectedImmunizations(kept)));
    expect(
      sorted(
        (read.results ?? []).flatMap((set) =>
          set.results.map((r) => `${r.result.code}|${bbMoment(r.date_time?.point)}`),
        ),
      ),
    ).toEqual(sorted(expectedResults(kept)));
    expect((read.results ?? []).length).toBeGreaterThan(0);
  });
});

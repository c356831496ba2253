// The Consolidated Clinical Summary from hand-made records: which entries a date choice keeps at
// its edges, codes a receiving provider needs, text that must survive escaping, sections with
// nothing to say, and the readable page. (Schema, Schematron and a third-party reader check real
// records in server/services/ccda/.)
import { describe, expect, it } from 'vitest';
import type { AnyResource, RecordResource } from '../fhir/types';
import { DEMO_PRACTICE } from '../practice';
import { buildCcd, type DateSelection } from './index';
import { escapeAttr, escapeText } from './xml';

const DOC_ID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const AT = '2026-12-04T09:30:00-06:00';
const SNOMED = 'http://snomed.info/sct';

const patient = (over: Record<string, unknown> = {}): AnyResource =>
  ({
    resourceType: 'Patient',
    id: 'p1',
    name: [{ use: 'official', given: ['Amara'], family: 'Okafor' }],
    gender: 'female',
    birthDate: '1990-04-02',
    address: [{ line: ['1 Elm St'], city: 'Riverbend', state: 'IL', postalCode: '60901' }],
    telecom: [{ system: 'phone', value: '(555) 010-2201', use: 'home' }],
    ...over,
  }) as AnyResource;

const vaccine = (id: string, when: string): AnyResource =>
  ({
    resourceType: 'Immunization',
    id,
    status: 'completed',
    vaccineCode: {
      coding: [
        { system: 'http://hl7.org/fhir/sid/cvx', code: '140', display: 'Influenza, seasonal, injectable' },
      ],
    },
    occurrenceDateTime: when,
  }) as AnyResource;

const build = (resources: AnyResource[], selection: DateSelection = { kind: 'all' }) =>
  buildCcd({
    resources: [patient(), ...resources],
    practice: DEMO_PRACTICE,
    generatedAt: AT,
    documentId: DOC_ID,
    selection,
  });

/** The <section> whose LOINC code is `code`. */
function section(xml: string, code: string): string {
  const sections = xml
    .split('<section')
    .slice(1)
    .map((s) => `<section${s.split('</section>')[0]}</section>`);
  const found = sections.find((s) => s.includes(`<code code="${code}"`));
  if (!found) throw new Error(`No section ${code}`);
  return found;
}

/** The record ids (Type/id) the section's entries carry. */
const idsIn = (xml: string, type: string) =>
  [...new Set([...xml.matchAll(new RegExp(`extension="${type}/([^"/]+)"`, 'g'))].map((m) => m[1]))].sort();

const IMMUNIZATIONS = '11369-6';
const ALLERGIES = '48765-2';
const PROBLEMS = '11450-4';
const MEDICATIONS = '10160-0';

describe('which vaccines a date choice keeps', () => {
  const records = [
    vaccine('day-before', '2024-10-30T23:59:00Z'),
    // 02:00 in India on 31 October is 20:30 UTC on the 30th: it still belongs to 31 October.
    vaccine('india-early', '2024-10-31T02:00:00+05:30'),
    // 23:59 in Hawaii on 1 November is already the 2nd in UTC: it still belongs to 1 November.
    vaccine('hawaii-late', '2024-11-01T23:59:00-10:00'),
    vaccine('october', '2024-10'),
    vaccine('year', '2024'),
    vaccine('date-only', '2024-11-02'),
  ];
  const kept = (selection: DateSelection) =>
    idsIn(section(build(records, selection).xml, IMMUNIZATIONS), 'Immunization');

  it('on a single date, keeps the shots of that calendar day in their own offset and the partial dates that cover it', () => {
    expect(kept({ kind: 'date', date: '2024-10-31' })).toEqual(['india-early', 'october', 'year']);
  });

  it('in a range, keeps both edge days and nothing a day outside', () => {
    expect(kept({ kind: 'range', from: '2024-10-31', to: '2024-11-01' })).toEqual([
      'hawaii-late',
      'india-early',
      'october',
      'year',
    ]);
    expect(kept({ kind: 'range', from: '2024-11-02', to: '2024-12-31' })).toEqual(['date-only', 'year']);
  });

  it('keeps everything for All time, and says in the header which days the summary covers', () => {
    const { xml } = build(records);
    expect(idsIn(section(xml, IMMUNIZATIONS), 'Immunization')).toHaveLength(records.length);
    const ranged = build(records, { kind: 'range', from: '2024-10-31', to: '2024-11-01' }).xml;
    expect(ranged).toMatch(
      /<serviceEvent classCode="PCPR"><effectiveTime><low value="20241031"\/><high value="20241101"\/>/,
    );
  });

  it('writes the time as the record wrote it, with its own offset', () => {
    const { xml } = build(records, { kind: 'date', date: '2024-10-31' });
    expect(xml).toContain('<effectiveTime value="20241031020000+0530"/>');
  });

  it('refuses a day that is not a calendar day, or a range that ends before it starts', () => {
    expect(() => build(records, { kind: 'date', date: '2024-02-30' })).toThrow(RangeError);
    expect(() => build(records, { kind: 'range', from: '2024-11-02', to: '2024-11-01' })).toThrow(RangeError);
  });
});

describe('which problems, allergies and medications a date choice keeps', () => {
  const records: RecordResource[] = [
    {
      resourceType: 'AllergyIntolerance',
      id: 'peanut-active',
      clinicalStatus: { coding: [{ code: 'active' }] },
      category: ['food'],
      code: { coding: [{ system: SNOMED, code: '91935009', display: 'Allergy to peanut' }] },
      recordedDate: '2010-05-01',
    },
    {
      resourceType: 'AllergyIntolerance',
      id: 'latex-gone',
      clinicalStatus: { coding: [{ code: 'inactive' }] },
      code: { coding: [{ system: SNOMED, code: '111088007', display: 'Latex' }] },
      recordedDate: '2015-06-10',
    },
    {
      resourceType: 'Condition',
      id: 'sprain-resolved',
      clinicalStatus: { coding: [{ code: 'resolved' }] },
      code: { coding: [{ system: SNOMED, code: '44465007', display: 'Sprain of ankle' }] },
      onsetDateTime: '2024-10-01T10:00:00-05:00',
      abatementDateTime: '2024-10-30T23:30:00-05:00',
    },
    {
      resourceType: 'Condition',
      id: 'asthma-new',
      clinicalStatus: { coding: [{ code: 'active' }] },
      code: { coding: [{ system: SNOMED, code: '195967001', display: 'Asthma' }] },
      onsetDateTime: '2024-11-02T00:15:00+05:30',
    },
    {
      resourceType: 'MedicationRequest',
      id: 'inhaler-active',
      status: 'active',
      medicationCodeableConcept: {
        coding: [
          {
            system: 'http://www.nlm.nih.gov/research/umls/rxnorm',
            code: '745679',
            display: 'albuterol inhaler',
          },
        ],
      },
      authoredOn: '2023-01-15',
    },
    {
      resourceType: 'MedicationRequest',
      id: 'antibiotic-done',
      status: 'completed',
      medicationCodeableConcept: {
        coding: [
          { system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '308182', display: 'amoxicillin' },
        ],
      },
      authoredOn: '2022-06-01',
    },
  ];

  it('keeps an allergy that is still active in any later range, and one no longer active only around when it was recorded', () => {
    const in2024 = build(records, { kind: 'range', from: '2024-01-01', to: '2024-12-31' }).xml;
    expect(idsIn(section(in2024, ALLERGIES), 'AllergyIntolerance')).toEqual(['peanut-active']);
    const in2015 = build(records, { kind: 'date', date: '2015-06-10' }).xml;
    expect(idsIn(section(in2015, ALLERGIES), 'AllergyIntolerance')).toEqual(['latex-gone', 'peanut-active']);
    const before = build(records, { kind: 'date', date: '2010-04-30' }).xml;
    expect(section(before, ALLERGIES)).toContain('nullFlavor="NI"');
  });

  it('keeps a resolved problem up to the day it resolved, and a new problem from the day it began', () => {
    const problems = (selection: DateSelection) =>
      idsIn(section(build(records, selection).xml, PROBLEMS), 'Condition');
    expect(problems({ kind: 'date', date: '2024-10-30' })).toEqual(['sprain-resolved']);
    expect(problems({ kind: 'date', date: '2024-10-31' })).toEqual([]);
    expect(problems({ kind: 'date', date: '2024-11-01' })).toEqual([]);
    // 00:15 +05:30 on 2 November is 1 November in UTC; the problem began on the 2nd.
    expect(problems({ kind: 'date', date: '2024-11-02' })).toEqual(['asthma-new']);
    expect(problems({ kind: 'range', from: '2024-10-30', to: '2024-11-02' })).toEqual([
      'asthma-new',
      'sprain-resolved',
    ]);
  });

  it('keeps a current medication in later ranges and a finished course only on its days', () => {
    const meds = (selection: DateSelection) =>
      idsIn(section(build(records, selection).xml, MEDICATIONS), 'MedicationRequest');
    expect(meds({ kind: 'date', date: '2025-03-01' })).toEqual(['inhaler-active']);
    expect(meds({ kind: 'date', date: '2022-06-01' })).toEqual(['antibiotic-done']);
    expect(meds({ kind: 'date', date: '2022-06-02' })).toEqual([]);
  });
});

describe('codes a receiving provider needs', () => {
  it('gives a receiving provider every vaccine with its CVX code and the day it was given', () => {
    const { xml, counts } = build([vaccine('a', '2021-09-14'), vaccine('b', '2022-10-01T10:30:00-05:00')]);
    const s = section(xml, IMMUNIZATIONS);
    expect(counts.immunizations).toBe(2);
    expect(
      s.match(
        /<code code="140" codeSystem="2.16.840.1.113883.12.292" codeSystemName="CVX" displayName="Influenza, seasonal, injectable">/g,
      ),
    ).toHaveLength(2);
    expect(s).toContain('<effectiveTime value="20210914"/>');
    expect(s).toContain('<effectiveTime value="20221001103000-0500"/>');
  });

  it('records smoking status as LOINC 72166-2 with its SNOMED CT answer', () => {
    const { xml } = build([
      {
        resourceType: 'Observation',
        id: 'smoke',
        status: 'final',
        category: [{ coding: [{ code: 'social-history' }] }],
        code: {
          coding: [{ system: 'http://loinc.org', code: '72166-2', display: 'Tobacco smoking status' }],
        },
        valueCodeableConcept: { coding: [{ system: SNOMED, code: '8517006', display: 'Ex-smoker' }] },
        effectiveDateTime: '2024-03-02',
      } as AnyResource,
    ]);
    const s = section(xml, '29762-2');
    expect(s).toContain('<templateId root="2.16.840.1.113883.10.20.22.4.78" extension="2014-06-09"/>');
    expect(s).toContain('<code code="72166-2" codeSystem="2.16.840.1.113883.6.1"');
    expect(s).toMatch(/<value xsi:type="CD" code="8517006" codeSystem="2.16.840.1.113883.6.96"/);
  });

  it('names the care team from the visits and gives the office to contact', () => {
    const { xml, html } = build([
      {
        resourceType: 'Encounter',
        id: 'visit',
        status: 'finished',
        period: { start: '2024-05-01T09:00:00-05:00', end: '2024-05-01T09:30:00-05:00' },
        participant: [{ individual: { reference: 'Practitioner/dr-ruiz', display: 'Dr. Ana Ruiz' } }],
        location: [{ location: { reference: 'Location/north', display: 'North Clinic' } }],
      } as AnyResource,
    ]);
    const s = section(xml, '85847-2');
    expect(s).toContain('<name>Dr. Ana Ruiz</name>');
    expect(s).toContain('value="tel:+1-555-010-4402"');
    expect(html).toContain('North Clinic, 45 Oak Avenue, Riverbend, IL 60902');
  });
});

describe('text that must survive', () => {
  it('escapes markup characters and quotes, keeps non-Latin letters, drops characters XML cannot hold', () => {
    expect(escapeText('a < b & c > d')).toBe('a &lt; b &amp; c &gt; d');
    expect(escapeAttr(`"O'Neil"`)).toBe('&quot;O&apos;Neil&quot;');
    expect(escapeText('Villaseñor 李\u0001')).toBe('Villaseñor 李');
    expect(escapeText('a\uD800b 😀 \uFFFE')).toBe('ab 😀 ');
  });

  it('keeps a patient named with <, &, quotes and accents as written, in the XML and the page', () => {
    const name = { use: 'official', given: ['Zoë "Z"'], family: `Villaseñor <O'Brien> & 李` };
    const out = buildCcd({
      resources: [
        patient({ name: [name] }),
        {
          resourceType: 'Condition',
          id: 'c',
          code: {
            text: '<script>alert(1)</script> & "pain"',
            coding: [{ system: SNOMED, code: '22253000', display: 'Pain & "ache"' }],
          },
        } as AnyResource,
      ],
      practice: DEMO_PRACTICE,
      generatedAt: AT,
      documentId: DOC_ID,
      selection: { kind: 'all' },
    });
    expect(out.xml).toContain("<family>Villaseñor &lt;O'Brien&gt; &amp; 李</family>");
    expect(out.xml).toContain('displayName="Pain &amp; &quot;ache&quot;"');
    expect(out.xml).not.toContain('<script>');
    expect(out.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; "pain"');
    expect(out.html).not.toMatch(/<script/i);
  });
});

describe('sections with no data', () => {
  it('says so in words, with nullFlavor="NI" where the section requires entries', () => {
    const { xml, html, counts } = build([]);
    for (const code of [
      '48765-2',
      '10160-0',
      '11450-4',
      '11369-6',
      '47519-4',
      '30954-2',
      '8716-3',
      '46240-8',
      '61146-7',
      '75310-3',
    ]) {
      const s = section(xml, code);
      expect(s.startsWith('<section nullFlavor="NI">'), code).toBe(true);
      expect(s).toMatch(/<text><paragraph>No [^<]+ recorded for the selected dates\.<\/paragraph><\/text>/);
      expect(s).not.toContain('<entry');
    }
    // Plan of treatment and social history may be empty without a nullFlavor: their entries are optional.
    expect(section(xml, '18776-5')).toMatch(/^<section>/);
    expect(section(xml, '29762-2')).toContain('No smoking status or other social history is recorded');
    expect(html).toContain('No allergies or intolerances are recorded for the selected dates.');
    expect(Object.values(counts).every((n) => n === 0)).toBe(true);
  });
});

describe('the document itself', () => {
  it('is a C-CDA R2.1 CCD titled Consolidated Clinical Summary, the same for the same input', () => {
    const first = build([vaccine('a', '2021-09-14')]);
    expect(first.xml).toContain('<templateId root="2.16.840.1.113883.10.20.22.1.1" extension="2015-08-01"/>');
    expect(first.xml).toContain('<templateId root="2.16.840.1.113883.10.20.22.1.2" extension="2015-08-01"/>');
    expect(first.xml).toContain('<title>Consolidated Clinical Summary</title>');
    expect(first.xml).toContain(`<id root="${DOC_ID}"/>`);
    expect(first.xml).toContain('<effectiveTime value="20261204093000-0600"/>');
    expect(build([vaccine('a', '2021-09-14')])).toEqual(first);
  });

  it('refuses a document id that is not a UUID and a record without exactly one patient', () => {
    expect(() =>
      buildCcd({
        resources: [patient()],
        practice: DEMO_PRACTICE,
        generatedAt: AT,
        documentId: 'doc-1',
        selection: { kind: 'all' },
      }),
    ).toThrow(RangeError);
    expect(() =>
      buildCcd({
        resources: [],
        practice: DEMO_PRACTICE,
        generatedAt: AT,
        documentId: DOC_ID,
        selection: { kind: 'all' },
      }),
    ).toThrow(RangeError);
  });

  it('reads as a page with a heading per section and real tables, and loads nothing from anywhere', () => {
    const { html } = build([vaccine('a', '2021-09-14')]);
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="en">/);
    expect(html).toContain('<h1>Consolidated Clinical Summary</h1>');
    expect(html.match(/<h2 id="section-[a-zA-Z]+">/g)?.length).toBe(14);
    expect(html).toContain('<caption>Immunizations</caption>');
    expect(html).toContain('<th scope="col">Vaccine</th>');
    expect(html).toContain('<th scope="row">Influenza, seasonal, injectable</th>');
    expect(html).toContain('<dt>Patient</dt><dd>Amara Okafor</dd>');
    expect(html).not.toMatch(/<script|<link|<img|<iframe|src=|url\(|@import/i);
  });
});

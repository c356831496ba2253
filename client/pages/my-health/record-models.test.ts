// FHIR values in patients' words (core/fhir/text.ts): concepts, codes, quantities and ranges, dosage, references,
// statuses and flags; and the pure record models behind the views.
import { describe, expect, it } from 'vitest';
import { RecordIndex } from '../../../core/fhir/record-index';
import {
  codeIn,
  codingBySystem,
  conceptText,
  dosageText,
  interpretationText,
  observationValueText,
  patientText,
  quantityText,
  rangeText,
  referenceRangeText,
  referenceText,
  resultFlag,
  SYSTEM,
  statusText,
  timingText,
  unitText,
} from '../../../core/fhir/text';
import type { AnyResource, Observation, RecordResource } from '../../../core/fhir/types';
import { FRAME_POLICY, withFramePolicy } from '../../components/frame-policy';
import { filterDocuments, recordDocuments } from './documents';
import { medications, problems, vitalSigns } from './history-sections';
import { resultsModel } from './test-results';
import { observationTrend, trendSummary } from './trend-data';

describe('concepts and codes', () => {
  const concept = {
    coding: [
      { system: 'http://snomed.info/sct', code: '38341003', display: 'Hypertensive disorder (disorder)' },
      { system: 'http://hl7.org/fhir/sid/cvx', code: '140', display: 'Influenza' },
    ],
  };

  it('uses the text, else the first display, else the code', () => {
    expect(conceptText({ text: 'High blood pressure', coding: concept.coding })).toBe('High blood pressure');
    expect(conceptText(concept)).toBe('Hypertensive disorder (disorder)');
    expect(conceptText({ coding: [{ code: '1234' }] })).toBe('1234');
    expect(conceptText(undefined, 'Unknown')).toBe('Unknown');
  });

  it('drops the SNOMED CT semantic tag patients would not understand', () => {
    expect(patientText(concept)).toBe('Hypertensive disorder');
    expect(patientText({ text: 'Every four to six hours (qualifier value)' })).toBe(
      'Every four to six hours',
    );
    expect(patientText({ text: 'Tylenol (brand)' })).toBe('Tylenol (brand)');
  });

  it('finds codings by system', () => {
    expect(codingBySystem(concept, SYSTEM.cvx)?.display).toBe('Influenza');
    expect(codeIn(concept, SYSTEM.snomed)).toBe('38341003');
    expect(codeIn(concept, SYSTEM.loinc)).toBeUndefined();
    expect(codeIn({ coding: [{ system: 'http://loinc.org/', code: '2093-3' }] }, SYSTEM.loinc)).toBe(
      '2093-3',
    );
  });
});

describe('quantities and ranges', () => {
  it('writes values with readable units', () => {
    expect(quantityText({ value: 120, unit: 'mm[Hg]' })).toBe('120 mmHg');
    expect(quantityText({ value: 37.25, unit: 'Cel' })).toBe('37.25 °C');
    expect(quantityText({ value: 98, unit: '%' })).toBe('98%');
    expect(quantityText({ value: 72, unit: '/min' })).toBe('72/min');
    expect(quantityText({ value: 178.583, unit: 'mg/dL' })).toBe('178.58 mg/dL');
    expect(quantityText({ value: 5, comparator: '<', unit: 'mg/L' })).toBe('<5 mg/L');
    expect(quantityText({ value: 3, unit: '{score}' })).toBe('3');
    expect(quantityText({ value: 7.2, code: '10*3/uL' })).toBe('7.2 × 10³/µL');
    expect(quantityText({ unit: 'mg' })).toBe('');
    expect(unitText('ug/dL')).toBe('µg/dL');
  });

  it('writes reference ranges in words', () => {
    expect(rangeText({ low: { value: 70, unit: 'mg/dL' }, high: { value: 99, unit: 'mg/dL' } })).toBe(
      '70–99 mg/dL',
    );
    expect(rangeText({ high: { value: 200, unit: 'mg/dL' } })).toBe('up to 200 mg/dL');
    expect(rangeText({ low: { value: 60, unit: 'mL/min/{1.73_m2}' } })).toBe('at least 60 mL/min/1.73 m²');
    expect(rangeText({ text: 'Negative' })).toBe('Negative');
    expect(
      referenceRangeText([
        { low: { value: 1 }, high: { value: 2 } },
        { low: { value: 2 }, high: { value: 3 }, type: { text: 'Therapeutic' } },
      ]),
    ).toBe('1–2; Therapeutic: 2–3');
  });

  it('reads blood pressure from its components', () => {
    const bp: Observation = {
      resourceType: 'Observation',
      component: [
        {
          code: { coding: [{ system: SYSTEM.loinc, code: '8462-4' }] },
          valueQuantity: { value: 82, unit: 'mm[Hg]' },
        },
        {
          code: { coding: [{ system: SYSTEM.loinc, code: '8480-6' }] },
          valueQuantity: { value: 126, unit: 'mm[Hg]' },
        },
      ],
    };
    expect(observationValueText(bp)).toBe('126/82 mmHg');
    expect(
      observationValueText({
        resourceType: 'Observation',
        valueCodeableConcept: { text: 'Negative (qualifier value)' },
      }),
    ).toBe('Negative');
  });
});

describe('dosage', () => {
  it('prefers Dosage.text, then builds dose, route and timing', () => {
    expect(dosageText({ text: 'Take 1 tablet at bedtime' })).toBe('Take 1 tablet at bedtime');
    expect(
      dosageText({
        doseAndRate: [{ doseQuantity: { value: 2, unit: 'puffs' } }],
        route: { text: 'Respiratory tract route (qualifier value)' },
        timing: { repeat: { frequency: 4, period: 1, periodUnit: 'd' } },
        asNeededBoolean: true,
      }),
    ).toBe('Take 2 puffs inhaled, 4 times a day, as needed');
    expect(
      dosageText({
        doseAndRate: [{ doseQuantity: { value: 1, unit: 'tablet' } }],
        timing: { code: { coding: [{ code: 'BID' }] } },
      }),
    ).toBe('Take 1 tablet, twice a day');
  });

  it('says how often', () => {
    expect(timingText({ repeat: { frequency: 1, period: 1, periodUnit: 'd' } })).toBe('once a day');
    expect(timingText({ repeat: { frequency: 1, period: 4, periodMax: 6, periodUnit: 'h' } })).toBe(
      'every 4–6 hours',
    );
    expect(timingText({ repeat: { frequency: 1, period: 1, periodUnit: 'h' } })).toBe('once an hour');
  });
});

describe('references, statuses and flags', () => {
  const index = new RecordIndex([
    {
      resourceType: 'Practitioner',
      id: 'p1',
      name: [{ prefix: ['Dr.'], given: ['Ana'], family: 'Silva' }],
    } as AnyResource,
  ]);

  it('uses the display, else the name of the resource referred to', () => {
    expect(referenceText({ reference: 'Practitioner/p1', display: 'Dr. A. Silva' }, index)).toBe(
      'Dr. A. Silva',
    );
    expect(referenceText({ reference: 'Practitioner/p1' }, index)).toBe('Dr. Ana Silva');
    expect(referenceText({ reference: 'urn:uuid:p1' }, index)).toBe('Dr. Ana Silva');
    expect(referenceText({ reference: 'https://ehr.example/fhir/Practitioner/p1' }, index)).toBe(
      'Dr. Ana Silva',
    );
    expect(referenceText({ reference: 'Practitioner/unknown' }, index)).toBe('');
  });

  it('writes statuses in words', () => {
    expect(statusText('on-hold')).toBe('On hold');
    expect(statusText('resolved')).toBe('Resolved');
    expect(statusText('entered-in-error')).toBe('Entered in error');
    expect(statusText('something-new')).toBe('Something new');
  });

  it('turns interpretation codes into flags', () => {
    expect(interpretationText('HH')).toBe('Critical high');
    expect(resultFlag([{ coding: [{ system: SYSTEM.interpretation, code: 'H' }] }])).toEqual({
      code: 'H',
      text: 'High',
      level: 'abnormal',
      direction: 'high',
    });
    expect(resultFlag([{ coding: [{ code: 'LL' }] }])?.level).toBe('critical');
    expect(resultFlag([{ coding: [{ code: 'N' }] }])?.text).toBe('Normal');
    expect(resultFlag([{ text: 'Borderline' }])).toEqual({ code: '', text: 'Borderline', level: 'info' });
    expect(resultFlag(undefined)).toBeUndefined();
  });
});

describe('record models', () => {
  const condition = (id: string, status: string, onset: string) =>
    ({
      resourceType: 'Condition',
      id,
      clinicalStatus: { coding: [{ code: status }] },
      code: { text: id },
      onsetDateTime: onset,
    }) as AnyResource;

  it('puts active problems first and keeps the newest on top', () => {
    const split = problems(
      new RecordIndex([
        condition('old-active', 'active', '2010-01-01'),
        condition('resolved', 'resolved', '2024-01-01'),
        condition('new-active', 'recurrence', '2020-01-01'),
      ]),
    );
    expect(split.current.map((c) => c.id)).toEqual(['new-active', 'old-active']);
    expect(split.past.map((c) => c.id)).toEqual(['resolved']);
  });

  it('counts active and on-hold medications as current', () => {
    const med = (id: string, status: string) =>
      ({
        resourceType: 'MedicationRequest',
        id,
        status,
        medicationCodeableConcept: { text: id },
      }) as AnyResource;
    const split = medications(
      new RecordIndex([med('a', 'active'), med('b', 'on-hold'), med('c', 'stopped'), med('d', 'completed')]),
    );
    expect(split.current.map((m) => m.id).sort()).toEqual(['a', 'b']);
    expect(split.past.map((m) => m.id).sort()).toEqual(['c', 'd']);
  });

  it('finds the latest vital sign of each kind', () => {
    const weight = (id: string, value: number, date: string) =>
      ({
        resourceType: 'Observation',
        id,
        status: 'final',
        category: [{ coding: [{ code: 'vital-signs' }] }],
        code: { coding: [{ system: SYSTEM.loinc, code: '29463-7' }] },
        effectiveDateTime: date,
        valueQuantity: { value, unit: 'kg' },
      }) as AnyResource;
    const groups = vitalSigns(
      new RecordIndex([weight('w1', 70, '2020-01-01'), weight('w2', 72, '2024-01-01')]),
    );
    expect(groups.map((g) => g.kind.label)).toEqual(['Weight']);
    expect(groups[0]!.readings[0]!.id).toBe('w2');
  });

  it('groups thousands of results by analyte in one pass', () => {
    const many: (RecordResource | AnyResource)[] = [];
    for (let i = 0; i < 6000; i++)
      many.push({
        resourceType: 'Observation',
        id: `o${i}`,
        status: 'final',
        category: [{ coding: [{ code: 'laboratory' }] }],
        code: { coding: [{ system: SYSTEM.loinc, code: i % 3 === 0 ? '2345-7' : '2093-3' }] },
        effectiveDateTime: new Date(Date.UTC(2015, 0, 1) + i * 3_600_000).toISOString(),
        valueQuantity: { value: i % 200, unit: 'mg/dL' },
      } as AnyResource);
    const started = performance.now();
    const model = resultsModel(many);
    expect(performance.now() - started).toBeLessThan(500);
    expect(model.entries).toHaveLength(6000);
    expect(model.entries[0]!.key).toBe('obs:o5999');
    expect(model.analytes.get('loinc:2345-7')).toHaveLength(2000);
    const glucose = model.analytes.get('loinc:2345-7')!;
    expect(glucose[0]!.id).toBe('o0');
    expect(glucose.at(-1)!.id).toBe('o5997');
  });

  it('summarises a trend for screen readers', () => {
    const obs = (id: string, value: number, date: string, flag?: string) =>
      ({
        resourceType: 'Observation',
        id,
        code: { text: 'Cholesterol' },
        effectiveDateTime: date,
        valueQuantity: { value, unit: 'mg/dL' },
        referenceRange: [{ high: { value: 200, unit: 'mg/dL' } }],
        ...(flag ? { interpretation: [{ coding: [{ code: flag }] }] } : {}),
      }) as Observation;
    const data = observationTrend('Cholesterol', [
      obs('b', 230, '2024-02-01', 'H'),
      obs('a', 180, '2022-01-10'),
    ]);
    expect(trendSummary(data)).toBe(
      'Cholesterol: 2 results from Jan 10, 2022 to Feb 1, 2024, ranging from 180 to 230 mg/dL. Latest: 230 mg/dL (High) on Feb 1, 2024. Normal range: up to 200 mg/dL.',
    );
  });

  it('lists a report filed as a document once, and filters documents by the day written in their date', () => {
    const data = btoa('Visit note');
    const resources = [
      {
        resourceType: 'DocumentReference',
        id: 'd1',
        identifier: [{ value: 'urn:uuid:r1' }],
        type: { coding: [{ system: SYSTEM.loinc, code: '34117-2', display: 'History and physical note' }] },
        date: '2024-10-31T02:00:00+05:30',
        content: [{ attachment: { contentType: 'text/plain', data } }],
      },
      {
        resourceType: 'DiagnosticReport',
        id: 'r1',
        code: { coding: [{ system: SYSTEM.loinc, code: '34117-2' }] },
        presentedForm: [{ contentType: 'text/plain', data }],
      },
    ] as (RecordResource | AnyResource)[];
    const docs = recordDocuments(resources);
    expect(docs).toHaveLength(1);
    expect(docs[0]!.kind).toBe('care-summary');
    // 02:00 +05:30 is 30 October in UTC and in Chicago; the note was written on 31 October.
    expect(filterDocuments(docs, { from: '2024-10-31', to: '2024-10-31' })).toHaveLength(1);
    expect(filterDocuments(docs, { to: '2024-10-30' })).toHaveLength(0);
    expect(filterDocuments(docs, { from: '2024-11-01' })).toHaveLength(0);
  });

  it('puts the frame policy first in a document, after its doctype', () => {
    expect(withFramePolicy('<p>Hi</p>')).toBe(`${FRAME_POLICY}<p>Hi</p>`);
    expect(withFramePolicy('<!DOCTYPE html><html><p>Hi</p></html>')).toBe(
      `<!DOCTYPE html>${FRAME_POLICY}<html><p>Hi</p></html>`,
    );
  });
});

// The HL7 C-CDA R2.1 Schematron on every patient's summary: no SHALL is broken. The validator
// (cda-schematron-validator) cannot evaluate the value-set asserts that read the vocabulary file
// (voc.xml, not shipped with the Schematron) nor the "compatible R1.1 templateId" rule; it reports
// them as ignored, and the R1.1 rule is checked here by hand.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildCcd, type DateSelection } from '../../../core/ccda/index';
import type { AnyResource } from '../../../core/fhir/types';
import { DEMO_PRACTICE } from '../../../core/practice';
import { demoRecords, type PatientRecord, syntheaRecords } from './test-records';
import { SHARED_DATA, schematronCheck } from './test-validators';

const BIG = 'demo older-adult';
const RECORDS: PatientRecord[] = [...syntheaRecords(), ...demoRecords()];
// Schematron over a 10 MB document takes minutes: the older adult's last 90 days stand in for it.
const CASES: { name: string; resources: AnyResource[]; selection: DateSelection }[] = RECORDS.map((r) => ({
  name: r.name === BIG ? `${r.name}, last 90 days` : r.name,
  resources: r.resources,
  selection: r.name === BIG ? { kind: 'range', from: '2026-08-26', to: '2026-11-24' } : { kind: 'all' },
}));

const generate = (resources: AnyResource[], selection: DateSelection) =>
  buildCcd({
    resources,
    practice: DEMO_PRACTICE,
    generatedAt: '2026-12-04T09:30:00-06:00',
    documentId: '0f8fad5b-d9cb-469f-a165-70867728950e',
    selection,
  }).xml;

const SLOW = 120_000;

/** The R2.1 templateIds (root:extension) that must come with their R1.1 root, from the Schematron itself. */
function r21TemplatesWithR11(): string[] {
  const sch = readFileSync(
    `${SHARED_DATA}/cda-schema/schematron/Consolidated CDA Templates for Clinical Notes (US Realm) DSTU R2.1.sch`,
    'utf8',
  );
  const rule =
    /<sch:pattern id="hasCompatibleR1\.1TemplateId">\s*<sch:rule context="\/\/cda:templateId\[contains\('([^']+)'/.exec(
      sch,
    );
  if (!rule?.[1]) throw new Error('The R1.1 compatibility rule was not found in the Schematron');
  return rule[1].trim().split(/\s+/);
}

describe.each(CASES)('the summary of $name, under the C-CDA R2.1 Schematron', ({ resources, selection }) => {
  it(
    'breaks no SHALL of the Schematron',
    () => {
      const result = schematronCheck(generate(resources, selection));
      expect(result.errors.map((e) => `${e.description.trim()} @ ${e.context}`)).toEqual([]);
    },
    SLOW,
  );

  it('carries the R1.1 templateId beside every R2.1 one that replaced it', () => {
    const xml = generate(resources, selection);
    for (const pair of r21TemplatesWithR11()) {
      const [root, extension] = pair.split(':');
      const versioned = xml.split(`<templateId root="${root}" extension="${extension}"/>`).length - 1;
      const withR11 =
        xml.split(`<templateId root="${root}"/><templateId root="${root}" extension="${extension}"/>`)
          .length - 1;
      expect(withR11, pair).toBe(versioned);
    }
  });
});

describe('the Schematron check itself', () => {
  it(
    'finds the errors of a document that breaks the US Realm Header',
    () => {
      const record = RECORDS.find((r) => r.name === 'demo teen-15');
      if (!record) throw new Error('The demo teen is missing');
      const broken = generate(record.resources, { kind: 'all' })
        .replace('<realmCode code="US"/>', '')
        .replace('<title>Consolidated Clinical Summary</title>', '');
      const result = schematronCheck(broken);
      expect(result.errorCount).toBeGreaterThan(0);
      expect(result.errors.some((e) => e.description.includes('realmCode'))).toBe(true);
    },
    SLOW,
  );
});

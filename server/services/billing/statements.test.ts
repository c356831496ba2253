// Billing statements from stored claims: what a patient (or a Billing only family member) is told
// they were charged, what insurance paid and what they owe, and that nothing clinical comes along.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BillingStatementLine } from '../../../core/billing';
import type { Json } from '../../../core/json';
import { STATEMENT_KEYS } from '../../test-support/billing';
import { clinicalTexts } from '../../test-support/clinical-texts';
import { importBundle } from '../records/import-bundle';
import { createResourceStore, type FhirResource, type ResourceStore } from '../records/store';
import { openTestDb, type TestDb } from '../records/test-db';
import { billingStatements, billingSummary } from './statements';

const SYNTHEA = fileURLToPath(new URL('../../../../shared/data/fhir/synthea-2024-wasee11', import.meta.url));
const BIG_BUNDLE = `${SYNTHEA}/adult-45y-M-large_Daniel959_Villasenor332.json`;

let t: TestDb;
let store: ResourceStore;
beforeAll(() => {
  t = openTestDb();
  store = createResourceStore(t.db);
});
afterAll(() => t.dispose());

describe('statements of an imported Synthea patient', () => {
  let patientId: string;
  let bundle: { entry: { resource: Json }[] };
  let lines: BillingStatementLine[];

  beforeAll(() => {
    for (const file of ['hospitalInformation.json', 'practitionerInformation.json'])
      importBundle(t.db, readFileSync(`${SYNTHEA}/${file}`, 'utf8'), store);
    const text = readFileSync(BIG_BUNDLE, 'utf8');
    bundle = JSON.parse(text);
    patientId = importBundle(t.db, text, store).patientIds[0] ?? '';
    lines = billingStatements(store, patientId);
  });

  const inBundle = (type: string) =>
    bundle.entry.map((e) => e.resource).filter((r) => r.resourceType === type);

  it('lists one processed line per ExplanationOfBenefit, newest first, with the contract’s fields only', () => {
    expect(lines).toHaveLength(inBundle('ExplanationOfBenefit').length);
    // Every Synthea claim has its EOB: nothing waits.
    expect(lines.every((line) => line.status === 'processed')).toBe(true);
    for (const line of lines) {
      expect(Object.keys(line).sort()).toEqual(STATEMENT_KEYS);
      expect(line.serviceDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(line.currency).toBe('USD');
      // Every cent of the charge is accounted for once the payer answered.
      if (line.status === 'processed')
        expect(
          line.insurancePaidCents + line.adjustmentCents + line.patientPaidCents + line.patientOwesCents,
        ).toBe(line.chargedCents);
      for (const cents of [line.chargedCents, line.insurancePaidCents, line.patientOwesCents])
        expect(Number.isInteger(cents) && cents >= 0).toBe(true);
    }
    const dates = lines.map((line) => line.serviceDate);
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it('names the payer, Self-pay for NO_INSURANCE, and an uninsured patient owes the whole charge', () => {
    const insurers = new Set(lines.map((line) => line.insurer));
    expect(insurers).toEqual(new Set(['Self-pay', 'UnitedHealthcare']));
    const selfPay = lines.filter((line) => line.insurer === 'Self-pay');
    expect(selfPay).toHaveLength(
      inBundle('ExplanationOfBenefit').filter((e) => (e.insurer as Json).display === 'NO_INSURANCE').length,
    );
    for (const line of selfPay) {
      expect(line.insurancePaidCents).toBe(0);
      expect(line.patientOwesCents).toBe(line.chargedCents);
    }
    expect(JSON.stringify(lines)).not.toContain('NO_INSURANCE');
  });

  it('reads the adjudicated lines: charged, paid by the payer and the coinsurance left to the patient', () => {
    // Synthea's header total (1001.28) is the encounter's base cost; its lines adjudicate 2813.82.
    const line = lines.find((l) => l.id === '65efc235-60a7-6fde-5754-136e47ec04e9');
    expect(line).toEqual({
      id: '65efc235-60a7-6fde-5754-136e47ec04e9',
      // 2015-03-16T05:19:06+05:30: the day the source wrote, though Chicago was still on the 15th.
      serviceDate: '2015-03-16',
      facility: 'SKIN WELLNESS PHYSICIANS LLC',
      billedBy: expect.stringMatching(/^Dr\. \S+ \S+$/),
      insurer: 'UnitedHealthcare',
      currency: 'USD',
      chargedCents: 281_382,
      insurancePaidCents: 225_106,
      adjustmentCents: 0,
      patientPaidCents: 0,
      // Coinsurance 562.78, capped at what the payer left: its payment (0.8 of the lines before
      // rounding) came out two cents above the rounded line payments.
      patientOwesCents: 56_276,
      status: 'processed',
    });
  });

  it('names the billing provider from the practice directory when the claim gives only a reference', () => {
    expect(lines.every((line) => /^Dr\. /.test(line.billedBy))).toBe(true);
    expect(lines.every((line) => line.facility !== '')).toBe(true);
  });

  it('carries none of the bundle’s clinical texts: services, diagnoses, procedures, encounter types', () => {
    const texts = clinicalTexts(bundle.entry.map((e) => e.resource));
    // The texts this bundle's claims carry in their items, and its conditions and procedures.
    for (const type of ['Condition', 'Procedure'])
      for (const resource of inBundle(type))
        expect(texts).toContain((resource.code as { text: string }).text);
    for (const eob of inBundle('ExplanationOfBenefit'))
      for (const item of eob.item as { productOrService: { text: string } }[])
        expect(texts).toContain(item.productOrService.text);
    expect(texts.size).toBeGreaterThan(100);
    const answer = JSON.stringify(billingSummary({ store, now: () => new Date() }, patientId));
    const leaked = [...texts].filter((text) => answer.includes(text));
    expect(leaked).toEqual([]);
  });
});

describe('statement rules', () => {
  const patientId = 'bill-pat';
  const other = 'bill-other';
  const put = (resource: Json) => store.put(resource as FhirResource);

  const money = (value: number) => ({ value, currency: 'USD' });
  const adjudication = (
    code: string,
    value: number,
    system = 'http://terminology.hl7.org/CodeSystem/adjudication',
  ) => ({
    category: { coding: [{ system, code }] },
    amount: money(value),
  });
  const carin = (code: string, value: number) =>
    adjudication(code, value, 'http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBAdjudication');
  const item = (extra: Json = {}) => ({
    sequence: 1,
    productOrService: {
      coding: [
        { system: 'http://snomed.info/sct', code: '444814009', display: 'Viral sinusitis (disorder)' },
      ],
      text: 'Viral sinusitis (disorder)',
    },
    ...extra,
  });
  const eob = (id: string, extra: Json): Json => ({
    resourceType: 'ExplanationOfBenefit',
    id,
    status: 'active',
    use: 'claim',
    outcome: 'complete',
    patient: { reference: `Patient/${patientId}` },
    created: '2025-06-20T10:00:00-05:00',
    insurer: { display: 'Aetna' },
    diagnosis: [{ sequence: 1, diagnosisCodeableConcept: { text: 'Major depressive disorder' } }],
    ...extra,
  });
  const claim = (id: string, extra: Json): Json => ({
    resourceType: 'Claim',
    id,
    status: 'active',
    use: 'claim',
    patient: { reference: `Patient/${patientId}` },
    created: '2025-06-01T18:00:00-05:00',
    insurance: [{ sequence: 1, focal: true, coverage: { display: 'Aetna' } }],
    procedure: [{ sequence: 1, procedureCodeableConcept: { text: 'Psychotherapy, 60 minutes' } }],
    ...extra,
  });

  let lines: BillingStatementLine[];
  const line = (id: string) => lines.find((l) => l.id === id);

  beforeAll(() => {
    put({ resourceType: 'Patient', id: patientId });
    put({ resourceType: 'Patient', id: other });
    put({
      resourceType: 'Practitioner',
      id: 'bill-dr',
      name: [{ prefix: ['Dr.'], given: ['Ines'], family: 'Varga' }],
    });
    put({ resourceType: 'Location', id: 'bill-office', name: 'Harbor Office' });
    // A Location in someone's own record is never a directory name.
    put({
      resourceType: 'Location',
      id: 'bill-private',
      name: 'Home of the patient',
      subject: { reference: `Patient/${patientId}` },
    });

    // A processed claim with CARIN header totals: the copay was paid at the desk.
    put(claim('c-carin', { total: money(250) }));
    put(
      eob('e-carin', {
        claim: { reference: 'Claim/c-carin' },
        billablePeriod: { start: '2025-06-02T09:00:00-05:00' },
        provider: { reference: 'Practitioner/bill-dr' },
        facility: { reference: 'Location/bill-office' },
        item: [item({ servicedDate: '2025-06-02', adjudication: [adjudication('submitted', 250)] })],
        total: [
          adjudication('submitted', 250),
          adjudication('eligible', 150),
          adjudication('benefit', 95),
          adjudication('copay', 25),
          carin('coinsurance', 30),
          carin('memberliability', 55),
          carin('paidbypatient', 25),
        ],
        payment: { amount: money(95) },
      }),
    );
    // Blue Button line adjudications only, as Synthea writes them, and no header share.
    const bb = (name: string, value: number) =>
      adjudication(
        `https://bluebutton.cms.gov/resources/variables/${name}`,
        value,
        'https://bluebutton.cms.gov/resources/codesystem/adjudication',
      );
    put(
      eob('e-lines', {
        billablePeriod: { start: '2025-05-01T02:00:00Z' },
        provider: { reference: 'Practitioner/nobody' },
        careTeam: [
          {
            sequence: 1,
            provider: { reference: 'Practitioner/bill-dr' },
            role: { coding: [{ code: 'primary' }] },
          },
        ],
        facility: { reference: 'Location/bill-private' },
        item: [
          item({
            adjudication: [
              bb('line_sbmtd_chrg_amt', 100),
              bb('line_prvdr_pmt_amt', 60),
              bb('line_coinsrnc_amt', 15),
              bb('line_bene_ptb_ddctbl_amt', 10.005),
            ],
          }),
          item({
            sequence: 2,
            adjudication: [
              bb('line_sbmtd_chrg_amt', 20),
              bb('line_prvdr_pmt_amt', 16),
              bb('line_coinsrnc_amt', 4),
            ],
          }),
        ],
        total: [adjudication('submitted', 90)],
      }),
    );
    // Self-pay through a contained Coverage of the self-pay type.
    put(
      eob('e-self', {
        billablePeriod: { start: '2025-04-10' },
        insurer: undefined,
        contained: [
          {
            resourceType: 'Coverage',
            id: 'cov',
            status: 'active',
            type: {
              coding: [{ system: 'http://terminology.hl7.org/CodeSystem/coverage-selfpay', code: 'pay' }],
            },
            payor: [{ reference: `Patient/${patientId}` }],
          },
        ],
        insurance: [{ focal: true, coverage: { reference: '#cov' } }],
        total: [adjudication('submitted', 180)],
        payment: { amount: money(144) },
      }),
    );
    // Cancelled: listed, owes nothing. Entered in error: gone, and its claim waits again.
    put(
      eob('e-cancelled', {
        status: 'cancelled',
        billablePeriod: { start: '2025-03-01' },
        total: [adjudication('submitted', 300), carin('memberliability', 300)],
      }),
    );
    put(claim('c-mistake', { billablePeriod: { start: '2025-02-01' }, total: money(120) }));
    put(
      eob('e-mistake', {
        status: 'entered-in-error',
        claim: { reference: 'Claim/c-mistake' },
        total: [adjudication('submitted', 120), carin('memberliability', 120)],
      }),
    );
    // Waiting: a claim the payer has not answered (charge from its items' nets), an EOB still queued.
    put(
      claim('c-waiting', {
        billablePeriod: { start: '2025-07-01T10:00:00-05:00' },
        item: [item({ net: money(80) }), item({ sequence: 2, net: money(45.5) })],
      }),
    );
    put(
      eob('e-queued', {
        outcome: 'queued',
        billablePeriod: { start: '2025-07-02' },
        total: [adjudication('submitted', 60), carin('memberliability', 60)],
      }),
    );
    // Not bills: a pre-authorization, a draft claim.
    put(
      eob('e-preauth', {
        use: 'preauthorization',
        billablePeriod: { start: '2025-07-03' },
        total: [adjudication('submitted', 999)],
      }),
    );
    put(claim('c-draft', { status: 'draft', billablePeriod: { start: '2025-07-04' }, total: money(999) }));
    // Someone else's claim.
    put({ ...claim('c-other', { total: money(500) }), patient: { reference: `Patient/${other}` } });

    lines = billingStatements(store, patientId);
  });

  it('lists each claim once: an answered claim by its EOB, an unanswered one as pending', () => {
    expect(lines.map((l) => l.id)).toEqual([
      'e-queued',
      'c-waiting',
      'e-carin',
      'e-lines',
      'e-self',
      'e-cancelled',
      'c-mistake',
    ]);
  });

  it('takes the header totals: charged, the benefit, the patient’s share less what they paid at the desk', () => {
    expect(line('e-carin')).toEqual({
      id: 'e-carin',
      serviceDate: '2025-06-02',
      facility: 'Harbor Office',
      billedBy: 'Dr. Ines Varga',
      insurer: 'Aetna',
      currency: 'USD',
      chargedCents: 25_000,
      insurancePaidCents: 9_500,
      // Eligible 150 of 250: the payer's contract takes 100 off.
      adjustmentCents: 10_000,
      // The copay taken at the desk.
      patientPaidCents: 2_500,
      patientOwesCents: 3_000,
      status: 'processed',
    });
  });

  it('adds line adjudications when there are no header figures, and the larger of two charges', () => {
    expect(line('e-lines')).toMatchObject({
      // 02:00 UTC on 1 May is the day written, though still 30 April in Chicago.
      serviceDate: '2025-05-01',
      // Never a name from the patient's own record; the primary care team member bills.
      facility: '',
      billedBy: 'Dr. Ines Varga',
      chargedCents: 12_000,
      insurancePaidCents: 7_600,
      // 15 + 10.01 + 4 (10.005 rounds half up to whole cents)
      patientOwesCents: 2_901,
    });
  });

  it('bills the whole charge to a self-pay patient, whatever the claim calls a payment', () => {
    expect(line('e-self')).toMatchObject({
      serviceDate: '2025-04-10',
      insurer: 'Self-pay',
      chargedCents: 18_000,
      insurancePaidCents: 0,
      patientOwesCents: 18_000,
      status: 'processed',
    });
  });

  it('asks nothing yet for a claim that waits, nor for a cancelled one', () => {
    expect(line('c-waiting')).toMatchObject({
      status: 'pending',
      chargedCents: 12_550,
      insurancePaidCents: 0,
      patientOwesCents: 0,
      insurer: 'Aetna',
      serviceDate: '2025-07-01',
    });
    expect(line('c-mistake')).toMatchObject({
      status: 'pending',
      chargedCents: 12_000,
      patientOwesCents: 0,
      serviceDate: '2025-02-01',
    });
    expect(line('e-queued')).toMatchObject({ status: 'pending', chargedCents: 6_000, patientOwesCents: 0 });
    expect(line('e-cancelled')).toMatchObject({
      status: 'cancelled',
      chargedCents: 30_000,
      insurancePaidCents: 0,
      patientOwesCents: 0,
    });
  });

  it('sums the balance over what is owed, and says when it was made', () => {
    const at = new Date('2025-08-01T12:00:00Z');
    const summary = billingSummary({ store, now: () => at }, patientId);
    expect(summary).toMatchObject({ patientId, currency: 'USD', asOf: at.toISOString() });
    expect(summary.statements).toEqual(lines);
    expect(summary.balanceCents).toBe(3_000 + 2_901 + 18_000);
    expect(summary.balanceCents).toBe(
      summary.statements
        .filter((l) => l.status !== 'cancelled')
        .reduce((sum, l) => sum + l.patientOwesCents, 0),
    );
  });

  it('never repeats what the claims say about health', () => {
    const answer = JSON.stringify(lines);
    for (const word of ['sinusitis', 'depressive', 'Psychotherapy', 'Home of the patient'])
      expect(answer).not.toContain(word);
  });

  it('answers an empty list for a patient without claims', () => {
    put({ resourceType: 'Patient', id: 'bill-none' });
    expect(billingSummary({ store, now: () => new Date() }, 'bill-none')).toMatchObject({
      statements: [],
      balanceCents: 0,
      currency: 'USD',
    });
  });
});

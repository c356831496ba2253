// Billing statements over the API, as the demo family meets them: Tobi Okafor (15) sees his own,
// his aunt Grace (Full access) and his father Daniel (Billing only) see the same, and nobody else
// learns anything, not even that the record exists. Nothing clinical is ever in the answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityEvent } from '../../core/accounts';
import { type BillingSummary, billingPath } from '../../core/billing';
import { createResourceStore, type FhirResource, type ResourceStore } from '../services/records/store';
import { call } from '../test-support/accounts';
import {
  type AuthorizationFixture,
  authorizationFixture,
  type CallerName,
  sessionFor,
} from '../test-support/authorization';
import { STATEMENT_KEYS } from '../test-support/billing';
import { clinicalTexts } from '../test-support/clinical-texts';
import { DEMO_EMAIL } from '../test-support/family';

const SUMMARY_KEYS = ['asOf', 'balanceCents', 'currency', 'patientId', 'statements'];

let fx: AuthorizationFixture;
let store: ResourceStore;
let tobi: string;
beforeAll(async () => {
  fx = await authorizationFixture();
  store = createResourceStore(fx.t.db, fx.t.clock.now);
  tobi = fx.targetPatientId;
});
afterAll(() => fx.t.cleanup());

type Who = CallerName | 'daniel';

async function tokenOf(who: Who): Promise<string | undefined> {
  const account =
    who === 'daniel' ? fx.callers.billingProxy.account : who === 'anonymous' ? null : fx.callers[who].account;
  return account ? (await sessionFor(fx.t, account.id)).token : undefined;
}

async function billing(who: Who, patientId: string = tobi): Promise<Response> {
  return call(fx.t, 'GET', billingPath(patientId), undefined, { token: await tokenOf(who) });
}

async function summaryOf(who: Who, patientId: string = tobi): Promise<BillingSummary> {
  const res = await billing(who, patientId);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as BillingSummary;
}

const owed = (summary: BillingSummary) =>
  summary.statements.filter((l) => l.status !== 'cancelled').reduce((sum, l) => sum + l.patientOwesCents, 0);

describe('who sees billing statements', () => {
  it('shows Tobi his statements, newest first, and his balance, never to be cached', async () => {
    const res = await billing('patient');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const summary = (await res.json()) as BillingSummary;
    expect(Object.keys(summary).sort()).toEqual(SUMMARY_KEYS);
    expect(summary).toMatchObject({
      patientId: tobi,
      currency: 'USD',
      asOf: fx.t.clock.now().toISOString(),
    });
    // One line per visit: each claim once, by the payer's answer when there is one.
    expect(summary.statements).toHaveLength(store.listForPatient(tobi, 'Claim').length);
    expect(summary.statements.length).toBeGreaterThan(0);
    const dates = summary.statements.map((l) => l.serviceDate);
    expect(dates).toEqual([...dates].sort().reverse());
    for (const line of summary.statements) {
      expect(Object.keys(line).sort()).toEqual(STATEMENT_KEYS);
      expect(line).toMatchObject({ currency: 'USD', insurer: 'Aetna', status: 'processed' });
      expect(line.serviceDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(line.facility).not.toBe('');
      expect(line.billedBy).not.toBe('');
      // Every cent of the charge is accounted for once the payer answered.
      if (line.status === 'processed')
        expect(
          line.insurancePaidCents + line.adjustmentCents + line.patientPaidCents + line.patientOwesCents,
        ).toBe(line.chargedCents);
    }
    expect(summary.balanceCents).toBeGreaterThan(0);
    expect(summary.balanceCents).toBe(owed(summary));
  });

  it('gives his aunt with Full access and his father with Billing only access the very same answer', async () => {
    const own = await summaryOf('patient');
    expect(await summaryOf('fullProxy')).toEqual(own);
    expect(await summaryOf('billingProxy')).toEqual(own);
  });

  it('shows Daniel his own statements and those of Amara, 9, whom he has Full access to', async () => {
    const daniel = await summaryOf('daniel', 'demo-parent');
    expect(daniel.statements.length).toBeGreaterThan(0);
    expect(daniel.balanceCents).toBe(owed(daniel));
    const amara = await summaryOf('daniel', 'demo-child-9');
    expect(amara.patientId).toBe('demo-child-9');
    // Her latest visit still waits for the payer: it asks nothing yet.
    expect(amara.statements[0]).toMatchObject({
      status: 'pending',
      insurancePaidCents: 0,
      patientOwesCents: 0,
    });
  });

  it('answers an ended access, someone else’s record, staff, unknown and malformed ids with the same 404', async () => {
    const answers = await Promise.all(
      [
        billing('removedProxy'),
        billing('otherPatientProxy'),
        billing('staff'),
        billing('daniel', 'demo-rich-adult'),
        billing('daniel', 'no-such-patient'),
        billing('daniel', 'demo-dr-okonkwo'),
        call(fx.t, 'GET', '/api/patients/bad%20id!/billing', undefined, { token: await tokenOf('daniel') }),
        billing('daniel', 'x'.repeat(200)),
      ].map(async (pending) => {
        const res = await pending;
        return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
      }),
    );
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(answers[0]?.status).toBe(404);
    expect(answers[0]?.type).toBe('application/problem+json');
    expect(JSON.parse(answers[0]?.body ?? '{}')).toMatchObject({ status: 404, title: 'Not found' });
  });

  it('asks for a sign-in first, and says nothing about the record', async () => {
    for (const patientId of [tobi, 'no-such-patient']) {
      const res = await billing('anonymous', patientId);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
      expect(res.headers.get('content-type')).toBe('application/problem+json');
    }
  });
});

describe('what the statements say', () => {
  it('carries nothing clinical: no service, diagnosis, medicine, result or visit type of the record', async () => {
    const answer = await (await billing('billingProxy')).text();
    const record = store.changesSince(tobi, 0, 100_000).resources.map((r) => r.resource);
    const texts = clinicalTexts(record);
    // The claims themselves name the services and point at the diagnoses.
    const claims = record.filter(
      (r) => r.resourceType === 'Claim' || r.resourceType === 'ExplanationOfBenefit',
    );
    for (const claim of claims)
      for (const item of claim.item as { productOrService: { text: string } }[])
        expect(texts).toContain(item.productOrService.text);
    expect(texts.size).toBeGreaterThan(10);
    expect([...texts].filter((text) => answer.includes(text))).toEqual([]);
    for (const word of [
      'Condition/',
      'Encounter/',
      'diagnosis',
      'productOrService',
      'Well child',
      'procedure',
    ])
      expect(answer).not.toContain(word);
  });

  it('adds up: the balance is what the lines owe; a cancelled claim is listed but not owed, one in error not listed', async () => {
    const before = await summaryOf('patient');
    const eob = (id: string, status: string, owes: number): FhirResource => ({
      resourceType: 'ExplanationOfBenefit',
      id,
      status,
      use: 'claim',
      outcome: 'complete',
      patient: { reference: `Patient/${tobi}` },
      created: '2026-02-20T10:00:00-06:00',
      billablePeriod: { start: '2026-02-02T09:00:00-06:00' },
      insurer: { display: 'Aetna' },
      provider: { reference: 'Practitioner/demo-dr-haddad' },
      facility: { reference: 'Location/office-lakeside' },
      total: [
        { category: { coding: [{ code: 'submitted' }] }, amount: { value: 210, currency: 'USD' } },
        { category: { coding: [{ code: 'benefit' }] }, amount: { value: 210 - owes, currency: 'USD' } },
        { category: { coding: [{ code: 'memberliability' }] }, amount: { value: owes, currency: 'USD' } },
      ],
    });
    store.put(eob('tobi-cancelled', 'cancelled', 75));
    store.put(eob('tobi-mistake', 'entered-in-error', 40));
    store.put(eob('tobi-new', 'active', 35.5));

    const after = await summaryOf('billingProxy');
    expect(after.statements).toHaveLength(before.statements.length + 2);
    expect(after.statements.find((l) => l.id === 'tobi-mistake')).toBeUndefined();
    expect(after.statements.find((l) => l.id === 'tobi-cancelled')).toMatchObject({
      status: 'cancelled',
      patientOwesCents: 0,
      chargedCents: 21_000,
    });
    expect(after.statements.find((l) => l.id === 'tobi-new')).toEqual({
      id: 'tobi-new',
      serviceDate: '2026-02-02',
      facility: 'Lakeside Pediatrics & Family',
      billedBy: 'Dr. Leila Haddad',
      insurer: 'Aetna',
      currency: 'USD',
      chargedCents: 21_000,
      insurancePaidCents: 17_450,
      adjustmentCents: 0,
      patientPaidCents: 0,
      patientOwesCents: 3_550,
      status: 'processed',
    });
    expect(after.balanceCents).toBe(before.balanceCents + 3_550);
    expect(after.balanceCents).toBe(owed(after));
    for (const id of ['tobi-cancelled', 'tobi-mistake', 'tobi-new']) store.remove('ExplanationOfBenefit', id);
  });
});

describe('the activity history', () => {
  const viewsOf = async (who: Who, since: string) => {
    const res = await call(fx.t, 'GET', '/api/me/activity', undefined, { token: await tokenOf(who) });
    const { events } = (await res.json()) as { events: ActivityEvent[] };
    return events.filter((e) => e.action === 'billing-viewed' && e.at >= since);
  };

  it('shows Tobi when his father looked at his bills: once per ten minutes and device', async () => {
    fx.t.clock.advance(24 * 3_600_000);
    const since = fx.t.clock.now().toISOString();
    await summaryOf('billingProxy');
    fx.t.clock.advance(3 * 60_000);
    await summaryOf('billingProxy');
    const first = await viewsOf('patient', since);
    expect(first).toEqual([
      expect.objectContaining({
        patientId: tobi,
        actorName: 'Daniel Okafor',
        device: 'Chrome on Android',
        addressee: null,
      }),
    ]);
    fx.t.clock.advance(11 * 60_000);
    await summaryOf('billingProxy');
    await summaryOf('patient');
    const later = await viewsOf('patient', since);
    expect(later.map((e) => e.actorName).sort()).toEqual(['Daniel Okafor', 'Daniel Okafor', 'Tobi Okafor']);
  });

  it('keeps a look at the bills of a child without an account on the family member’s own history', async () => {
    fx.t.clock.advance(24 * 3_600_000);
    const since = fx.t.clock.now().toISOString();
    await summaryOf('daniel', 'demo-child-9');
    const views = await viewsOf('daniel', since);
    expect(views).toEqual([
      expect.objectContaining({ patientId: 'demo-child-9', actorName: 'Daniel Okafor' }),
    ]);
    expect(DEMO_EMAIL.daniel).toBe(fx.callers.billingProxy.account?.email);
  });

  it('notes nothing for a request that was refused', async () => {
    fx.t.clock.advance(24 * 3_600_000);
    const since = fx.t.clock.now().toISOString();
    expect((await billing('removedProxy')).status).toBe(404);
    expect(
      fx.t.db
        .prepare("SELECT COUNT(*) FROM audit_events WHERE action = 'billing-viewed' AND at >= ?")
        .pluck()
        .get(since),
    ).toBe(0);
  });
});

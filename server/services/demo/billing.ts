// The demo practice's billing: a Claim for every demo visit and, once the payer has answered, an
// ExplanationOfBenefit with believable US amounts. Each person has a plan (a copay plan, a family
// plan with a deductible, Medicare Part B, or self-pay); preventive visits cost the patient
// nothing; copays are taken at the front desk; the rest of a patient's share is paid for visits
// more than a year old and still open for newer ones; visits of the last few weeks wait for the
// payer (a Claim without an EOB).
//
// Amounts come from a generator seeded by each visit's id, not from the charts' shared one, so the
// clinical records stay exactly as they were and a visit's bill does not depend on other visits.

import type { Json } from '../../../core/json';
import type { FhirResource } from '../records/store';
import { ENCOUNTER_TYPE } from './codes';
import { addDays, type Concept, hl7, isoDate, isoDateTime, ref } from './fhir';
import type { DemoPerson, DemoPersonKey } from './people';
import { createRandom, type Random } from './prng';

/** What a person's coverage does with a visit's allowed amounts. */
export interface DemoPlan {
  /** The payer as claims name it; 'Self-pay' for no insurance. */
  payer: string;
  selfPay: boolean;
  /** The payer's contracted rate: the allowed amount as a share of the practice's charge. */
  allowedRate: number;
  /** Per non-preventive office visit, taken at the front desk. */
  copayCents: number;
  /** Per person and calendar year, before coinsurance applies. */
  deductibleCents: number;
  /** The patient's share of allowed amounts after the deductible (not of a copaid visit itself). */
  coinsurance: number;
}

const plan = (
  payer: string,
  allowedRate: number,
  copayCents: number,
  deductibleCents: number,
  coinsurance: number,
): DemoPlan => ({
  payer,
  selfPay: false,
  allowedRate,
  copayCents,
  deductibleCents,
  coinsurance,
});

/** The Okafors are on Daniel's employer's family plan. */
const OKAFOR_FAMILY = plan('Aetna', 0.58, 0, 50_000, 0.2);

export const DEMO_PLANS: Record<DemoPersonKey, DemoPlan> = {
  'rich-adult': plan('Blue Cross Blue Shield of Illinois', 0.62, 3_000, 0, 0.2),
  parent: OKAFOR_FAMILY,
  'child-9': OKAFOR_FAMILY,
  'teen-15': OKAFOR_FAMILY,
  'partner-a': plan('UnitedHealthcare', 0.6, 2_500, 0, 0),
  // Between jobs: the practice bills him directly.
  'partner-b': {
    payer: 'Self-pay',
    selfPay: true,
    allowedRate: 1,
    copayCents: 0,
    deductibleCents: 0,
    coinsurance: 0,
  },
  'older-adult': plan('Medicare', 0.48, 0, 24_000, 0.2),
};

/** Visits this recent still wait for the payer's answer. */
export const PENDING_DAYS = 42;
/** A patient's share (beyond a copay) of a visit older than this has been paid. */
const PAID_AFTER_DAYS = 365;

const PREVENTIVE = new Set([
  ENCOUNTER_TYPE.checkUp.coding[0]?.code,
  ENCOUNTER_TYPE.wellChild.coding[0]?.code,
]);

/** The practice's charges in whole dollars, [low, high] by encounter type (SNOMED code). */
const VISIT_CHARGE: Record<string, [number, number]> = {
  [ENCOUNTER_TYPE.checkUp.coding[0]?.code ?? '']: [230, 320],
  [ENCOUNTER_TYPE.wellChild.coding[0]?.code ?? '']: [180, 260],
  [ENCOUNTER_TYPE.problem.coding[0]?.code ?? '']: [150, 260],
  [ENCOUNTER_TYPE.symptom.coding[0]?.code ?? '']: [130, 220],
  [ENCOUNTER_TYPE.followUp.coding[0]?.code ?? '']: [140, 240],
  [ENCOUNTER_TYPE.generalExam.coding[0]?.code ?? '']: [160, 240],
};
const DEFAULT_VISIT_CHARGE: [number, number] = [140, 240];
const VACCINE_CHARGE: [number, number] = [45, 120];
const LAB_CHARGE: [number, number] = [35, 140];
const IMAGING_CHARGE: [number, number] = [140, 380];

const ADJUDICATION = 'http://terminology.hl7.org/CodeSystem/adjudication';
const CARIN = 'http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBAdjudication';
const CATEGORY: Record<string, [system: string, display: string]> = {
  submitted: [ADJUDICATION, 'Submitted Amount'],
  eligible: [ADJUDICATION, 'Eligible Amount'],
  copay: [ADJUDICATION, 'CoPay'],
  deductible: [ADJUDICATION, 'Deductible'],
  coinsurance: [CARIN, 'Co-insurance'],
  benefit: [ADJUDICATION, 'Benefit Amount'],
  memberliability: [CARIN, 'Member liability'],
  paidbypatient: [CARIN, 'Paid by patient'],
};
type Category = keyof typeof CATEGORY;

const CLAIM_TYPE = hl7('claim-type', 'professional', 'Professional');

interface BillableItem {
  productOrService: Concept;
  chargeCents: number;
  /** The visit itself (a copay applies to it), or a vaccine, lab or imaging study done there. */
  visit: boolean;
}

interface VisitFacts {
  encounter: FhirResource;
  number: string;
  day: Date;
  start: string;
  end: string;
  preventive: boolean;
  practitioner: Json;
  location: Json | undefined;
  diagnoses: string[];
  items: BillableItem[];
}

/** Claims and EOBs for one person's chart, in visit order. */
export function demoBilling(person: DemoPerson, chart: readonly FhirResource[], today: Date): FhirResource[] {
  const coverage = DEMO_PLANS[person.key];
  const visits = visitsOf(chart).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const deductibleUsed = new Map<number, number>();
  const out: FhirResource[] = [];
  for (const visit of visits) {
    const claim = claimOf(person, visit);
    out.push(claim);
    const ageDays = Math.round((today.getTime() - visit.day.getTime()) / 86_400_000);
    if (ageDays <= PENDING_DAYS) continue;
    const year = visit.day.getUTCFullYear();
    const used = deductibleUsed.get(year) ?? 0;
    const { eob, deductible } = eobOf(person, visit, claim.id, coverage, {
      deductibleLeft: Math.max(0, coverage.deductibleCents - used),
      sharePaid: ageDays > PAID_AFTER_DAYS,
      random: createRandom(seedOf(`${visit.encounter.id}/eob`)),
    });
    deductibleUsed.set(year, used + deductible);
    out.push(eob);
  }
  return out;
}

function visitsOf(chart: readonly FhirResource[]): VisitFacts[] {
  const atVisit = new Map<string, FhirResource[]>();
  for (const resource of chart) {
    const encounter = (resource.encounter as { reference?: string } | undefined)?.reference;
    if (encounter === undefined) continue;
    atVisit.set(encounter, [...(atVisit.get(encounter) ?? []), resource]);
  }
  return chart
    .filter((r) => r.resourceType === 'Encounter')
    .map((encounter) => {
      const period = encounter.period as { start: string; end: string };
      const type = (encounter.type as Concept[])[0] as Concept;
      const code = type.coding[0]?.code ?? '';
      const random = createRandom(seedOf(encounter.id));
      const found = atVisit.get(`Encounter/${encounter.id}`) ?? [];
      const items: BillableItem[] = [
        {
          productOrService: type,
          chargeCents: dollars(random, VISIT_CHARGE[code] ?? DEFAULT_VISIT_CHARGE),
          visit: true,
        },
      ];
      for (const resource of found) {
        if (resource.resourceType === 'Immunization')
          items.push({
            productOrService: resource.vaccineCode as Concept,
            chargeCents: dollars(random, VACCINE_CHARGE),
            visit: false,
          });
        if (resource.resourceType === 'DiagnosticReport') {
          const imaging = JSON.stringify(resource.category).includes('"RAD"');
          items.push({
            productOrService: resource.code as Concept,
            chargeCents: dollars(random, imaging ? IMAGING_CHARGE : LAB_CHARGE),
            visit: false,
          });
        }
      }
      const participant = (encounter.participant as { individual: Json }[])[0];
      const location = (encounter.location as { location: Json }[] | undefined)?.[0]?.location;
      return {
        encounter,
        number: encounter.id.split('-').at(-1) ?? encounter.id,
        day: new Date(`${period.start.slice(0, 10)}T00:00:00Z`),
        start: period.start,
        end: period.end,
        preventive: PREVENTIVE.has(code),
        practitioner: participant?.individual ?? {},
        location,
        diagnoses: found.filter((r) => r.resourceType === 'Condition').map((r) => r.id),
        items,
      };
    });
}

function claimOf(person: DemoPerson, visit: VisitFacts): FhirResource {
  const total = visit.items.reduce((sum, item) => sum + item.chargeCents, 0);
  return {
    resourceType: 'Claim',
    id: `${person.patientId}-claim-${visit.number}`,
    status: 'active',
    type: CLAIM_TYPE,
    use: 'claim',
    patient: ref('Patient', person.patientId),
    billablePeriod: { start: visit.start, end: visit.end },
    created: isoDateTime(visit.day, 18, 0),
    provider: visit.practitioner,
    priority: hl7('processpriority', 'normal', 'Normal'),
    ...(visit.location ? { facility: visit.location } : {}),
    ...diagnosisOf(visit),
    insurance: [{ sequence: 1, focal: true, coverage: { display: DEMO_PLANS[person.key].payer } }],
    item: visit.items.map((item, index) => ({
      sequence: index + 1,
      productOrService: item.productOrService,
      servicedDate: isoDate(visit.day),
      ...(visit.location ? { locationReference: visit.location } : {}),
      encounter: [ref('Encounter', visit.encounter.id)],
      unitPrice: money(item.chargeCents),
      net: money(item.chargeCents),
    })),
    total: money(total),
  };
}

function eobOf(
  person: DemoPerson,
  visit: VisitFacts,
  claimId: string,
  coverage: DemoPlan,
  options: { deductibleLeft: number; sharePaid: boolean; random: Random },
): { eob: FhirResource; deductible: number } {
  let deductibleLeft = options.deductibleLeft;
  const totals: Partial<Record<Category, number>> = {};
  const add = (category: Category, cents: number) => {
    totals[category] = (totals[category] ?? 0) + cents;
  };
  const items = visit.items.map((item, index) => {
    const parts: [Category, number][] = [['submitted', item.chargeCents]];
    if (coverage.selfPay) {
      parts.push(['memberliability', item.chargeCents]);
    } else {
      const allowed = Math.round(item.chargeCents * coverage.allowedRate);
      let copay = 0;
      let deductible = 0;
      let coinsurance = 0;
      if (!visit.preventive) {
        if (item.visit && coverage.copayCents > 0) copay = Math.min(coverage.copayCents, allowed);
        else {
          deductible = Math.min(deductibleLeft, allowed);
          deductibleLeft -= deductible;
          coinsurance = Math.round((allowed - deductible) * coverage.coinsurance);
        }
      }
      const share = copay + deductible + coinsurance;
      parts.push(['eligible', allowed]);
      if (copay > 0) parts.push(['copay', copay]);
      if (deductible > 0) parts.push(['deductible', deductible]);
      if (coinsurance > 0) parts.push(['coinsurance', coinsurance]);
      parts.push(['benefit', allowed - share], ['memberliability', share]);
    }
    for (const [category, cents] of parts) add(category, cents);
    return {
      sequence: index + 1,
      productOrService: item.productOrService,
      servicedDate: isoDate(visit.day),
      ...(visit.location ? { locationReference: visit.location } : {}),
      encounter: [ref('Encounter', visit.encounter.id)],
      net: money(item.chargeCents),
      adjudication: parts.map(([category, cents]) => adjudication(category, cents)),
    };
  });
  // Copays are taken at the desk; the rest once the statement came, for visits long enough ago.
  const liability = totals.memberliability ?? 0;
  const paidByPatient = options.sharePaid ? liability : (totals.copay ?? 0);
  if (paidByPatient > 0) add('paidbypatient', paidByPatient);
  const answered = addDays(visit.day, options.random.int(12, 30));
  const benefit = totals.benefit ?? 0;
  const eob: FhirResource = {
    resourceType: 'ExplanationOfBenefit',
    id: `${person.patientId}-eob-${visit.number}`,
    status: 'active',
    type: CLAIM_TYPE,
    use: 'claim',
    patient: ref('Patient', person.patientId),
    billablePeriod: { start: visit.start, end: visit.end },
    created: isoDateTime(answered, 10, 0),
    insurer: { display: coverage.payer },
    provider: visit.practitioner,
    ...(visit.location ? { facility: visit.location } : {}),
    claim: ref('Claim', claimId),
    outcome: 'complete',
    disposition: coverage.selfPay ? 'Billed to the patient.' : 'Claim settled as adjudicated.',
    careTeam: [
      {
        sequence: 1,
        provider: visit.practitioner,
        role: hl7('claimcareteamrole', 'primary', 'Primary provider'),
      },
    ],
    ...diagnosisOf(visit),
    insurance: [{ focal: true, coverage: { display: coverage.payer } }],
    item: items,
    total: (Object.keys(CATEGORY) as Category[])
      .filter((category) => totals[category] !== undefined)
      .map((category) => adjudication(category, totals[category] ?? 0)),
    ...(coverage.selfPay
      ? {}
      : {
          payment: {
            type: hl7('ex-paymenttype', 'complete', 'Complete'),
            date: isoDate(answered),
            amount: money(benefit),
          },
        }),
  };
  return { eob, deductible: totals.deductible ?? 0 };
}

function diagnosisOf(visit: VisitFacts): Json {
  if (visit.diagnoses.length === 0) return {};
  return {
    diagnosis: visit.diagnoses.map((id, index) => ({
      sequence: index + 1,
      diagnosisReference: ref('Condition', id),
    })),
  };
}

function adjudication(category: Category, cents: number): Json {
  const [system, display] = CATEGORY[category] ?? [ADJUDICATION, category];
  return { category: { coding: [{ system, code: category, display }] }, amount: money(cents) };
}

function money(cents: number): { value: number; currency: 'USD' } {
  return { value: Number((cents / 100).toFixed(2)), currency: 'USD' };
}

function dollars(random: Random, [low, high]: [number, number]): number {
  return random.int(low, high) * 100;
}

/** FNV-1a of the text: a stable seed per visit. */
function seedOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

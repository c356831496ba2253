// Billing statements (core/billing.ts) from the claims in a patient's record: one line for each
// ExplanationOfBenefit (the payer's answer) and one for each Claim no payer has answered yet.
//
// A Billing only family member reads this answer, so it is built from an allow-list: ids, dates,
// money, the names of the facility, the billing provider and the payer, and a status. Nothing else
// is read out of a claim: not item.productOrService, diagnosis, procedure, item.encounter,
// referral, supportingInfo, contained ServiceRequests or any other coded text.
//
// What the patient owes for one line:
// - pending (a Claim without an answer, or an EOB with outcome 'queued' or 'error'): nothing yet;
//   the payer decides their share first;
// - cancelled: nothing (it is listed, and left out of the balance);
// - processed, insured: the share the payer's adjudication assigns to the patient: the CARIN
//   'memberliability' total if the EOB states one, else its copay + deductible + coinsurance
//   (FHIR 'copay', 'deductible', 'unallocdeduct', CARIN 'coinsurance', Blue Button
//   line_coinsrnc_amt, line_bene_ptb_ddctbl_amt, line_bene_ddctbl_amt), header totals before item
//   adjudications. A processed claim whose adjudication names no patient share costs the patient
//   nothing: the portal never guesses a debt from "charged minus paid" (that difference is
//   usually the payer's contractual write-off);
// - processed, self-pay (no insurance): the whole charge, or 'memberliability' if stated. Whatever
//   a self-pay EOB lists as a payer payment is ignored, since there is no payer (Synthea writes an
//   80 % "provider payment" even on NO_INSURANCE claims): insurance paid is 0;
// - in both cases less what the patient already paid (CARIN 'paidbypatient', e.g. a copay taken
//   at the front desk), and never below 0 or above what insurance left of the charge (Synthea's
//   payment.amount and its rounded line amounts can differ by a cent or two).
//
// What was charged: the 'submitted' amount. Where the EOB's header total and the sum of its item
// adjudications disagree (Synthea writes the encounter's base cost as the total but adjudicates
// each line on its own charge), the larger one is taken, since no payer adjudicates more than was
// billed; without either, the items' net amounts, then the claim's total.
// What insurance paid: the 'benefit' total (or paid to provider + paid to patient), else
// payment.amount, else the items' payer payments (line_prvdr_pmt_amt + line_bene_pmt_amt).
import type { BillingStatementLine, BillingSummary } from '../../../core/billing';
import { clinicalDay, parseClinical } from '../../../core/clinical-dates';
import type { Json } from '../../../core/json';
import { parseReference } from '../records/references';
import type { FhirResource, ResourceStore } from '../records/store';
import { type DirectoryNames, directoryNames } from '../sync/directory-names';

export const DEFAULT_CURRENCY = 'USD';

/** How the payer is named on the statement when the patient has no insurance. */
export const SELF_PAY = 'Self-pay';

// ---- Reading money -------------------------------------------------------------------------------

/** Alternatives in order: the first one with any category present on the resource is used. */
type Alternatives = readonly (readonly string[])[];

const SUBMITTED: Alternatives = [['submitted', 'line_sbmtd_chrg_amt', 'clm_tot_chrg_amt']];
const INSURANCE_PAID: Alternatives = [
  ['benefit'],
  ['paidtoprovider', 'paidtopatient'],
  // Blue Button: the NCH payment is the provider's and the beneficiary's payments together.
  ['line_nch_pmt_amt'],
  ['line_prvdr_pmt_amt', 'line_bene_pmt_amt'],
];
const PATIENT_SHARE: Alternatives = [
  ['memberliability'],
  [
    'copay',
    'deductible',
    'unallocdeduct',
    'coinsurance',
    'line_coinsrnc_amt',
    'line_bene_ptb_ddctbl_amt',
    'line_bene_ddctbl_amt',
  ],
];
const MEMBER_LIABILITY: Alternatives = [['memberliability']];
const PAID_BY_PATIENT: Alternatives = [['paidbypatient'], ['paidbypatientcash', 'paidbypatientother']];

/** Amounts per adjudication category (last segment of the code, lower case), in cents. */
type Ledger = Map<string, number>;

interface Money {
  cents: number;
  currency: string | undefined;
}

/** Reads money in one resource: every amount seen also names the line's currency. */
class MoneyReader {
  currency: string | undefined;

  money(value: unknown): Money | undefined {
    if (!isObject(value)) return undefined;
    const amount = value.value;
    if (typeof amount !== 'number' || !Number.isFinite(amount)) return undefined;
    const currency =
      typeof value.currency === 'string' && /^[A-Z]{3}$/.test(value.currency) ? value.currency : undefined;
    this.currency ??= currency;
    // toFixed first: 1.005 * 100 is 100.49999999999999 in binary.
    return { cents: Math.round(Number((amount * 100).toFixed(4))), currency };
  }

  cents(value: unknown): number | undefined {
    return this.money(value)?.cents;
  }

  /** Adds adjudication-like entries ({category, amount}) to a ledger. */
  addTo(ledger: Ledger, entries: unknown): void {
    for (const entry of list(entries)) {
      if (!isObject(entry)) continue;
      const cents = this.cents(entry.amount);
      if (cents === undefined) continue;
      for (const code of new Set(categoryCodes(entry.category)))
        ledger.set(code, (ledger.get(code) ?? 0) + cents);
    }
  }
}

function categoryCodes(category: unknown): string[] {
  if (!isObject(category)) return [];
  return list(category.coding)
    .map((coding) => (isObject(coding) && typeof coding.code === 'string' ? coding.code : ''))
    .filter((code) => code !== '')
    .map((code) => (code.split('/').at(-1) ?? code).toLowerCase());
}

function figure(ledger: Ledger, alternatives: Alternatives): number | undefined {
  for (const codes of alternatives) {
    if (!codes.some((code) => ledger.has(code))) continue;
    return codes.reduce((sum, code) => sum + (ledger.get(code) ?? 0), 0);
  }
  return undefined;
}

/** Header first (EOB.total and header adjudication), then the items' adjudications. */
function figureOf(header: Ledger, items: Ledger, alternatives: Alternatives): number | undefined {
  return figure(header, alternatives) ?? figure(items, alternatives);
}

function itemsOf(resource: Json): Json[] {
  return [...list(resource.item), ...list(resource.addItem)].filter(isObject);
}

function sumOfNets(reader: MoneyReader, resource: Json): number | undefined {
  const nets = itemsOf(resource)
    .map((item) => reader.cents(item.net))
    .filter((cents): cents is number => cents !== undefined);
  return nets.length === 0 ? undefined : nets.reduce((a, b) => a + b, 0);
}

// ---- Reading names -------------------------------------------------------------------------------

const SELF_PAY_NAME = /^(no[\s_-]*insurance|self[\s_-]*pay|uninsured|none)$/i;
/** The coverage type FHIR uses for paying oneself (CodeSystem coverage-selfpay). */
const SELF_PAY_TYPE = 'http://terminology.hl7.org/CodeSystem/coverage-selfpay';

/** A reference's display, else the practice directory's name for what it points at ('' if none). */
function nameOf(reference: unknown, names: DirectoryNames, types: readonly string[]): string {
  if (!isObject(reference)) return '';
  if (typeof reference.display === 'string' && reference.display.trim() !== '')
    return reference.display.trim();
  if (typeof reference.reference !== 'string') return '';
  const parsed = parseReference(reference.reference);
  if (parsed.kind !== 'relative' || !types.includes(parsed.type)) return '';
  return names(parsed.type, parsed.id) ?? '';
}

const PROVIDER_TYPES = ['Practitioner', 'Organization'] as const;
const FACILITY_TYPES = ['Location', 'Organization'] as const;

/** The payer as the claim names it, and whether it says the patient pays themself. */
function payerOf(resource: Json, names: DirectoryNames): { name: string; selfPay: boolean } {
  const insurance = list(resource.insurance).filter(isObject);
  const focal = insurance.find((i) => i.focal === true) ?? insurance[0];
  const coverage = isObject(focal?.coverage) ? focal.coverage : undefined;
  const contained = containedCoverage(resource, coverage);
  const candidates = [
    nameOf(resource.insurer, names, ['Organization']),
    nameOf(coverage, names, ['Organization']),
    ...list(contained?.payor).map((payor) => nameOf(payor, names, ['Organization'])),
  ].filter((name) => name !== '');
  const type = isObject(contained?.type) ? contained.type : undefined;
  const selfPayType =
    (typeof type?.text === 'string' && SELF_PAY_NAME.test(type.text.trim())) ||
    list(type?.coding).some((c) => isObject(c) && c.system === SELF_PAY_TYPE && c.code === 'pay');
  const selfPay = selfPayType || candidates.some((name) => SELF_PAY_NAME.test(name));
  return { name: selfPay ? SELF_PAY : (candidates[0] ?? ''), selfPay };
}

/** The Coverage a claim holds inline (`#coverage`), for its payor and type only. */
function containedCoverage(resource: Json, coverage: Json | undefined): Json | undefined {
  const reference = typeof coverage?.reference === 'string' ? coverage.reference : '';
  if (!reference.startsWith('#')) return undefined;
  return list(resource.contained).find(
    (c): c is Json => isObject(c) && c.resourceType === 'Coverage' && c.id === reference.slice(1),
  );
}

/** The billing provider: `provider`, else the primary (or first) care team member. */
function billedByOf(resource: Json, names: DirectoryNames): string {
  const own = nameOf(resource.provider, names, PROVIDER_TYPES);
  if (own !== '') return own;
  const team = list(resource.careTeam).filter(isObject);
  const primary = team.find((member) => categoryCodes(member.role).includes('primary'));
  for (const member of primary ? [primary, ...team] : team) {
    const name = nameOf(member.provider, names, PROVIDER_TYPES);
    if (name !== '') return name;
  }
  return '';
}

// ---- Reading dates -------------------------------------------------------------------------------

/** The calendar day written in a FHIR date or dateTime (core/clinical-dates); undefined when partial or bad. */
function serviceDay(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const precision = parseClinical(value)?.precision;
  return precision === undefined || precision === 'year' || precision === 'month'
    ? undefined
    : clinicalDay(value);
}

/**
 * The date of service: the earliest item's servicedDate or servicedPeriod.start, else
 * billablePeriod.start, else created. Items come first because Synthea's EOBs set billablePeriod to
 * the coverage year starting when the visit ended, while their items carry the visit itself.
 */
function serviceDateOf(resource: Json): string | undefined {
  const itemDates = itemsOf(resource)
    .map((item) =>
      serviceDay(
        item.servicedDate ?? (isObject(item.servicedPeriod) ? item.servicedPeriod.start : undefined),
      ),
    )
    .filter((date): date is string => date !== undefined)
    .sort();
  const billable = isObject(resource.billablePeriod) ? resource.billablePeriod.start : undefined;
  return itemDates[0] ?? serviceDay(billable) ?? serviceDay(resource.created);
}

// ---- Building lines ------------------------------------------------------------------------------

/** Claims that ask a payer in advance are not bills. */
const NOT_A_BILL = new Set(['preauthorization', 'predetermination']);
/** Statuses that list nothing: a mistake, or a claim not yet filed. */
const NOT_LISTED = new Set(['entered-in-error', 'draft']);

interface Sources {
  names: DirectoryNames;
}

interface ClaimFacts {
  line: BillingStatementLine | undefined;
  facility: string;
  billedBy: string;
  insurer: string;
  chargedCents: number | undefined;
}

function claimFacts(claim: FhirResource, { names }: Sources): ClaimFacts {
  const reader = new MoneyReader();
  const chargedCents = reader.cents(claim.total) ?? sumOfNets(reader, claim);
  const facility = nameOf(claim.facility, names, FACILITY_TYPES);
  const billedBy = billedByOf(claim, names);
  const insurer = payerOf(claim, names).name;
  const status = typeof claim.status === 'string' ? claim.status : '';
  const serviceDate = serviceDateOf(claim);
  const listed =
    !NOT_LISTED.has(status) && !NOT_A_BILL.has(String(claim.use ?? '')) && serviceDate !== undefined;
  const line: BillingStatementLine | undefined = listed
    ? {
        id: claim.id,
        serviceDate,
        facility,
        billedBy,
        insurer,
        currency: reader.currency ?? DEFAULT_CURRENCY,
        chargedCents: Math.max(0, chargedCents ?? 0),
        insurancePaidCents: 0,
        adjustmentCents: 0,
        patientPaidCents: 0,
        patientOwesCents: 0,
        status: status === 'cancelled' ? 'cancelled' : 'pending',
      }
    : undefined;
  return { line, facility, billedBy, insurer, chargedCents };
}

function eobLine(
  eob: FhirResource,
  claim: ClaimFacts | undefined,
  { names }: Sources,
): BillingStatementLine | undefined {
  const status = typeof eob.status === 'string' ? eob.status : '';
  if (NOT_LISTED.has(status) || NOT_A_BILL.has(String(eob.use ?? ''))) return undefined;
  const serviceDate = serviceDateOf(eob);
  if (serviceDate === undefined) return undefined;

  const reader = new MoneyReader();
  const header: Ledger = new Map();
  reader.addTo(header, eob.total);
  reader.addTo(header, eob.adjudication);
  const items: Ledger = new Map();
  for (const item of itemsOf(eob)) reader.addTo(items, item.adjudication);
  const payment = isObject(eob.payment) ? reader.cents(eob.payment.amount) : undefined;

  const submitted = [figure(header, SUBMITTED), figure(items, SUBMITTED)].filter(
    (cents): cents is number => cents !== undefined,
  );
  const charged = Math.max(
    0,
    submitted.length > 0 ? Math.max(...submitted) : (sumOfNets(reader, eob) ?? claim?.chargedCents ?? 0),
  );
  const payer = payerOf(eob, names);
  const outcome = typeof eob.outcome === 'string' ? eob.outcome : '';
  const lineStatus: BillingStatementLine['status'] =
    status === 'cancelled'
      ? 'cancelled'
      : outcome === 'queued' || outcome === 'error'
        ? 'pending'
        : 'processed';

  let insurancePaid = 0;
  let paid = 0;
  let owes = 0;
  if (lineStatus === 'processed') {
    insurancePaid = payer.selfPay
      ? 0
      : (figure(header, INSURANCE_PAID) ?? payment ?? figure(items, INSURANCE_PAID) ?? 0);
    const share = payer.selfPay
      ? (figureOf(header, items, MEMBER_LIABILITY) ?? charged)
      : (figureOf(header, items, PATIENT_SHARE) ?? 0);
    const paidByPatient = figureOf(header, items, PAID_BY_PATIENT) ?? 0;
    insurancePaid = clamp(insurancePaid, charged);
    paid = clamp(paidByPatient, charged - insurancePaid);
    owes = clamp(share - paidByPatient, charged - insurancePaid - paid);
  }
  // What nobody pays: the payer's contractual write-off, so the figures add up to the charge.
  const adjustment = lineStatus === 'processed' ? Math.max(0, charged - insurancePaid - paid - owes) : 0;
  return {
    id: eob.id,
    serviceDate,
    facility: nameOf(eob.facility, names, FACILITY_TYPES) || (claim?.facility ?? ''),
    billedBy: billedByOf(eob, names) || (claim?.billedBy ?? ''),
    insurer: payer.name || (claim?.insurer ?? ''),
    currency: reader.currency ?? DEFAULT_CURRENCY,
    chargedCents: charged,
    insurancePaidCents: insurancePaid,
    adjustmentCents: adjustment,
    patientPaidCents: paid,
    patientOwesCents: owes,
    status: lineStatus,
  };
}

/** The Claim id an EOB answers, when its `claim` reference points at a Claim by id. */
function answeredClaimId(eob: FhirResource): string | undefined {
  const reference = isObject(eob.claim) ? eob.claim.reference : undefined;
  if (typeof reference !== 'string') return undefined;
  const parsed = parseReference(reference);
  return parsed.kind === 'relative' && parsed.type === 'Claim' ? parsed.id : undefined;
}

/** Newest service date first; ties by id, so the order is stable. */
function newestFirst(a: BillingStatementLine, b: BillingStatementLine): number {
  if (a.serviceDate !== b.serviceDate) return a.serviceDate < b.serviceDate ? 1 : -1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The patient's statement lines, newest first. */
export function billingStatements(store: ResourceStore, patientId: string): BillingStatementLine[] {
  const sources: Sources = { names: directoryNames(store) };
  const claims = new Map<string, ClaimFacts>();
  for (const { resource } of store.listForPatient(patientId, 'Claim'))
    claims.set(resource.id, claimFacts(resource, sources));

  const lines: BillingStatementLine[] = [];
  const answered = new Set<string>();
  for (const { resource } of store.listForPatient(patientId, 'ExplanationOfBenefit')) {
    const claimId = answeredClaimId(resource);
    // An EOB entered in error answers nothing: its claim is still waiting.
    if (claimId !== undefined && resource.status !== 'entered-in-error') answered.add(claimId);
    const line = eobLine(resource, claimId === undefined ? undefined : claims.get(claimId), sources);
    if (line) lines.push(line);
  }
  for (const [id, facts] of claims) if (!answered.has(id) && facts.line) lines.push(facts.line);

  return lines.sort(newestFirst);
}

/**
 * GET /api/patients/:id/billing. The balance adds what the patient owes on processed and pending
 * lines in the answer's currency (the newest line's; the practice bills in one currency, so a line
 * in another would be a data error and is listed but not added).
 */
export function billingSummary(
  deps: { store: ResourceStore; now: () => Date },
  patientId: string,
): BillingSummary {
  const statements = billingStatements(deps.store, patientId);
  const currency = statements[0]?.currency ?? DEFAULT_CURRENCY;
  const balanceCents = statements
    .filter((line) => line.status !== 'cancelled' && line.currency === currency)
    .reduce((sum, line) => sum + line.patientOwesCents, 0);
  return { patientId, currency, balanceCents, statements, asOf: deps.now().toISOString() };
}

// ---- Small helpers -------------------------------------------------------------------------------

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function clamp(cents: number, max: number): number {
  return Math.min(Math.max(0, cents), Math.max(0, max));
}

// Billing statements as the portal shows them: one line per claim the practice filed for a visit,
// with money figures only. A billing-only family member sees exactly this and nothing clinical, so
// no diagnosis, procedure, medicine or service description is part of the shape.

/** Amounts in minor units (cents), so sums are exact. */
export interface BillingStatementLine {
  /** The claim's id at the practice (an ExplanationOfBenefit or Claim id). */
  id: string;
  /** The date of service (YYYY-MM-DD, in the practice's calendar). */
  serviceDate: string;
  /** Where the visit took place, e.g. the office's name; '' when the claim names none. */
  facility: string;
  /** Who is billing: the practitioner's or organisation's name; '' when unknown. */
  billedBy: string;
  /** The payer as the claim names it ("Medicaid", "Self-pay" when uninsured). */
  insurer: string;
  currency: string;
  /** What the practice charged. */
  chargedCents: number;
  /** What insurance paid. */
  insurancePaidCents: number;
  /** Taken off the charge under the practice's contract with the payer (or a discount). */
  adjustmentCents: number;
  /** What the patient (or their family) already paid for this visit, such as a copay at the desk. */
  patientPaidCents: number;
  /** What is still to pay for this visit. Charged = insurance paid + adjustment + paid + owes once processed. */
  patientOwesCents: number;
  /** 'processed' once the payer answered; 'pending' while the claim waits; 'cancelled'. */
  status: 'processed' | 'pending' | 'cancelled';
}

export interface BillingSummary {
  patientId: string;
  currency: string;
  /** Sum of patientOwesCents over processed and pending lines. */
  balanceCents: number;
  /** Newest first. */
  statements: BillingStatementLine[];
  /** When the server built this answer (ISO). */
  asOf: string;
}

export const billingPath = (patientId: string) => `/api/patients/${encodeURIComponent(patientId)}/billing`;

/** "$1,234.56", as the practice writes money (en-US). */
export function formatMoney(cents: number, currency = 'USD'): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(cents / 100);
}

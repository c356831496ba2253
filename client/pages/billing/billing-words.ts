// How a statement line reads, shared by the Billing page and the statement PDF so both say the
// same thing: the status words, the date of service and who billed where.
import type { BillingStatementLine } from '../../../core/billing';

export const STATUS_WORDS: Record<BillingStatementLine['status'], string> = {
  processed: 'Processed',
  pending: 'Waiting for the insurer',
  cancelled: 'Cancelled',
};

/** A date-only value (YYYY-MM-DD) as "Mar 4, 2025", without moving it across time zones. */
export function serviceDay(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  if (!year || !month || !day) return date;
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, month - 1, day)),
  );
}

/** The facility and who billed, each once ("The practice" when the claim names neither). */
export function whereParts(line: BillingStatementLine): string[] {
  const parts = [line.facility, line.billedBy].filter((part, i, all) => part && all.indexOf(part) === i);
  return parts.length > 0 ? parts : ['The practice'];
}

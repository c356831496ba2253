// Health Records: the choice of dates for the Consolidated Clinical Summary and what may be done
// with it (view, download, send by e-mail), as rules the page checks offline and the server checks
// again, and the request shapes of the API. The document itself is made by core/ccda/.
import { z } from 'zod';
import { emailSchema, isoDateSchema } from './accounts';
import type { DateSelection } from './ccda/selection';
import { formatClinicalDate } from './clinical-dates';

export type { DateSelection } from './ccda/selection';

/** The guide's three choices, in its words. */
export const SELECTION_LABELS: Record<DateSelection['kind'], string> = {
  all: 'All time',
  date: 'Single date',
  range: 'Custom date range',
};

/** The choice in words: "All time", "Mar 4, 2025", "Jan 1, 2024 – Mar 4, 2025". */
export function selectionWords(selection: DateSelection): string {
  if (selection.kind === 'all') return SELECTION_LABELS.all;
  if (selection.kind === 'date') return formatClinicalDate(selection.date);
  return selection.from === selection.to
    ? formatClinicalDate(selection.from)
    : `${formatClinicalDate(selection.from)} – ${formatClinicalDate(selection.to)}`;
}

/** What is wrong with a choice of dates, by field, in words the page shows; empty when it is fine. */
export type SelectionProblems = Partial<Record<'date' | 'from' | 'to', string>>;

/**
 * A single date or a range must name real calendar days, none after today (in the practice's
 * calendar), and From must not be after To. `today` is YYYY-MM-DD.
 */
export function selectionProblems(selection: DateSelection, today: string): SelectionProblems {
  const problems: SelectionProblems = {};
  const check = (field: 'date' | 'from' | 'to', day: string, label: string) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`)))
      problems[field] = `Enter the ${label} as a date.`;
    else if (day > today) problems[field] = `The ${label} cannot be in the future.`;
  };
  if (selection.kind === 'date') check('date', selection.date, 'date');
  if (selection.kind === 'range') {
    check('from', selection.from, 'From date');
    check('to', selection.to, 'To date');
    if (!problems.from && !problems.to && selection.from > selection.to)
      problems.to = 'The To date must be on or after the From date.';
  }
  return problems;
}

export const dateSelectionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }),
  z.object({ kind: z.literal('date'), date: isoDateSchema }),
  z.object({ kind: z.literal('range'), from: isoDateSchema, to: isoDateSchema }),
]);

/** What was done on the device with the summary: the server writes it to the activity history. */
export const HEALTH_RECORD_EVENTS = ['viewed', 'downloaded'] as const;
export type HealthRecordEvent = (typeof HEALTH_RECORD_EVENTS)[number];

export const healthRecordEventRequest = z.object({
  event: z.enum(HEALTH_RECORD_EVENTS),
  selection: dateSelectionSchema,
});

/** "Send via Email": the address twice, so a typing mistake does not send a record to a stranger. */
export const healthRecordEmailRequest = z
  .object({
    email: emailSchema,
    confirmEmail: z.string().trim().max(254),
    selection: dateSelectionSchema,
    /** To another provider (the guide's "Send health records to other providers") or to oneself. */
    recipient: z.enum(['self', 'provider']),
  })
  .refine((body) => body.email.toLowerCase() === body.confirmEmail.toLowerCase(), {
    path: ['confirmEmail'],
    message: 'The two e-mail addresses are not the same.',
  });

export type HealthRecordEmailRequest = z.input<typeof healthRecordEmailRequest>;

/** E-mails with a health record one account may send in a day, all patients together. */
export const MAX_TRANSMISSIONS_PER_DAY = 20;

export const HEALTH_RECORD_PROBLEM_TYPES = {
  tooManyTransmissions: '/problems/too-many-transmissions',
  noRecord: '/problems/no-health-record',
  linkNotFound: '/problems/record-link-not-found',
  linkUsed: '/problems/record-link-used',
  linkExpired: '/problems/record-link-expired',
  linkClosed: '/problems/record-link-closed',
} as const;

// ---- Send a secure link ------------------------------------------------------------------------

/** A secure link works for this many days, or until its first successful use. */
export const LINK_DAYS = 7;
/** Wrong codes a link takes before it closes for good. */
export const MAX_CODE_TRIES = 5;

/** POST …/health-record/links answers the patient with the code to pass on (shown once). */
export interface HealthRecordLinkCreated {
  sentTo: string;
  /** Eight digits, "1234 5678": the patient tells it to the recipient by phone or text. */
  code: string;
  expiresAt: string;
}

export const sharedRecordOpenRequest = z.object({
  token: z.string().trim().min(20).max(100),
  code: z.string().trim().min(1).max(20),
});

/** What the recipient gets, once: the readable page to show and the .zip to save. */
export interface SharedHealthRecord {
  fileName: string;
  html: string;
  zipBase64: string;
}

/** The performance measure of making the summary on the device (for `npm run bench`): ids only. */
export const SUMMARY_MEASURE = 'health-record-summary';

/** The .zip's file names: dated, never the patient's name (it may be forwarded). */
export function packageFileName(generatedAt: string): string {
  return `health-record-${generatedAt.slice(0, 10)}.zip`;
}

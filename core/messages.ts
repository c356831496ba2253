// Secure messages between a patient's side (the patient, or a family member acting for them) and
// the practice: the subjects patients choose from, the limits, the card-number rule, the request
// schemas and the shapes the API answers with. The client checks these offline; the server again.
import { z } from 'zod';
import { type AttachmentView, attachmentRefs } from './attachments';

// The paths live apart, without zod, so the record cache's sync can name them cheaply.
export * from './message-paths';

/** Care messages go to a provider the patient has seen; billing messages to the billing office. */
export type MessageTopic = 'care' | 'billing';

export const MESSAGE_SUBJECTS = [
  { id: 'medical-question', label: 'Medical question', topic: 'care' },
  { id: 'appointments', label: 'Appointments and scheduling', topic: 'care' },
  { id: 'prescription', label: 'Prescription question', topic: 'care' },
  { id: 'test-results', label: 'Question about a test result', topic: 'care' },
  { id: 'referral', label: 'Referral question', topic: 'care' },
  { id: 'billing-question', label: 'Question about a bill', topic: 'billing' },
  { id: 'insurance', label: 'Insurance and coverage', topic: 'billing' },
] as const satisfies ReadonlyArray<{ id: string; label: string; topic: MessageTopic }>;

export type MessageSubjectId = (typeof MESSAGE_SUBJECTS)[number]['id'];
const SUBJECT_IDS = MESSAGE_SUBJECTS.map((s) => s.id) as [MessageSubjectId, ...MessageSubjectId[]];

export function subjectOf(id: MessageSubjectId) {
  const subject = MESSAGE_SUBJECTS.find((s) => s.id === id);
  if (!subject) throw new Error(`Unknown message subject ${id}`);
  return subject;
}

export function topicOf(id: MessageSubjectId): MessageTopic {
  return subjectOf(id).topic;
}

/** The practice's guide: "Enter a detailed message (up to 1000 characters)". */
export const MAX_MESSAGE_CHARS = 1000;

/** A thread keeps at most this many messages; a longer conversation starts a new thread. */
export const MAX_MESSAGES_PER_THREAD = 100;

/**
 * New conversations one account may start in a day, all the people it writes for together: far
 * above what a family writes, low enough that no one account can bury the practice's inbox.
 */
export const MAX_NEW_CONVERSATIONS_PER_DAY = 20;

/** The message list (and the offline copy) holds the newest this many threads. */
export const MAX_THREADS_LISTED = 200;

/**
 * Does the text hold something that looks like a payment card number: 13 to 19 digits written as a
 * card is (in one piece, in groups of four, or Amex/Diners' 4-6-5 / 4-6-4), with a card network's
 * first digit (2 to 6), passing the Luhn check? The practice may not receive card data through the
 * portal (PCI DSS), so such a message is refused, offline and by the server. Phone numbers, dates
 * and record numbers are grouped otherwise or too short; a digit string failing Luhn is no card.
 */
export function containsCardNumber(text: string): boolean {
  // Runs of digit groups joined by a few spaces, line breaks, dashes, dots or slashes:
  // "4111 1111 1111 1111", "4111.1111.1111.1111", "217-555-0100". NFKC turns a pasted no-break
  // space or full-width digits into plain ones first.
  for (const match of text.normalize('NFKC').matchAll(/\d+(?:[\s./-]{1,3}\d+)*/g)) {
    const groups = match[0].split(/[\s./-]+/);
    for (let start = 0; start < groups.length; start += 1) {
      let digits = '';
      for (let end = start; end < groups.length && digits.length <= 19; end += 1) {
        digits += groups[end];
        const lengths = groups.slice(start, end + 1).map((g) => g.length);
        if (digits.length >= 13 && digits.length <= 19 && cardGrouping(lengths) && looksLikeCard(digits))
          return true;
      }
    }
  }
  return false;
}

/** How cards are written: one piece, fours (the last group may be shorter), or 4-6-5 and 4-6-4. */
function cardGrouping(lengths: number[]): boolean {
  if (lengths.length === 1) return true;
  const shape = lengths.join('-');
  if (shape === '4-6-5' || shape === '4-6-4') return true;
  return lengths.slice(0, -1).every((n) => n === 4) && (lengths.at(-1) ?? 0) <= 4;
}

function looksLikeCard(digits: string): boolean {
  return /^[2-6]/.test(digits) && passesLuhn(digits);
}

function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

export const CARD_NUMBER_MESSAGE =
  'This looks like a credit or debit card number. Please remove it: card details must never be sent through the portal. Call the billing office to pay by card.';

export const messageBodySchema = z
  .string()
  .trim()
  .min(1, 'Write your message.')
  .max(MAX_MESSAGE_CHARS, `Use at most ${MAX_MESSAGE_CHARS} characters.`)
  .refine((body) => !containsCardNumber(body), CARD_NUMBER_MESSAGE);

const directoryIdSchema = z.string().regex(/^[A-Za-z0-9\-.]{1,64}$/, 'Choose from the list.');

/** A new conversation. Care subjects name a provider and office; billing subjects name neither. */
export const newMessageRequest = z
  .object({
    subject: z.enum(SUBJECT_IDS, { message: 'Choose a subject from the list.' }),
    providerId: directoryIdSchema.optional(),
    locationId: directoryIdSchema.optional(),
    body: messageBodySchema,
    /** Files sent with it (uploaded first: core/attachments.ts). */
    attachments: attachmentRefs.optional(),
  })
  .superRefine((value, ctx) => {
    const care = topicOf(value.subject) === 'care';
    if (care && value.providerId === undefined)
      ctx.addIssue({ code: 'custom', path: ['providerId'], message: 'Choose the provider.' });
    if (care && value.locationId === undefined)
      ctx.addIssue({ code: 'custom', path: ['locationId'], message: 'Choose the office location.' });
    if (!care && (value.providerId !== undefined || value.locationId !== undefined))
      ctx.addIssue({
        code: 'custom',
        path: ['providerId'],
        message: 'Billing questions go to the billing office, not to a provider.',
      });
  });
export type NewMessageRequest = z.infer<typeof newMessageRequest>;

export const replyRequest = z.object({ body: messageBodySchema, attachments: attachmentRefs.optional() });

/**
 * "I have read the thread up to this message": the newest message the reader saw. A read queued
 * offline and replayed later must not also mark an answer that arrived meanwhile. Without it,
 * everything there is now counts as read.
 */
export const threadReadRequest = z.object({ upTo: z.string().min(1).max(64).optional() });
export type ThreadReadRequest = z.infer<typeof threadReadRequest>;
export type ReplyRequest = z.infer<typeof replyRequest>;

/** One message as both sides see it. */
export interface MessageView {
  id: string;
  /** 'patient' for the patient's side (the patient or a family member), 'practice' for staff. */
  from: 'patient' | 'practice';
  /** Who wrote it: "Daniel Okafor", or the practice member's name. */
  authorName: string;
  /** When a family member wrote for the patient: the patient's name; otherwise null. */
  onBehalfOf: string | null;
  /** The account that wrote it (the client says "You" for its own). Null for the practice side. */
  authorAccountId: string | null;
  sentAt: string;
  body: string;
  /** Files sent with it, in the order they were attached. */
  attachments: AttachmentView[];
}

export interface ThreadView {
  id: string;
  patientId: string;
  topic: MessageTopic;
  subject: MessageSubjectId;
  /** The provider's name, or "Billing office". */
  withName: string;
  /** The office location's name; '' for billing. */
  locationName: string;
  startedAt: string;
  lastMessageAt: string;
  /** The practice answered after the reading account last opened the thread. */
  unread: boolean;
  /** Oldest first. */
  messages: MessageView[];
}

/** GET /api/patients/:id/messages: every thread the caller may see, newest activity first. */
export interface MessagesAnswer {
  patientId: string;
  threads: ThreadView[];
  asOf: string;
}

/** Who the patient's side may write to: providers seen in the past, each with their offices. */
export interface MessageRecipients {
  providers: Array<{
    id: string;
    name: string;
    specialty: string;
    locations: Array<{ id: string; name: string }>;
    /** On the patient's active care team (listed first): the providers who look after them. */
    careTeam: boolean;
  }>;
  /** Billing questions are open to everyone who may see the patient's billing. */
  billingOffice: true;
}

/** A thread in the practice's inbox: whose record it is on, as the practice names the patient. */
export interface StaffThreadView extends ThreadView {
  patientName: string;
}

/** GET /api/staff/messages: threads whose last message is from the patient's side, oldest waiting first. */
export interface StaffInboxAnswer {
  threads: StaffThreadView[];
  asOf: string;
}

// A billing-only family member choosing a care subject gets RECORD_PROBLEM_TYPES.billingOnlyAccess (403).
export const MESSAGE_PROBLEM_TYPES = {
  unknownRecipient: '/problems/unknown-recipient',
  threadFull: '/problems/thread-full',
  /** 403: a personal account called a route of the practice's side. */
  staffOnly: '/problems/staff-only',
} as const;

// The messages routes' problem+json answers, worded for the people who read them.
import {
  MAX_MESSAGES_PER_THREAD,
  MAX_NEW_CONVERSATIONS_PER_DAY,
  MESSAGE_PROBLEM_TYPES,
} from '../../../core/messages';
import { PROBLEM_TYPES, type Problem } from '../../../core/problem';
import { RECORD_PROBLEM_TYPES } from '../../../core/records';

export const messageProblems = {
  /** A thread that is not on this record, or not one this caller may see: existence stays hidden. */
  threadNotFound: (): Problem => ({
    type: PROBLEM_TYPES.notFound,
    title: 'Not found',
    status: 404,
    detail: 'There is no conversation you can open with this id.',
  }),
  /** A billing-only family member chose a care subject (core/messages.ts: the billing-only type). */
  careSubjectBillingOnly: (): Problem => ({
    type: RECORD_PROBLEM_TYPES.billingOnlyAccess,
    title: 'Billing only access covers billing questions only',
    status: 403,
    detail:
      'Your family access to this person covers billing only: you can write to the billing office about a bill or insurance. They can give you Full access.',
  }),
  unknownRecipient: (field: 'providerId' | 'locationId'): Problem => ({
    type: MESSAGE_PROBLEM_TYPES.unknownRecipient,
    title: field === 'providerId' ? 'This provider is not on the list' : 'This office is not on the list',
    status: 422,
    detail:
      'You can write to the providers this patient has seen, at the offices where they were seen. Choose from the list.',
    errors: { [`body.${field}`]: 'Choose from the list.' },
  }),
  threadFull: (): Problem => ({
    type: MESSAGE_PROBLEM_TYPES.threadFull,
    title: 'This conversation is full',
    status: 409,
    detail: `A conversation keeps at most ${MAX_MESSAGES_PER_THREAD} messages. Start a new message instead.`,
  }),
  /** Answered with Retry-After: when the oldest of the day's conversations is a day old. */
  tooManyConversations: (): Problem => ({
    type: PROBLEM_TYPES.tooManyAttempts,
    title: 'Too many new conversations today',
    status: 429,
    detail: `One account can start ${MAX_NEW_CONVERSATIONS_PER_DAY} conversations a day. Reply in an existing conversation, or call the practice if it is urgent.`,
  }),
  staffOnly: (): Problem => ({
    type: MESSAGE_PROBLEM_TYPES.staffOnly,
    title: 'For the practice’s staff only',
    status: 403,
    detail: 'This part of the portal is for the practice’s staff. Sign in with a staff account.',
  }),
};

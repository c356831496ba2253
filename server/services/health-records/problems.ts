// Health Records' problem+json answers, worded for the people who read them.
import {
  HEALTH_RECORD_PROBLEM_TYPES,
  LINK_DAYS,
  MAX_CODE_TRIES,
  MAX_TRANSMISSIONS_PER_DAY,
} from '../../../core/health-records';
import { PROBLEM_TYPES, type Problem } from '../../../core/problem';

export const healthRecordProblems = {
  tooManyTransmissions: (): Problem => ({
    type: HEALTH_RECORD_PROBLEM_TYPES.tooManyTransmissions,
    title: 'Too many health records sent today',
    status: 429,
    detail: `One account can send ${MAX_TRANSMISSIONS_PER_DAY} health records a day. Try again tomorrow, or download the summary and share the file.`,
  }),
  linkNotFound: (): Problem => ({
    type: HEALTH_RECORD_PROBLEM_TYPES.linkNotFound,
    title: 'This link does not lead to a health record',
    status: 404,
    detail: 'Check that the whole link from the e-mail was opened, or ask the sender to send a new one.',
  }),
  linkUsed: (): Problem => ({
    type: HEALTH_RECORD_PROBLEM_TYPES.linkUsed,
    title: 'This link was already used',
    status: 410,
    detail: 'A secure link opens the record once. Ask the sender to send a new link if you need it again.',
  }),
  linkExpired: (): Problem => ({
    type: HEALTH_RECORD_PROBLEM_TYPES.linkExpired,
    title: 'This link has expired',
    status: 410,
    detail: `A secure link works for ${LINK_DAYS} days. Ask the sender to send a new one.`,
  }),
  linkClosed: (): Problem => ({
    type: HEALTH_RECORD_PROBLEM_TYPES.linkClosed,
    title: 'This link is closed',
    status: 410,
    detail: `The code was entered wrongly ${MAX_CODE_TRIES} times, so the link was closed to keep the record safe. Ask the sender to send a new one.`,
  }),
  wrongLinkCode: (triesLeft: number): Problem => ({
    type: PROBLEM_TYPES.wrongCode,
    title: 'That code is not right',
    status: 422,
    detail: `Check the code the sender gave you and enter it again. ${triesLeft} ${triesLeft === 1 ? 'try' : 'tries'} left.`,
    errors: { 'body.code': 'That code is not right.' },
  }),
  mailNotSent: (): Problem => ({
    type: PROBLEM_TYPES.unavailable,
    title: 'Service unavailable',
    status: 503,
    detail: 'The e-mail could not be sent just now. Nothing was sent; try again in a few minutes.',
  }),
  noRecord: (): Problem => ({
    type: HEALTH_RECORD_PROBLEM_TYPES.noRecord,
    title: 'There is no health record to send yet',
    status: 409,
    detail: 'The practice has not filed a record for this person yet. Call the office if you expected one.',
  }),
};

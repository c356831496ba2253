// Health Records' problem+json answers, worded for the people who read them.
import { HEALTH_RECORD_PROBLEM_TYPES, MAX_TRANSMISSIONS_PER_DAY } from '../../../core/health-records';
import type { Problem } from '../../../core/problem';

export const healthRecordProblems = {
  tooManyTransmissions: (): Problem => ({
    type: HEALTH_RECORD_PROBLEM_TYPES.tooManyTransmissions,
    title: 'Too many health records sent today',
    status: 429,
    detail: `One account can send ${MAX_TRANSMISSIONS_PER_DAY} health records a day. Try again tomorrow, or download the summary and share the file.`,
  }),
  noRecord: (): Problem => ({
    type: HEALTH_RECORD_PROBLEM_TYPES.noRecord,
    title: 'There is no health record to send yet',
    status: 409,
    detail: 'The practice has not filed a record for this person yet. Call the office if you expected one.',
  }),
};

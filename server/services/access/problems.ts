// The records routes' problem+json answers when a record is out of reach, worded for the people
// who read them. One answer for "not yours", "no such patient" and "not an id": existence stays hidden.
import { PROBLEM_TYPES, type Problem } from '../../../core/problem';
import { RECORD_PROBLEM_TYPES } from '../../../core/records';

export const accessProblems = {
  notInReach: (): Problem => ({
    type: PROBLEM_TYPES.notFound,
    title: 'Not found',
    status: 404,
    detail: 'There is no record you can open with this id.',
  }),
  billingOnly: (): Problem => ({
    type: RECORD_PROBLEM_TYPES.billingOnlyAccess,
    title: 'Billing only access does not include health records',
    status: 403,
    detail: 'Your family access to this person covers billing only. They can give you Full access.',
  }),
};

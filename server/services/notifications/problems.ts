// The push routes' problem+json answers.

import type { Problem } from '../../../core/problem';
import { PUSH_PROBLEM_TYPES } from '../../../core/push';

export const pushProblems = {
  /** The endpoint is not on a browser's push service: nothing is stored and nothing is fetched. */
  notAPushService: (): Problem => ({
    type: PUSH_PROBLEM_TYPES.notAPushService,
    title: 'This is not a push service',
    status: 422,
    detail:
      'Notifications can only be sent through the push service of your browser (Chrome, Edge, Firefox or Safari). Turn notifications off and on again in your profile.',
    errors: { 'body.endpoint': 'Not the address of a browser push service.' },
  }),
};

// The accounts feature's problem+json answers, worded for the people who read them.
import { COPPA_EXPLANATION } from '../../../core/ages';
import type { Problem } from '../../../core/problem';
import { PROBLEM_TYPES } from '../../../core/problem';

export const accountProblems = {
  identityNotMatched: (phone: string): Problem => ({
    type: PROBLEM_TYPES.identityNotMatched,
    title: 'We could not match your details to our records',
    status: 422,
    detail: `Please call the office at ${phone} so we can help you set up your account.`,
  }),
  tooYoung: (): Problem => ({
    type: PROBLEM_TYPES.tooYoung,
    title: 'People under 13 cannot have their own account',
    status: 422,
    detail: COPPA_EXPLANATION,
  }),
  enrollmentCodeRequired: (phone: string): Problem => ({
    type: PROBLEM_TYPES.enrollmentCodeRequired,
    title: 'An enrollment code from the office is needed',
    status: 422,
    detail: `Patients aged 13 to 17 need a one-time enrollment code from the office to register. Call ${phone} or ask at your next visit, then enter the code.`,
    errors: { 'body.enrollmentCode': 'Enter the enrollment code the office gave you.' },
  }),
  alreadyRegistered: (): Problem => ({
    type: PROBLEM_TYPES.alreadyRegistered,
    title: 'You already have an account',
    status: 409,
    detail:
      'Sign in with your e-mail address and password. If you forgot your password, choose "Forgot your password?".',
  }),
  weakPassword: (message: string, field = 'body.password'): Problem => ({
    type: PROBLEM_TYPES.weakPassword,
    title: 'Choose a stronger password',
    status: 422,
    detail: message,
    errors: { [field]: message },
  }),
  passwordsDiffer: (): Problem => ({
    type: PROBLEM_TYPES.invalidInput,
    title: 'The passwords do not match',
    status: 422,
    detail: 'Type the same new password twice.',
    errors: { 'body.passwordAgain': 'Type the same password as above.' },
  }),
  wrongCode: (status: 401 | 422 = 422): Problem => ({
    type: PROBLEM_TYPES.wrongCode,
    title: 'That code is not right',
    status,
    detail: 'Check the code and try again.',
  }),
  expired: (detail: string): Problem => ({
    type: PROBLEM_TYPES.expired,
    title: 'This has expired',
    status: 410,
    detail,
  }),
  signInFailed: (): Problem => ({
    type: PROBLEM_TYPES.signInFailed,
    title: 'Sign-in failed',
    status: 401,
    detail:
      'The e-mail address or password is not right. Check both and try again, or choose "Forgot your password?".',
  }),
  sessionEnded: (): Problem => ({
    type: PROBLEM_TYPES.sessionEnded,
    title: 'Your session has ended',
    status: 401,
    detail: 'Please sign in again.',
  }),
  signInRequired: (): Problem => ({
    type: PROBLEM_TYPES.signInRequired,
    title: 'Please sign in',
    status: 401,
    detail: 'Sign in to continue.',
  }),
  securityOptionRequired: (): Problem => ({
    type: PROBLEM_TYPES.securityOptionRequired,
    title: 'Set up your security option first',
    status: 403,
    detail: 'Choose an authenticator app or recovery codes to finish setting up your account.',
  }),
  passwordConfirmationRequired: (): Problem => ({
    type: PROBLEM_TYPES.passwordConfirmationRequired,
    title: 'Confirm your password first',
    status: 403,
    detail: 'To change how you prove who you are, enter your password again.',
  }),
  crossSite: (): Problem => ({
    type: PROBLEM_TYPES.crossSiteRequest,
    title: 'Request refused',
    status: 403,
    detail: 'This request did not come from the portal itself.',
  }),
};

/** 409: another request of this device renewed the session a moment ago; its new cookie is set. */
export function refreshRaced(): [Problem, Record<string, string>] {
  return [
    {
      type: PROBLEM_TYPES.requestInProgress,
      title: 'The session was just renewed',
      status: 409,
      detail: 'Another tab or the background sync renewed the session a moment ago. Try again.',
    },
    { 'retry-after': '1' },
  ];
}

/** 429 with Retry-After and a sentence saying when to try again. */
export function tooManyAttempts(retryAfterSeconds: number): [Problem, Record<string, string>] {
  const minutes = Math.ceil(retryAfterSeconds / 60);
  const when =
    retryAfterSeconds < 60
      ? `in ${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'}`
      : `in ${minutes} minute${minutes === 1 ? '' : 's'}`;
  return [
    {
      type: PROBLEM_TYPES.tooManyAttempts,
      title: 'Too many attempts',
      status: 429,
      detail: `For your security, further attempts are paused. Please try again ${when}.`,
    },
    { 'retry-after': String(retryAfterSeconds) },
  ];
}

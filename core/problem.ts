// RFC 9457 problem details: the one error shape the API answers with and the client reads.

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  /** Per-field messages for invalid input, keyed by the field's path ("body.subject"). */
  errors?: Record<string, string>;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Problem types are relative URIs; the Help page could document each one. */
export const PROBLEM_TYPES = {
  notFound: '/problems/not-found',
  methodNotAllowed: '/problems/method-not-allowed',
  invalidJson: '/problems/invalid-json',
  invalidInput: '/problems/invalid-input',
  payloadTooLarge: '/problems/payload-too-large',
  unsupportedMediaType: '/problems/unsupported-media-type',
  unavailable: '/problems/service-unavailable',
  internal: '/problems/internal-error',
  /** Made by the app itself, never sent by the server: the device copy is locked. */
  locked: '/problems/locked',
  // Accounts (issue 3)
  identityNotMatched: '/problems/identity-not-matched',
  tooYoung: '/problems/too-young',
  enrollmentCodeRequired: '/problems/enrollment-code-required',
  alreadyRegistered: '/problems/already-registered',
  weakPassword: '/problems/weak-password',
  wrongCode: '/problems/wrong-code',
  expired: '/problems/expired',
  signInFailed: '/problems/sign-in-failed',
  tooManyAttempts: '/problems/too-many-attempts',
  sessionEnded: '/problems/session-ended',
  signInRequired: '/problems/sign-in-required',
  securityOptionRequired: '/problems/security-option-required',
  editConflict: '/problems/edit-conflict',
  crossSiteRequest: '/problems/cross-site-request',
  idempotencyKeyReused: '/problems/idempotency-key-reused',
  requestInProgress: '/problems/request-in-progress',
  passwordConfirmationRequired: '/problems/password-confirmation-required',
  // Outbox replay
  sealedRequestInvalid: '/problems/sealed-request-invalid',
  sealedRequestOtherAccount: '/problems/sealed-request-other-account',
} as const;

export function isProblem(value: unknown): value is Problem {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.title === 'string' && typeof v.status === 'number' && typeof v.type === 'string';
}

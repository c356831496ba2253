// The one error type of the record cache and how API outcomes and IndexedDB failures map onto it,
// each kind with a sentence the user can act on. Messages never carry personal data.
import { PROBLEM_TYPES } from '../../../core/problem';
import type { ApiOutcome } from '../api-request';

export type RecordsErrorKind = 'offline' | 'session' | 'refused' | 'server' | 'storage-full' | 'storage';

export const RECORDS_ERROR_MESSAGES: Record<RecordsErrorKind, string> = {
  offline:
    "You're offline, so your records could not be updated. Everything already saved on this device is still here; it updates when you're connected again.",
  session:
    'Your session has ended or the portal is locked. Unlock or sign in again to update your records; what is saved on this device is still here.',
  refused:
    'The portal did not accept the update. What is saved on this device is still here; if this keeps happening, contact the practice.',
  server:
    'The portal is having trouble right now, so your records could not be updated. Try again in a few minutes; what is saved on this device is still here.',
  'storage-full':
    'This device is out of storage space, so new records could not be saved. Free up some space and update again; the records already saved are still here.',
  storage:
    'This device could not save or read your records. Try again; if it keeps happening, use "Forget this device" and sign in again.',
};

export interface RecordsErrorDetails {
  status?: number;
  /** The server's problem title and detail, for a refusal. */
  title?: string;
  detail?: string;
  retryAfterSeconds?: number | null;
}

export class RecordsError extends Error {
  readonly kind: RecordsErrorKind;
  readonly status?: number;
  readonly title?: string;
  readonly detail?: string;
  readonly retryAfterSeconds?: number | null;

  constructor(kind: RecordsErrorKind, message?: string, details: RecordsErrorDetails = {}) {
    super(message ?? RECORDS_ERROR_MESSAGES[kind]);
    this.name = 'RecordsError';
    this.kind = kind;
    this.status = details.status;
    this.title = details.title;
    this.detail = details.detail;
    this.retryAfterSeconds = details.retryAfterSeconds;
  }
}

export const LOCKED_MESSAGE = 'The portal is locked. Enter your password to see the records on this device.';

/** Reading or syncing without the key: the UI shows the unlock screen. */
export function lockedError(): RecordsError {
  return new RecordsError('session', LOCKED_MESSAGE);
}

/** A failed API outcome as a RecordsError (the caller handles 'ok' itself). */
export function errorFromOutcome(outcome: Exclude<ApiOutcome<unknown>, { kind: 'ok' }>): RecordsError {
  if (outcome.kind === 'offline') return new RecordsError('offline');
  const { status, problem, retryAfterSeconds } = outcome;
  if (status === 401) return new RecordsError('session', undefined, { status, retryAfterSeconds });
  if (status >= 500) return new RecordsError('server', undefined, { status, retryAfterSeconds });
  const detail = problem.detail ? ` ${problem.detail}` : '';
  return new RecordsError(
    'refused',
    `${withStop(problem.title)}${detail} What is saved on this device is still here.`,
    { status, title: problem.title, detail: problem.detail, retryAfterSeconds },
  );
}

function withStop(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** An answer that does not have the contract's shape: the server's fault, never a reason to wipe. */
export function malformedAnswer(): RecordsError {
  return new RecordsError(
    'server',
    'The portal sent an answer this app does not understand, so your records were not updated. What is saved on this device is still here.',
  );
}

/** Whether an error (possibly wrapped by Dexie: inner, cause, failures) is a full quota. */
export function isQuotaError(error: unknown): boolean {
  return someError(error, (e) => {
    const name = (e as { name?: unknown }).name;
    const code = (e as { code?: unknown }).code;
    return name === 'QuotaExceededError' || code === 22;
  });
}

/** Any thrown value as a RecordsError: kept as is, or classified as storage trouble. */
export function toRecordsError(error: unknown): RecordsError {
  if (error instanceof RecordsError) return error;
  return new RecordsError(isQuotaError(error) ? 'storage-full' : 'storage');
}

// Dexie wraps the browser's error: AbortError.inner, BulkError.failures / failuresByPos, ES cause.
function someError(error: unknown, test: (e: object) => boolean, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 5) return false;
  if (test(error)) return true;
  const e = error as { inner?: unknown; cause?: unknown; failures?: unknown; failuresByPos?: unknown };
  const nested: unknown[] = [e.inner, e.cause];
  if (Array.isArray(e.failures)) nested.push(...e.failures);
  if (typeof e.failuresByPos === 'object' && e.failuresByPos !== null)
    nested.push(...Object.values(e.failuresByPos));
  return nested.some((n) => n !== error && someError(n, test, depth + 1));
}

/** Refusals about the account, not the person: never a reason to delete that person's records. */
const ACCOUNT_REFUSALS: ReadonlySet<string> = new Set([
  PROBLEM_TYPES.securityOptionRequired,
  PROBLEM_TYPES.passwordConfirmationRequired,
  PROBLEM_TYPES.crossSiteRequest,
]);

/** A refusal saying this person's data is no longer the account's to read (404, or 403 Billing only). */
export function isOutOfReach(status: number, problemType: string): boolean {
  return (status === 403 || status === 404) && !ACCOUNT_REFUSALS.has(problemType);
}

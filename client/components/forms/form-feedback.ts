// Turns API outcomes into words a patient understands and maps a problem's field errors onto form
// fields; FormController (form-controller.ts) shows them and moves focus to the first.
import type { Problem } from '../../../core/problem';
import type { ApiOutcome } from '../../data/api-request';

/** "body.password" → "password"; nested paths keep their dots ("body.changes.address.zip"). */
export function fieldErrors(problem: Problem, prefix = 'body.'): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [path, message] of Object.entries(problem.errors ?? {})) {
    errors[path.startsWith(prefix) ? path.slice(prefix.length) : path] = message;
  }
  return errors;
}

export function tryAgainText(seconds: number, now: Date = new Date()): string {
  const at = new Date(now.getTime() + seconds * 1000).toLocaleTimeString([], {
    hour: 'numeric',
    minute: '2-digit',
  });
  if (seconds < 60) return `Please wait ${seconds} seconds and try again (at ${at}).`;
  const minutes = Math.ceil(seconds / 60);
  return `You can try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}, at ${at}.`;
}

export const offlineText = (action: string): string => `You're offline. ${action} needs a connection.`;

/** A sentence for an outcome no form field explains: offline, too many tries, server trouble. */
export function failureText(outcome: Exclude<ApiOutcome<unknown>, { kind: 'ok' }>, action: string): string {
  if (outcome.kind === 'offline') return offlineText(action);
  if (outcome.status === 429) {
    const wait = outcome.retryAfterSeconds;
    return `Too many attempts. ${wait === null ? (outcome.problem.detail ?? 'Please wait a few minutes and try again.') : tryAgainText(wait)}`;
  }
  if (outcome.status >= 500) {
    return 'The portal is having trouble right now. Nothing was lost: please try again in a few minutes.';
  }
  return outcome.problem.detail ?? outcome.problem.title;
}

// What to tell someone whose password did not open the portal or the records saved on this device:
// the lock screen and "Open your records on this device" say it in the same words.
import type { UnlockOutcome } from '../../data/session';
import { failureText, tryAgainText } from './form-feedback';

export const OFFLINE_NOTE =
  'You’re offline. Your password opens what is saved on this device; anything new arrives once you’re connected.';
export const NO_OFFLINE_COPY_TEXT =
  'Nothing of this account is saved on this device yet, so it can only be unlocked with a connection. Connect to the internet and try again.';
const WRONG_PASSWORD_TEXT = 'That password is not right. Try again.';

/** What to tell the user about an unlock that did not open the portal; null when it did. */
export function unlockProblem(outcome: UnlockOutcome): { field?: string; alert?: string } | null {
  switch (outcome.kind) {
    case 'ok':
    case 'offline-unlocked':
      return null;
    case 'offline':
      return { alert: NO_OFFLINE_COPY_TEXT };
    case 'offline-refused':
      return outcome.reason === 'wrong-password'
        ? { field: WRONG_PASSWORD_TEXT }
        : { alert: NO_OFFLINE_COPY_TEXT };
    case 'offline-wait':
      return { alert: `Too many wrong passwords. ${tryAgainText(outcome.retryAfterSeconds)}` };
    case 'problem':
      return outcome.status === 401
        ? { field: WRONG_PASSWORD_TEXT }
        : { alert: failureText(outcome, 'Unlocking') };
  }
}

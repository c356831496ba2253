// Activity history in plain words: what each audit action means to a patient, who did it, and
// when, in the practice's time zone.
import type { ActivityEvent, AuditAction } from '../../../core/accounts';

const ACTIONS: Record<AuditAction, string> = {
  'sign-in': 'Signed in',
  'sign-in-failed': 'A sign-in failed (wrong password or code)',
  'sign-out': 'Signed out',
  'sign-out-everywhere': 'Signed out of all devices',
  'session-revoked': 'A device was signed out',
  'refresh-token-reuse': 'A stolen sign-in was blocked and every device was signed out',
  'account-created': 'Account created',
  'email-confirmed': 'E-mail address confirmed',
  'security-option-set': 'Security option set up',
  'password-reset-requested': 'Password reset requested',
  'password-reset': 'Password reset',
  'password-changed': 'Password changed',
  'profile-changed': 'Personal information updated',
  'email-changed': 'E-mail address changed',
  'record-viewed': 'Health record viewed',
  'record-downloaded': 'Health record downloaded',
  'record-transmitted': 'Health record sent',
  'record-synced': 'Record copied to a device for offline use',
  'family-access-changed': 'Family access changed',
};

export function actionWords(event: ActivityEvent): string {
  const words = ACTIONS[event.action] ?? event.action;
  return event.addressee ? `${words} to ${event.addressee}` : words;
}

export function actorWords(event: ActivityEvent, myAccountId: string | null): string {
  if (event.actorAccountId !== null && event.actorAccountId === myAccountId) return 'You';
  return event.actorName ?? 'Someone not signed in';
}

export function whenWords(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    dateStyle: 'medium',
    timeStyle: 'short',
  })
    .format(new Date(iso))
    .concat(' ', zoneName(iso, timeZone));
}

function zoneName(iso: string, timeZone: string): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' })
    .formatToParts(new Date(iso))
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? '';
}

/** Newest first, whatever order the answer came in. */
export const newestFirst = (events: readonly ActivityEvent[]): ActivityEvent[] =>
  [...events].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));

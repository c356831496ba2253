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
  'record-link-opened': 'Health record opened by the person it was sent to',
  'record-synced': 'Record copied to a device for offline use',
  'billing-viewed': 'Billing statements viewed',
  'family-access-changed': 'Family access changed by the age rules',
  'family-access-requested': 'Family access requested',
  'family-access-declined': 'Family access request declined',
  'family-access-granted': 'Family access given',
  'family-access-level-changed': 'Family access level changed',
  'family-access-confirmed': 'Family access kept after turning 18',
  'family-access-removed': 'Family access removed',
  'family-invitation-sent': 'Family member invited',
  'family-invitation-cancelled': 'Family invitation cancelled',
  'family-invitation-accepted': 'Family invitation accepted',
  'message-sent': 'Secure message sent',
  'message-answered': 'Secure message answered by the practice',
  'messages-viewed': 'Secure messages read',
};

/** Family events name the family member in `addressee`; the word before the name differs. */
const BEFORE_ADDRESSEE: Partial<Record<AuditAction, string>> = {
  'family-access-changed': 'for',
  'family-access-requested': 'by',
  'family-access-declined': 'from',
  'family-access-level-changed': 'for',
  'family-access-confirmed': 'for',
  'family-access-removed': 'from',
  'family-invitation-sent': ':',
  'family-invitation-cancelled': 'for',
  'family-invitation-accepted': 'by',
};

/** Who acted when no one signed in did: the practice's own links and the age rules. */
const NO_ACTOR: Partial<Record<AuditAction, string>> = {
  'family-access-changed': 'The portal, by the age rules',
  'family-access-granted': 'The practice',
};

export function actionWords(event: ActivityEvent): string {
  const words = ACTIONS[event.action] ?? event.action;
  if (!event.addressee) return words;
  const before = BEFORE_ADDRESSEE[event.action] ?? 'to';
  return before === ':' ? `${words}: ${event.addressee}` : `${words} ${before} ${event.addressee}`;
}

export function actorWords(event: ActivityEvent, myAccountId: string | null): string {
  if (event.actorAccountId !== null && event.actorAccountId === myAccountId) return 'You';
  return (
    event.actorName ??
    (event.actorAccountId === null ? NO_ACTOR[event.action] : undefined) ??
    'Someone not signed in'
  );
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

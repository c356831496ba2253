// The profile's "send" step and the rules around it: which fields changed, which of them someone
// else changed meanwhile (a 409 conflict), and what to resend once the user has chosen.
// Offline, the change goes to the outbox instead and is sent, exactly once, when the device is back.

import type { Profile, ProfileFields } from '../../../core/accounts';
import { API } from '../../../core/api-paths';
import { patchProfile } from '../../data/accounts-api';
import type { ApiOutcome } from '../../data/api-request';
import { session } from '../../data/session';

export type ProfileChanges = Partial<ProfileFields>;
export type ProfileKey = keyof ProfileFields;

export const PROFILE_KEYS: readonly ProfileKey[] = [
  'preferredName',
  'address',
  'mobilePhone',
  'homePhone',
  'preferredLanguage',
  'emergencyContact',
  'notifications',
];

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

export type SaveOutcome = ApiOutcome<Profile> | { kind: 'queued' };

/**
 * Sends the changed fields with the version they were based on. Without a connection (or when
 * the request could not get through) the change is queued in the outbox, sealed to the server.
 */
export async function saveProfile(
  changes: ProfileChanges,
  baseVersion: number,
  online: boolean = navigator.onLine,
): Promise<SaveOutcome> {
  const outcome = online ? await patchProfile({ baseVersion, changes }) : ({ kind: 'offline' } as const);
  if (outcome.kind !== 'offline' || !session.account) return outcome;
  const { queueChange } = await import('../../data/outbox');
  // No readable copy: the form keeps showing the edit until the outbox reports it delivered.
  await queueChange(
    { kind: 'profile-edit', method: 'PATCH', path: API.me.profile, body: { baseVersion, changes } },
    { accountId: session.account.id, cache: null },
  );
  return { kind: 'queued' };
}

export function changedFields(original: ProfileFields, edited: ProfileFields): ProfileChanges {
  const changes: Record<string, unknown> = {};
  for (const key of PROFILE_KEYS) if (!same(original[key], edited[key])) changes[key] = edited[key];
  return changes as ProfileChanges;
}

/** Fields I changed that someone else changed too (since `base`), to a value other than mine. */
export function conflictingFields(mine: ProfileChanges, base: ProfileFields, current: Profile): ProfileKey[] {
  return PROFILE_KEYS.filter(
    (key) => key in mine && !same(base[key], current[key]) && !same(mine[key], current[key]),
  );
}

/** What to resend on the new version: my changes, minus the fields where I chose the server's. */
export function resolvedChanges(mine: ProfileChanges, keepServer: ReadonlySet<ProfileKey>): ProfileChanges {
  const changes: Record<string, unknown> = {};
  for (const key of PROFILE_KEYS) if (key in mine && !keepServer.has(key)) changes[key] = mine[key];
  return changes as ProfileChanges;
}

export const PROFILE_LABELS: Record<ProfileKey, string> = {
  preferredName: 'Preferred name',
  address: 'Address',
  mobilePhone: 'Mobile phone',
  homePhone: 'Home phone',
  preferredLanguage: 'Preferred language',
  emergencyContact: 'Emergency contact',
  notifications: 'Notifications',
};

/** A field's value as one readable line, for the conflict view. */
export function describeValue(key: ProfileKey, fields: Partial<ProfileFields>): string {
  const empty = '(empty)';
  switch (key) {
    case 'address': {
      const a = fields.address;
      const line = a
        ? [a.line1, a.line2, a.city, [a.state, a.zip].filter(Boolean).join(' ')].filter(Boolean).join(', ')
        : '';
      return line || empty;
    }
    case 'emergencyContact': {
      const c = fields.emergencyContact;
      const line = c
        ? [c.name, c.relationship && `(${c.relationship})`, c.phone].filter(Boolean).join(' ')
        : '';
      return line || empty;
    }
    case 'notifications': {
      const n = fields.notifications;
      if (!n) return empty;
      const on = [
        n.emailNewMessage && 'e-mail for new messages',
        n.emailNewResult && 'e-mail for new results',
        n.emailReminders && 'e-mail reminders',
        n.textReminders && 'text reminders',
      ].filter(Boolean);
      return on.length > 0 ? on.join(', ') : 'none';
    }
    default: {
      const value = fields[key];
      return typeof value === 'string' && value !== '' ? value : empty;
    }
  }
}

// The whole answers a pull keeps per person (sync/pull.ts, step 3): billing statements, message
// threads, the providers they may write to, and the account holder's own Family access settings,
// kept sealed for reading offline. Billing-only people get them too (the server keeps to billing).
import { API } from '../../../core/api-paths';
import { billingPath } from '../../../core/billing';
import { messagesPath, recipientsPath } from '../../../core/message-paths';
import type { PersonInReach } from '../../../core/records';
import { readBilling, readFamilySettings, readMessages, readRecipients } from '../records/answer-shapes';
import type { SnapshotKind } from '../records/records-db';

/** Each whole answer kept per person: where it is fetched and how its shape is checked. */
export interface SnapshotSource {
  kind: SnapshotKind;
  path: (patientId: string) => string;
  read: (answer: unknown, patientId: string) => object | null;
  /** Fetched for the account holder's own entry only (their own settings, not anyone's record). */
  selfOnly?: boolean;
}

export const SNAPSHOT_SOURCES: readonly SnapshotSource[] = [
  { kind: 'billing', path: billingPath, read: readBilling },
  { kind: 'messages', path: messagesPath, read: readMessages },
  // So a message can be written offline to a provider chosen from the list.
  { kind: 'recipients', path: recipientsPath, read: readRecipients },
  // So Family access settings open offline and changes to them can be made there.
  { kind: 'family', path: () => API.family.settings, read: readFamilySettings, selfOnly: true },
];

/** The sources that apply to one person on the list. */
export function sourcesFor(person: Pick<PersonInReach, 'access'>): SnapshotSource[] {
  return SNAPSHOT_SOURCES.filter((source) => !source.selfOnly || person.access === 'self');
}

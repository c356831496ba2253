// The second half of a sync: each person's billing statements, message threads and the providers
// they may write to, and the account holder's own Family access settings, fetched whole and kept
// sealed for reading offline. Billing-only people get them too (the server keeps to billing); an
// answer saying the person is out of reach drops the copy.
import { billingPath } from '../../../core/billing';
import { messagesPath, recipientsPath } from '../../../core/message-paths';
import type { PersonInReach } from '../../../core/records';
import { readBilling, readFamilySettings, readMessages, readRecipients } from './answer-shapes';
import type { RecordsCache } from './records-cache';
import type { SnapshotKind } from './records-db';
import { errorFromOutcome, isOutOfReach, malformedAnswer } from './records-errors';
import { dropSnapshot, storeSnapshot } from './snapshots';
import type { RecordsFetch } from './sync-records';

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
  { kind: 'family', path: () => FAMILY_SETTINGS_PATH, read: readFamilySettings, selfOnly: true },
];

export const FAMILY_SETTINGS_PATH = '/api/family';

/** The sources that apply to one person on the list. */
export function sourcesFor(person: Pick<PersonInReach, 'access'>): SnapshotSource[] {
  return SNAPSHOT_SOURCES.filter((source) => !source.selfOnly || person.access === 'self');
}

/** Refreshes every person's copies; returns the people whose copies changed. Throws a RecordsError. */
export async function syncSnapshots(
  cache: RecordsCache,
  fetch: RecordsFetch,
  people: readonly PersonInReach[],
  now: () => Date,
): Promise<string[]> {
  const changed = new Set<string>();
  // Asked for all at once: small answers, and a sync with nothing new should stay quick.
  const wanted = people.flatMap((person) => sourcesFor(person).map((source) => ({ person, source })));
  const outcomes = await Promise.all(
    wanted.map(({ person, source }) => fetch<unknown>(source.path(person.patientId))),
  );
  for (const [index, { person, source }] of wanted.entries()) {
    const outcome = outcomes[index]!;
    if (outcome.kind === 'problem' && isOutOfReach(outcome.status, outcome.problem.type)) {
      // Out of reach since the people list was fetched: the next list drops the person.
      if (await dropSnapshot(cache, person.patientId, source.kind)) changed.add(person.patientId);
      continue;
    }
    if (outcome.kind !== 'ok') throw errorFromOutcome(outcome);
    const value = source.read(outcome.data, person.patientId);
    if (!value) throw malformedAnswer();
    if (await storeSnapshot(cache, person.patientId, source.kind, value, now().toISOString()))
      changed.add(person.patientId);
  }
  return [...changed];
}

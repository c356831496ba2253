// Checks that the server's answers have the contract's shapes before anything is stored or
// deleted: a malformed people list must never wipe a device.
import type { BillingSummary } from '../../../core/billing';
import type { FamilySettings } from '../../../core/family';
import type { Json } from '../../../core/json';
import type { MessageRecipients, MessagesAnswer } from '../../../core/messages';
import type {
  AccessLevel,
  ChangesPage,
  PeopleResponse,
  PersonInReach,
  RecordChange,
} from '../../../core/records';

const ACCESS_LEVELS: ReadonlySet<string> = new Set<AccessLevel>(['self', 'full', 'billing']);

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isSeq = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

// What may sit in clear on the device is checked here, so a server bug cannot put a name there.
const FHIR_ID = /^[A-Za-z0-9.-]{1,64}$/;
const RESOURCE_TYPE = /^[A-Z][A-Za-z]{1,63}$/;
const FHIR_DATE = /^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

/** The date kept in clear for sorting: a FHIR date or dateTime, else '' (filed as undated). */
export function clearDate(date: string | null): string {
  return date !== null && FHIR_DATE.test(date) ? date : '';
}

function isPerson(value: unknown): value is PersonInReach {
  return (
    isObject(value) &&
    typeof value.patientId === 'string' &&
    FHIR_ID.test(value.patientId) &&
    typeof value.access === 'string' &&
    ACCESS_LEVELS.has(value.access) &&
    typeof value.displayName === 'string' &&
    typeof value.birthDate === 'string' &&
    typeof value.relationship === 'string'
  );
}

/** The people list without repeats (first entry wins), or null when the answer is malformed. */
export function readPeople(answer: unknown): PersonInReach[] | null {
  if (!isObject(answer) || !Array.isArray((answer as Partial<PeopleResponse>).people)) return null;
  const people = (answer as { people: unknown[] }).people;
  if (!people.every(isPerson)) return null;
  const seen = new Set<string>();
  return people.filter((person) => {
    if (seen.has(person.patientId)) return false;
    seen.add(person.patientId);
    return true;
  });
}

function isChange(value: unknown): value is RecordChange {
  if (!isObject(value)) return false;
  const { type, id, seq, date, resource } = value;
  return (
    typeof type === 'string' &&
    RESOURCE_TYPE.test(type) &&
    typeof id === 'string' &&
    FHIR_ID.test(id) &&
    isSeq(seq) &&
    (date === null || typeof date === 'string') &&
    (resource === undefined || (isObject(resource) && resource.resourceType === type && resource.id === id))
  );
}

/** A changes page for this person, or null when malformed (cursor going back, changes out of range). */
export function readChangesPage(answer: unknown, patientId: string): ChangesPage | null {
  if (!isObject(answer)) return null;
  const { since, next, more, changes } = answer;
  if (answer.patientId !== patientId || !isSeq(since) || !isSeq(next) || typeof more !== 'boolean')
    return null;
  if (next < since || !Array.isArray(changes) || !changes.every(isChange)) return null;
  if (changes.some((c) => c.seq <= since || c.seq > next)) return null;
  // A page that promises more but does not move the cursor would be asked for forever.
  if (more && next === since) return null;
  const view = typeof answer.view === 'string' && answer.view.length <= 200 ? answer.view : undefined;
  return { patientId, since, next, more, changes, ...(view === undefined ? {} : { view }) };
}

/** A billing answer for this person with the contract's shape, or null. */
export function readBilling(answer: unknown, patientId: string): BillingSummary | null {
  if (!isObject(answer) || answer.patientId !== patientId) return null;
  const { statements, balanceCents, currency, asOf } = answer;
  if (!Array.isArray(statements) || !Number.isSafeInteger(balanceCents)) return null;
  if (typeof currency !== 'string' || typeof asOf !== 'string') return null;
  const lineOk = (line: unknown) =>
    isObject(line) &&
    typeof line.id === 'string' &&
    typeof line.serviceDate === 'string' &&
    Number.isSafeInteger(line.chargedCents) &&
    Number.isSafeInteger(line.insurancePaidCents) &&
    Number.isSafeInteger(line.patientOwesCents);
  return statements.every(lineOk) ? (answer as unknown as BillingSummary) : null;
}

/** A messages answer for this person with the contract's shape, or null. */
export function readMessages(answer: unknown, patientId: string): MessagesAnswer | null {
  if (!isObject(answer) || answer.patientId !== patientId || !Array.isArray(answer.threads)) return null;
  const threadOk = (thread: unknown) =>
    isObject(thread) &&
    typeof thread.id === 'string' &&
    thread.patientId === patientId &&
    (thread.topic === 'care' || thread.topic === 'billing') &&
    Array.isArray(thread.messages) &&
    thread.messages.every((m) => isObject(m) && typeof m.id === 'string' && typeof m.body === 'string');
  return answer.threads.every(threadOk) && typeof answer.asOf === 'string'
    ? (answer as unknown as MessagesAnswer)
    : null;
}

/** The account holder's Family access settings with the contract's shape, or null. */
export function readFamilySettings(answer: unknown): FamilySettings | null {
  if (!isObject(answer) || typeof answer.canShare !== 'boolean' || typeof answer.canGrantFull !== 'boolean')
    return null;
  const named = (key: 'displayName' | 'requesterName') => (item: unknown) =>
    isObject(item) && typeof item.id === 'string' && typeof item[key] === 'string';
  const { grants, invitations, requests } = answer;
  if (!Array.isArray(grants) || !Array.isArray(invitations) || !Array.isArray(requests)) return null;
  return grants.every(named('displayName')) &&
    invitations.every(named('displayName')) &&
    requests.every(named('requesterName'))
    ? (answer as unknown as FamilySettings)
    : null;
}

/** Who the person's side may write to, or null when malformed. */
export function readRecipients(answer: unknown): MessageRecipients | null {
  if (!isObject(answer) || !Array.isArray(answer.providers)) return null;
  const providerOk = (p: unknown) =>
    isObject(p) &&
    typeof p.id === 'string' &&
    typeof p.name === 'string' &&
    Array.isArray(p.locations) &&
    p.locations.every((l) => isObject(l) && typeof l.id === 'string' && typeof l.name === 'string');
  return answer.providers.every(providerOk) ? (answer as unknown as MessageRecipients) : null;
}

// The one place that decides whose records a signed-in account may open, and how far: its own
// patient record, then family access with core's age rules applied to every grant, every request.
import { type EffectiveLevel, effectiveLevel } from '../../../core/family';
import type { AccessLevel, PersonInReach } from '../../../core/records';
import type { AppDeps } from '../../context';
import type { AccountRow } from '../accounts/account-store';
import { isFhirId } from '../records/fhir-primitives';
import { storeOf } from '../records/store-of';
import { type CalendarDeps, practiceCalendar } from './calendar';
import { type PatientCard, patientCard } from './patient-card';
import { grantFacts, liveProxyAccess, liveProxyAccessTo, type ProxyAccessRow } from './proxy-access';

/** What deciding access needs; AppDeps has it, and so do the practice's scripts. */
export type ReachDeps = Pick<AppDeps, 'db' | 'now'> & CalendarDeps;
type Caller = Pick<AccountRow, 'id' | 'role' | 'patient_id'>;

/** Everyone the account may see, its own record first, then family access oldest first. */
export function peopleInReach(deps: ReachDeps, account: Caller): PersonInReach[] {
  // Staff work on the practice side; they reach no patient record through the patient routes.
  if (account.role !== 'user') return [];
  const people: PersonInReach[] = [];
  const own = account.patient_id === null ? undefined : cardOf(deps, account.patient_id);
  if (own && account.patient_id !== null) people.push(person(account.patient_id, own, 'self', 'self'));
  for (const row of liveProxyAccess(deps.db, account.id)) {
    if (row.patient_id === account.patient_id) continue;
    const card = cardOf(deps, row.patient_id);
    const level = card ? grantLevelToday(deps, row, card.birthDate) : 'none';
    if (card && level !== 'none') people.push(person(row.patient_id, card, level, row.relationship));
  }
  return people;
}

/** How the account reaches this patient's record, or null: not at all (unknown ids included). */
export function accessTo(deps: ReachDeps, account: Caller, patientId: string): AccessLevel | null {
  if (account.role !== 'user' || !isFhirId(patientId)) return null;
  const card = cardOf(deps, patientId);
  if (!card) return null;
  if (account.patient_id === patientId) return 'self';
  const row = liveProxyAccessTo(deps.db, account.id, patientId);
  const level = row ? grantLevelToday(deps, row, card.birthDate) : 'none';
  return level === 'none' ? null : level;
}

/** What a live grant gives today in the practice's calendar: core's age rules, nothing else. */
export function grantLevelToday(
  deps: ReachDeps,
  row: ProxyAccessRow,
  birthDate: string | null,
): EffectiveLevel {
  const { today, dateOf } = practiceCalendar(deps);
  return effectiveLevel(grantFacts(row), birthDate, today, dateOf);
}

/** The patient's name and birth date; undefined when the practice has no (live) Patient resource. */
export function cardOf(deps: ReachDeps, patientId: string): PatientCard | undefined {
  const stored = storeOf(deps).get('Patient', patientId);
  return stored && !stored.deleted ? patientCard(stored.resource) : undefined;
}

function person(patientId: string, card: PatientCard, access: AccessLevel, relationship: string) {
  return { patientId, displayName: card.displayName, birthDate: card.birthDate ?? '', access, relationship };
}

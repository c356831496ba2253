// The record a signed-in patient shares through family access: their own, and nobody else's.
import { MIN_ACCOUNT_AGE } from '../../../core/ages';
import { ProblemException } from '../../http/problem';
import { ageToday } from '../access/calendar';
import type { PatientCard } from '../access/patient-card';
import { cardOf, type ReachDeps } from '../access/reach';
import type { AccountRow } from '../accounts/account-store';
import { familyProblems } from './problems';

export interface OwnRecord {
  patientId: string;
  card: PatientCard;
  /** Null when the practice has no exact birth date (counted as an adult's). */
  age: number | null;
}

/** The caller's own patient record, or undefined for accounts that are not a patient's. */
export function ownRecordOf(deps: ReachDeps, caller: AccountRow): OwnRecord | undefined {
  if (caller.role !== 'user' || caller.patient_id === null) return undefined;
  const card = cardOf(deps, caller.patient_id);
  return card ? { patientId: caller.patient_id, card, age: ageToday(deps, card.birthDate) } : undefined;
}

/**
 * The record the caller may share, or a 422. Accounts only exist from 13, so the under-13 check
 * is a second lock on a door that is already shut (COPPA).
 */
export function sharedRecordOf(deps: ReachDeps, caller: AccountRow): OwnRecord {
  const own = ownRecordOf(deps, caller);
  if (!own) throw new ProblemException(familyProblems.nothingToShare());
  if (own.age !== null && own.age < MIN_ACCOUNT_AGE) throw new ProblemException(familyProblems.tooYoung());
  return own;
}

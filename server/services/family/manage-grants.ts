// The patient changes, keeps (from 18) or removes a family member's access, applied at once; only
// the patient whose record it is may: their family member gets 403, anyone else 404.
import { ADULT_AGE } from '../../../core/ages';
import { type FamilyGrant, type GrantLevel, needsAdultConfirmation } from '../../../core/family';
import type { AppDeps } from '../../context';
import { ProblemException } from '../../http/problem';
import { practiceCalendar } from '../access/calendar';
import {
  confirmGrantAsAdult,
  endProxyAccess,
  findGrant,
  grantFacts,
  type ProxyAccessRow,
  setGrantLevel,
} from '../access/proxy-access';
import { accessTo } from '../access/reach';
import type { AccountRow } from '../accounts/account-store';
import { accountServices } from '../accounts/index';
import { rememberLevel } from './age-watch';
import { auditFamily } from './family-audit';
import { familyGrantOf, familyMemberName } from './grant-view';
import { type OwnRecord, ownRecordOf } from './own-record';
import { familyProblems } from './problems';

/** The live grant on the caller's own record; 403 for a family member of its patient, else 404. */
function ownGrant(
  deps: AppDeps,
  caller: AccountRow,
  grantId: string,
): { row: ProxyAccessRow; own: OwnRecord } {
  const row = findGrant(deps.db, grantId);
  const live = row !== undefined && row.ended_at === null;
  const own = ownRecordOf(deps, caller);
  if (live && own && row.patient_id === own.patientId) return { row, own };
  if (live && accessTo(deps, caller, row.patient_id) !== null)
    throw new ProblemException(familyProblems.notThePatient());
  throw new ProblemException(familyProblems.grantNotFound());
}

/** The patient's change, on the patient's history. */
function auditChange(
  deps: AppDeps,
  action: 'family-access-level-changed' | 'family-access-confirmed' | 'family-access-removed',
  row: ProxyAccessRow,
  caller: AccountRow,
  device: string,
) {
  auditFamily(deps.db, accountServices(deps).audit, {
    action,
    patientId: row.patient_id,
    actorAccountId: caller.id,
    familyMember: familyMemberName(deps, row.account_id),
    device,
  });
}

/**
 * Sets the level. A teen (13-17) may choose Full; the choice is what the age rules look for. An
 * adult choosing a level for access set up while a minor has decided to keep it: that confirms it.
 */
export function changeGrantLevel(
  deps: AppDeps,
  caller: AccountRow,
  grantId: string,
  level: GrantLevel,
  device: string,
): FamilyGrant {
  const { db, now } = deps;
  const { row, own } = ownGrant(deps, caller, grantId);
  const { today, dateOf } = practiceCalendar(deps);
  return db.transaction(() => {
    const at = now();
    let changed = setGrantLevel(db, row.id, level, at);
    const confirming = needsAdultConfirmation(grantFacts(changed), own.card.birthDate, today, dateOf);
    if (confirming) changed = confirmGrantAsAdult(db, row.id, at);
    const before = row.last_effective_level;
    const after = rememberLevel(deps, changed, own.card.birthDate);
    if (row.level !== level || before !== after)
      auditChange(deps, 'family-access-level-changed', changed, caller, device);
    if (confirming) auditChange(deps, 'family-access-confirmed', changed, caller, device);
    return familyGrantOf(deps, changed, own.card.birthDate);
  })();
}

/** An adult keeps access set up while they were a minor. Before 18 there is nothing to confirm. */
export function confirmGrant(
  deps: AppDeps,
  caller: AccountRow,
  grantId: string,
  device: string,
): FamilyGrant {
  const { db, now } = deps;
  const { row, own } = ownGrant(deps, caller, grantId);
  if (own.age !== null && own.age < ADULT_AGE)
    throw new ProblemException(familyProblems.confirmationNotNeeded());
  const { today, dateOf } = practiceCalendar(deps);
  if (!needsAdultConfirmation(grantFacts(row), own.card.birthDate, today, dateOf))
    return familyGrantOf(deps, row, own.card.birthDate);
  return db.transaction(() => {
    const confirmed = confirmGrantAsAdult(db, row.id, now());
    rememberLevel(deps, confirmed, own.card.birthDate);
    auditChange(deps, 'family-access-confirmed', confirmed, caller, device);
    return familyGrantOf(deps, confirmed, own.card.birthDate);
  })();
}

export function removeGrant(deps: AppDeps, caller: AccountRow, grantId: string, device: string): void {
  const { db, now } = deps;
  const { row } = ownGrant(deps, caller, grantId);
  db.transaction(() => {
    if (endProxyAccess(db, row.id, 'removed-by-patient', now()))
      auditChange(deps, 'family-access-removed', row, caller, device);
  })();
}

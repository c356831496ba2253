// One family member's access as Family access settings shows it: the stored level, what it gives
// today by the age rules, and whether the adult patient must confirm it.
import { type FamilyGrant, needsAdultConfirmation } from '../../../core/family';
import { practiceCalendar } from '../access/calendar';
import { grantFacts, type ProxyAccessRow } from '../access/proxy-access';
import { grantLevelToday, type ReachDeps } from '../access/reach';
import { displayName, findAccountById } from '../accounts/account-store';

export function familyGrantOf(deps: ReachDeps, row: ProxyAccessRow, birthDate: string | null): FamilyGrant {
  const account = findAccountById(deps.db, row.account_id);
  const { today, dateOf } = practiceCalendar(deps);
  return {
    id: row.id,
    displayName: account ? displayName(account) : '',
    relationship: row.relationship,
    level: row.level,
    effective: grantLevelToday(deps, row, birthDate),
    source: row.source,
    since: row.created_at,
    needsAdultConfirmation: needsAdultConfirmation(grantFacts(row), birthDate, today, dateOf),
  };
}

/** The family member's name for the patient's activity history. */
export function familyMemberName(deps: Pick<ReachDeps, 'db'>, accountId: string): string {
  const account = findAccountById(deps.db, accountId);
  return account ? displayName(account) : '';
}

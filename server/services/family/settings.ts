// GET /api/family: the signed-in patient's Family access settings: who has access and how far
// today, invitations not yet accepted, requests waiting for the passcode.
import { MIN_ACCOUNT_AGE } from '../../../core/ages';
import type { FamilySettings } from '../../../core/family';
import type { AppDeps } from '../../context';
import { liveGrantsOf } from '../access/proxy-access';
import type { AccountRow } from '../accounts/account-store';
import { familyGrantOf } from './grant-view';
import { pendingInvitations } from './invitations';
import { ownRecordOf } from './own-record';
import { pendingRequests } from './requests';

export function familySettings(deps: AppDeps, caller: AccountRow): FamilySettings {
  const own = ownRecordOf(deps, caller);
  if (!own) return { canShare: false, canGrantFull: false, grants: [], invitations: [], requests: [] };
  return {
    canShare: own.age === null || own.age >= MIN_ACCOUNT_AGE,
    canGrantFull: own.age === null || own.age >= MIN_ACCOUNT_AGE,
    grants: liveGrantsOf(deps.db, own.patientId).map((row) => familyGrantOf(deps, row, own.card.birthDate)),
    invitations: pendingInvitations(deps, own.patientId),
    requests: pendingRequests(deps, own.patientId),
  };
}

// The patient's consent, the passcode they handed over: the signed-in requester gets access at
// once; a newcomer creates their account with it (requester-account.ts: POST .../account, then the
// e-mailed code at .../account/confirm), which then has access.
import { levelOnConsent, type PasscodeAccepted } from '../../../core/family';
import type { AppDeps } from '../../context';
import { ProblemException } from '../../http/problem';
import { practiceCalendar } from '../access/calendar';
import { insertPatientGrant } from '../access/proxy-access';
import { cardOf } from '../access/reach';
import type { AccountRow } from '../accounts/account-store';
import { accountServices } from '../accounts/index';
import { accountProblems } from '../accounts/problems';
import { rememberLevel } from './age-watch';
import { auditFamily } from './family-audit';
import { checkPasscodeLocks, verifyPasscode } from './passcodes';
import { familyProblems } from './problems';
import { closeRequest, findRequest, isUsable, type RequestRow } from './request-store';
import { requesterNameOf } from './requests';

export const REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A request that can still be used, its passcode checked. Unknown, used, declined, expired: 410. */
export function consentedRequest(deps: AppDeps, requestId: string, passcode: string, ip: string): RequestRow {
  if (!REQUEST_ID.test(requestId)) throw new ProblemException(familyProblems.requestGone());
  checkPasscodeLocks(deps, requestId, ip);
  const row = findRequest(deps.db, requestId);
  if (!row || !isUsable(row, deps.now())) throw new ProblemException(familyProblems.requestGone());
  verifyPasscode(deps, row, passcode, ip);
  return row;
}

/**
 * POST /api/family/requests/:id/passcode. Access begins for the signed-in account that asked, or
 * for a signed-in account holding the e-mail address the newcomer gave (one login per address:
 * that account is theirs). Anyone else only learns that the passcode is right.
 */
export function enterPasscode(
  deps: AppDeps,
  caller: AccountRow | null,
  requestId: string,
  passcode: string,
  ip: string,
  device: string,
): PasscodeAccepted {
  const row = consentedRequest(deps, requestId, passcode, ip);
  const isRequester =
    caller !== null &&
    (row.requester_account_id === caller.id ||
      (row.requester_account_id === null &&
        caller.email.toLowerCase() === row.requester_email.toLowerCase()));
  if (row.requester_account_id !== null && !isRequester)
    // Asked from an account: only that account can use it.
    throw new ProblemException(accountProblems.signInRequired());
  if (!isRequester || caller === null || caller.security_option === null)
    return { status: 'passcode-accepted', granted: false };
  const access = grantFromRequest(deps, row, caller, device);
  return { status: 'passcode-accepted', granted: true, ...(access === 'none' ? {} : { access }) };
}

/** Uses the request up and starts the access; returns what it gives today. */
export function grantFromRequest(deps: AppDeps, row: RequestRow, account: AccountRow, device: string) {
  const { db, now } = deps;
  if (account.role !== 'user') throw new ProblemException(familyProblems.staffAccount());
  const patientId = row.patient_id;
  const card = patientId === null ? undefined : cardOf(deps, patientId);
  if (patientId === null || !card) throw new ProblemException(familyProblems.requestGone());
  if (account.patient_id === patientId) throw new ProblemException(familyProblems.ownRecord());
  return db.transaction(() => {
    const at = now();
    if (!closeRequest(db, row.id, 'used', at, account.id))
      throw new ProblemException(familyProblems.requestGone());
    const level = levelOnConsent(card.birthDate, practiceCalendar(deps).today);
    const grant = insertPatientGrant(
      db,
      {
        accountId: account.id,
        patientId,
        level,
        relationship: row.relationship,
        source: 'request',
        fullChosenAt: level === 'full' ? at.toISOString() : null,
      },
      at,
    );
    auditFamily(db, accountServices(deps).audit, {
      action: 'family-access-granted',
      patientId,
      actorAccountId: account.id,
      familyMember: requesterNameOf(row),
      device,
    });
    return rememberLevel(deps, grant, card.birthDate);
  })();
}

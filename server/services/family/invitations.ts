// "Invite Family Member": an e-mailed single-use link (token in the fragment, stored hashed) that
// whichever account signs in with it accepts. Teens (13-17) may invite with Full: theirs to decide.
import { ADULT_AGE, parseIsoDate } from '../../../core/ages';
import {
  type AccessGranted,
  birthdayOf,
  INVITATION_DAYS,
  type InvitationPreview,
  type PendingInvitation,
  RELATIONSHIP_LABELS,
  type Relationship,
} from '../../../core/family';
import type { AppDeps } from '../../context';
import { ProblemException } from '../../http/problem';
import { practiceCalendar } from '../access/calendar';
import { insertPatientGrant } from '../access/proxy-access';
import { accessTo, cardOf } from '../access/reach';
import { type AccountRow, displayName } from '../accounts/account-store';
import { accountServices } from '../accounts/index';
import { newId, randomToken, sha256 } from '../accounts/secrets';
import type { ThrottlePolicy } from '../accounts/throttle';
import { mails } from '../mail/messages';
import { rememberLevel } from './age-watch';
import { auditFamily } from './family-audit';
import {
  closeInvitation,
  findInvitation,
  type InvitationRow,
  insertInvitation,
  invitationByTokenHash,
  pendingInvitationOf,
  pendingInvitationsOf,
} from './invitation-store';
import { sharedRecordOf } from './own-record';
import { familyProblems } from './problems';

const TOKEN_SCOPE = 'family-invitation';
/** Invitation e-mails per patient: plenty for a family, useless for sending mail to strangers. */
const INVITATION_MAILS: ThrottlePolicy = {
  threshold: 10,
  lockSeconds: 3600,
  maxLockSeconds: 6 * 3600,
  forgetAfterSeconds: 24 * 3600,
};

export interface Invitation {
  firstName: string;
  lastName: string;
  email: string;
  relationship: Relationship;
  access: 'full' | 'billing';
}

/**
 * Invites a family member. The invitee's age cannot be known (they need not be a patient); an
 * address of an account whose patient is under 13 cannot exist, since such accounts are never
 * made, so there is nothing more to check here for COPPA.
 */
export function createInvitation(
  deps: AppDeps,
  caller: AccountRow,
  input: Invitation,
  device: string,
): PendingInvitation {
  const { db, config, now, mailer } = deps;
  const own = sharedRecordOf(deps, caller);
  if (input.email.toLowerCase() === caller.email.toLowerCase())
    throw new ProblemException(familyProblems.inviteYourself());
  const { throttle, audit } = accountServices(deps);
  const limit: [string, ThrottlePolicy] = [`family-invitation:account:${caller.id}`, INVITATION_MAILS];
  throttle.check([limit[0]]);
  throttle.fail([limit]);

  const token = randomToken();
  const at = now();
  const name = `${input.firstName.trim()} ${input.lastName.trim()}`;
  const row = db.transaction(() => {
    const inserted = insertInvitation(db, {
      id: newId(),
      patient_id: own.patientId,
      inviter_account_id: caller.id,
      given_name: input.firstName.trim(),
      family_name: input.lastName.trim(),
      email: input.email,
      relationship: input.relationship,
      access: input.access,
      token_hash: sha256(token, TOKEN_SCOPE),
      expires_at: new Date(at.getTime() + INVITATION_DAYS * 24 * 3600_000).toISOString(),
      created_at: at.toISOString(),
    });
    auditFamily(db, audit, {
      action: 'family-invitation-sent',
      patientId: own.patientId,
      actorAccountId: caller.id,
      familyMember: name,
      device,
    });
    return inserted;
  })();
  // The token rides in the fragment: browsers never send it to a server or in a Referer.
  const url = new URL('/family/accept', config.publicUrl);
  url.hash = `token=${token}`;
  mailer.post({
    to: input.email,
    ...mails.familyInvitation(config.practice, {
      inviterName: own.card.displayName || displayName(caller),
      relationship: RELATIONSHIP_LABELS[input.relationship],
      access: input.access,
      url: url.toString(),
      days: INVITATION_DAYS,
    }),
  });
  return pendingInvitationOf(row);
}

export function pendingInvitations(deps: AppDeps, patientId: string): PendingInvitation[] {
  return pendingInvitationsOf(deps.db, patientId, deps.now()).map(pendingInvitationOf);
}

/**
 * The invitation behind a token, still usable, with its patient. An unknown token is 404; one
 * used, cancelled or expired is 410, and so is one a minor made that the patient, now 18, has not
 * renewed: from 18 the adult decides afresh.
 */
export function usableInvitation(deps: AppDeps, token: string) {
  const row = invitationByTokenHash(deps.db, sha256(token, TOKEN_SCOPE));
  if (!row) throw new ProblemException(familyProblems.invitationLinkUnknown());
  const card = cardOf(deps, row.patient_id);
  const gone = () => new ProblemException(familyProblems.invitationGone());
  if (row.status !== 'pending' || Date.parse(row.expires_at) <= deps.now().getTime() || !card) throw gone();
  const { today, dateOf } = practiceCalendar(deps);
  if (card.birthDate !== null && parseIsoDate(card.birthDate) !== null) {
    const eighteen = birthdayOf(card.birthDate, ADULT_AGE);
    if (dateOf(row.created_at) < eighteen && today >= eighteen) throw gone();
  }
  return { row, card };
}

export function checkInvitation(deps: AppDeps, token: string): InvitationPreview {
  const { row, card } = usableInvitation(deps, token);
  return {
    inviterName: card.displayName,
    access: row.access,
    relationship: row.relationship,
    expiresAt: row.expires_at,
  };
}

/** The signed-in account accepts: any account with a security option, except the patient's own. */
export function acceptInvitation(
  deps: AppDeps,
  caller: AccountRow,
  token: string,
  device: string,
): AccessGranted {
  const { db, now } = deps;
  const { row, card } = usableInvitation(deps, token);
  if (caller.role !== 'user') throw new ProblemException(familyProblems.staffAccount());
  if (caller.id === row.inviter_account_id || caller.patient_id === row.patient_id)
    throw new ProblemException(familyProblems.acceptOwnInvitation());
  const access = db.transaction(() => {
    const at = now();
    if (!closeInvitation(db, row.id, 'accepted', at, caller.id))
      throw new ProblemException(familyProblems.invitationGone());
    const grant = insertPatientGrant(
      db,
      {
        accountId: caller.id,
        patientId: row.patient_id,
        level: row.access,
        relationship: row.relationship,
        source: 'invitation',
        // The patient chose Full when they sent the invitation.
        fullChosenAt: row.access === 'full' ? row.created_at : null,
      },
      at,
    );
    auditFamily(db, accountServices(deps).audit, {
      action: 'family-invitation-accepted',
      patientId: row.patient_id,
      actorAccountId: caller.id,
      familyMember: displayName(caller),
      device,
    });
    return rememberLevel(deps, grant, card.birthDate);
  })();
  return { status: 'access-granted', patientId: row.patient_id, displayName: card.displayName, access };
}

/**
 * The inviting patient takes an invitation back before it is used. A family member of the patient
 * gets 403; anyone else, and an invitation no longer pending, 404.
 */
export function cancelInvitation(
  deps: AppDeps,
  caller: AccountRow,
  invitationId: string,
  device: string,
): void {
  const { db, now } = deps;
  const row: InvitationRow | undefined = findInvitation(db, invitationId);
  if (row && row.patient_id !== caller.patient_id && accessTo(deps, caller, row.patient_id) !== null)
    throw new ProblemException(familyProblems.notThePatient());
  if (!row || row.patient_id !== caller.patient_id || !closeInvitation(db, row.id, 'cancelled', now()))
    throw new ProblemException(familyProblems.invitationNotFound());
  auditFamily(db, accountServices(deps).audit, {
    action: 'family-invitation-cancelled',
    patientId: row.patient_id,
    actorAccountId: caller.id,
    familyMember: `${row.given_name} ${row.family_name}`.trim(),
    device,
  });
}

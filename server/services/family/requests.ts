// Asking for family access: one matching patient gets the passcode by e-mail (13+ with an account,
// at its address; an adult without one, at the address on their record); every request gets the
// same answer after the same work, so nothing tells who is a patient.
import { ADULT_AGE, ageOn, MIN_ACCOUNT_AGE } from '../../../core/ages';
import {
  levelOnConsent,
  PASSCODE_HOURS,
  type PendingRequest,
  RELATIONSHIP_LABELS,
  type Relationship,
  type RequestAccepted,
} from '../../../core/family';
import type { AppDeps } from '../../context';
import { ProblemException } from '../../http/problem';
import { practiceCalendar } from '../access/calendar';
import { accessTo, cardOf } from '../access/reach';
import { type AccountRow, findAccountByPatient } from '../accounts/account-store';
import { findMatchingPatients, type IdentityClaim, type PatientIdentity } from '../accounts/identity-match';
import { accountServices } from '../accounts/index';
import { newId } from '../accounts/secrets';
import type { ThrottlePolicy } from '../accounts/throttle';
import { mails } from '../mail/messages';
import { auditFamily } from './family-audit';
import { newPasscode, passcodeHash, showPasscode } from './passcodes';
import { familyProblems } from './problems';
import {
  closeRequest,
  findRequest,
  insertRequest,
  isUsable,
  pendingRequestsOf,
  type RequestRow,
  requestsSince,
} from './request-store';

/** Requests from one address (or account): each may mail a patient, so they are few. */
const REQUESTS: ThrottlePolicy = {
  threshold: 10,
  lockSeconds: 600,
  maxLockSeconds: 3600,
  forgetAfterSeconds: 3600,
};
/** Passcode e-mails one patient gets a day at most; further requests quietly mail no one. */
export const MAX_PASSCODE_MAILS_PER_DAY = 5;

export interface AccessRequest {
  requester: { firstName: string; lastName: string; email: string };
  /** The signed-in account asking, or null for "Patient's family member" on Sign up today. */
  requesterAccount: AccountRow | null;
  patient: IdentityClaim;
  relationship: Relationship;
}

/**
 * Where the patient's passcode goes; undefined when no one can be asked. A patient with an account
 * (13 or older) gets it at the account's address, unless that is the requester's own: then the
 * request could only end at the patient's own login, with nothing to grant. An adult without an
 * account gets it at the address on their record at the practice, even when the requester shares
 * it: that is how two people with one address use the portal (the help page: one owns the login
 * and adds the other as a family member), and the passcode still only reaches the mailbox the
 * practice has for the patient. A teen without an account is not asked: their consent is their
 * own, and the record's address may well be a parent's.
 */
function passcodeAddress(
  patient: PatientIdentity,
  account: AccountRow | undefined,
  requesterEmail: string,
  today: string,
): string | undefined {
  const age = ageOn(patient.birthDate, today);
  if (account)
    return account.role === 'user' &&
      age >= MIN_ACCOUNT_AGE &&
      account.email.toLowerCase() !== requesterEmail.toLowerCase()
      ? account.email
      : undefined;
  return age >= ADULT_AGE ? patient.emails.map((e) => e.trim()).find((e) => e !== '') : undefined;
}

export function requestAccess(
  deps: AppDeps,
  input: AccessRequest,
  ip: string,
  device: string,
): RequestAccepted {
  const { db, config, now, keys, mailer } = deps;
  // Staff accounts cannot hold family access: a request from one would mail a passcode for nothing.
  if (input.requesterAccount && input.requesterAccount.role !== 'user')
    throw new ProblemException(familyProblems.staffAccount());
  const { throttle } = accountServices(deps);
  const limits: Array<[string, ThrottlePolicy]> = [[`family-request:ip:${ip}`, REQUESTS]];
  if (input.requesterAccount) limits.push([`family-request:account:${input.requesterAccount.id}`, REQUESTS]);
  throttle.check(limits.map(([key]) => key));
  throttle.fail(limits);

  // The age of the person named, from the date typed: refusing it says nothing about the records.
  const { today } = practiceCalendar(deps);
  if (ageOn(input.patient.birthDate.trim(), today) < MIN_ACCOUNT_AGE)
    throw new ProblemException(familyProblems.tooYoung());

  const at = now();
  const matches = findMatchingPatients(db, input.patient);
  const patient = matches.length === 1 ? matches[0] : undefined;
  if (patient && input.requesterAccount?.patient_id === patient.patientId)
    throw new ProblemException(familyProblems.ownRecord());
  const patientAccount = patient ? findAccountByPatient(db, patient.patientId) : undefined;
  const passcodeTo = patient
    ? passcodeAddress(patient, patientAccount, input.requester.email, today)
    : undefined;
  const askable =
    patient !== undefined &&
    passcodeTo !== undefined &&
    requestsSince(db, patient.patientId, new Date(at.getTime() - 24 * 3600_000)) < MAX_PASSCODE_MAILS_PER_DAY;

  const id = newId();
  const passcode = newPasscode();
  const hash = passcodeHash(keys.codeHmacKey, id, passcode);
  const expiresAt = new Date(at.getTime() + PASSCODE_HOURS * 3600_000).toISOString();
  const requesterName = `${input.requester.firstName.trim()} ${input.requester.lastName.trim()}`;
  db.transaction(() => {
    insertRequest(db, {
      id,
      kind: askable ? 'real' : 'decoy',
      patient_id: askable ? patient.patientId : null,
      requester_account_id: input.requesterAccount?.id ?? null,
      requester_given_name: input.requester.firstName.trim(),
      requester_family_name: input.requester.lastName.trim(),
      requester_email: input.requester.email,
      relationship: input.relationship,
      passcode_hash: askable ? hash : null,
      expires_at: expiresAt,
      created_at: at.toISOString(),
    });
    if (askable)
      auditFamily(db, accountServices(deps).audit, {
        action: 'family-access-requested',
        patientId: patient.patientId,
        actorAccountId: input.requesterAccount?.id ?? null,
        familyMember: requesterName,
        device,
      });
  })();
  if (askable && passcodeTo) {
    mailer.post({
      to: passcodeTo,
      ...mails.familyPasscode(config.practice, {
        requesterName,
        relationship: RELATIONSHIP_LABELS[input.relationship],
        passcode: showPasscode(passcode),
        hours: PASSCODE_HOURS,
        level: levelOnConsent(patient.birthDate, today),
        // Without an account, the mailbox may be shared: the mail names whose record it is.
        withoutAccount: patientAccount
          ? undefined
          : {
              patientName:
                cardOf(deps, patient.patientId)?.displayName ||
                `${input.patient.firstName.trim()} ${input.patient.lastName.trim()}`,
            },
      }),
    });
  }
  return { status: 'passcode-sent-to-patient', requestId: id, expiresAt };
}

export function pendingRequests(deps: AppDeps, patientId: string): PendingRequest[] {
  return pendingRequestsOf(deps.db, patientId, deps.now()).map((row) => ({
    id: row.id,
    requesterName: `${row.requester_given_name} ${row.requester_family_name}`.trim(),
    relationship: row.relationship,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  }));
}

/**
 * The patient says no. Declining twice is fine; a family member of the patient gets 403, anyone
 * else (and any other id) 404.
 */
export function declineRequest(deps: AppDeps, caller: AccountRow, requestId: string, device: string): void {
  const { db, now } = deps;
  const row = findRequest(db, requestId);
  const own = row !== undefined && row.kind === 'real' && row.patient_id === caller.patient_id;
  if (!own) {
    if (row?.patient_id && accessTo(deps, caller, row.patient_id) !== null)
      throw new ProblemException(familyProblems.notThePatient());
    throw new ProblemException(familyProblems.requestNotFound());
  }
  if (row.status === 'declined') return;
  if (!isUsable(row, now()) || !closeRequest(db, row.id, 'declined', now()))
    throw new ProblemException(familyProblems.requestNotFound());
  auditFamily(db, accountServices(deps).audit, {
    action: 'family-access-declined',
    patientId: row.patient_id!,
    actorAccountId: caller.id,
    familyMember: requesterNameOf(row),
    device,
  });
}

export function requesterNameOf(row: RequestRow): string {
  return `${row.requester_given_name} ${row.requester_family_name}`.trim();
}

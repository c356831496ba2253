// Patient self-registration: identity matched against the practice's records, age rules, enrollment
// codes for teens, one login per address (without telling the page which addresses exist), then
// the account is created once the e-mailed code comes back.

import type { RegisterAccepted } from '../../../core/accounts';
import { ageOn, registrationAgeRule, todayIn } from '../../../core/ages';
import type { AppDeps } from '../../context';
import { ProblemException } from '../../http/problem';
import { mails } from '../mail/messages';
import {
  type AccountRow,
  EMPTY_PROFILE,
  findAccountByEmail,
  findAccountByPatient,
  insertAccount,
} from './account-store';
import { consumeEnrollmentCode, findEnrollmentCode } from './enrollment-codes';
import { findMatchingPatients, findPatient } from './identity-match';
import { accountServices } from './index';
import { hashPassword } from './password-hash';
import { passwordProblem } from './password-rules';
import { accountProblems } from './problems';
import { keyedHash, newId, randomDigits, sameHash } from './secrets';
import { PER_ADDRESS, type ThrottlePolicy } from './throttle';

export const CODE_MINUTES = 30;
export const MAX_CODE_ATTEMPTS = 5;

/** Wrong identities from one address: someone may be guessing birth dates. */
const IDENTITY_GUESSES: ThrottlePolicy = {
  threshold: 10,
  lockSeconds: 300,
  maxLockSeconds: 3600,
  forgetAfterSeconds: 3600,
};

export interface Registration {
  firstName: string;
  lastName: string;
  birthDate: string;
  zip: string;
  email: string;
  mobilePhone: string;
  password: string;
  enrollmentCode?: string | undefined;
}

interface PendingRow {
  id: string;
  kind: 'new' | 'address-in-use';
  email: string;
  patient_id: string;
  given_name: string;
  family_name: string;
  mobile_phone: string;
  password_hash: string;
  enrollment_code_id: string | null;
  code_hash: string | null;
  attempts: number;
  expires_at: string;
}

const codeHash = (key: Buffer, registrationId: string, code: string) =>
  keyedHash(key, code, `registration:${registrationId}`);

export async function register(
  deps: AppDeps,
  input: Registration,
  clientIp: string,
): Promise<RegisterAccepted> {
  const { db, config, now, mailer } = deps;
  const { throttle } = accountServices(deps);
  const ipKey = `register:ip:${clientIp}`;
  throttle.check([ipKey]);

  const weak = passwordProblem(input.password, [input.firstName, input.lastName, input.email]);
  if (weak) throw new ProblemException(accountProblems.weakPassword(weak));

  const matches = findMatchingPatients(db, input);
  if (matches.length !== 1) {
    throttle.fail([[ipKey, IDENTITY_GUESSES]]);
    throw new ProblemException(accountProblems.identityNotMatched(config.practice.supportPhone));
  }
  const patient = matches[0]!;
  const age = ageOn(patient.birthDate, todayIn(config.practice.timeZone, now()));
  const rule = registrationAgeRule(age);
  if (rule === 'too-young') throw new ProblemException(accountProblems.tooYoung());
  if (findAccountByPatient(db, patient.patientId))
    throw new ProblemException(accountProblems.alreadyRegistered());
  let enrollmentCodeId: string | null = null;
  if (rule === 'teen-needs-enrollment-code') {
    const code = input.enrollmentCode?.trim();
    enrollmentCodeId = (code && findEnrollmentCode(db, patient.patientId, code, now())) || null;
    if (!enrollmentCodeId)
      throw new ProblemException(accountProblems.enrollmentCodeRequired(config.practice.supportPhone));
  }

  // Every attempt that gets this far costs one hash, so count it against the address too.
  throttle.fail([[ipKey, PER_ADDRESS]]);
  const passwordHash = await hashPassword(input.password);
  const inUse = findAccountByEmail(db, input.email) !== undefined;
  const id = newId();
  const code = inUse ? null : randomDigits(6);
  const at = now();
  db.transaction(() => {
    // A newer attempt for the same person replaces older ones (a typo in the address, a lost mail).
    db.prepare('DELETE FROM pending_registrations WHERE patient_id = ? OR expires_at < ?').run(
      patient.patientId,
      at.toISOString(),
    );
    db.prepare(
      `INSERT INTO pending_registrations (id, kind, email, patient_id, given_name, family_name, mobile_phone,
         password_hash, enrollment_code_id, code_hash, attempts, expires_at, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`,
    ).run(
      id,
      inUse ? 'address-in-use' : 'new',
      input.email,
      patient.patientId,
      input.firstName.trim(),
      input.lastName.trim(),
      input.mobilePhone.trim(),
      passwordHash,
      enrollmentCodeId,
      code ? codeHash(deps.keys.codeHmacKey, id, code) : null,
      new Date(at.getTime() + CODE_MINUTES * 60_000).toISOString(),
      at.toISOString(),
    );
  })();
  const mail = code ? mails.confirmationCode(config.practice, code) : mails.addressInUse(config.practice);
  mailer.post({ to: input.email, ...mail });
  return { status: 'check-your-email', registrationId: id };
}

const expired = () =>
  new ProblemException(
    accountProblems.expired(
      'This confirmation code is no longer valid. Please sign up again to get a new code.',
    ),
  );

type ConfirmOutcome = 'expired' | 'wrong-code' | 'already-registered' | AccountRow;

/** Checks the e-mailed code and creates the account; the caller signs the new account in. */
export function confirmRegistration(
  deps: AppDeps,
  registrationId: string,
  code: string,
  device: string,
): AccountRow {
  const { db, now } = deps;
  const { audit } = accountServices(deps);
  const at = now();
  // The transaction returns its verdict instead of throwing, so a wrong code's counted attempt stays.
  const outcome = db.transaction((): ConfirmOutcome => {
    const row = db
      .prepare<[string], PendingRow>('SELECT * FROM pending_registrations WHERE id = ?')
      .get(registrationId.trim());
    if (!row || Date.parse(row.expires_at) <= at.getTime() || row.attempts >= MAX_CODE_ATTEMPTS)
      return 'expired';
    if (row.code_hash === null || !sameHash(row.code_hash, codeHash(deps.keys.codeHmacKey, row.id, code))) {
      db.prepare('UPDATE pending_registrations SET attempts = attempts + 1 WHERE id = ?').run(row.id);
      return row.attempts + 1 >= MAX_CODE_ATTEMPTS ? 'expired' : 'wrong-code';
    }
    db.prepare('DELETE FROM pending_registrations WHERE id = ?').run(row.id);
    if (findAccountByPatient(db, row.patient_id)) return 'already-registered';
    if (findAccountByEmail(db, row.email)) return 'expired';
    if (row.enrollment_code_id && !consumeEnrollmentCode(db, row.enrollment_code_id, at)) return 'expired';
    const patient = findPatient(db, row.patient_id);
    const account = insertAccount(
      db,
      {
        email: row.email,
        passwordHash: row.password_hash,
        patientId: row.patient_id,
        givenName: row.given_name,
        familyName: row.family_name,
        profile: {
          ...EMPTY_PROFILE,
          mobilePhone: row.mobile_phone,
          address: patient?.address ?? EMPTY_PROFILE.address,
        },
      },
      at,
    );
    const event = {
      accountId: account.id,
      actorAccountId: account.id,
      patientId: account.patient_id,
      device,
    };
    audit({ action: 'account-created', ...event });
    audit({ action: 'email-confirmed', ...event });
    return account;
  })();
  if (outcome === 'expired') throw expired();
  if (outcome === 'wrong-code') throw new ProblemException(accountProblems.wrongCode());
  if (outcome === 'already-registered') throw new ProblemException(accountProblems.alreadyRegistered());
  return outcome;
}

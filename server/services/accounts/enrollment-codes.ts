// Office-issued one-time codes that let a patient aged 13 to 17 register: valid 14 days, stored
// hashed, bound to one patient, used up when the account is created.
import type { Db } from '../../db/database';
import { newRecoveryCode, normaliseRecoveryCode } from './recovery-codes';
import { newId, sha256 } from './secrets';

const SCOPE = 'enrollment-code';
export const ENROLLMENT_CODE_DAYS = 14;

export interface IssuedEnrollmentCode {
  code: string;
  expiresAt: string;
}

export function issueEnrollmentCode(db: Db, patientId: string, at: Date): IssuedEnrollmentCode {
  // Same unambiguous alphabet and shape as recovery codes: easy to read out over the phone.
  const code = newRecoveryCode();
  const expiresAt = new Date(at.getTime() + ENROLLMENT_CODE_DAYS * 24 * 3600 * 1000).toISOString();
  db.prepare(
    'INSERT INTO enrollment_codes (id, code_hash, patient_id, expires_at, created_at) VALUES (?, ?, ?, ?, ?)',
  ).run(newId(), sha256(normaliseRecoveryCode(code), SCOPE), patientId, expiresAt, at.toISOString());
  return { code, expiresAt };
}

/** The id of a valid, unused code for this patient, or undefined. */
export function findEnrollmentCode(db: Db, patientId: string, code: string, at: Date): string | undefined {
  return db
    .prepare<[string, string, string], string>(
      `SELECT id FROM enrollment_codes
       WHERE code_hash = ? AND patient_id = ? AND used_at IS NULL AND expires_at > ?`,
    )
    .pluck()
    .get(sha256(normaliseRecoveryCode(code), SCOPE), patientId, at.toISOString());
}

/** Uses the code up; false when it was used (or expired) meanwhile. */
export function consumeEnrollmentCode(db: Db, id: string, at: Date): boolean {
  return (
    db
      .prepare('UPDATE enrollment_codes SET used_at = ? WHERE id = ? AND used_at IS NULL AND expires_at > ?')
      .run(at.toISOString(), id, at.toISOString()).changes === 1
  );
}

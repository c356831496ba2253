// Reads and writes the accounts table, and turns rows into the shapes the API answers with.
import type { AccountSummary, Profile, ProfileFields, SecurityOption } from '../../../core/accounts';
import type { Db } from '../../db/database';
import { newId } from './secrets';

export interface AccountRow {
  id: string;
  email: string;
  password_hash: string;
  patient_id: string | null;
  role: 'user' | 'staff';
  status: 'pending' | 'active';
  security_option: SecurityOption | null;
  totp_secret: string | null;
  totp_pending_secret: string | null;
  totp_last_step: number;
  two_step: number;
  given_name: string;
  family_name: string;
  email_confirmed_at: string | null;
  profile_json: string;
  profile_version: number;
  created_at: string;
  updated_at: string;
}

export const EMPTY_PROFILE: ProfileFields = {
  preferredName: '',
  address: { line1: '', line2: '', city: '', state: '', zip: '' },
  mobilePhone: '',
  homePhone: '',
  preferredLanguage: '',
  emergencyContact: { name: '', relationship: '', phone: '' },
  notifications: { emailNewMessage: true, emailNewResult: true, emailReminders: true, textReminders: false },
};

export interface NewAccount {
  email: string;
  passwordHash: string;
  patientId: string | null;
  givenName: string;
  familyName: string;
  profile: ProfileFields;
  role?: 'user' | 'staff';
  securityOption?: SecurityOption | null;
  /** False for an address no code has confirmed. */
  emailConfirmed?: boolean;
}

export function findAccountById(db: Db, id: string): AccountRow | undefined {
  return db.prepare<[string], AccountRow>('SELECT * FROM accounts WHERE id = ?').get(id);
}

export function findAccountByEmail(db: Db, email: string): AccountRow | undefined {
  return db.prepare<[string], AccountRow>('SELECT * FROM accounts WHERE email = ?').get(email.trim());
}

export function findAccountByPatient(db: Db, patientId: string): AccountRow | undefined {
  return db.prepare<[string], AccountRow>('SELECT * FROM accounts WHERE patient_id = ?').get(patientId);
}

export function insertAccount(db: Db, account: NewAccount, at: Date): AccountRow {
  const id = newId();
  const iso = at.toISOString();
  db.prepare(
    `INSERT INTO accounts (id, email, password_hash, patient_id, role, status, security_option, given_name,
       family_name, email_confirmed_at, profile_json, profile_version, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, 'active', ?, ?, ?, ?, ?, 1, ?, ?)`,
  ).run(
    id,
    account.email,
    account.passwordHash,
    account.patientId,
    account.role ?? 'user',
    account.securityOption ?? null,
    account.givenName,
    account.familyName,
    account.emailConfirmed === false ? null : iso,
    JSON.stringify(account.profile),
    iso,
    iso,
  );
  return findAccountById(db, id)!;
}

export function setPasswordHash(db: Db, accountId: string, hash: string, at: Date): void {
  db.prepare('UPDATE accounts SET password_hash = ?, updated_at = ? WHERE id = ?').run(
    hash,
    at.toISOString(),
    accountId,
  );
}

export function displayName(row: AccountRow): string {
  const profile = readProfileFields(row);
  return profile.preferredName || `${row.given_name} ${row.family_name}`.trim() || row.email;
}

export function accountSummary(row: AccountRow): AccountSummary {
  return {
    id: row.id,
    email: row.email,
    displayName: displayName(row),
    patientId: row.patient_id,
    securityOption: row.security_option,
    twoStepSignIn: row.two_step === 1,
    role: row.role,
  };
}

export function readProfileFields(row: AccountRow): ProfileFields {
  const stored = JSON.parse(row.profile_json) as Partial<ProfileFields>;
  return { ...EMPTY_PROFILE, ...stored };
}

export function profileOf(row: AccountRow, pendingEmail: string | null): Profile {
  return { ...readProfileFields(row), email: row.email, pendingEmail, version: row.profile_version };
}

// The proxy_access table: which accounts reach which patients' records through family access, at
// which stored level. Reads and writes only; what a row lets its account see is decided in reach.ts.
import type { EffectiveLevel, GrantFacts, GrantLevel, GrantSource } from '../../../core/family';
import type { Db } from '../../db/database';
import { findAccountById } from '../accounts/account-store';
import { newId } from '../accounts/secrets';

export type ProxyLevel = GrantLevel;
export type ProxySource = GrantSource;

export interface ProxyAccessRow {
  id: string;
  patient_id: string;
  account_id: string;
  level: ProxyLevel;
  relationship: string;
  source: ProxySource;
  created_at: string;
  updated_at: string;
  ended_at: string | null;
  ended_reason: string | null;
  /** When the patient themself last chose Full; null for the practice's guardian links. */
  full_chosen_by_patient_at: string | null;
  confirmed_as_adult_at: string | null;
  /** What the grant gave when last looked at (the age-rule watch); null before the first look. */
  last_effective_level: EffectiveLevel | null;
}

/** The facts of a row that the age rules read. */
export function grantFacts(row: ProxyAccessRow): GrantFacts {
  return {
    level: row.level,
    source: row.source,
    createdAt: row.created_at,
    fullChosenByPatientAt: row.full_chosen_by_patient_at,
    confirmedAsAdultAt: row.confirmed_as_adult_at,
  };
}

/** The account's live family access, oldest first (rowid breaks ties: rows made together keep their order). */
export function liveProxyAccess(db: Db, accountId: string): ProxyAccessRow[] {
  return db
    .prepare<[string], ProxyAccessRow>(
      'SELECT * FROM proxy_access WHERE account_id = ? AND ended_at IS NULL ORDER BY created_at, rowid',
    )
    .all(accountId);
}

export function liveProxyAccessTo(db: Db, accountId: string, patientId: string): ProxyAccessRow | undefined {
  return db
    .prepare<[string, string], ProxyAccessRow>(
      'SELECT * FROM proxy_access WHERE account_id = ? AND patient_id = ? AND ended_at IS NULL',
    )
    .get(accountId, patientId);
}

/** Whether this account ever had access to this patient, ended access included. */
export function everLinked(db: Db, accountId: string, patientId: string): boolean {
  return (
    db
      .prepare('SELECT 1 FROM proxy_access WHERE account_id = ? AND patient_id = ? LIMIT 1')
      .pluck()
      .get(accountId, patientId) !== undefined
  );
}

export class ProxyLinkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProxyLinkError';
  }
}

export interface GuardianLink {
  accountId: string;
  patientId: string;
  /** As the office records it: 'parent', 'legal guardian'... */
  relationship: string;
  level: ProxyLevel;
}

export interface LinkResult {
  outcome: 'added' | 'changed' | 'unchanged';
  access: ProxyAccessRow;
}

const MAX_RELATIONSHIP_LENGTH = 100;

/**
 * The practice links a parent or legal guardian to a patient (the demo seed, later a CLI). Running
 * it again with the same values changes nothing; with another level or relationship it updates the
 * live access. Throws ProxyLinkError for a link that cannot be right.
 */
export function linkGuardian(db: Db, link: GuardianLink, now: Date): LinkResult {
  const relationship = link.relationship.trim();
  if (relationship === '' || relationship.length > MAX_RELATIONSHIP_LENGTH)
    throw new ProxyLinkError(`The relationship must be 1 to ${MAX_RELATIONSHIP_LENGTH} characters.`);
  if (link.level !== 'full' && link.level !== 'billing')
    throw new ProxyLinkError(`The level must be "full" or "billing", not ${JSON.stringify(link.level)}.`);
  const account = findAccountById(db, link.accountId);
  if (!account) throw new ProxyLinkError(`There is no account ${link.accountId}.`);
  if (account.role !== 'user') throw new ProxyLinkError('Staff accounts cannot be given family access.');
  if (account.patient_id === link.patientId)
    throw new ProxyLinkError('An account already reaches its own patient record.');
  const patient = db
    .prepare("SELECT 1 FROM resources WHERE type = 'Patient' AND id = ? AND deleted = 0")
    .pluck()
    .get(link.patientId);
  if (patient === undefined) throw new ProxyLinkError(`There is no patient ${link.patientId}.`);

  return db.transaction((): LinkResult => {
    const iso = now.toISOString();
    const current = liveProxyAccessTo(db, link.accountId, link.patientId);
    if (!current) {
      const id = newId();
      db.prepare(
        `INSERT INTO proxy_access (id, patient_id, account_id, level, relationship, source, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, 'guardian', ?, ?)`,
      ).run(id, link.patientId, link.accountId, link.level, relationship, iso, iso);
      return { outcome: 'added', access: rowById(db, id) };
    }
    if (
      current.level === link.level &&
      current.relationship === relationship &&
      current.source === 'guardian'
    )
      return { outcome: 'unchanged', access: current };
    // The office has the last word on a guardian link, whoever set up the access before; a patient's
    // earlier choice of Full no longer stands behind it.
    db.prepare(
      `UPDATE proxy_access SET level = ?, relationship = ?, source = 'guardian', full_chosen_by_patient_at = NULL,
         updated_at = ? WHERE id = ?`,
    ).run(link.level, relationship, iso, current.id);
    return { outcome: 'changed', access: rowById(db, current.id) };
  })();
}

/** Ends a live access; the row stays as history. False if it was not live. */
export function endProxyAccess(db: Db, id: string, reason: string, now: Date): boolean {
  const iso = now.toISOString();
  return (
    db
      .prepare(
        'UPDATE proxy_access SET ended_at = ?, ended_reason = ?, updated_at = ? WHERE id = ? AND ended_at IS NULL',
      )
      .run(iso, reason, iso, id).changes === 1
  );
}

export function rowById(db: Db, id: string): ProxyAccessRow {
  return db.prepare<[string], ProxyAccessRow>('SELECT * FROM proxy_access WHERE id = ?').get(id)!;
}

export function findGrant(db: Db, id: string): ProxyAccessRow | undefined {
  return db.prepare<[string], ProxyAccessRow>('SELECT * FROM proxy_access WHERE id = ?').get(id);
}

/** The patient's live family access, oldest first: who may open this record. */
export function liveGrantsOf(db: Db, patientId: string): ProxyAccessRow[] {
  return db
    .prepare<[string], ProxyAccessRow>(
      'SELECT * FROM proxy_access WHERE patient_id = ? AND ended_at IS NULL ORDER BY created_at, rowid',
    )
    .all(patientId);
}

/** Every live grant of the practice, for the age-rule watch. */
export function allLiveGrants(db: Db): ProxyAccessRow[] {
  return db
    .prepare<[], ProxyAccessRow>('SELECT * FROM proxy_access WHERE ended_at IS NULL ORDER BY rowid')
    .all();
}

export interface PatientGrant {
  accountId: string;
  patientId: string;
  level: ProxyLevel;
  relationship: string;
  source: 'invitation' | 'request';
  /** Set when the patient chose Full (an invitation or consent by the patient). */
  fullChosenAt: string | null;
}

/**
 * Access the patient gave (an accepted invitation, a passcode consent). A live access of the same
 * account ends as 'replaced': the new grant is a new decision, counted from now by the age rules.
 */
export function insertPatientGrant(db: Db, grant: PatientGrant, now: Date): ProxyAccessRow {
  return db.transaction((): ProxyAccessRow => {
    const current = liveProxyAccessTo(db, grant.accountId, grant.patientId);
    if (current) endProxyAccess(db, current.id, 'replaced', now);
    const id = newId();
    const iso = now.toISOString();
    db.prepare(
      `INSERT INTO proxy_access (id, patient_id, account_id, level, relationship, source, created_at, updated_at,
         full_chosen_by_patient_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      id,
      grant.patientId,
      grant.accountId,
      grant.level,
      grant.relationship,
      grant.source,
      iso,
      iso,
      grant.fullChosenAt,
    );
    return rowById(db, id);
  })();
}

/** The patient chose a level; choosing Full records when (the age rules read it). */
export function setGrantLevel(db: Db, id: string, level: ProxyLevel, now: Date): ProxyAccessRow {
  const iso = now.toISOString();
  db.prepare(
    `UPDATE proxy_access SET level = ?, updated_at = ?,
       full_chosen_by_patient_at = CASE WHEN ? = 'full' THEN ? ELSE full_chosen_by_patient_at END
     WHERE id = ?`,
  ).run(level, iso, level, iso, id);
  return rowById(db, id);
}

/** The adult patient keeps a grant made while they were a minor. */
export function confirmGrantAsAdult(db: Db, id: string, now: Date): ProxyAccessRow {
  const iso = now.toISOString();
  db.prepare('UPDATE proxy_access SET confirmed_as_adult_at = ?, updated_at = ? WHERE id = ?').run(
    iso,
    iso,
    id,
  );
  return rowById(db, id);
}

export function setLastEffectiveLevel(db: Db, id: string, level: EffectiveLevel): void {
  db.prepare('UPDATE proxy_access SET last_effective_level = ? WHERE id = ?').run(level, id);
}

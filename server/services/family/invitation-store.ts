// The family_invitations table: "Invite Family Member" links waiting to be accepted. Reads and
// writes only; what an invitation may do is decided in invitations.ts.
import type { GrantLevel, PendingInvitation } from '../../../core/family';
import type { Db } from '../../db/database';

export interface InvitationRow {
  id: string;
  patient_id: string;
  inviter_account_id: string;
  given_name: string;
  family_name: string;
  email: string;
  relationship: string;
  access: GrantLevel;
  token_hash: string;
  status: 'pending' | 'accepted' | 'cancelled';
  accepted_account_id: string | null;
  decided_at: string | null;
  expires_at: string;
  created_at: string;
}

export type NewInvitation = Omit<InvitationRow, 'status' | 'accepted_account_id' | 'decided_at'>;

export function insertInvitation(db: Db, row: NewInvitation): InvitationRow {
  db.prepare(
    `INSERT INTO family_invitations (id, patient_id, inviter_account_id, given_name, family_name, email,
       relationship, access, token_hash, expires_at, created_at)
     VALUES (@id, @patient_id, @inviter_account_id, @given_name, @family_name, @email, @relationship, @access,
       @token_hash, @expires_at, @created_at)`,
  ).run(row);
  return findInvitation(db, row.id)!;
}

export function findInvitation(db: Db, id: string): InvitationRow | undefined {
  return db.prepare<[string], InvitationRow>('SELECT * FROM family_invitations WHERE id = ?').get(id);
}

export function invitationByTokenHash(db: Db, tokenHash: string): InvitationRow | undefined {
  return db
    .prepare<[string], InvitationRow>('SELECT * FROM family_invitations WHERE token_hash = ?')
    .get(tokenHash);
}

export function pendingInvitationsOf(db: Db, patientId: string, at: Date): InvitationRow[] {
  return db
    .prepare<[string, string], InvitationRow>(
      `SELECT * FROM family_invitations WHERE patient_id = ? AND status = 'pending' AND expires_at > ?
       ORDER BY created_at, rowid`,
    )
    .all(patientId, at.toISOString());
}

/** Marks a pending invitation accepted or cancelled; false when it was not pending any more. */
export function closeInvitation(
  db: Db,
  id: string,
  status: 'accepted' | 'cancelled',
  at: Date,
  acceptedAccountId: string | null = null,
): boolean {
  return (
    db
      .prepare(
        `UPDATE family_invitations SET status = ?, decided_at = ?, accepted_account_id = ?
         WHERE id = ? AND status = 'pending'`,
      )
      .run(status, at.toISOString(), acceptedAccountId, id).changes === 1
  );
}

export function pendingInvitationOf(row: InvitationRow): PendingInvitation {
  return {
    id: row.id,
    displayName: `${row.given_name} ${row.family_name}`.trim(),
    email: row.email,
    relationship: row.relationship,
    access: row.access,
    expiresAt: row.expires_at,
  };
}

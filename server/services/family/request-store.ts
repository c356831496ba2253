// The family_requests table: access requests waiting for the patient's passcode. Reads and writes
// only; what a request may do is decided in requests.ts and consent.ts.
import type { Db } from '../../db/database';

export interface RequestRow {
  id: string;
  kind: 'real' | 'decoy';
  patient_id: string | null;
  requester_account_id: string | null;
  requester_given_name: string;
  requester_family_name: string;
  requester_email: string;
  relationship: string;
  passcode_hash: string | null;
  status: 'pending' | 'used' | 'declined';
  granted_account_id: string | null;
  decided_at: string | null;
  expires_at: string;
  created_at: string;
}

export type NewRequest = Omit<RequestRow, 'status' | 'granted_account_id' | 'decided_at'>;

export function insertRequest(db: Db, row: NewRequest): void {
  db.prepare(
    `INSERT INTO family_requests (id, kind, patient_id, requester_account_id, requester_given_name,
       requester_family_name, requester_email, relationship, passcode_hash, expires_at, created_at)
     VALUES (@id, @kind, @patient_id, @requester_account_id, @requester_given_name, @requester_family_name,
       @requester_email, @relationship, @passcode_hash, @expires_at, @created_at)`,
  ).run(row);
}

export function findRequest(db: Db, id: string): RequestRow | undefined {
  return db.prepare<[string], RequestRow>('SELECT * FROM family_requests WHERE id = ?').get(id);
}

/** Whether the request can still be used at `at`: pending and not expired. */
export function isUsable(row: RequestRow, at: Date): boolean {
  return row.status === 'pending' && Date.parse(row.expires_at) > at.getTime();
}

/** The patient's requests still waiting for a passcode, oldest first. */
export function pendingRequestsOf(db: Db, patientId: string, at: Date): RequestRow[] {
  return db
    .prepare<[string, string], RequestRow>(
      `SELECT * FROM family_requests
       WHERE patient_id = ? AND kind = 'real' AND status = 'pending' AND expires_at > ?
       ORDER BY created_at, rowid`,
    )
    .all(patientId, at.toISOString());
}

/** Real requests about the patient since `since`: the patient's passcode e-mails are capped. */
export function requestsSince(db: Db, patientId: string, since: Date): number {
  return Number(
    db
      .prepare(
        "SELECT count(*) FROM family_requests WHERE patient_id = ? AND kind = 'real' AND created_at > ?",
      )
      .pluck()
      .get(patientId, since.toISOString()),
  );
}

/** Marks a pending request used or declined; false when another request got there first. */
export function closeRequest(
  db: Db,
  id: string,
  status: 'used' | 'declined',
  at: Date,
  grantedAccountId: string | null = null,
): boolean {
  return (
    db
      .prepare(
        `UPDATE family_requests SET status = ?, decided_at = ?, granted_account_id = ?
         WHERE id = ? AND status = 'pending'`,
      )
      .run(status, at.toISOString(), grantedAccountId, id).changes === 1
  );
}

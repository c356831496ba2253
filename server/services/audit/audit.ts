// The one way to write an audit event, and the patient's activity history read back from them.
// Events hold an action, times, accounts, the patient, an addressee and a device: no health details.
import type { ActivityEvent, AuditAction } from '../../../core/accounts';
import type { Db } from '../../db/database';

export interface AuditEvent {
  action: AuditAction;
  /** The account the event concerns (whose history shows it). */
  accountId?: string | null;
  /** Who acted; null when no one was signed in (a failed sign-in). */
  actorAccountId?: string | null;
  patientId?: string | null;
  addressee?: string | null;
  /** Summarised User-Agent ("Chrome on Android"); never an IP address. */
  device?: string | null;
}

export type Audit = (event: AuditEvent) => void;

export function createAudit(db: Db, now: () => Date): Audit {
  const insert = db.prepare(
    `INSERT INTO audit_events (at, action, account_id, actor_account_id, patient_id, addressee, device)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  return (event) => {
    insert.run(
      now().toISOString(),
      event.action,
      event.accountId ?? null,
      event.actorAccountId ?? null,
      event.patientId ?? null,
      event.addressee ?? null,
      event.device ?? null,
    );
  };
}

export interface ActivityFilter {
  /** The account whose events count; null for a patient without an account. */
  accountId: string | null;
  patientId: string | null;
  /**
   * Leave out the account's events on OTHER patients' records (a family member's copies of
   * them, say): a patient's history as a family member reads it shows that patient only.
   */
  thisPatientOnly?: boolean;
  /** UTC instants, inclusive from and exclusive to. */
  fromUtc?: string;
  toUtc?: string;
  /** Event id to continue after (older events). */
  before?: number;
  limit?: number;
}

interface EventRow {
  seq: number;
  at: string;
  action: AuditAction;
  actor_account_id: string | null;
  actor_name: string | null;
  patient_id: string | null;
  addressee: string | null;
  device: string | null;
}

/** The account's events and every event on the patient's record, newest first. */
export function listActivity(db: Db, filter: ActivityFilter): ActivityEvent[] {
  const rows = db
    .prepare<Record<string, string | number | null>, EventRow>(
      `SELECT e.seq, e.at, e.action, e.actor_account_id, e.patient_id, e.addressee, e.device,
              NULLIF(TRIM(COALESCE(a.given_name, '') || ' ' || COALESCE(a.family_name, '')), '') AS actor_name
       FROM audit_events e LEFT JOIN accounts a ON a.id = e.actor_account_id
       WHERE ((e.account_id = @accountId
                AND (@thisPatientOnly = 0 OR e.patient_id IS NULL OR e.patient_id = @patientId))
              OR (@patientId IS NOT NULL AND e.patient_id = @patientId))
         AND (@fromUtc IS NULL OR e.at >= @fromUtc)
         AND (@toUtc IS NULL OR e.at < @toUtc)
         AND (@before IS NULL OR e.seq < @before)
       ORDER BY e.seq DESC
       LIMIT @limit`,
    )
    .all({
      accountId: filter.accountId,
      patientId: filter.patientId,
      thisPatientOnly: filter.thisPatientOnly ? 1 : 0,
      fromUtc: filter.fromUtc ?? null,
      toUtc: filter.toUtc ?? null,
      before: filter.before ?? null,
      limit: filter.limit ?? 200,
    });
  return rows.map((r) => ({
    id: String(r.seq),
    at: r.at,
    action: r.action,
    actorAccountId: r.actor_account_id,
    actorName: r.actor_name,
    patientId: r.patient_id,
    addressee: r.addressee,
    device: r.device,
  }));
}

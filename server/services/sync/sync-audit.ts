// The activity-history event for copying a record to a device: one per account, patient and
// device within ten minutes, however many pages the sync took. It lands on the patient's history
// (their account, when they have one), with the account that copied it as the actor.
import type { Db } from '../../db/database';
import type { Audit } from '../audit/audit';
import { findAccountByPatient } from '../auth/account-store';

export const RECORD_SYNCED_QUIET_MINUTES = 10;

export interface RecordSynced {
  /** The account that copied the record (the patient, or a family member). */
  accountId: string;
  patientId: string;
  /** Summarised User-Agent. */
  device: string;
}

export function createSyncAudit(db: Db, audit: Audit, now: () => Date): (event: RecordSynced) => void {
  const recent = db
    .prepare<[string, string, string, string]>(
      `SELECT 1 FROM audit_events
       WHERE patient_id = ? AND action = 'record-synced' AND actor_account_id = ? AND device = ? AND at > ?
       LIMIT 1`,
    )
    .pluck();
  return ({ accountId, patientId, device }) => {
    const since = new Date(now().getTime() - RECORD_SYNCED_QUIET_MINUTES * 60_000).toISOString();
    if (recent.get(patientId, accountId, device, since) !== undefined) return;
    const patientAccount = findAccountByPatient(db, patientId)?.id ?? accountId;
    audit({
      action: 'record-synced',
      accountId: patientAccount,
      actorAccountId: accountId,
      patientId,
      device,
    });
  };
}

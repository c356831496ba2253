// Activity-history events for looking at or copying a patient's data, which pages and syncs do
// over and over: one event per account, patient, device and action within ten quiet minutes. It
// lands on the patient's history (their account, when they have one), with the account that
// looked as the actor. Used for record copies, billing views and a family member's message reads.
import type { AuditAction } from '../../../core/accounts';
import type { Db } from '../../db/database';
import { findAccountByPatient } from '../accounts/account-store';
import type { Audit } from './audit';

export const QUIET_MINUTES = 10;

export interface PatientDataLook {
  /** The account that looked (the patient, or a family member). */
  accountId: string;
  patientId: string;
  /** Summarised User-Agent. */
  device: string;
}

export function createQuietAudit(
  db: Db,
  audit: Audit,
  now: () => Date,
  action: AuditAction,
): (event: PatientDataLook) => void {
  const recent = db
    .prepare<[string, string, string, string, string]>(
      `SELECT 1 FROM audit_events
       WHERE patient_id = ? AND action = ? AND actor_account_id = ? AND device = ? AND at > ?
       LIMIT 1`,
    )
    .pluck();
  return ({ accountId, patientId, device }) => {
    const since = new Date(now().getTime() - QUIET_MINUTES * 60_000).toISOString();
    if (recent.get(patientId, action, accountId, device, since) !== undefined) return;
    audit({
      action,
      accountId: findAccountByPatient(db, patientId)?.id ?? accountId,
      actorAccountId: accountId,
      patientId,
      device,
    });
  };
}

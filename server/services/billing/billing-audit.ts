// The activity-history event for looking at billing statements: one per account, patient and device
// within ten quiet minutes, however often the page is reloaded. It lands on the patient's history
// (their account, when they have one), with the account that looked as the actor, as
// sync-audit.ts does for copies of the record.
import type { Db } from '../../db/database';
import type { Audit } from '../audit/audit';
import { findAccountByPatient } from '../auth/account-store';

export const BILLING_VIEWED_QUIET_MINUTES = 10;

export interface BillingViewed {
  /** The account that looked (the patient, or a family member with Full or Billing only access). */
  accountId: string;
  patientId: string;
  /** Summarised User-Agent. */
  device: string;
}

export function createBillingAudit(db: Db, audit: Audit, now: () => Date): (event: BillingViewed) => void {
  const recent = db
    .prepare<[string, string, string, string]>(
      `SELECT 1 FROM audit_events
       WHERE patient_id = ? AND action = 'billing-viewed' AND actor_account_id = ? AND device = ? AND at > ?
       LIMIT 1`,
    )
    .pluck();
  return ({ accountId, patientId, device }) => {
    const since = new Date(now().getTime() - BILLING_VIEWED_QUIET_MINUTES * 60_000).toISOString();
    if (recent.get(patientId, accountId, device, since) !== undefined) return;
    const patientAccount = findAccountByPatient(db, patientId)?.id ?? accountId;
    audit({
      action: 'billing-viewed',
      accountId: patientAccount,
      actorAccountId: accountId,
      patientId,
      device,
    });
  };
}

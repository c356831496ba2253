// The activity-history events of secure messages. Never a body or a subject: an action, who, whose
// record, and the device. They land on the patient's history (their account, when they have one).
import type { Db } from '../../db/database';
import type { Audit } from '../audit/audit';
import { findAccountByPatient } from '../auth/account-store';

export const MESSAGES_VIEWED_QUIET_MINUTES = 10;

export interface MessageAudit {
  /** A message from the patient's side; the actor is its author (so a family member's shows who). */
  sent(event: { authorAccountId: string; patientId: string; device: string }): void;
  /** The practice answered; the actor is the staff account. */
  answered(event: { staffAccountId: string; patientId: string; device: string }): void;
  /** A family member read the patient's messages: one event per account, patient and device in ten minutes. */
  viewed(event: { accountId: string; patientId: string; device: string }): void;
}

export function createMessageAudit(db: Db, audit: Audit, now: () => Date): MessageAudit {
  const recentlyViewed = db
    .prepare<[string, string, string, string]>(
      `SELECT 1 FROM audit_events
       WHERE patient_id = ? AND action = 'messages-viewed' AND actor_account_id = ? AND device = ? AND at > ?
       LIMIT 1`,
    )
    .pluck();
  const patientAccount = (patientId: string) => findAccountByPatient(db, patientId)?.id;
  return {
    sent: ({ authorAccountId, patientId, device }) =>
      audit({
        action: 'message-sent',
        accountId: patientAccount(patientId) ?? authorAccountId,
        actorAccountId: authorAccountId,
        patientId,
        device,
      }),
    answered: ({ staffAccountId, patientId, device }) =>
      audit({
        action: 'message-answered',
        accountId: patientAccount(patientId) ?? null,
        actorAccountId: staffAccountId,
        patientId,
        device,
      }),
    viewed: ({ accountId, patientId, device }) => {
      const since = new Date(now().getTime() - MESSAGES_VIEWED_QUIET_MINUTES * 60_000).toISOString();
      if (recentlyViewed.get(patientId, accountId, device, since) !== undefined) return;
      audit({
        action: 'messages-viewed',
        accountId: patientAccount(patientId) ?? accountId,
        actorAccountId: accountId,
        patientId,
        device,
      });
    },
  };
}

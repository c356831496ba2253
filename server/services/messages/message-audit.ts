// The activity-history events of secure messages. Never a body or a subject: an action, who, whose
// record, and the device. They land on the patient's history (their account, when they have one).
import type { Db } from '../../db/database';
import { findAccountByPatient } from '../accounts/account-store';
import type { Audit } from '../audit/audit';
import { createQuietAudit } from '../audit/quiet-audit';

export interface MessageAudit {
  /** A message from the patient's side; the actor is its author (so a family member's shows who). */
  sent(event: { authorAccountId: string; patientId: string; device: string }): void;
  /** The practice answered; the actor is the staff account. */
  answered(event: { staffAccountId: string; patientId: string; device: string }): void;
  /** A family member read the patient's messages: one event per account, patient and device in ten minutes. */
  viewed(event: { accountId: string; patientId: string; device: string }): void;
}

export function createMessageAudit(db: Db, audit: Audit, now: () => Date): MessageAudit {
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
    viewed: createQuietAudit(db, audit, now, 'messages-viewed'),
  };
}

// Family-access events land on the PATIENT's activity history: the patient's account (when they
// have one) and their record, with who acted and, as addressee, the family member's name.
import type { AuditAction } from '../../../core/accounts';
import type { Db } from '../../db/database';
import { findAccountByPatient } from '../accounts/account-store';
import type { Audit } from '../audit/audit';

export interface FamilyEvent {
  action: AuditAction;
  patientId: string;
  /** Who acted; null for the practice's own links and the age rules. */
  actorAccountId: string | null;
  /** The family member's name, shown in the history ("… to Jordan Lee"). */
  familyMember: string;
  device?: string | null;
}

export function auditFamily(db: Db, audit: Audit, event: FamilyEvent): void {
  audit({
    action: event.action,
    accountId: findAccountByPatient(db, event.patientId)?.id ?? null,
    actorAccountId: event.actorAccountId,
    patientId: event.patientId,
    addressee: event.familyMember.slice(0, 200),
    device: event.device ?? null,
  });
}

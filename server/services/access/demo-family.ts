// The demo practice's family access, as its office would have set it up: Daniel Okafor is the
// parent of Amara (9, Full access) and Tobi (15, Billing only: from 13 the teen decides).
import type { Db } from '../../db/database';
import { findAccountByPatient } from '../auth/account-store';
import type { DemoPerson, DemoPersonKey } from '../demo';
import { everLinked, linkGuardian, type ProxyLevel } from './proxy-access';

const DEMO_LINKS: { guardian: DemoPersonKey; patient: DemoPersonKey; level: ProxyLevel }[] = [
  { guardian: 'parent', patient: 'child-9', level: 'full' },
  { guardian: 'parent', patient: 'teen-15', level: 'billing' },
];

/**
 * Links the demo guardians whose accounts exist. A pair that was ever linked is left alone, so an
 * access someone changed or ended in the demo is not put back at the next start.
 */
export function ensureDemoFamilyAccess(db: Db, people: DemoPerson[], now: Date): void {
  const byKey = new Map(people.map((p) => [p.key, p]));
  db.transaction(() => {
    for (const link of DEMO_LINKS) {
      const guardian = byKey.get(link.guardian);
      const patient = byKey.get(link.patient);
      if (!guardian || !patient) continue;
      const account = findAccountByPatient(db, guardian.patientId);
      if (!account || everLinked(db, account.id, patient.patientId)) continue;
      linkGuardian(
        db,
        { accountId: account.id, patientId: patient.patientId, relationship: 'parent', level: link.level },
        now,
      );
    }
  })();
}

// The demo practice's family access, as its office would have set it up, through the practice's own
// code paths: Daniel Okafor is linked to Amara (9, Full) from the RelatedPerson in her record, as
// an import would, and to Tobi (15, Billing only: from 13 the teen decides) as link-guardian would.
import { DEMO_PRACTICE } from '../../../core/practice';
import type { Db } from '../../db/database';
import { everLinked, ProxyLinkError } from '../access/proxy-access';
import type { ReachDeps } from '../access/reach';
import { findAccountByPatient } from '../accounts/account-store';
import { linkByPractice, linkRelatedGuardians } from '../family/practice-links';
import { createResourceStore } from '../records/store';
import type { DemoPerson } from './people';

/**
 * Links the demo guardians whose accounts exist. A pair that was ever linked is left alone, so an
 * access someone changed or ended in the demo is not put back at the next start.
 */
export function ensureDemoFamilyAccess(
  db: Db,
  people: DemoPerson[],
  now: Date,
  timeZone: string = DEMO_PRACTICE.timeZone,
): void {
  const deps: ReachDeps = { db, now: () => now, config: { practice: { timeZone } } };
  const byKey = new Map(people.map((p) => [p.key, p]));
  const parent = byKey.get('parent');
  const child = byKey.get('child-9');
  const teen = byKey.get('teen-15');
  const account = parent ? findAccountByPatient(db, parent.patientId) : undefined;
  if (!account) return;
  db.transaction(() => {
    if (child) {
      const related = createResourceStore(db)
        .listForPatient(child.patientId, 'RelatedPerson')
        .map((stored) => ({ patientId: child.patientId, resource: stored.resource }));
      linkRelatedGuardians(deps, related);
    }
    if (teen && !everLinked(db, account.id, teen.patientId)) {
      try {
        linkByPractice(deps, { accountId: account.id, patientId: teen.patientId, relationship: 'parent' });
      } catch (error) {
        // A demo database seeded long ago: the "teen" may be an adult by now, who decides alone.
        if (!(error instanceof ProxyLinkError)) throw error;
      }
    }
  })();
}

// Sign-ins for the fictional demo patients who have an e-mail (the adults and the 15-year-old):
// one known password and one fixed recovery code each, printed at start and listed in the README.
// The demo parent's family access to his children is set up with them.
import { DEMO_PRACTICE } from '../../../core/practice';
import type { Db } from '../../db/database';
import { ensureDemoFamilyAccess } from '../access/demo-family';
import { type DemoPerson, seededDemoPeople } from '../demo';
import { EMPTY_PROFILE, findAccountByEmail, findAccountByPatient, insertAccount } from './account-store';
import { hashPassword } from './password-hash';
import { demoRecoveryCode, storeRecoveryCodes } from './recovery-codes';

export const DEMO_PASSWORD = 'river stone lantern 7';

export interface DemoSignIn {
  email: string;
  name: string;
  recoveryCode: string;
}

export function demoSignIns(people: DemoPerson[]): DemoSignIn[] {
  return people
    .filter((p): p is DemoPerson & { email: string } => p.email !== null)
    .map((p) => ({ email: p.email, name: p.name, recoveryCode: demoRecoveryCode(p.key) }));
}

/** Creates the missing demo accounts and family links of a seeded database; returns every demo sign-in. */
export async function ensureDemoAccounts(
  db: Db,
  now: Date,
  timeZone: string = DEMO_PRACTICE.timeZone,
): Promise<DemoSignIn[]> {
  const people = seededDemoPeople(db);
  if (!people) return [];
  const missing = people.filter(
    (p) => p.email !== null && !findAccountByPatient(db, p.patientId) && !findAccountByEmail(db, p.email),
  );
  if (missing.length > 0) {
    // One hash for all: the password is public, so separate salts would protect nothing here.
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    db.transaction(() => {
      for (const person of missing) {
        const account = insertAccount(
          db,
          {
            email: person.email!,
            passwordHash,
            patientId: person.patientId,
            givenName: person.given,
            familyName: person.family,
            securityOption: 'recovery-codes',
            profile: { ...EMPTY_PROFILE, mobilePhone: person.phone, preferredLanguage: 'English' },
          },
          now,
        );
        storeRecoveryCodes(db, account.id, [demoRecoveryCode(person.key)], now);
      }
    })();
  }
  ensureDemoFamilyAccess(db, people, now, timeZone);
  return demoSignIns(people);
}

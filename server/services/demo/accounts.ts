// Sign-ins for the fictional demo patients who have an e-mail (the adults and the 15-year-old) and
// for the practice's care team (a staff account that answers secure messages): one known password
// and one fixed recovery code each, printed at start and listed in the README. The demo parent's
// family access to his children and the demo's one conversation are set up with them.
import { DEMO_PRACTICE } from '../../../core/practice';
import type { Db } from '../../db/database';
import {
  type AccountRow,
  EMPTY_PROFILE,
  findAccountByEmail,
  findAccountByPatient,
  insertAccount,
} from '../accounts/account-store';
import { hashPassword } from '../accounts/password-hash';
import { demoRecoveryCode, storeRecoveryCodes } from '../accounts/recovery-codes';
import { ensureDemoConversation } from './conversation';
import { ensureDemoFamilyAccess } from './family-access';
import { type DemoPerson, demoPeople } from './people';
import { readSeedDate, seededDemoPeople } from './seed';

export const DEMO_PASSWORD = 'river stone lantern 7';

export interface DemoSignIn {
  email: string;
  name: string;
  recoveryCode: string;
  /** 'staff' for the practice's side (the care team answering messages). */
  role: 'patient' | 'staff';
}

/** The practice's demo staff account: it answers the secure messages of every patient. */
export const DEMO_STAFF = {
  email: 'care.team@example.com',
  givenName: 'Care team',
  familyName: '',
  recoveryCodeSeed: 'staff-care-team',
} as const;

export function demoSignIns(people: DemoPerson[]): DemoSignIn[] {
  return [
    ...people
      .filter((p): p is DemoPerson & { email: string } => p.email !== null)
      .map((p) => ({
        email: p.email,
        name: p.name,
        recoveryCode: demoRecoveryCode(p.key),
        role: 'patient' as const,
      })),
    {
      email: DEMO_STAFF.email,
      name: `${DEMO_STAFF.givenName} ${DEMO_STAFF.familyName}`.trim(),
      recoveryCode: demoRecoveryCode(DEMO_STAFF.recoveryCodeSeed),
      role: 'staff',
    },
  ];
}

/**
 * True when the database holds the demo practice: the mark its seeding leaves (the accounts follow
 * at the next start with SEED_DEMO on) or an account of any published demo sign-in. Their password
 * and recovery codes are public, so nothing real belongs in such a database.
 */
export function holdsDemoPractice(db: Db): boolean {
  if (readSeedDate(db) !== undefined) return true;
  // The demo's e-mail addresses do not depend on the seed date.
  const emails = [...demoPeople(new Date()).map((p) => p.email), DEMO_STAFF.email];
  return emails.some((email) => email !== null && findAccountByEmail(db, email) !== undefined);
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
  const staffMissing = !findAccountByEmail(db, DEMO_STAFF.email);
  if (missing.length > 0 || staffMissing) {
    // One hash for all: the password is public, so separate salts would protect nothing here.
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    db.transaction(() => {
      if (staffMissing) {
        const staff = insertAccount(
          db,
          {
            email: DEMO_STAFF.email,
            passwordHash,
            patientId: null,
            givenName: DEMO_STAFF.givenName,
            familyName: DEMO_STAFF.familyName,
            role: 'staff',
            securityOption: 'recovery-codes',
            profile: EMPTY_PROFILE,
          },
          now,
        );
        storeRecoveryCodes(db, staff.id, [demoRecoveryCode(DEMO_STAFF.recoveryCodeSeed)], now);
      }
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
  const staff: AccountRow | undefined = findAccountByEmail(db, DEMO_STAFF.email);
  const seedDate = readSeedDate(db);
  if (staff?.role === 'staff' && seedDate !== undefined) ensureDemoConversation(db, people, seedDate, staff);
  return demoSignIns(people);
}

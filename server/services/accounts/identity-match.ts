// Finds the practice's Patient records that match what a person typed at registration: given and
// family name, birth date and ZIP, ignoring case, accents and extra spaces.
import type { Db } from '../../db/database';

export interface IdentityClaim {
  firstName: string;
  lastName: string;
  birthDate: string;
  zip: string;
}

export interface PatientIdentity {
  patientId: string;
  givenNames: string[];
  familyNames: string[];
  birthDate: string;
  zips: string[];
  emails: string[];
  address: { line1: string; line2: string; city: string; state: string; zip: string } | null;
}

/** "  Núñez  García " → "nunez garcia". */
export function normaliseName(value: string): string {
  return value.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim().replace(/\s+/g, ' ');
}

const zip5 = (value: string) => value.trim().slice(0, 5);

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function records(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value)
    ? value.filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null)
    : [];
}

/** The fields of a stored Patient resource that identity matching reads. */
export function patientIdentity(id: string, resource: Record<string, unknown>): PatientIdentity {
  const names = records(resource.name);
  const addresses = records(resource.address);
  const first = addresses[0];
  const lines = first ? strings(first.line) : [];
  return {
    patientId: id,
    givenNames: names.flatMap((n) => {
      const given = strings(n.given);
      // "Mary Ann" may be stored as one given name or two; both forms match.
      return given.length > 1 ? [...given, given.join(' ')] : given;
    }),
    familyNames: names.map((n) => n.family).filter((f): f is string => typeof f === 'string'),
    birthDate: typeof resource.birthDate === 'string' ? resource.birthDate : '',
    zips: addresses.map((a) => a.postalCode).filter((z): z is string => typeof z === 'string'),
    emails: records(resource.telecom)
      .filter((t) => t.system === 'email' && typeof t.value === 'string')
      .map((t) => t.value as string),
    address: first
      ? {
          line1: lines[0] ?? '',
          line2: lines.slice(1).join(', '),
          city: typeof first.city === 'string' ? first.city : '',
          state: typeof first.state === 'string' ? first.state : '',
          zip: typeof first.postalCode === 'string' ? first.postalCode : '',
        }
      : null,
  };
}

export function matchesClaim(patient: PatientIdentity, claim: IdentityClaim): boolean {
  const given = normaliseName(claim.firstName);
  const family = normaliseName(claim.lastName);
  return (
    patient.birthDate === claim.birthDate.trim() &&
    patient.givenNames.some((g) => normaliseName(g) === given) &&
    patient.familyNames.some((f) => normaliseName(f) === family) &&
    patient.zips.some((z) => zip5(z) === zip5(claim.zip))
  );
}

/** Every live Patient matching the claim. Narrowed by birth date in SQL; names compared here. */
export function findMatchingPatients(db: Db, claim: IdentityClaim): PatientIdentity[] {
  const rows = db
    .prepare<[string], { id: string; json: string }>(
      `SELECT id, json FROM resources
       WHERE type = 'Patient' AND deleted = 0 AND json_extract(json, '$.birthDate') = ?`,
    )
    .all(claim.birthDate.trim());
  return rows
    .map((row) => patientIdentity(row.id, JSON.parse(row.json) as Record<string, unknown>))
    .filter((patient) => matchesClaim(patient, claim));
}

export function findPatient(db: Db, patientId: string): PatientIdentity | undefined {
  const row = db
    .prepare<[string], { id: string; json: string }>(
      "SELECT id, json FROM resources WHERE type = 'Patient' AND id = ? AND deleted = 0",
    )
    .get(patientId);
  return row ? patientIdentity(row.id, JSON.parse(row.json) as Record<string, unknown>) : undefined;
}

// Whose record the record pages show: the person chosen in "Whose record", kept in memory only
// (a patient id in storage would say on the device who is looked after). Defaults to the first
// person of the list, the account holder where they are a patient.
import type { PersonInReach } from '../../../core/records';

let chosen: string | null = null;

export function selectedPatient(people: readonly PersonInReach[]): string | null {
  if (chosen && people.some((p) => p.patientId === chosen)) return chosen;
  return people[0]?.patientId ?? null;
}

export function selectPatient(patientId: string): void {
  chosen = patientId;
}

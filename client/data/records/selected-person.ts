// Whose record the record pages show: the person chosen in "Whose record" or the account switcher,
// kept in memory only (a patient id in storage would say on the device who is looked after).
// Defaults to the first person of the list, the account holder where they are a patient. Every
// change is announced on selectedPersonEvents, so the switcher and the pages show the same person.
import type { PersonInReach } from '../../../core/records';

/** Fired on selectedPersonEvents when the choice changed; detail is the new patient id (or null). */
export const SELECTED_PERSON_EVENT = 'selected-person-change';
export const selectedPersonEvents: EventTarget = new EventTarget();

let chosen: string | null = null;

export function selectedPatient(people: readonly PersonInReach[]): string | null {
  if (chosen && people.some((p) => p.patientId === chosen)) return chosen;
  return people[0]?.patientId ?? null;
}

export function selectPatient(patientId: string): void {
  if (patientId === chosen) return;
  chosen = patientId;
  announce();
}

/** Signed out: the next account starts with its own record. */
export function forgetSelectedPatient(): void {
  if (chosen === null) return;
  chosen = null;
  announce();
}

function announce(): void {
  selectedPersonEvents.dispatchEvent(
    new CustomEvent<string | null>(SELECTED_PERSON_EVENT, { detail: chosen }),
  );
}

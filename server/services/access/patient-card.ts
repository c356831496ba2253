// The little a person list needs from a Patient resource: the name to show and the birth date.
import type { Json } from '../../../core/json';

export interface PatientCard {
  displayName: string;
  /** FHIR date as the practice has it; null if the record has none. */
  birthDate: string | null;
}

interface HumanName {
  use?: unknown;
  text?: unknown;
  given?: unknown;
  family?: unknown;
}

/** The official name (else the first one still in use) as "Given Family"; its text if it has no parts. */
export function patientCard(patient: Json): PatientCard {
  const names = (Array.isArray(patient.name) ? patient.name : []).filter(
    (n): n is HumanName => n !== null && typeof n === 'object',
  );
  const current = names.filter((n) => n.use !== 'old');
  const name = current.find((n) => n.use === 'official') ?? current[0] ?? names[0];
  return {
    displayName: name ? nameText(name) : '',
    birthDate: typeof patient.birthDate === 'string' ? patient.birthDate : null,
  };
}

function nameText(name: HumanName): string {
  const given = Array.isArray(name.given) ? name.given.filter((g) => typeof g === 'string') : [];
  const family = typeof name.family === 'string' ? [name.family] : [];
  const parts = [...given, ...family].join(' ').trim();
  if (parts !== '') return parts;
  return typeof name.text === 'string' ? name.text.trim() : '';
}

// The little a person list needs from a Patient resource: the name to show and the birth date.
import { currentName, plainName } from '../../../core/fhir/names';
import type { Json } from '../../../core/json';

export interface PatientCard {
  displayName: string;
  /** FHIR date as the practice has it; null if the record has none. */
  birthDate: string | null;
}

/** The official name (else the first one still in use) as "Given Family"; its text if it has no parts. */
export function patientCard(patient: Json): PatientCard {
  return {
    displayName: plainName(currentName(patient.name)),
    birthDate: typeof patient.birthDate === 'string' ? patient.birthDate : null,
  };
}

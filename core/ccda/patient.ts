// The Patient resource as the header needs it (core/fhir/types.ts has no Patient, so a narrow
// local shape): name, sex, birth date, address, contacts, race, ethnicity and language.
import { humanNameText } from '../fhir/text';
import type { AnyResource, CodeableConcept, Coding, HumanName, Identifier } from '../fhir/types';
import type { FhirAddress, FhirContactPoint } from './contact';

interface Extension {
  url?: string;
  valueCoding?: Coding;
  valueString?: string;
  valueCode?: string;
  extension?: Extension[];
}

export interface PatientResource extends AnyResource {
  resourceType: 'Patient';
  name?: (HumanName & { use?: string })[];
  gender?: string;
  birthDate?: string;
  address?: FhirAddress[];
  telecom?: FhirContactPoint[];
  extension?: Extension[];
  identifier?: (Identifier & { type?: CodeableConcept })[];
  maritalStatus?: CodeableConcept;
  communication?: { language?: CodeableConcept; preferred?: boolean }[];
}

/** The name in use (official, else usual, else the first one). */
export function officialName(patient: PatientResource): HumanName | undefined {
  const names = patient.name ?? [];
  return names.find((n) => n.use === 'official') ?? names.find((n) => n.use === 'usual') ?? names[0];
}

export const patientDisplayName = (patient: PatientResource): string =>
  humanNameText(officialName(patient)) || 'Name not recorded';

const RACE = 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-race';
const ETHNICITY = 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-ethnicity';

/** The OMB categories (then detailed codes) of the US Core race or ethnicity extension. */
function usCoreCodings(patient: PatientResource, url: string): { codings: Coding[]; text: string } {
  const ext = (patient.extension ?? []).find((e) => e.url === url);
  const parts = ext?.extension ?? [];
  const pick = (name: string) =>
    parts.filter((p) => p.url === name && p.valueCoding?.code).map((p) => p.valueCoding as Coding);
  return {
    codings: [...pick('ombCategory'), ...pick('detailed')],
    text: parts.find((p) => p.url === 'text')?.valueString ?? '',
  };
}

export const raceOf = (patient: PatientResource) => usCoreCodings(patient, RACE);
export const ethnicityOf = (patient: PatientResource) => usCoreCodings(patient, ETHNICITY);

/** BCP 47 language of the patient's preferred (else first) communication. */
export function languageOf(patient: PatientResource): string | undefined {
  const list = patient.communication ?? [];
  const chosen = list.find((c) => c.preferred) ?? list[0];
  const code = chosen?.language?.coding?.find((c) => c.code)?.code;
  return code && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(code) ? code : undefined;
}

/** The medical record number the practice gave (identifier typed MR), if any. */
export function medicalRecordNumber(patient: PatientResource): Identifier | undefined {
  return (patient.identifier ?? []).find((i) => i.type?.coding?.some((c) => c.code === 'MR') && i.value);
}

export const GENDER: Record<string, [code: string, display: string]> = {
  male: ['M', 'Male'],
  female: ['F', 'Female'],
  other: ['UN', 'Undifferentiated'],
};

export const genderWords = (patient: PatientResource): string =>
  GENDER[patient.gender ?? '']?.[1] ?? (patient.gender ? 'Unknown' : 'Not recorded');

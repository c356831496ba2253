// The patient a family member asks about (name, date of birth, ZIP, as in the practice's records)
// and how they are related, shared by "Patient's family member" sign-up and "Request access to a
// family member's account". The age is checked here first: nothing about a child under 13 is sent.
import { html, type TemplateResult } from 'lit';
import { todayIn } from '../../../../core/ages';
import { patientIdentitySchema, relationshipSchema } from '../../../../core/family';
import { zoneOr } from '../../../components/forms/age-check';
import { fieldBinder, selectField } from '../../../components/forms/fields';
import { requiredAs, zodFieldErrors } from '../../../components/forms/zod-errors';
import { RELATIONSHIP_OPTIONS } from '../access/family-words';

export type PatientField =
  | 'patient.firstName'
  | 'patient.lastName'
  | 'patient.birthDate'
  | 'patient.zip'
  | 'relationship';

export type PatientValues = Record<PatientField, string>;

export const EMPTY_PATIENT: PatientValues = {
  'patient.firstName': '',
  'patient.lastName': '',
  'patient.birthDate': '',
  'patient.zip': '',
  relationship: '',
};

/** "patient.zip" → "patient-zip": ids a selector can name. */
export const fieldId = (path: string): string => path.replace(/\./g, '-');

/** The request body's patient and relationship parts, trimmed by the schemas later. */
export function patientBody(values: PatientValues) {
  return {
    patient: {
      firstName: values['patient.firstName'],
      lastName: values['patient.lastName'],
      birthDate: values['patient.birthDate'],
      zip: values['patient.zip'],
    },
    relationship: values.relationship,
  };
}

/** The patient's full name as typed, for "We sent a temporary passcode to …". */
export const patientName = (values: PatientValues): string =>
  `${values['patient.firstName'].trim()} ${values['patient.lastName'].trim()}`.trim();

/** Field errors of the patient part, in words that say what to do. */
export function patientErrors(
  values: PatientValues,
  timeZone: string | undefined,
): Partial<Record<PatientField, string>> {
  const errors: Partial<Record<PatientField, string>> = {};
  const identity = patientIdentitySchema.safeParse(patientBody(values).patient);
  if (!identity.success) {
    for (const [key, message] of Object.entries(zodFieldErrors(identity.error))) {
      errors[`patient.${key}` as PatientField] = message;
    }
  }
  requiredAs(errors, {
    'patient.firstName': "Enter the patient's first name.",
    'patient.lastName': "Enter the patient's last name.",
  });
  if (values['patient.birthDate'].trim() === '')
    errors['patient.birthDate'] = "Enter the patient's date of birth.";
  else if (values['patient.birthDate'].trim() > todayIn(zoneOr(timeZone)))
    errors['patient.birthDate'] = 'Enter a date of birth in the past.';
  if (!relationshipSchema.safeParse(values.relationship).success)
    errors.relationship = 'Choose how you are related to the patient.';
  return errors;
}

export interface PatientFieldsOptions {
  values: PatientValues;
  errors: Partial<Record<string, string>>;
  onInput: (field: PatientField, value: string) => void;
  legend: string;
  relationshipLabel: string;
}

export function patientFields(o: PatientFieldsOptions): TemplateResult {
  const field = fieldBinder<PatientField>({ ...o, id: fieldId });
  // No autocomplete from the user's own details: these are someone else's.
  return html`<fieldset>
    <legend>${o.legend}</legend>
    <p class="hint">As they appear in the patient's medical records.</p>
    <div class="pair">
      ${field('patient.firstName', "Patient's first name", { autocomplete: 'off', maxlength: 100 })}
      ${field('patient.lastName', "Patient's last name", { autocomplete: 'off', maxlength: 100 })}
    </div>
    ${field('patient.birthDate', "Patient's date of birth", { type: 'date', autocomplete: 'off' })}
    ${field('patient.zip', "Patient's ZIP code", { autocomplete: 'off', inputmode: 'numeric', maxlength: 10 })}
    ${selectField({
      id: fieldId('relationship'),
      label: o.relationshipLabel,
      value: o.values.relationship,
      error: o.errors.relationship,
      options: RELATIONSHIP_OPTIONS,
      onInput: (value) => o.onInput('relationship', value),
    })}
  </fieldset>`;
}

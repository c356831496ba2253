// Patterns of the FHIR R4 primitive types the store and importer check (id, date, dateTime).
// Taken from the R4 specification's regular expressions, so what we accept is valid FHIR.

/** FHIR `id`: letters, digits, '-' and '.', 1 to 64 characters. */
export const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

/** FHIR resource type names: a capital letter, then letters. */
export const RESOURCE_TYPE = /^[A-Z][A-Za-z]{1,63}$/;

/** FHIR `date`, `dateTime` and `instant` share this shape (partial dates allowed). */
export const FHIR_DATE_TIME =
  /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01])(T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d{1,9})?(Z|[+-]((0\d|1[0-3]):[0-5]\d|14:00)))?)?)?$/;

export function isFhirId(value: unknown): value is string {
  return typeof value === 'string' && FHIR_ID.test(value);
}

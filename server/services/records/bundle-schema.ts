// Structural checks of an incoming FHIR R4 Bundle (zod): the fields the importer relies on must
// have the right shape, or the whole bundle is refused with a message naming the bad entry.
import { z } from 'zod';
import { FHIR_DATE_TIME, FHIR_ID, RESOURCE_TYPE } from './fhir-primitives';

const identifier = z.looseObject({ system: z.string().optional(), value: z.string().optional() });

const reference = z.looseObject({
  reference: z.string().optional(),
  type: z.string().optional(),
  display: z.string().optional(),
  identifier: identifier.optional(),
});

const dateTime = z
  .string()
  .regex(FHIR_DATE_TIME, 'expected a FHIR date or dateTime such as 2024-03-01T08:00:00Z');
const period = z.looseObject({ start: dateTime.optional(), end: dateTime.optional() });

/** The key fields of any resource: type and id, identifiers, the patient it is about, its dates. */
const resource = z.looseObject(
  {
    resourceType: z
      .string({
        error: (issue) =>
          issue.input === undefined ? 'missing: every resource needs a resourceType' : undefined,
      })
      .regex(RESOURCE_TYPE, 'expected a FHIR resource type such as "Observation"'),
    id: z
      .string()
      .regex(FHIR_ID, 'not a valid FHIR id (letters, digits, "-" and ".", 1 to 64 characters)')
      .optional(),
    identifier: z.union([z.array(identifier), identifier]).optional(),
    subject: z.union([reference, z.array(reference)]).optional(),
    patient: reference.optional(),
    beneficiary: reference.optional(),
    birthDate: dateTime.optional(),
    effectiveDateTime: dateTime.optional(),
    effectivePeriod: period.optional(),
    onsetDateTime: dateTime.optional(),
    authoredOn: dateTime.optional(),
    occurrenceDateTime: dateTime.optional(),
    performedDateTime: dateTime.optional(),
    performedPeriod: period.optional(),
    recordedDate: dateTime.optional(),
    issued: dateTime.optional(),
    period: period.optional(),
  },
  { error: (issue) => (issue.input === undefined ? 'missing: every entry needs a resource' : undefined) },
);

const entry = z.looseObject({
  fullUrl: z.string().min(1).optional(),
  resource: resource,
  request: z
    .looseObject({
      method: z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']),
      url: z.string(),
      ifNoneExist: z.string().optional(),
    })
    .optional(),
});

export const IMPORTABLE_BUNDLE_TYPES = ['transaction', 'batch', 'collection'] as const;

export const bundleSchema = z.looseObject({
  resourceType: z.literal('Bundle', { error: 'not a FHIR Bundle (resourceType must be "Bundle")' }),
  type: z.enum(IMPORTABLE_BUNDLE_TYPES, {
    error: `bundle type must be one of ${IMPORTABLE_BUNDLE_TYPES.join(', ')}`,
  }),
  entry: z.array(entry).default([]),
});

export type ParsedBundle = z.infer<typeof bundleSchema>;
export type ParsedEntry = ParsedBundle['entry'][number];

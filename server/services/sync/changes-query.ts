// The query of GET /api/patients/:id/changes: the cursor and the page size, as plain whole numbers.
// Anything else (a sign, a fraction, an exponent, trailing text, an unknown parameter) is refused.
import { z } from 'zod';
import { DEFAULT_CHANGES_PAGE_SIZE, MAX_CHANGES_PAGE_SIZE } from '../../../core/records';

const SINCE_MESSAGE = 'Use a whole number of 0 or more: 0 to start, then the "next" of the previous page.';
const LIMIT_MESSAGE = `Use a whole number from 1 to ${MAX_CHANGES_PAGE_SIZE}.`;

export const changesQuery = z.strictObject({
  since: z
    .string()
    .regex(/^(0|[1-9]\d{0,15})$/, SINCE_MESSAGE)
    .transform(Number)
    .pipe(z.number().max(Number.MAX_SAFE_INTEGER, SINCE_MESSAGE))
    .default(0),
  limit: z
    .string()
    .regex(/^[1-9]\d{0,5}$/, LIMIT_MESSAGE)
    .transform(Number)
    .pipe(z.number().max(MAX_CHANGES_PAGE_SIZE, LIMIT_MESSAGE))
    .default(DEFAULT_CHANGES_PAGE_SIZE),
});

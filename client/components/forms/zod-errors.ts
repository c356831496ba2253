// A failed zod parse as one message per field ("address.zip" → "Enter a 5-digit ZIP code."),
// first message wins, ready to show next to the fields; "Required." reworded as what to do.
import type { z } from 'zod';

export function zodFieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.');
    errors[key] ??= issue.message;
  }
  return errors;
}

/** The schema's generic "Required." said as what to do ("Enter your first name."), field by field. */
export function requiredAs<F extends string>(
  errors: Partial<Record<F, string>>,
  words: Partial<Record<F, string>>,
): Partial<Record<F, string>> {
  for (const [field, what] of Object.entries(words) as Array<[F, string]>) {
    if (errors[field] === 'Required.') errors[field] = what;
  }
  return errors;
}

// A failed zod parse as one message per field ("address.zip" → "Enter a 5-digit ZIP code."),
// first message wins, ready to show next to the fields.
import type { z } from 'zod';

export function zodFieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.');
    errors[key] ??= issue.message;
  }
  return errors;
}

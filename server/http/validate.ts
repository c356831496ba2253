// Reads and validates JSON request bodies, answering bad input with problem+json (415, 400, 422).
import type { Context, MiddlewareHandler } from 'hono';
import { validator } from 'hono/validator';
import type { z } from 'zod';
import { ProblemException, problems } from './problem';

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;

export function mediaType(c: Context): string {
  return (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** Turns zod issues into { "body.field": "message" } for the problem's "errors" member. */
export function fieldErrors(error: z.ZodError, prefix = 'body'): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = [prefix, ...issue.path.map(String)].join('.');
    errors[key] ??= issue.message;
  }
  return errors;
}

/**
 * Validator middleware for a JSON body. Keeps Hono's RPC typing (the validated type flows into
 * c.req.valid('json') and into hc<AppType>) while every failure becomes a problem response.
 * `acceptedTypes` widens the media types for endpoints fed by browsers (CSP reports).
 */
export function jsonBody<Schema extends z.ZodType>(
  schema: Schema,
  acceptedTypes: RegExp = JSON_MEDIA_TYPE,
): MiddlewareHandler<object, string, { in: { json: z.input<Schema> }; out: { json: z.output<Schema> } }> {
  return validator('json', async (_value, c) => {
    if (!acceptedTypes.test(mediaType(c)))
      throw new ProblemException(problems.unsupportedMediaType('application/json'));
    let parsed: unknown;
    try {
      parsed = JSON.parse(await c.req.text());
    } catch {
      throw new ProblemException(problems.invalidJson());
    }
    const result = schema.safeParse(parsed);
    if (!result.success) throw new ProblemException(problems.invalidInput(fieldErrors(result.error)));
    return result.data as z.output<Schema>;
  }) as MiddlewareHandler<object, string, { in: { json: z.input<Schema> }; out: { json: z.output<Schema> } }>;
}

/** Validator middleware for the query string, with the same problem answers as jsonBody. */
export function queryParams<Schema extends z.ZodType>(
  schema: Schema,
): MiddlewareHandler<object, string, { in: { query: z.input<Schema> }; out: { query: z.output<Schema> } }> {
  return validator('query', (value) => {
    const result = schema.safeParse(value);
    if (!result.success)
      throw new ProblemException(problems.invalidInput(fieldErrors(result.error, 'query')));
    return result.data as z.output<Schema>;
  }) as MiddlewareHandler<
    object,
    string,
    { in: { query: z.input<Schema> }; out: { query: z.output<Schema> } }
  >;
}

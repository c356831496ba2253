// Builds RFC 9457 problem+json responses and the exception that carries one through Hono.
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPES, type Problem } from '../../core/problem';

export function problemResponse(problem: Problem, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: { 'content-type': PROBLEM_CONTENT_TYPE, 'cache-control': 'no-store', ...headers },
  });
}

/** Throw from a handler or middleware; the app's error handler answers with the problem. */
export class ProblemException extends HTTPException {
  constructor(
    readonly problem: Problem,
    readonly headers: Record<string, string> = {},
  ) {
    super(problem.status as ContentfulStatusCode, { message: problem.title });
  }
}

export const problems = {
  notFound: (detail = 'There is nothing at this address.'): Problem => ({
    type: PROBLEM_TYPES.notFound,
    title: 'Not found',
    status: 404,
    detail,
  }),
  methodNotAllowed: (method: string, allowed: string[]): Problem => ({
    type: PROBLEM_TYPES.methodNotAllowed,
    title: 'Method not allowed',
    status: 405,
    detail: `${method} is not supported here. Use ${allowed.join(' or ')}.`,
  }),
  invalidJson: (): Problem => ({
    type: PROBLEM_TYPES.invalidJson,
    title: 'The request body is not valid JSON',
    status: 400,
    detail: 'Send a JSON document with Content-Type: application/json.',
  }),
  invalidInput: (errors: Record<string, string>): Problem => ({
    type: PROBLEM_TYPES.invalidInput,
    title: 'Some of the information sent is not valid',
    status: 422,
    detail: 'Correct the fields listed in "errors" and try again.',
    errors,
  }),
  payloadTooLarge: (limitBytes: number): Problem => ({
    type: PROBLEM_TYPES.payloadTooLarge,
    title: 'The request is too large',
    status: 413,
    detail: `Requests to this address may be at most ${limitBytes} bytes.`,
  }),
  unsupportedMediaType: (expected: string): Problem => ({
    type: PROBLEM_TYPES.unsupportedMediaType,
    title: 'Unsupported content type',
    status: 415,
    detail: `Send the body as ${expected}.`,
  }),
  unavailable: (detail: string): Problem => ({
    type: PROBLEM_TYPES.unavailable,
    title: 'Service unavailable',
    status: 503,
    detail,
  }),
  internal: (): Problem => ({
    type: PROBLEM_TYPES.internal,
    title: 'Something went wrong on our side',
    status: 500,
    detail: 'The error was logged. Please try again in a moment.',
  }),
};

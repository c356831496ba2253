// RFC 9457 problem details: the one error shape the API answers with and the client reads.

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  /** Per-field messages for invalid input, keyed by the field's path ("body.subject"). */
  errors?: Record<string, string>;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Problem types are relative URIs; the Help page could document each one. */
export const PROBLEM_TYPES = {
  notFound: '/problems/not-found',
  methodNotAllowed: '/problems/method-not-allowed',
  invalidJson: '/problems/invalid-json',
  invalidInput: '/problems/invalid-input',
  payloadTooLarge: '/problems/payload-too-large',
  unsupportedMediaType: '/problems/unsupported-media-type',
  unavailable: '/problems/service-unavailable',
  internal: '/problems/internal-error',
} as const;

export function isProblem(value: unknown): value is Problem {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.title === 'string' && typeof v.status === 'number' && typeof v.type === 'string';
}

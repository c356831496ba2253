// One way to call the JSON API: sends JSON, reads JSON or problem+json, and turns a network failure
// into an 'offline' outcome instead of a throw, so every form can say plainly what happened.
import { isProblem, type Problem } from '../../core/problem';

export type ApiOutcome<T> =
  | { kind: 'ok'; status: number; data: T }
  | { kind: 'problem'; status: number; problem: Problem; retryAfterSeconds: number | null }
  | { kind: 'offline' };

export type FetchLike = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

/** Looks the global up at call time, so tests that replace window.fetch are honoured. */
export const globalFetch: FetchLike = (input, init) => fetch(input, init);

export interface ApiRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  headers?: Record<string, string>;
}

/** Seconds from a Retry-After header (delta-seconds or an HTTP date), or null when absent. */
export function retryAfterSeconds(header: string | null, now = Date.now()): number | null {
  if (header === null || header.trim() === '') return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

function fallbackProblem(status: number): Problem {
  return {
    type: 'about:blank',
    title: status >= 500 ? 'The portal is having trouble right now' : 'The request was not accepted',
    status,
  };
}

export async function apiRequest<T>(
  fetchImpl: FetchLike,
  path: string,
  { method = 'GET', body, headers = {} }: ApiRequest = {},
): Promise<ApiOutcome<T>> {
  let response: Response;
  try {
    response = await fetchImpl(path, {
      method,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json, application/problem+json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    return { kind: 'offline' };
  }
  const text = await response.text().catch(() => '');
  let parsed: unknown = null;
  try {
    parsed = text === '' ? null : JSON.parse(text);
  } catch {
    parsed = null;
  }
  if (response.ok) return { kind: 'ok', status: response.status, data: parsed as T };
  return {
    kind: 'problem',
    status: response.status,
    problem: isProblem(parsed) ? parsed : fallbackProblem(response.status),
    retryAfterSeconds: retryAfterSeconds(response.headers.get('retry-after')),
  };
}

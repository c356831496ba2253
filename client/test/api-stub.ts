// Test helper: answers the app's API calls in the browser (window.fetch replaced, restored after
// each test) and records what was asked, so tests check outcomes without a server.

import type { AccountSummary, SessionGranted } from '../../core/accounts';
import type { Problem } from '../../core/problem';
import { PROBLEM_TYPES } from '../../core/problem';

export interface RecordedCall {
  method: string;
  path: string;
  body: unknown;
  headers: Headers;
}

export type Handler = (call: RecordedCall) => Response | Promise<Response>;

const realFetch = window.fetch;

/** Routes "METHOD /path" (path without query) to handlers; anything else answers 404. */
export function stubApi(routes: Record<string, Handler>): RecordedCall[] {
  const calls: RecordedCall[] = [];
  window.fetch = async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    // Blob and data URLs (a download link under test) are the browser's, not the API's.
    if (url.protocol === 'blob:' || url.protocol === 'data:') return realFetch(input, init);
    const text = await request.text();
    const call: RecordedCall = {
      method: request.method,
      path: url.pathname + url.search,
      body: text === '' ? undefined : JSON.parse(text),
      headers: request.headers,
    };
    calls.push(call);
    const handler = routes[`${request.method} ${url.pathname}`];
    if (!handler) return problem({ type: PROBLEM_TYPES.notFound, title: 'Not found', status: 404 });
    return handler(call);
  };
  return calls;
}

export function restoreApi(): void {
  window.fetch = realFetch;
}

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

export const noContent = (): Response => new Response(null, { status: 204 });

export const problem = (p: Problem, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(p), {
    status: p.status,
    headers: { 'content-type': 'application/problem+json', ...headers },
  });

export const TEST_ACCOUNT: AccountSummary = {
  id: 'acc-1',
  email: 'ana.lopez@example.com',
  displayName: 'Ana López',
  patientId: 'pat-1',
  securityOption: 'totp',
  twoStepSignIn: false,
  role: 'user',
};

export const granted = (account: Partial<AccountSummary> = {}, token = 'token-1'): SessionGranted => ({
  status: 'signed-in',
  accessToken: token,
  expiresIn: 900,
  account: { ...TEST_ACCOUNT, ...account },
  needsSecurityOption: account.securityOption === null,
});

/** Types text into a field inside a shadow root the way a user does (input event). */
export function type(root: ParentNode, selector: string, value: string): void {
  const field = root.querySelector<HTMLInputElement | HTMLSelectElement>(selector);
  if (!field) throw new Error(`No field ${selector}`);
  field.value = value;
  field.dispatchEvent(new Event(field instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
}

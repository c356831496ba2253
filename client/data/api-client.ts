// The typed API client. Types come from the server's route table (type-only import), so a
// changed endpoint breaks the client's build instead of its users; no server code is bundled.
import { hc } from 'hono/client';
import type { AppType } from '../../server/app';

/** `fetchImpl` lets tests answer requests themselves; it is called unbound, hence the wrapper. */
export function apiClient(fetchImpl: typeof fetch = fetch) {
  return hc<AppType>('/', { fetch: (input: RequestInfo | URL, init?: RequestInit) => fetchImpl(input, init) })
    .api;
}

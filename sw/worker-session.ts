// The service worker's own sign-in for one background run: an access token traded for the refresh
// cookie (no page, and so no token in memory, needs to be open), then requests sent with it.
/// <reference lib="WebWorker" />

import type { ReplayDeps } from '../client/data/outbox/replay';
import { API } from '../core/api-paths';

export interface SyncEvent extends ExtendableEvent {
  readonly tag: string;
  readonly lastChance: boolean;
}

export function workerSession(): ReplayDeps {
  let token: string | null = null;
  return {
    accountId: async () => {
      const refresh = () => fetch(API.auth.refresh, { method: 'POST', credentials: 'same-origin' });
      let response = await refresh();
      for (let race = 1; race <= 3 && response.status === 409; race++) {
        // The page refreshed at the same moment; the cookie holds its new token in a second. A
        // random extra wait keeps the two from meeting again on the retry.
        await new Promise((resolve) => setTimeout(resolve, 1000 + Math.random() * 1000));
        response = await refresh();
      }
      if (!response.ok) return null;
      const session = (await response.json()) as { accessToken?: string; account?: { id?: string } };
      token = session.accessToken ?? null;
      return token ? (session.account?.id ?? null) : null;
    },
    send: (path, init) =>
      fetch(path, {
        ...init,
        headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${token}` },
      }),
  };
}

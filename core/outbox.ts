// The outbox protocol shared by the app, the service worker and the server: what a queued request
// looks like once sealed to the server, and which requests may travel that way.

/** Background Sync tag under which the service worker replays the outbox. */
export const OUTBOX_SYNC_TAG = 'outbox-replay';

/** JWE algorithms of a sealed request: ephemeral ECDH P-256 key agreement, then AES-256-GCM. */
export const SEAL_ALG = 'ECDH-ES';
export const SEAL_ENC = 'A256GCM';

/** A sealed request may carry at most this much JSON, so that sealed and base64-encoded it still
 * fits the API's 64 kB body limit. Attachments travel separately. */
export const MAX_SEALED_REQUEST_BYTES = 40 * 1024;

export type ReplayMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What the service worker carries without being able to read it. */
export interface SealedRequestPayload {
  v: 1;
  method: ReplayMethod;
  path: string;
  body: unknown;
  idempotencyKey: string;
  /** The account that queued it: the server refuses a replay by anyone else. */
  accountId: string;
  createdAt: string;
}

/** The requests that may be queued offline and replayed; anything else is refused on replay. */
const REPLAYABLE: ReadonlyArray<{ method: ReplayMethod; path: RegExp }> = [
  { method: 'PATCH', path: /^\/api\/me\/profile$/ },
  { method: 'POST', path: /^\/api\/patients\/[A-Za-z0-9\-.]{1,64}\/messages$/ },
  {
    method: 'POST',
    path: /^\/api\/patients\/[A-Za-z0-9\-.]{1,64}\/messages\/[A-Za-z0-9_-]{1,64}\/(?:replies|read)$/,
  },
  // Family access settings: invite, change a level, remove access, cancel an invitation.
  { method: 'POST', path: /^\/api\/family\/invitations$/ },
  { method: 'PATCH', path: /^\/api\/family\/grants\/[A-Za-z0-9_-]{1,64}$/ },
  { method: 'DELETE', path: /^\/api\/family\/grants\/[A-Za-z0-9_-]{1,64}$/ },
  { method: 'DELETE', path: /^\/api\/family\/invitations\/[A-Za-z0-9_-]{1,64}$/ },
];

export function isReplayable(method: string, path: string): method is ReplayMethod {
  return REPLAYABLE.some((r) => r.method === method && r.path.test(path));
}

export type OutboxStatus = 'queued' | 'failed';

/** What kind of change waits: shown as "Profile changes waiting to send". Never health details. */
export type OutboxKind =
  | 'profile-edit'
  | 'message'
  | 'message-read'
  /** "Invite Family Member". */
  | 'family-invitation'
  /** A family member's access level changed or removed, or an invitation cancelled. */
  | 'family-change';

/**
 * Kinds where only the newest waiting change matters: a later one was made on the same form and
 * contains the earlier one, so it replaces it rather than queueing behind it (and conflicting).
 */
export const LATEST_ONLY_KINDS: ReadonlySet<OutboxKind> = new Set(['profile-edit']);

export interface OutboxItem {
  /** The idempotency key: a client-made UUID, the same on every try. */
  id: string;
  accountId: string;
  kind: OutboxKind;
  /** Compact JWE of a SealedRequestPayload, readable only by the server. */
  sealed: string;
  status: OutboxStatus;
  attempts: number;
  createdAt: string;
  /** The server's reason when it refused the request (4xx), for the user to fix. */
  failure?: { status: number; title: string; detail?: string };
}

/** The replay endpoint's answer: the inner route's status and JSON body, as if called directly. */
export interface ReplayResult {
  status: number;
  body: unknown;
}

/** 4xx answers that are about the attempt, not the request: try again later instead of failing it. */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 401 || status === 408 || status === 425 || status === 429;
}

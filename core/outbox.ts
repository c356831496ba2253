// The outbox protocol shared by the app, the service worker and the server: what a queued request
// looks like once sealed to the server, which requests may travel that way, and the one vocabulary
// of messages and events the outbox speaks (client/data/outbox/ owns the device's side).

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

/**
 * The routes whose requests may be queued offline and replayed, as the server's route table names
 * them; anything else is refused on replay. Each must be idempotent on the server (Idempotency-Key):
 * the authorization matrix test checks that against the real app's routes.
 */
export const REPLAYABLE_ROUTES = [
  'PATCH /api/me/profile',
  'POST /api/patients/:id/messages',
  'POST /api/patients/:id/messages/:threadId/replies',
  'POST /api/patients/:id/messages/:threadId/read',
  // Health Records: a view or download made offline, and "Send via Email" asked for offline.
  'POST /api/patients/:id/health-record/events',
  'POST /api/patients/:id/health-record/email',
  // Family access settings: invite, change a level, remove access, cancel an invitation.
  'POST /api/family/invitations',
  'PATCH /api/family/grants/:id',
  'DELETE /api/family/grants/:id',
  'DELETE /api/family/invitations/:id',
] as const;

/** One path segment an id may fill: URL-safe characters, not "." or "..", no encoding tricks. */
const ID_SEGMENT = '(?!\\.+(?:/|$))[A-Za-z0-9._~-]{1,64}';

const REPLAYABLE: ReadonlyArray<{ method: string; path: RegExp }> = REPLAYABLE_ROUTES.map((route) => {
  const [method, pattern] = route.split(' ') as [string, string];
  const source = pattern
    .split('/')
    .map((part) => (part.startsWith(':') ? ID_SEGMENT : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return { method, path: new RegExp(`^${source}$`) };
});

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
  | 'family-change'
  /** The summary was viewed or downloaded on the device (for the activity history). */
  | 'health-record-event'
  /** "Send via Email" of the summary. */
  | 'health-record-email';

/**
 * Kinds where only the newest waiting change matters: a later one was made on the same form and
 * contains the earlier one, so it replaces it rather than queueing behind it (and conflicting).
 */
export const LATEST_ONLY_KINDS: ReadonlySet<OutboxKind> = new Set(['profile-edit']);

/** Which page shows a waiting change's readable copy. */
export type WaitingTopic = 'message' | 'family' | 'health-record';

/**
 * The readable copy of a waiting change, for the unlocked app to draw "Waiting to send": AES-GCM
 * under the account's data key, bound to the item's id, person and topic. The service worker
 * carries it without being able to open it, and it leaves the device with the item.
 */
export interface SealedCopy {
  patientId: string;
  topic: WaitingTopic;
  iv: Uint8Array<ArrayBuffer>;
  data: Uint8Array<ArrayBuffer>;
}

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
  /** Written in the same write as the item, so "kept" and "will be sent" never disagree. */
  copy?: SealedCopy;
  /**
   * Uploads the request names (the device's `files` rows): sent before it, and deleted with it.
   * Ids only; the keys that open them travel sealed inside the request.
   */
  files?: string[];
  /** The server's reason when it refused the request (4xx), for the user to fix. */
  failure?: { status: number; title: string; detail?: string };
}

/** One item the outbox finished with: delivered (2xx) or refused (4xx, `failure` set). */
export interface OutboxOutcome {
  id: string;
  kind: OutboxKind;
  /** Whose page the change was about, when it had a readable copy. */
  patientId?: string;
  status: number;
  /** The inner route's answer (a delivered profile edit carries the saved profile). */
  body: unknown;
  failure?: OutboxItem['failure'];
}

/** The service worker's message to open pages after it replayed: what it finished with. */
export const OUTBOX_REPLAYED_MESSAGE = 'OUTBOX_REPLAYED';
export interface OutboxReplayedMessage {
  type: typeof OUTBOX_REPLAYED_MESSAGE;
  outcomes: OutboxOutcome[];
  waiting: number;
}

/** Fired on window when waiting changes were added, delivered, refused or discarded. */
export const OUTBOX_CHANGED_EVENT = 'outbox-changed';
export interface OutboxChangedDetail {
  /** Delivered and refused items (none when the change was a new item or a discard). */
  outcomes: OutboxOutcome[];
}

/** Fired on window while the page uploads the files of a waiting change: bytes sent of all. */
export const OUTBOX_PROGRESS_EVENT = 'outbox-progress';
export interface OutboxProgressDetail {
  id: string;
  sent: number;
  total: number;
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

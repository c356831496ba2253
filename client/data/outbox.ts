// The outbox: changes made offline wait here, sealed to the server, until a replay delivers them.
// Replay runs in the page (on reconnect, at start, on a timer) and in the service worker
// (Background Sync), so it takes its fetch and its access token as arguments.
import { CompactEncrypt, importJWK, type JWK } from 'jose';
import {
  isReplayable,
  isRetryableStatus,
  MAX_SEALED_REQUEST_BYTES,
  type OutboxItem,
  type OutboxKind,
  type ReplayMethod,
  type ReplayResult,
  SEAL_ALG,
  SEAL_ENC,
  type SealedRequestPayload,
} from '../../core/outbox';
import { isProblem } from '../../core/problem';
import type { DeviceDb } from './device-db';

const SEALING_KEY_SETTING = 'outbox-sealing-key';
export const OUTBOX_KEY_PATH = '/api/outbox/key';
export const OUTBOX_REPLAY_PATH = '/api/outbox/replay';

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

export interface SealingKey {
  kid: string;
  jwk: JWK;
}

/** The server's public sealing key, fetched once while online and kept for offline use. */
export async function sealingKey(db: DeviceDb, fetchImpl: Fetch): Promise<SealingKey> {
  try {
    const response = await fetchImpl(OUTBOX_KEY_PATH, { headers: { accept: 'application/json' } });
    if (response.ok) {
      const key = (await response.json()) as SealingKey;
      await db.settings.put({ key: SEALING_KEY_SETTING, value: key });
      return key;
    }
  } catch {
    // Offline: fall back to the copy below.
  }
  const cached = (await db.settings.get(SEALING_KEY_SETTING))?.value as SealingKey | undefined;
  if (!cached)
    throw new Error(
      'This device has not been online since the app was installed, so it cannot queue changes yet.',
    );
  return cached;
}

export async function sealRequest(payload: SealedRequestPayload, key: SealingKey): Promise<string> {
  const publicKey = await importJWK(key.jwk, SEAL_ALG);
  const plaintext = new TextEncoder().encode(JSON.stringify(payload));
  if (plaintext.byteLength > MAX_SEALED_REQUEST_BYTES)
    throw new RangeError('This change is too large to queue.');
  return new CompactEncrypt(plaintext)
    .setProtectedHeader({ alg: SEAL_ALG, enc: SEAL_ENC, kid: key.kid })
    .encrypt(publicKey);
}

export interface QueueInput {
  accountId: string;
  kind: OutboxKind;
  method: ReplayMethod;
  path: string;
  body: unknown;
  /** The idempotency key, when a direct try already used one (it may have reached the server). */
  id?: string;
}

export async function queueRequest(
  db: DeviceDb,
  input: QueueInput,
  key: SealingKey,
  now: () => Date = () => new Date(),
): Promise<OutboxItem> {
  if (!isReplayable(input.method, input.path))
    throw new Error(`${input.method} ${input.path} cannot be queued.`);
  const id = input.id ?? crypto.randomUUID();
  const createdAt = now().toISOString();
  const sealed = await sealRequest(
    {
      v: 1,
      method: input.method,
      path: input.path,
      body: input.body,
      idempotencyKey: id,
      accountId: input.accountId,
      createdAt,
    },
    key,
  );
  const item: OutboxItem = {
    id,
    accountId: input.accountId,
    kind: input.kind,
    sealed,
    status: 'queued',
    attempts: 0,
    createdAt,
  };
  await db.outbox.add(item);
  return item;
}

export interface ReplayDeps {
  /** Sends a request as the signed-in account (the caller adds its access token). */
  send: (path: string, init: RequestInit) => Promise<Response>;
  /** The signed-in account, or null when nobody is: only that account's items are sent. */
  accountId: () => Promise<string | null>;
}

export interface ReplayReport {
  sent: Array<{ item: OutboxItem; result: ReplayResult }>;
  failed: OutboxItem[];
  /** Still queued: offline, server trouble, or another account's items. */
  waiting: number;
}

/**
 * Sends every queued item of the signed-in account, oldest first. An item leaves the outbox only
 * when the server answered it; a refusal (4xx) marks it failed with the server's reason; network
 * trouble and 5xx leave it queued for the next try. Safe to run twice at once: the server answers
 * a repeated idempotency key with the first result.
 */
export async function replayOutbox(db: DeviceDb, deps: ReplayDeps): Promise<ReplayReport> {
  const report: ReplayReport = { sent: [], failed: [], waiting: 0 };
  const queued = await db.outbox.where('status').equals('queued').sortBy('createdAt');
  if (queued.length === 0) return report;
  let accountId: string | null;
  try {
    accountId = await deps.accountId();
  } catch {
    accountId = null;
  }
  for (const item of queued) {
    if (!accountId || item.accountId !== accountId) {
      report.waiting += 1;
      continue;
    }
    let response: Response;
    try {
      response = await deps.send(OUTBOX_REPLAY_PATH, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ sealed: item.sealed }),
      });
    } catch {
      await db.outbox.update(item.id, { attempts: item.attempts + 1 });
      report.waiting += 1;
      continue;
    }
    const result = await readResult(response);
    if (isRetryableStatus(result.status)) {
      await db.outbox.update(item.id, { attempts: item.attempts + 1 });
      report.waiting += 1;
    } else if (result.status >= 400) {
      const problem = isProblem(result.body) ? result.body : null;
      const failure = {
        status: result.status,
        title: problem?.title ?? 'The server refused this change',
        detail: problem?.detail,
      };
      await db.outbox.update(item.id, { status: 'failed', attempts: item.attempts + 1, failure });
      report.failed.push({ ...item, status: 'failed', failure });
    } else {
      await db.outbox.delete(item.id);
      report.sent.push({ item, result });
    }
  }
  return report;
}

/** The replay endpoint wraps the inner answer; a refusal of the replay itself is reported as is. */
async function readResult(response: Response): Promise<ReplayResult> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (response.ok && typeof body === 'object' && body !== null && 'status' in body && 'body' in body) {
    return body as ReplayResult;
  }
  return { status: response.status, body };
}

/** The user fixed the cause (or wants to try again): put a failed item back in the queue. */
export async function retryOutboxItem(db: DeviceDb, id: string): Promise<void> {
  await db.outbox.update(id, { status: 'queued', failure: undefined });
}

export async function discardOutboxItem(db: DeviceDb, id: string): Promise<void> {
  await db.outbox.delete(id);
}

// A change the user makes: straight to the server when connected, else into the outbox (sealed to
// the server, sent exactly once when the device is back) with its readable copy in the same item.
// Either way the request carries one idempotency key, so a try whose answer was lost and its
// replay can never make the change twice.
import type { OutboxKind, ReplayMethod, WaitingTopic } from '../../../core/outbox';
import type { Problem } from '../../../core/problem';
import type { ApiOutcome } from '../api-request';
import { vault } from '../records/app-records';
import { session } from '../session';
import type { UploadProgress } from './uploads';

export type SendOutcome<T> =
  | { kind: 'sent'; data: T }
  | { kind: 'queued' }
  | { kind: 'problem'; status: number; problem: Problem; retryAfterSeconds: number | null }
  /** Offline and it could not be kept either (never online since install, or the cache is locked). */
  | { kind: 'not-kept'; reason: string };

export interface QueuedChange {
  kind: OutboxKind;
  method: ReplayMethod;
  path: string;
  body?: unknown;
  /** Files (device `files` rows) the request names: uploaded first, kept with it when it waits. */
  files?: string[];
}

/** The readable copy kept while the change waits: whose page shows it, and what it draws. */
export interface WaitingCopyOf {
  topic: WaitingTopic;
  /** Null when there is no one to keep it under: then nothing is queued either. */
  patientId: string | null;
  content: unknown;
}

export async function sendOrQueue<T>(
  change: QueuedChange,
  copy: WaitingCopyOf | null,
  notKeptReason: string,
  onUploadProgress?: (progress: UploadProgress) => void,
): Promise<SendOutcome<T>> {
  const id = crypto.randomUUID();
  const outcome: ApiOutcome<T> = navigator.onLine
    ? await sendNow<T>(change, id, onUploadProgress)
    : { kind: 'offline' };
  if (outcome.kind === 'ok') {
    // The practice has the files now, with the message: the device's encrypted copies can go.
    if (change.files && change.files.length > 0)
      await (await import('../device-db')).sharedDeviceDb().files.bulkDelete(change.files);
    return { kind: 'sent', data: outcome.data };
  }
  if (outcome.kind === 'problem') return { ...outcome, kind: 'problem' };
  const cache = vault.current;
  const accountId = session.account?.id;
  if (!cache || cache.locked || !accountId || copy?.patientId === null)
    return { kind: 'not-kept', reason: notKeptReason };
  try {
    const { queueChange } = await import('./index');
    await queueChange(
      {
        ...change,
        body: change.body ?? null,
        id,
        ...(copy?.patientId
          ? { copy: { patientId: copy.patientId, topic: copy.topic, content: copy.content } }
          : {}),
      },
      { accountId, cache },
    );
  } catch (error) {
    return { kind: 'not-kept', reason: error instanceof Error ? error.message : String(error) };
  }
  return { kind: 'queued' };
}

/** The files first (resuming what a try before got through), then the request; 'offline' to queue. */
async function sendNow<T>(
  change: QueuedChange,
  id: string,
  onUploadProgress?: (progress: UploadProgress) => void,
): Promise<ApiOutcome<T>> {
  if (change.files && change.files.length > 0) {
    const [{ uploadFiles }, { sharedDeviceDb }] = await Promise.all([
      import('./uploads'),
      import('../device-db'),
    ]);
    const uploaded = await uploadFiles(
      sharedDeviceDb(),
      (path, init) => session.fetchAsAccount(path, init),
      change.files,
      onUploadProgress,
    );
    if (uploaded.kind === 'waiting') return { kind: 'offline' };
    if (uploaded.kind === 'refused')
      return { kind: 'problem', status: uploaded.status, problem: uploaded.problem, retryAfterSeconds: null };
  }
  return session.request<T>(change.path, {
    method: change.method,
    ...(change.body === undefined ? {} : { body: change.body }),
    headers: { 'idempotency-key': id },
  });
}

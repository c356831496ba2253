// Replay: sends every queued item of the signed-in account through the server's one replay
// endpoint. Runs in the page (runner.ts) and in the service worker (sw/outbox-sync.ts), so it takes
// its way of sending (with an access token) as an argument. It reads nothing it sends.
import { API } from '../../../core/api-paths';
import {
  isRetryableStatus,
  type OutboxItem,
  type OutboxOutcome,
  type ReplayResult,
} from '../../../core/outbox';
import { isProblem, PROBLEM_TYPES } from '../../../core/problem';
import type { DeviceDb } from '../device-db';
import { discardOutboxItem } from './queue';
import { failureOf, type UploadProgress, uploadFiles } from './uploads';

export interface ReplayDeps {
  /** Sends a request as the signed-in account (the caller adds its access token). */
  send: (path: string, init: RequestInit) => Promise<Response>;
  /** The signed-in account, or null when nobody is: only that account's items are sent. */
  accountId: () => Promise<string | null>;
  /** How far the files of an item got (the page shows it beside the waiting message). */
  onUploadProgress?: (itemId: string, progress: UploadProgress) => void;
}

export interface ReplayReport {
  /** Items finished with: delivered, or refused with the server's reason. */
  outcomes: OutboxOutcome[];
  /** Still queued: offline, server trouble, or another account's items. */
  waiting: number;
}

/**
 * Sends every queued item of the signed-in account, oldest first. An item leaves the outbox only
 * when the server answered it; a refusal (4xx) marks it failed with the server's reason; network
 * trouble and 5xx leave it queued for the next try. Safe to run twice at once (page and worker):
 * the server answers a repeated idempotency key with the first result.
 */
export async function replayOutbox(db: DeviceDb, deps: ReplayDeps): Promise<ReplayReport> {
  const report: ReplayReport = { outcomes: [], waiting: 0 };
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
    if (item.files && item.files.length > 0) {
      const uploaded = await uploadFiles(db, deps.send, item.files, (progress) =>
        deps.onUploadProgress?.(item.id, progress),
      );
      if (uploaded.kind === 'waiting') {
        await db.outbox.update(item.id, { attempts: item.attempts + 1 });
        report.waiting += 1;
        continue;
      }
      if (uploaded.kind === 'refused') {
        const failure = failureOf(uploaded);
        await db.outbox.update(item.id, { status: 'failed', attempts: item.attempts + 1, failure });
        report.outcomes.push({
          id: item.id,
          kind: item.kind,
          ...(item.copy ? { patientId: item.copy.patientId } : {}),
          status: uploaded.status,
          body: uploaded.problem,
          failure,
        });
        continue;
      }
    }
    let response: Response;
    try {
      response = await deps.send(API.outbox.replay, {
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
    const finished = {
      id: item.id,
      kind: item.kind,
      ...(item.copy ? { patientId: item.copy.patientId } : {}),
      status: result.status,
      body: result.body,
    };
    // The other sender (page or worker) is sending this same item right now: its answer decides.
    const inProgress = isProblem(result.body) && result.body.type === PROBLEM_TYPES.requestInProgress;
    if (isRetryableStatus(result.status) || inProgress) {
      await db.outbox.update(item.id, { attempts: item.attempts + 1 });
      report.waiting += 1;
    } else if (result.status >= 400) {
      const problem = isProblem(result.body) ? result.body : null;
      const failure: NonNullable<OutboxItem['failure']> = {
        status: result.status,
        title: problem?.title ?? 'The server refused this change',
        ...(problem?.detail ? { detail: problem.detail } : {}),
      };
      await db.outbox.update(item.id, { status: 'failed', attempts: item.attempts + 1, failure });
      report.outcomes.push({ ...finished, failure });
    } else {
      await discardOutboxItem(db, item.id);
      report.outcomes.push(finished);
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

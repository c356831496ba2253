// Idempotency-Key for state-changing requests replayed from the client's outbox: the first answer
// (status and JSON) is kept per account and key, and a repeat gets it again without running twice.
// A request in progress holds its key; a process that died mid-request must not hold it for ever, so
// the reservations of an earlier process are dropped when the app starts (one process owns the
// database), and a reservation older than a request could take is taken over.
import type { MiddlewareHandler } from 'hono';
import { PROBLEM_TYPES } from '../../core/problem';
import type { AppDeps } from '../context';
import type { AuthEnv } from './auth';
import { ProblemException, problems } from './problem';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const IN_PROGRESS = 0;
/** Far longer than any request takes (a message with ten 10 MB files included). */
export const ABANDONED_AFTER_MS = 60_000;

interface StoredRow {
  method: string;
  path: string;
  status: number;
  response: string | null;
}

/** Every handler idempotent() made, so the route table can say which routes honour the key. */
const idempotencyHandlers = new WeakSet<object>();
export const isIdempotencyHandler = (handler: unknown): boolean =>
  typeof handler === 'function' && idempotencyHandlers.has(handler);

/**
 * At app start: requests still marked in progress were cut off with the process that ran them (it
 * stored nothing, its transaction rolled back), so their keys are free again. Returns how many.
 */
export function forgetUnfinishedRequests(db: AppDeps['db']): number {
  return db.prepare(`DELETE FROM idempotency_keys WHERE status = ${IN_PROGRESS}`).run().changes;
}

export function idempotent(deps: AppDeps): MiddlewareHandler<AuthEnv> {
  const { db, now } = deps;
  const select = db.prepare<[string, string], StoredRow>(
    'SELECT method, path, status, response FROM idempotency_keys WHERE account_id = ? AND key = ?',
  );
  const reserve = db.prepare(
    `INSERT OR IGNORE INTO idempotency_keys (account_id, key, method, path, status, response, created_at)
     VALUES (?, ?, ?, ?, ${IN_PROGRESS}, NULL, ?)`,
  );
  const complete = db.prepare(
    'UPDATE idempotency_keys SET status = ?, response = ? WHERE account_id = ? AND key = ?',
  );
  const release = db.prepare('DELETE FROM idempotency_keys WHERE account_id = ? AND key = ? AND status = 0');
  // Takes over a reservation nobody finished in time; one of two takers wins (the other sees 409).
  const takeOver = db.prepare(
    `UPDATE idempotency_keys SET method = ?, path = ?, created_at = ?
     WHERE account_id = ? AND key = ? AND status = ${IN_PROGRESS} AND created_at <= ?`,
  );

  const handler: MiddlewareHandler<AuthEnv> = async (c, next) => {
    const key = c.req.header('idempotency-key');
    if (key === undefined) return next();
    if (!UUID.test(key))
      throw new ProblemException(problems.invalidInput({ 'header.idempotency-key': 'Use a UUID.' }));
    const accountId = c.var.account.id;
    const method = c.req.method;
    const path = c.req.path;
    const at = now();
    const abandoned = new Date(at.getTime() - ABANDONED_AFTER_MS).toISOString();
    const reserved =
      reserve.run(accountId, key.toLowerCase(), method, path, at.toISOString()).changes === 1 ||
      takeOver.run(method, path, at.toISOString(), accountId, key.toLowerCase(), abandoned).changes === 1;
    if (!reserved) {
      const stored = select.get(accountId, key.toLowerCase())!;
      if (stored.method !== method || stored.path !== path)
        throw new ProblemException({
          type: PROBLEM_TYPES.idempotencyKeyReused,
          title: 'This Idempotency-Key belongs to another request',
          status: 422,
          detail: 'Use a new key for each new request.',
        });
      if (stored.status === IN_PROGRESS)
        throw new ProblemException(
          {
            type: PROBLEM_TYPES.requestInProgress,
            title: 'This request is still being processed',
            status: 409,
            detail: 'Try again in a moment.',
          },
          { 'retry-after': '1' },
        );
      return new Response(stored.response, {
        status: stored.status,
        headers: {
          ...(stored.response === null ? {} : { 'content-type': 'application/json' }),
          'cache-control': 'no-store',
          'idempotent-replayed': 'true',
        },
      });
    }
    try {
      await next();
    } catch (error) {
      release.run(accountId, key.toLowerCase());
      throw error;
    }
    // Only successes are final. A refusal (conflict, rate limit, invalid input) may succeed when
    // the same item is sent again after the user fixed it, so it is not kept.
    const status = c.res.status;
    if (status >= 200 && status < 300) {
      const body = status === 204 ? null : await c.res.clone().text();
      complete.run(status, body, accountId, key.toLowerCase());
    } else {
      release.run(accountId, key.toLowerCase());
    }
  };
  idempotencyHandlers.add(handler);
  return handler;
}

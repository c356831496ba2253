// Rate limits with growing locks: after `threshold` failures a key is locked for `lockSeconds`,
// doubling with each further failure up to `maxLockSeconds`. Counters fade after a quiet period.
import type { Db } from '../../db/database';
import { ProblemException } from '../../http/problem';
import { tooManyAttempts } from './problems';

export interface ThrottlePolicy {
  threshold: number;
  lockSeconds: number;
  maxLockSeconds: number;
  /** Failures older than this (since the last one) no longer count. */
  forgetAfterSeconds: number;
}

/** Per e-mail or account: 5 failures lock for 1 minute, then 2, 4, ... at most an hour. */
export const PER_ACCOUNT: ThrottlePolicy = {
  threshold: 5,
  lockSeconds: 60,
  maxLockSeconds: 3600,
  forgetAfterSeconds: 24 * 3600,
};
/** Per IP address: more room, since households and offices share one address. */
export const PER_ADDRESS: ThrottlePolicy = {
  threshold: 20,
  lockSeconds: 60,
  maxLockSeconds: 3600,
  forgetAfterSeconds: 3600,
};

interface Row {
  failures: number;
  locked_until: string | null;
  updated_at: string;
}

export interface Throttle {
  /** Throws 429 (with Retry-After) while any of the keys is locked. */
  check(keys: string[]): void;
  /** Counts a failure (or, for limits on requests, an attempt) against each key. */
  fail(entries: Array<[key: string, policy: ThrottlePolicy]>): void;
  clear(key: string): void;
}

export function createThrottle(db: Db, now: () => Date): Throttle {
  const select = db.prepare<[string], Row>(
    'SELECT failures, locked_until, updated_at FROM throttles WHERE key = ?',
  );
  const upsert = db.prepare(
    `INSERT INTO throttles (key, failures, locked_until, updated_at) VALUES (@key, @failures, @lockedUntil, @at)
     ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until,
       updated_at = excluded.updated_at`,
  );
  const remove = db.prepare('DELETE FROM throttles WHERE key = ?');

  return {
    check(keys) {
      const at = now().getTime();
      let until = 0;
      for (const key of keys) {
        const lockedUntil = select.get(key)?.locked_until;
        if (lockedUntil) until = Math.max(until, Date.parse(lockedUntil));
      }
      if (until > at) throw new ProblemException(...tooManyAttempts(Math.ceil((until - at) / 1000)));
    },
    fail: db.transaction((entries: Array<[string, ThrottlePolicy]>) => {
      const at = now();
      for (const [key, policy] of entries) {
        const row = select.get(key);
        const fresh = row && at.getTime() - Date.parse(row.updated_at) < policy.forgetAfterSeconds * 1000;
        const failures = (fresh ? row.failures : 0) + 1;
        const over = failures - policy.threshold;
        const lockSeconds =
          over >= 0 ? Math.min(policy.lockSeconds * 2 ** Math.min(over, 16), policy.maxLockSeconds) : 0;
        upsert.run({
          key,
          failures,
          lockedUntil: lockSeconds > 0 ? new Date(at.getTime() + lockSeconds * 1000).toISOString() : null,
          at: at.toISOString(),
        });
      }
    }),
    clear(key) {
      remove.run(key);
    },
  };
}

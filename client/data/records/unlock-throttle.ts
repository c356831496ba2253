// Slows down guessing at the offline unlock: from the third wrong password on, each further try
// waits 2^failures seconds (at most 5 minutes). Kept in the account's cache so a reload keeps it.
import { type RecordsDb, THROTTLE_ROW, type ThrottleRow } from './records-db';

export const FREE_UNLOCK_TRIES = 3;
export const MAX_UNLOCK_WAIT_SECONDS = 300;

/** Seconds to wait after this many wrong passwords in a row. */
export function unlockWaitSeconds(failures: number): number {
  if (failures < FREE_UNLOCK_TRIES) return 0;
  return Math.min(2 ** failures, MAX_UNLOCK_WAIT_SECONDS);
}

/** Seconds until the next try is allowed (0: now). A clock turned back does not shorten the wait. */
export function secondsToWait(row: ThrottleRow | undefined, now: number): number {
  if (!row || row.failures < FREE_UNLOCK_TRIES) return 0;
  const waitUntil =
    now < row.lastFailureAt ? row.lastFailureAt + unlockWaitSeconds(row.failures) * 1000 : row.waitUntil;
  return Math.max(0, Math.ceil((waitUntil - now) / 1000));
}

export function readThrottle(db: RecordsDb): Promise<ThrottleRow | undefined> {
  return db.throttle.get(THROTTLE_ROW);
}

/** Counts one more wrong password; returns the new count and the wait it earned. */
export async function recordFailure(
  db: RecordsDb,
  now: number,
): Promise<{ failures: number; waitSeconds: number }> {
  return db.transaction('rw', db.throttle, async () => {
    const failures = ((await db.throttle.get(THROTTLE_ROW))?.failures ?? 0) + 1;
    const waitSeconds = unlockWaitSeconds(failures);
    await db.throttle.put({
      key: THROTTLE_ROW,
      failures,
      lastFailureAt: now,
      waitUntil: now + waitSeconds * 1000,
    });
    return { failures, waitSeconds };
  });
}

export async function clearFailures(db: RecordsDb): Promise<void> {
  await db.throttle.delete(THROTTLE_ROW);
}

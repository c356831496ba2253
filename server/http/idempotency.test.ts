// The Idempotency-Key middleware after a crash: a request cut off mid-way (its reservation left in
// the database, its transaction rolled back) must not block its key. The next process clears such
// reservations when it starts, and a reservation older than any request takes is taken over, so the
// outbox's replay of that request succeeds, exactly once.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { messagesPath, type ThreadView } from '../../core/messages';
import { PROBLEM_TYPES } from '../../core/problem';
import { createApp } from '../app';
import { findAccountByEmail } from '../services/accounts/account-store';
import { BROWSER_UA } from '../test-support/accounts';
import { appFrom, DEMO_EMAIL, demoSignIn, demoTemplate, jsonOf, problemOf } from '../test-support/family';
import type { TestApp } from '../test-support/test-app';
import { ABANDONED_AFTER_MS } from './idempotency';

const TOBI = 'demo-teen-15';

let template: Buffer;
let t: TestApp;

beforeAll(async () => {
  template = await demoTemplate();
});
beforeEach(async () => {
  t = await appFrom(template);
});
afterEach(() => t.cleanup());

const question = { subject: 'billing-question', body: 'Was my payment received?' };
const threadsOfTobi = () =>
  Number(t.db.prepare('SELECT count(*) FROM message_threads WHERE patient_id = ?').pluck().get(TOBI));

/** The row a process writes when it starts the request, as a crash leaves it: in progress, no answer. */
function leaveReservation(key: string, at: Date) {
  t.db
    .prepare(
      `INSERT INTO idempotency_keys (account_id, key, method, path, status, response, created_at)
       VALUES (?, ?, 'POST', ?, 0, NULL, ?)`,
    )
    .run(findAccountByEmail(t.db, DEMO_EMAIL.tobi)!.id, key, messagesPath(TOBI), at.toISOString());
}

function replay(app: TestApp['app'], token: string, key: string) {
  return app.request(messagesPath(TOBI), {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'idempotency-key': key,
      'user-agent': BROWSER_UA,
    },
    body: JSON.stringify(question),
  });
}

describe('a request cut off by a crash', () => {
  it('does not block its key: the restarted app runs the replay once, and answers a repeat with it', async () => {
    const tobi = await demoSignIn(t, 'tobi');
    const key = crypto.randomUUID();
    const before = threadsOfTobi();
    leaveReservation(key, t.clock.now());
    // The process that wrote the row is gone; a new one opens the same database file.
    const restarted = createApp(t.deps);
    const first = await jsonOf<ThreadView>(await replay(restarted, tobi, key), 201);
    const again = await replay(restarted, tobi, key);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await jsonOf<ThreadView>(again, 201)).toEqual(first);
    expect(threadsOfTobi()).toBe(before + 1);
  });

  it(`takes over a reservation older than ${ABANDONED_AFTER_MS / 1000} seconds, while one just made still waits`, async () => {
    const tobi = await demoSignIn(t, 'tobi');
    const before = threadsOfTobi();
    const fresh = crypto.randomUUID();
    leaveReservation(fresh, t.clock.now());
    const waiting = await replay(t.app, tobi, fresh);
    expect((await problemOf(waiting, 409)).type).toBe(PROBLEM_TYPES.requestInProgress);
    expect(waiting.headers.get('retry-after')).toBe('1');

    const stale = crypto.randomUUID();
    leaveReservation(stale, new Date(t.clock.now().getTime() - ABANDONED_AFTER_MS - 1000));
    await jsonOf<ThreadView>(await replay(t.app, tobi, stale), 201);
    expect((await replay(t.app, tobi, stale)).headers.get('idempotent-replayed')).toBe('true');
    expect(threadsOfTobi()).toBe(before + 1);
  });
});

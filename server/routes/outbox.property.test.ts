// The outbox under a hostile network, property-tested against the real server: replies written
// offline are queued (request sealed to the server, readable copy in the same item), then replayed
// by the page and the service worker at once, with answers lost after the server stored the
// message, requests lost before it, repeats, random delays that reorder them, worker restarts,
// and copies that could not be written. Whatever happens, every reply the user was told is kept
// reaches the conversation exactly once, and one the user was told was not kept never does.
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeviceDb, openDeviceDb } from '../../client/data/device-db';
import { queueRequest } from '../../client/data/outbox/queue';
import { type ReplayDeps, replayOutbox } from '../../client/data/outbox/replay';
import { sealingKey } from '../../client/data/outbox/seal';
import { type MessagesAnswer, messagesPath, repliesPath, type ThreadView } from '../../core/messages';
import { hashPassword } from '../services/accounts/password-hash';
import { addPatient, call, createAccount, type SignedIn, signedIn } from '../test-support/accounts';
import { createTestApp, type TestApp } from '../test-support/test-app';

const PASSWORD = 'amber meadow violin 31';
const PATIENT = 'p-rosa';
let t: TestApp;
let rosa: SignedIn;
let rosaId: string;
let dataKey: CryptoKey;
/** One conversation for all runs: an account may start only so many a day. */
let threadId: string;

beforeAll(async () => {
  t = await createTestApp();
  addPatient(t, { id: PATIENT, given: 'Rosa', family: 'Kerluke', birthDate: '1980-04-02', zip: '60901' });
  rosaId = createAccount(t, {
    email: 'rosa@example.com',
    passwordHash: await hashPassword(PASSWORD),
    patientId: PATIENT,
    recoveryCodes: ['k7pq-m2xz-9rtw'],
  }).id;
  rosa = await signedIn(
    await call(t, 'POST', '/api/auth/sign-in', { email: 'rosa@example.com', password: PASSWORD }),
  );
  threadId = await startThread();
  dataKey = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
});
afterAll(() => t.cleanup());

/** What can go wrong with one request on its way. */
type Fault = 'none' | 'lost-before' | 'lost-after' | 'twice';
type Step =
  | { kind: 'write'; copyFails: boolean }
  | { kind: 'replay'; faults: Fault[]; alsoWorker: boolean }
  | { kind: 'restart' };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('write' as const), copyFails: fc.boolean() }),
  fc.record({
    kind: fc.constant('replay' as const),
    faults: fc.array(fc.constantFrom<Fault>('none', 'lost-before', 'lost-after', 'twice'), {
      minLength: 1,
      maxLength: 6,
    }),
    alsoWorker: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('restart' as const) }),
);

/** Rosa's connection: the real app behind a network that does what `faults` says, in turn. */
function network(faults: Fault[]): ReplayDeps {
  let turn = 0;
  return {
    accountId: async () => rosaId,
    send: async (path, init) => {
      const fault = faults[turn++ % faults.length]!;
      // A random wait lets the page's and the worker's requests overtake each other.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
      if (fault === 'lost-before') throw new TypeError('Failed to fetch');
      const request = () =>
        Promise.resolve(
          t.app.request(path, {
            ...init,
            headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${rosa.token}` },
          }),
        );
      const response = await request();
      if (fault === 'twice') return request();
      if (fault === 'lost-after') throw new TypeError('The connection was reset');
      return response;
    },
  };
}

async function startThread(): Promise<string> {
  const res = await call(
    t,
    'POST',
    messagesPath(PATIENT),
    { subject: 'billing-question', body: 'A question about my bill.' },
    { token: rosa.token },
  );
  expect(res.status).toBe(201);
  return ((await res.json()) as ThreadView).id;
}

async function repliesIn(threadId: string): Promise<string[]> {
  const res = await call(t, 'GET', messagesPath(PATIENT), undefined, { token: rosa.token });
  const { threads } = (await res.json()) as MessagesAnswer;
  return (threads.find((th) => th.id === threadId)?.messages ?? []).slice(1).map((m) => m.body);
}

describe('the outbox on a bad connection', () => {
  it('delivers every reply it kept exactly once, and none it said it could not keep', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 10 }), async (steps) => {
        run += 1;
        const name = `device-${crypto.randomUUID()}`;
        // The page and the service worker each hold their own connection to the device's database.
        const page: DeviceDb = openDeviceDb(name);
        let worker: DeviceDb = openDeviceDb(name);
        const key = await sealingKey(page, (input, init) => Promise.resolve(t.app.request(input, init)));
        const kept: string[] = [];
        const notKept: string[] = [];
        try {
          for (const [n, s] of steps.entries()) {
            if (s.kind === 'write') {
              const body = `Reply ${n} of run ${run}`;
              try {
                await queueRequest(
                  page,
                  {
                    accountId: rosaId,
                    kind: 'message',
                    method: 'POST',
                    path: repliesPath(PATIENT, threadId),
                    body: { body },
                    copy: { patientId: PATIENT, topic: 'message', content: { body } },
                  },
                  key,
                  // A locked cache: the copy cannot be written, so the user is told it was not kept.
                  s.copyFails ? null : dataKey,
                );
                kept.push(body);
              } catch {
                notKept.push(body);
              }
            } else if (s.kind === 'replay') {
              await Promise.all([
                replayOutbox(page, network(s.faults)),
                s.alsoWorker ? replayOutbox(worker, network([...s.faults].reverse())) : null,
              ]);
            } else {
              // The browser ends the worker mid-life; the next one opens the database anew.
              worker.close();
              worker = openDeviceDb(name);
            }
          }
          // Back on a good connection, the outbox empties.
          for (let i = 0; i < 5 && (await page.outbox.count()) > 0; i++)
            await replayOutbox(page, network(['none']));
          expect(await page.outbox.count()).toBe(0);
          const delivered = (await repliesIn(threadId)).filter((body) => body.endsWith(` of run ${run}`));
          expect([...delivered].sort()).toEqual([...kept].sort());
          for (const body of notKept) expect(delivered).not.toContain(body);
        } finally {
          page.close();
          worker.close();
          await page.delete();
        }
      }),
      { numRuns: 25 },
    );
  });
});

// /api/outbox: the server's public sealing key, and the one endpoint that opens a request sealed
// on a device and runs it in-process as the ordinary route, under the caller's own sign-in.

import { Hono } from 'hono';
import { compactDecrypt } from 'jose';
import { z } from 'zod';
import { isReplayable, type ReplayResult, SEAL_ALG, SEAL_ENC } from '../../core/outbox';
import { PROBLEM_TYPES } from '../../core/problem';
import type { AppDeps } from '../context';
import { type AuthEnv, requireAuth } from '../http/auth';
import { ProblemException } from '../http/problem';
import { jsonBody } from '../http/validate';

/** Runs a request through the whole app (middleware included), as if it had come over the network. */
export type Dispatch = (request: Request, env: unknown) => Promise<Response>;

const replayRequest = z.object({
  sealed: z
    .string()
    .min(10)
    .max(64 * 1024),
});

const sealedPayload = z.object({
  v: z.literal(1),
  method: z.enum(['POST', 'PUT', 'PATCH', 'DELETE']),
  path: z.string().regex(/^\/api\/[A-Za-z0-9/_-]{1,200}$/),
  body: z.unknown(),
  idempotencyKey: z.uuid(),
  accountId: z.string().min(1).max(100),
  createdAt: z.iso.datetime(),
});

const unreadable = () =>
  new ProblemException({
    type: PROBLEM_TYPES.sealedRequestInvalid,
    title: 'This queued change cannot be read',
    status: 422,
    detail: 'It was damaged or sealed for another server. Make the change again.',
  });

export function outboxRoutes(deps: AppDeps, dispatch: Dispatch) {
  const { keys } = deps;
  return new Hono<AuthEnv>()
    .get('/key', (c) => {
      c.header('cache-control', 'no-cache');
      return c.json({ kid: keys.outboxSealing.kid, jwk: keys.outboxSealing.publicJwk }, 200);
    })
    .post('/replay', requireAuth(deps), jsonBody(replayRequest), async (c) => {
      let payload: z.output<typeof sealedPayload>;
      try {
        const { plaintext, protectedHeader } = await compactDecrypt(
          c.req.valid('json').sealed,
          keys.outboxSealing.privateKey,
          {
            keyManagementAlgorithms: [SEAL_ALG],
            contentEncryptionAlgorithms: [SEAL_ENC],
          },
        );
        if (protectedHeader.kid !== keys.outboxSealing.kid) throw new Error('kid');
        payload = sealedPayload.parse(JSON.parse(new TextDecoder().decode(plaintext)));
      } catch {
        throw unreadable();
      }
      if (!isReplayable(payload.method, payload.path)) throw unreadable();
      // A sealed change only ever acts for the account that queued it.
      if (payload.accountId !== c.var.account.id) {
        throw new ProblemException({
          type: PROBLEM_TYPES.sealedRequestOtherAccount,
          title: 'This change was queued by another account',
          status: 403,
          detail: 'Sign in as the person who made the change to send it.',
        });
      }
      const inner = await dispatch(
        new Request(new URL(payload.path, deps.config.publicUrl), {
          method: payload.method,
          headers: {
            authorization: c.req.header('authorization') ?? '',
            'content-type': 'application/json',
            'idempotency-key': payload.idempotencyKey,
            'user-agent': c.req.header('user-agent') ?? '',
          },
          body: JSON.stringify(payload.body ?? null),
        }),
        c.env,
      );
      const text = await inner.text();
      let body: unknown = null;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        body = null;
      }
      c.header('cache-control', 'no-store');
      return c.json({ status: inner.status, body } satisfies ReplayResult, 200);
    });
}

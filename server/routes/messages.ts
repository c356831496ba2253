// Secure messages. /api/patients/:id/messages: the patient's side (the patient, or a family member
// writing for them; Billing only sees and writes billing threads only). /api/staff/messages: the
// practice's inbox and answers. Access is decided per request by services/access; the patient-side
// POSTs take an Idempotency-Key, since the outbox replays them. Bodies and files are never logged.
// A message's files are uploaded first (routes/uploads.ts) and named in it; each file of a thread
// downloads from the thread's own path, to those who may see the thread.
import { Hono, type MiddlewareHandler } from 'hono';
import { newMessageRequest, replyRequest, threadReadRequest } from '../../core/messages';
import type { AppDeps } from '../context';
import { type AuthEnv, requireAuth, requireSecurityOption } from '../http/auth';
import { fileDownloadHeaders } from '../http/file-download';
import { idempotent } from '../http/idempotency';
import { ProblemException } from '../http/problem';
import { deviceOf } from '../http/request-facts';
import { jsonBody } from '../http/validate';
import { accessProblems } from '../services/access/problems';
import { accessTo } from '../services/access/reach';
import type { StoredAttachment } from '../services/messages/attachments/attachment-store';
import { messagingOf, type PatientSideCaller } from '../services/messages/messaging';
import { messageProblems } from '../services/messages/problems';
import { practiceAnswered } from '../services/notifications/index';

interface PatientSideEnv {
  Variables: AuthEnv['Variables'] & { caller: PatientSideCaller };
}

/** The caller's access to the record named by :id; out of reach (staff included) is 404. */
function inReach(deps: AppDeps): MiddlewareHandler<PatientSideEnv> {
  return async (c, next) => {
    const { account } = c.var;
    const patientId = c.req.param('id') ?? '';
    const access = accessTo(deps, account, patientId);
    if (access === null) throw new ProblemException(accessProblems.notInReach());
    c.set('caller', { account, patientId, access, device: deviceOf(c) });
    await next();
  };
}

/** A stored file as its download: the bytes, saved under its name, never run or cached. */
const download = (file: StoredAttachment) =>
  new Response(new Uint8Array(file.data), {
    status: 200,
    headers: fileDownloadHeaders({ name: file.name, mediaType: file.media_type, size: file.data.length }),
  });

export function patientMessageRoutes(deps: AppDeps) {
  const messaging = messagingOf(deps);
  const reach = inReach(deps);
  const once = idempotent(deps);

  return new Hono<PatientSideEnv>()
    .use('/:id/messages/*', requireAuth(deps), requireSecurityOption)
    .get('/:id/messages', reach, (c) => {
      c.header('cache-control', 'no-store');
      return c.json(messaging.list(c.var.caller), 200);
    })
    .get('/:id/messages/recipients', reach, (c) => {
      c.header('cache-control', 'no-store');
      return c.json(messaging.recipients(c.var.caller), 200);
    })
    .post('/:id/messages', reach, once, jsonBody(newMessageRequest), async (c) =>
      c.json(await messaging.start(c.var.caller, c.req.valid('json')), 201),
    )
    .post('/:id/messages/:threadId/replies', reach, once, jsonBody(replyRequest), async (c) =>
      c.json(await messaging.reply(c.var.caller, c.req.param('threadId'), c.req.valid('json')), 201),
    )
    .get('/:id/messages/:threadId/attachments/:attachmentId', reach, (c) =>
      download(messaging.attachment(c.var.caller, c.req.param('threadId'), c.req.param('attachmentId'))),
    )
    .post('/:id/messages/:threadId/read', reach, once, jsonBody(threadReadRequest), (c) => {
      messaging.markRead(c.var.caller, c.req.param('threadId'), c.req.valid('json').upTo);
      return c.body(null, 204);
    });
}

/** Staff accounts only: a personal account gets 403. */
const requireStaff: MiddlewareHandler<AuthEnv> = async (c, next) => {
  if (c.var.account.role !== 'staff') throw new ProblemException(messageProblems.staffOnly());
  await next();
};

export function staffMessageRoutes(deps: AppDeps) {
  const messaging = messagingOf(deps);
  const once = idempotent(deps);

  return new Hono<AuthEnv>()
    .use(requireAuth(deps), requireSecurityOption, requireStaff)
    .get('/messages', (c) => {
      c.header('cache-control', 'no-store');
      return c.json(messaging.inbox({ account: c.var.account, device: deviceOf(c) }), 200);
    })
    .post('/messages/:threadId/replies', once, jsonBody(replyRequest), async (c) => {
      const answer = await messaging.staffReply(
        { account: c.var.account, device: deviceOf(c) },
        c.req.param('threadId'),
        c.req.valid('json'),
      );
      // After the answer is stored: the patient's side hears of it by e-mail and push, without
      // its content; this never delays or fails the reply.
      void practiceAnswered(deps, { threadId: c.req.param('threadId') });
      return c.json(answer, 201);
    })
    .get('/messages/:threadId/attachments/:attachmentId', (c) =>
      download(
        messaging.staffAttachment(
          { account: c.var.account, device: deviceOf(c) },
          c.req.param('threadId'),
          c.req.param('attachmentId'),
        ),
      ),
    );
}

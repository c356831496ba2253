// /api/patients/:id/health-record: what was done with the Consolidated Clinical Summary on a device
// (viewed, downloaded: the device makes the document itself, offline too), "Send via Email" and
// "Send a secure link"; /api/shared-records: where the recipient of a secure link opens it.
// For the patient and a family member with Full access; Billing only gets 403, anyone else 404.
// Both POSTs take an Idempotency-Key: the outbox replays them, and a repeat never mails twice.
import { Hono, type MiddlewareHandler } from 'hono';
import {
  healthRecordEmailRequest,
  healthRecordEventRequest,
  sharedRecordOpenRequest,
} from '../../core/health-records';
import type { AppDeps } from '../context';
import { type AuthEnv, requireAuth, requireSecurityOption } from '../http/auth';
import { idempotent } from '../http/idempotency';
import { ProblemException } from '../http/problem';
import { deviceOf } from '../http/request-facts';
import { jsonBody } from '../http/validate';
import { accessProblems } from '../services/access/problems';
import { accessTo } from '../services/access/reach';
import { type HealthRecordCaller, healthRecordsOf } from '../services/health-records/health-records';

interface HealthRecordEnv {
  Variables: AuthEnv['Variables'] & { caller: HealthRecordCaller };
}

function clinicalReach(deps: AppDeps): MiddlewareHandler<HealthRecordEnv> {
  return async (c, next) => {
    const { account } = c.var;
    const patientId = c.req.param('id') ?? '';
    const access = accessTo(deps, account, patientId);
    if (access === null) throw new ProblemException(accessProblems.notInReach());
    if (access === 'billing') throw new ProblemException(accessProblems.billingOnly());
    c.set('caller', { account, patientId, access, device: deviceOf(c) });
    await next();
  };
}

export function healthRecordRoutes(deps: AppDeps) {
  const records = healthRecordsOf(deps);
  const reach = clinicalReach(deps);
  const once = idempotent(deps);

  return new Hono<HealthRecordEnv>()
    .use('/:id/health-record/*', requireAuth(deps), requireSecurityOption)
    .post('/:id/health-record/events', reach, once, jsonBody(healthRecordEventRequest), (c) => {
      const { event, selection } = c.req.valid('json');
      records.recordEvent(c.var.caller, event, selection);
      return c.body(null, 204);
    })
    .post('/:id/health-record/email', reach, once, jsonBody(healthRecordEmailRequest), async (c) => {
      const { email, selection, recipient } = c.req.valid('json');
      return c.json(await records.email(c.var.caller, { email, selection, recipient }), 202);
    })
    .post('/:id/health-record/links', reach, once, jsonBody(healthRecordEmailRequest), async (c) => {
      const { email, selection, recipient } = c.req.valid('json');
      c.header('cache-control', 'no-store');
      return c.json(await records.link(c.var.caller, { email, selection, recipient }), 201);
    });
}

/**
 * /api/shared-records/open: the recipient of a secure link opens the summary with the link's token
 * and the code, without an account. Wrong codes close the link after a few tries; a used or
 * expired link answers 410.
 */
export function sharedRecordRoutes(deps: AppDeps) {
  const records = healthRecordsOf(deps);
  return new Hono().post('/open', jsonBody(sharedRecordOpenRequest), (c) => {
    const { token, code } = c.req.valid('json');
    c.header('cache-control', 'no-store');
    return c.json(records.openLink(token, code, deviceOf(c)), 200);
  });
}

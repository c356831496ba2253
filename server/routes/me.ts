// /api/me: the signed-in account's profile, e-mail, password, two-step setting, devices and
// activity history. Every route needs a sign-in; all but reading the profile need the security option.
import { Hono } from 'hono';
import { z } from 'zod';
import {
  activityQuery,
  changeEmailRequest,
  changePasswordRequest,
  confirmEmailChangeRequest,
  setTwoStepRequest,
  updateProfileRequest,
} from '../../core/accounts';
import type { AppDeps } from '../context';
import { type AuthEnv, requireAuth, requireSecurityOption } from '../http/auth';
import { idempotent } from '../http/idempotency';
import { ProblemException, problems } from '../http/problem';
import { deviceOf } from '../http/request-facts';
import { jsonBody, queryParams } from '../http/validate';
import { confirmEmailChange, requestEmailChange } from '../services/accounts/email-change';
import { accountServices } from '../services/accounts/index';
import { changePassword } from '../services/accounts/password-change';
import { readProfile, updateProfile } from '../services/accounts/profile';
import { setTwoStep } from '../services/accounts/security-option';
import { accountActivity, activityFor } from '../services/audit/activity';

const sessionId = z.uuid();

export function meRoutes(deps: AppDeps) {
  const { sessions, audit } = accountServices(deps);
  const option = requireSecurityOption;
  const once = idempotent(deps);

  return new Hono<AuthEnv>()
    .use(requireAuth(deps))
    .get('/profile', (c) => {
      c.header('cache-control', 'no-store');
      return c.json(readProfile(deps, c.var.account), 200);
    })
    .patch('/profile', option, once, jsonBody(updateProfileRequest), (c) => {
      const { baseVersion, changes } = c.req.valid('json');
      return c.json(updateProfile(deps, c.var.account, baseVersion, changes, deviceOf(c)), 200);
    })
    .post('/email', option, once, jsonBody(changeEmailRequest), (c) => {
      requestEmailChange(deps, c.var.account, c.req.valid('json').newEmail);
      return c.json({ status: 'check-your-email' as const }, 202);
    })
    .post('/email/confirm', option, once, jsonBody(confirmEmailChangeRequest), (c) =>
      c.json(confirmEmailChange(deps, c.var.account, c.req.valid('json').code, deviceOf(c)), 200),
    )
    .post('/password', option, once, jsonBody(changePasswordRequest), async (c) => {
      const { currentPassword, newPassword } = c.req.valid('json');
      await changePassword(deps, c.var.account, c.var.session.id, currentPassword, newPassword, deviceOf(c));
      return c.body(null, 204);
    })
    .put('/two-step', option, once, jsonBody(setTwoStepRequest), (c) =>
      c.json(setTwoStep(deps, c.var.account, c.req.valid('json').enabled), 200),
    )
    .get('/sessions', option, (c) => {
      c.header('cache-control', 'no-store');
      return c.json(sessions.list(c.var.account.id, c.var.session.id), 200);
    })
    .delete('/sessions/:id', option, once, (c) => {
      const id = c.req.param('id');
      const { account } = c.var;
      const owned = sessionId.safeParse(id).success && sessions.active(id)?.account_id === account.id;
      if (!owned) throw new ProblemException(problems.notFound('There is no signed-in device with this id.'));
      sessions.revoke(id, 'revoked-by-user');
      audit({
        action: 'session-revoked',
        accountId: account.id,
        actorAccountId: account.id,
        patientId: account.patient_id,
        device: deviceOf(c),
      });
      return c.body(null, 204);
    })
    .get('/activity', option, queryParams(activityQuery), (c) => {
      const query = c.req.valid('query');
      c.header('cache-control', 'no-store');
      return c.json({ events: activityFor(deps, accountActivity(c.var.account), query) }, 200);
    });
}

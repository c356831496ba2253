// /api/patients/:id/activity: the patient's activity history (services/audit/activity.ts), for the
// patient and a family member with Full access today. Reading it is not audited: the history holds
// no health details (who did what, when, on which device), and an event per look would land in the
// very history being read, growing it with every visit, like /api/me/activity, which is not
// audited either.
import { Hono } from 'hono';
import { activityQuery } from '../../core/accounts';
import type { AppDeps } from '../context';
import { type AuthEnv, requireAuth, requireSecurityOption } from '../http/auth';
import { ProblemException } from '../http/problem';
import { queryParams } from '../http/validate';
import { accessProblems } from '../services/access/problems';
import { accessTo } from '../services/access/reach';
import { activityFor, patientActivity } from '../services/audit/activity';

export function activityRoutes(deps: AppDeps) {
  return new Hono<AuthEnv>().get(
    '/:id/activity',
    requireAuth(deps),
    requireSecurityOption,
    queryParams(activityQuery),
    (c) => {
      const patientId = c.req.param('id');
      const access = accessTo(deps, c.var.account, patientId);
      if (access === null) throw new ProblemException(accessProblems.notInReach());
      if (access === 'billing') throw new ProblemException(accessProblems.billingOnly());
      const events = activityFor(deps, patientActivity(deps, patientId), c.req.valid('query'));
      c.header('cache-control', 'no-store');
      return c.json({ events }, 200);
    },
  );
}

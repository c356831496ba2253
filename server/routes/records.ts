// /api/patients and /api/patients/:id/changes: the people a signed-in account may see, and pull
// sync of each one's record for the offline cache. Access is decided by services/access for every
// request; nothing is cached. Billing, activity and messages of a patient have route files of
// their own (billing.ts, activity.ts, messages.ts).
import { Hono } from 'hono';
import type { ChangesPage, PeopleResponse } from '../../core/records';
import type { AppDeps } from '../context';
import { type AuthEnv, requireAuth, requireSecurityOption } from '../http/auth';
import { ProblemException } from '../http/problem';
import { deviceOf } from '../http/request-facts';
import { queryParams } from '../http/validate';
import { accessProblems } from '../services/access/problems';
import { accessTo, peopleInReach } from '../services/access/reach';
import { accountServices } from '../services/accounts/index';
import { createQuietAudit } from '../services/audit/quiet-audit';
import { storeOf } from '../services/records/store-of';
import { buildChangesPage } from '../services/sync/changes-page';
import { changesQuery } from '../services/sync/changes-query';

export function recordRoutes(deps: AppDeps) {
  const store = storeOf(deps);
  const { audit } = accountServices(deps);
  const noteSynced = createQuietAudit(deps.db, audit, deps.now, 'record-synced');

  return new Hono<AuthEnv>()
    .get('/', requireAuth(deps), requireSecurityOption, (c) => {
      c.header('cache-control', 'no-store');
      const body: PeopleResponse = { people: peopleInReach(deps, c.var.account) };
      return c.json(body, 200);
    })
    .get('/:id/changes', requireAuth(deps), requireSecurityOption, queryParams(changesQuery), (c) => {
      const patientId = c.req.param('id');
      const { account } = c.var;
      const access = accessTo(deps, account, patientId);
      if (access === null) throw new ProblemException(accessProblems.notInReach());
      if (access === 'billing') throw new ProblemException(accessProblems.billingOnly());
      const { since, limit } = c.req.valid('query');
      const page: ChangesPage = buildChangesPage(store, {
        patientId,
        access,
        since,
        limit,
        sensitiveCodes: deps.config.records.sensitiveResultCodes,
      });
      if (page.changes.length > 0) noteSynced({ accountId: account.id, patientId, device: deviceOf(c) });
      c.header('cache-control', 'no-store');
      return c.json(page, 200);
    });
}

// /api/patients: the people a signed-in account may see, pull sync of each one's record for the
// offline cache, their billing statements and their activity history. Access is decided by
// services/access for every request; nothing is cached.
import { Hono } from 'hono';
import { activityQuery } from '../../core/accounts';
import type { BillingSummary } from '../../core/billing';
import type { ChangesPage, PeopleResponse } from '../../core/records';
import type { AppDeps } from '../context';
import { type AuthEnv, requireAuth, requireSecurityOption } from '../http/auth';
import { ProblemException } from '../http/problem';
import { deviceOf } from '../http/request-facts';
import { queryParams } from '../http/validate';
import { accessProblems } from '../services/access/problems';
import { accessTo, peopleInReach } from '../services/access/reach';
import { activityFor, patientActivity } from '../services/audit/activity';
import { createQuietAudit } from '../services/audit/quiet-audit';
import { accountServices } from '../services/auth/index';
import { billingSummary } from '../services/billing/statements';
import { storeOf } from '../services/records/store-of';
import { buildChangesPage } from '../services/sync/changes-page';
import { changesQuery } from '../services/sync/changes-query';

export function recordRoutes(deps: AppDeps) {
  const store = storeOf(deps);
  const { audit } = accountServices(deps);
  const noteSynced = createQuietAudit(deps.db, audit, deps.now, 'record-synced');
  const noteBillingViewed = createQuietAudit(deps.db, audit, deps.now, 'billing-viewed');

  return new Hono<AuthEnv>()
    .use(requireAuth(deps), requireSecurityOption)
    .get('/', (c) => {
      c.header('cache-control', 'no-store');
      const body: PeopleResponse = { people: peopleInReach(deps, c.var.account) };
      return c.json(body, 200);
    })
    .get('/:id/changes', queryParams(changesQuery), (c) => {
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
    })
    .get('/:id/billing', (c) => {
      // For the patient and family members with Full or Billing only access: money, dates and
      // names, nothing clinical (services/billing/statements.ts).
      const patientId = c.req.param('id');
      const { account } = c.var;
      if (accessTo(deps, account, patientId) === null)
        throw new ProblemException(accessProblems.notInReach());
      const body: BillingSummary = billingSummary({ ...deps, store }, patientId);
      noteBillingViewed({ accountId: account.id, patientId, device: deviceOf(c) });
      c.header('cache-control', 'no-store');
      return c.json(body, 200);
    })
    .get('/:id/activity', queryParams(activityQuery), (c) => {
      // What the patient sees in their own activity history (services/audit/activity.ts), for the
      // patient and a family member with Full access today. Reading it is not audited: the
      // history holds no health details (who did what, when, on which device), and an event per
      // look would land in the very history being read, growing it with every visit, like
      // /api/me/activity, which is not audited either.
      const patientId = c.req.param('id');
      const access = accessTo(deps, c.var.account, patientId);
      if (access === null) throw new ProblemException(accessProblems.notInReach());
      if (access === 'billing') throw new ProblemException(accessProblems.billingOnly());
      const events = activityFor(deps, patientActivity(deps, patientId), c.req.valid('query'));
      c.header('cache-control', 'no-store');
      return c.json({ events }, 200);
    });
}

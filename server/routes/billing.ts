// /api/patients/:id/billing: the billing statements of someone the account may see, for the
// patient and family members with Full or Billing only access: money, dates and names, nothing
// clinical (services/billing/statements.ts). Every look lands in the patient's activity history.
import { Hono } from 'hono';
import type { BillingSummary } from '../../core/billing';
import type { AppDeps } from '../context';
import { type AuthEnv, requireAuth, requireSecurityOption } from '../http/auth';
import { ProblemException } from '../http/problem';
import { deviceOf } from '../http/request-facts';
import { accessProblems } from '../services/access/problems';
import { accessTo } from '../services/access/reach';
import { accountServices } from '../services/accounts/index';
import { createQuietAudit } from '../services/audit/quiet-audit';
import { billingSummary } from '../services/billing/statements';
import { storeOf } from '../services/records/store-of';

export function billingRoutes(deps: AppDeps) {
  const store = storeOf(deps);
  const noteBillingViewed = createQuietAudit(
    deps.db,
    accountServices(deps).audit,
    deps.now,
    'billing-viewed',
  );

  return new Hono<AuthEnv>().get('/:id/billing', requireAuth(deps), requireSecurityOption, (c) => {
    const patientId = c.req.param('id');
    const { account } = c.var;
    if (accessTo(deps, account, patientId) === null) throw new ProblemException(accessProblems.notInReach());
    const body: BillingSummary = billingSummary({ ...deps, store }, patientId);
    noteBillingViewed({ accountId: account.id, patientId, device: deviceOf(c) });
    c.header('cache-control', 'no-store');
    return c.json(body, 200);
  });
}

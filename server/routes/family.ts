// /api/family: Family access settings, invitations and access requests with the patient's passcode.
// Handlers stay thin; services/family does the work, services/access/reach.ts decides record access.
import { Hono } from 'hono';
import {
  accessRequestFromAccount,
  changeGrantRequest,
  familyAccountConfirmRequest,
  familyAccountRequest,
  familySignUpRequest,
  invitationAccountRequest,
  invitationRequest,
  invitationTokenRequest,
  passcodeRequest,
} from '../../core/family';
import type { AppDeps } from '../context';
import { type AuthEnv, optionalAccount, requireAuth, requireSecurityOption } from '../http/auth';
import { idempotent } from '../http/idempotency';
import { addressOf, deviceOf } from '../http/request-facts';
import { jsonBody } from '../http/validate';
import { grantSession } from '../services/accounts/grant';
import { accountServices } from '../services/accounts/index';
import { enterPasscode } from '../services/family/consent';
import {
  acceptInvitation,
  cancelInvitation,
  checkInvitation,
  createInvitation,
} from '../services/family/invitations';
import { createInviteeAccount } from '../services/family/invitee-account';
import { changeGrantLevel, confirmGrant, removeGrant } from '../services/family/manage-grants';
import { confirmRequesterAccount, startRequesterAccount } from '../services/family/requester-account';
import { declineRequest, requestAccess } from '../services/family/requests';
import { familySettings } from '../services/family/settings';

export function familyRoutes(deps: AppDeps) {
  const { sessions } = accountServices(deps);
  const auth = requireAuth(deps);
  const option = requireSecurityOption;
  const once = idempotent(deps);

  return (
    new Hono<AuthEnv>()
      // ---- The patient's Family access settings ----
      .get('/', auth, option, (c) => {
        c.header('cache-control', 'no-store');
        return c.json(familySettings(deps, c.var.account), 200);
      })
      .patch('/grants/:id', auth, option, once, jsonBody(changeGrantRequest), (c) =>
        c.json(
          changeGrantLevel(deps, c.var.account, c.req.param('id'), c.req.valid('json').access, deviceOf(c)),
          200,
        ),
      )
      .post('/grants/:id/confirm', auth, option, once, (c) =>
        c.json(confirmGrant(deps, c.var.account, c.req.param('id'), deviceOf(c)), 200),
      )
      .delete('/grants/:id', auth, option, once, (c) => {
        removeGrant(deps, c.var.account, c.req.param('id'), deviceOf(c));
        return c.body(null, 204);
      })
      // ---- Invitations ----
      .post('/invitations', auth, option, once, jsonBody(invitationRequest), (c) =>
        c.json(createInvitation(deps, c.var.account, c.req.valid('json'), deviceOf(c)), 201),
      )
      .post('/invitations/check', jsonBody(invitationTokenRequest), (c) => {
        c.header('cache-control', 'no-store');
        return c.json(checkInvitation(deps, c.req.valid('json').token), 200);
      })
      .post('/invitations/account', jsonBody(invitationAccountRequest), async (c) => {
        const account = await createInviteeAccount(
          deps,
          c.req.valid('json'),
          addressOf(c, deps.config),
          deviceOf(c),
        );
        const { session, refreshToken } = sessions.start(account.id, deviceOf(c));
        return c.json(await grantSession(c, deps, account, session.id, refreshToken), 200);
      })
      .post('/invitations/accept', auth, option, once, jsonBody(invitationTokenRequest), (c) =>
        c.json(acceptInvitation(deps, c.var.account, c.req.valid('json').token, deviceOf(c)), 200),
      )
      .delete('/invitations/:id', auth, option, once, (c) => {
        cancelInvitation(deps, c.var.account, c.req.param('id'), deviceOf(c));
        return c.body(null, 204);
      })
      // ---- Requests for access: the passcode goes to the patient ----
      .post('/requests', jsonBody(familySignUpRequest), (c) => {
        const { requester, patient, relationship } = c.req.valid('json');
        const answer = requestAccess(
          deps,
          { requester, requesterAccount: null, patient, relationship },
          addressOf(c, deps.config),
          deviceOf(c),
        );
        return c.json(answer, 202);
      })
      .post('/requests/mine', auth, option, once, jsonBody(accessRequestFromAccount), (c) => {
        const { account } = c.var;
        const { patient, relationship } = c.req.valid('json');
        const requester = {
          firstName: account.given_name,
          lastName: account.family_name,
          email: account.email,
        };
        const answer = requestAccess(
          deps,
          { requester, requesterAccount: account, patient, relationship },
          addressOf(c, deps.config),
          deviceOf(c),
        );
        return c.json(answer, 202);
      })
      .post('/requests/:id/passcode', jsonBody(passcodeRequest), async (c) => {
        const caller = await optionalAccount(deps, c);
        const answer = enterPasscode(
          deps,
          caller,
          c.req.param('id'),
          c.req.valid('json').passcode,
          addressOf(c, deps.config),
          deviceOf(c),
        );
        return c.json(answer, 200);
      })
      // A newcomer's account: the details and password first (a code goes to their address), then
      // the code, which creates the account and signs it in.
      .post('/requests/:id/account', jsonBody(familyAccountRequest), async (c) => {
        const answer = await startRequesterAccount(
          deps,
          c.req.param('id'),
          c.req.valid('json'),
          addressOf(c, deps.config),
        );
        return c.json(answer, 202);
      })
      .post('/requests/:id/account/confirm', jsonBody(familyAccountConfirmRequest), async (c) => {
        const account = confirmRequesterAccount(
          deps,
          c.req.param('id'),
          c.req.valid('json').code,
          addressOf(c, deps.config),
          deviceOf(c),
        );
        const { session, refreshToken } = sessions.start(account.id, deviceOf(c));
        return c.json(await grantSession(c, deps, account, session.id, refreshToken), 200);
      })
      .post('/requests/:id/decline', auth, option, once, (c) => {
        declineRequest(deps, c.var.account, c.req.param('id'), deviceOf(c));
        return c.body(null, 204);
      })
  );
}

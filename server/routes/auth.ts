// /api/auth: registration, security option set-up, sign-in (with the optional second step),
// refresh, unlock, sign-out and password reset. Handlers stay thin; services/accounts does the work.
import { Hono, type MiddlewareHandler } from 'hono';
import {
  checkResetRequest,
  confirmEmailRequest,
  confirmPasswordRequest,
  confirmTotpRequest,
  forgotPasswordRequest,
  registerPatientRequest,
  resetPasswordRequest,
  signInRequest,
  twoStepRequest,
  unlockRequest,
} from '../../core/accounts';
import type { AppDeps } from '../context';
import { type AuthEnv, bearerToken, requireAuth } from '../http/auth';
import { ProblemException } from '../http/problem';
import { clearRefreshCookie, readRefreshCookie } from '../http/refresh-cookie';
import { addressOf, deviceOf } from '../http/request-facts';
import { jsonBody } from '../http/validate';
import { findAccountById } from '../services/accounts/account-store';
import { grantSession } from '../services/accounts/grant';
import { accountServices } from '../services/accounts/index';
import { checkResetToken, requestPasswordReset, resetPassword } from '../services/accounts/password-reset';
import { accountProblems, refreshRaced } from '../services/accounts/problems';
import { confirmRegistration, register } from '../services/accounts/registration';
import { confirmTotpSetup, newRecoveryCodes, startTotpSetup } from '../services/accounts/security-option';
import {
  completeTwoStep,
  confirmPassword,
  passwordRecentlyConfirmed,
  signIn,
  unlock,
} from '../services/accounts/sign-in';

export function authRoutes(deps: AppDeps) {
  const { sessions, tokens, audit } = accountServices(deps);
  const auth = requireAuth(deps);
  /** Replacing an existing security option needs the password entered in the last few minutes. */
  const recentPassword: MiddlewareHandler<AuthEnv> = async (c, next) => {
    if (c.var.account.security_option !== null && !passwordRecentlyConfirmed(c.var.session, deps.now())) {
      throw new ProblemException(accountProblems.passwordConfirmationRequired());
    }
    await next();
  };

  return new Hono<AuthEnv>()
    .post('/register', jsonBody(registerPatientRequest), async (c) => {
      return c.json(await register(deps, c.req.valid('json'), addressOf(c, deps.config)), 202);
    })
    .post('/register/confirm', jsonBody(confirmEmailRequest), async (c) => {
      const { registrationId, code } = c.req.valid('json');
      const account = confirmRegistration(deps, registrationId, code, deviceOf(c));
      const { session, refreshToken } = sessions.start(account.id, deviceOf(c));
      return c.json(await grantSession(c, deps, account, session.id, refreshToken), 200);
    })
    .post('/confirm-password', auth, jsonBody(confirmPasswordRequest), async (c) => {
      const { account, session } = c.var;
      await confirmPassword(
        deps,
        account,
        session.id,
        c.req.valid('json').password,
        deviceOf(c),
        addressOf(c, deps.config),
      );
      return c.body(null, 204);
    })
    .post('/security/totp', auth, recentPassword, (c) => c.json(startTotpSetup(deps, c.var.account), 200))
    .post('/security/totp/confirm', auth, recentPassword, jsonBody(confirmTotpRequest), (c) =>
      c.json(confirmTotpSetup(deps, c.var.account, c.req.valid('json').code, deviceOf(c)), 200),
    )
    .post('/security/recovery-codes', auth, recentPassword, (c) => {
      c.header('cache-control', 'no-store');
      return c.json(newRecoveryCodes(deps, c.var.account, deviceOf(c)), 200);
    })
    .post('/sign-in', jsonBody(signInRequest), async (c) => {
      const { email, password } = c.req.valid('json');
      const result = await signIn(deps, email, password, deviceOf(c), addressOf(c, deps.config));
      if (result.kind === 'two-step')
        return c.json(
          { status: 'two-step-required' as const, challenge: result.challenge, method: result.method },
          200,
        );
      return c.json(await grantSession(c, deps, result.account, result.sessionId, result.refreshToken), 200);
    })
    .post('/sign-in/two-step', jsonBody(twoStepRequest), async (c) => {
      const { challenge, code } = c.req.valid('json');
      const started = completeTwoStep(deps, challenge, code, deviceOf(c));
      return c.json(
        await grantSession(c, deps, started.account, started.sessionId, started.refreshToken),
        200,
      );
    })
    .post('/refresh', async (c) => {
      const token = readRefreshCookie(c);
      const outcome = token ? sessions.rotate(token) : ({ kind: 'ended' } as const);
      // Not an ended session: the other request's new cookie is already set, so no cookie is cleared.
      if (outcome.kind === 'raced') throw new ProblemException(...refreshRaced());
      const account =
        outcome.kind === 'ended' ? undefined : findAccountById(deps.db, outcome.session.account_id);
      if (outcome.kind === 'reused' && account)
        audit({
          action: 'refresh-token-reuse',
          accountId: account.id,
          patientId: account.patient_id,
          device: deviceOf(c),
        });
      if (outcome.kind !== 'rotated' || !account) {
        clearRefreshCookie(c, deps.config);
        throw new ProblemException(accountProblems.sessionEnded());
      }
      return c.json(await grantSession(c, deps, account, outcome.session.id, outcome.refreshToken), 200);
    })
    .post('/unlock', jsonBody(unlockRequest), async (c) => {
      const started = await unlock(
        deps,
        readRefreshCookie(c),
        c.req.valid('json').password,
        deviceOf(c),
        addressOf(c, deps.config),
      );
      return c.json(
        await grantSession(c, deps, started.account, started.sessionId, started.refreshToken),
        200,
      );
    })
    .post('/sign-out', async (c) => {
      // The cookie names the session; without it (a worker, a script) the access token does.
      const refresh = readRefreshCookie(c);
      let session = refresh ? sessions.peek(refresh) : undefined;
      const bearer = bearerToken(c.req.header('authorization'));
      if (!session && bearer) {
        const claims = await tokens.verify(bearer);
        session = claims ? sessions.active(claims.sessionId) : undefined;
      }
      if (session && sessions.revoke(session.id, 'signed-out')) {
        const account = findAccountById(deps.db, session.account_id);
        audit({
          action: 'sign-out',
          accountId: session.account_id,
          actorAccountId: session.account_id,
          patientId: account?.patient_id,
          device: deviceOf(c),
        });
      }
      clearRefreshCookie(c, deps.config);
      return c.body(null, 204);
    })
    .post('/sign-out-everywhere', auth, (c) => {
      const { account } = c.var;
      sessions.revokeAll(account.id, 'signed-out-everywhere');
      audit({
        action: 'sign-out-everywhere',
        accountId: account.id,
        actorAccountId: account.id,
        patientId: account.patient_id,
        device: deviceOf(c),
      });
      clearRefreshCookie(c, deps.config);
      return c.body(null, 204);
    })
    .post('/forgot', jsonBody(forgotPasswordRequest), (c) => {
      requestPasswordReset(deps, c.req.valid('json').email, addressOf(c, deps.config), deviceOf(c));
      return c.json({ status: 'check-your-email' as const }, 202);
    })
    .post('/reset/check', jsonBody(checkResetRequest), (c) =>
      c.json(checkResetToken(deps, c.req.valid('json').token), 200),
    )
    .post('/reset', jsonBody(resetPasswordRequest), async (c) => {
      const started = await resetPassword(deps, c.req.valid('json'), deviceOf(c));
      return c.json(
        await grantSession(c, deps, started.account, started.sessionId, started.refreshToken),
        200,
      );
    });
}

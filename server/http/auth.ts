// Who is asking: verifies the bearer access token, then loads its session (which must still be
// live: a revoked session ends its access tokens at once) and the account.
import type { Context, MiddlewareHandler } from 'hono';
import type { AppDeps } from '../context';
import { type AccountRow, findAccountById } from '../services/accounts/account-store';
import { accountServices } from '../services/accounts/index';
import { accountProblems } from '../services/accounts/problems';
import type { SessionRow } from '../services/accounts/sessions';
import { ProblemException } from './problem';

export interface AuthEnv {
  Variables: { account: AccountRow; session: SessionRow };
}

const BEARER = /^Bearer ([A-Za-z0-9_.-]{20,4096})$/;

export function bearerToken(header: string | undefined): string | undefined {
  return header ? BEARER.exec(header)?.[1] : undefined;
}

/** The live session and account of a bearer token; throws 401 when it names no live session. */
async function resolveBearer(deps: AppDeps, header: string | undefined) {
  const { tokens, sessions } = accountServices(deps);
  const unauthorized = () =>
    new ProblemException(accountProblems.signInRequired(), { 'www-authenticate': 'Bearer' });
  const token = bearerToken(header);
  if (!token) throw unauthorized();
  const claims = await tokens.verify(token);
  if (!claims) throw unauthorized();
  const session = sessions.active(claims.sessionId);
  const account =
    session && session.account_id === claims.accountId
      ? findAccountById(deps.db, claims.accountId)
      : undefined;
  if (!session || !account)
    throw new ProblemException(accountProblems.sessionEnded(), { 'www-authenticate': 'Bearer' });
  return { session, account };
}

export function requireAuth(deps: AppDeps): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    // Modules mounted on the same base path (records and messages under /patients) each ask for a
    // sign-in; the token is checked once per request.
    if (c.get('account') !== undefined) return next();
    const { session, account } = await resolveBearer(deps, c.req.header('authorization'));
    c.set('session', session);
    c.set('account', account);
    await next();
  };
}

/**
 * For routes that anyone may call and a signed-in caller gets more from: the account, or null
 * without an Authorization header. A header that names no live session is still a 401.
 */
export async function optionalAccount(deps: AppDeps, c: Context): Promise<AccountRow | null> {
  const header = c.req.header('authorization');
  if (header === undefined) return null;
  return (await resolveBearer(deps, header)).account;
}

/** Until the security option is set up, an account can only finish setting it up. */
export const requireSecurityOption: MiddlewareHandler<AuthEnv> = async (c, next) => {
  if (c.var.account.security_option === null)
    throw new ProblemException(accountProblems.securityOptionRequired());
  await next();
};

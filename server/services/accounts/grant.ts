// Ends a successful sign-in (or refresh, unlock, reset): sets the refresh cookie and answers with
// a fresh access token and the account.
import type { Context } from 'hono';
import type { SessionGranted } from '../../../core/accounts';
import type { AppDeps } from '../../context';
import { setRefreshCookie } from '../../http/refresh-cookie';
import { type AccountRow, accountSummary } from './account-store';
import { accountServices } from './index';

export async function grantSession(
  c: Context,
  deps: AppDeps,
  account: AccountRow,
  sessionId: string,
  refreshToken: string,
): Promise<SessionGranted> {
  const { token, expiresIn } = await accountServices(deps).tokens.sign({ accountId: account.id, sessionId });
  setRefreshCookie(c, deps.config, refreshToken);
  c.header('cache-control', 'no-store');
  return {
    status: 'signed-in',
    accessToken: token,
    expiresIn,
    account: accountSummary(account),
    needsSecurityOption: account.security_option === null,
    idleLockMinutes: deps.config.auth.idleLockMinutes,
  };
}

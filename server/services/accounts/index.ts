// The accounts feature's services, built once per app from its dependencies and shared by the
// auth and me routes and their middleware.
import type { AppDeps } from '../../context';
import { type Audit, createAudit } from '../audit/audit';
import { perApp } from '../per-app';
import { type AccessTokens, createAccessTokens } from './access-tokens';
import { createSessions, type Sessions } from './sessions';
import { createThrottle, type Throttle } from './throttle';

export interface AccountServices {
  audit: Audit;
  sessions: Sessions;
  tokens: AccessTokens;
  throttle: Throttle;
}

export const accountServices = perApp(
  (deps: AppDeps): AccountServices => ({
    audit: createAudit(deps.db, deps.now),
    sessions: createSessions(deps.db, deps.now, deps.config.auth.refreshTokenDays),
    tokens: createAccessTokens(deps.keys, deps.config, deps.now),
    throttle: createThrottle(deps.db, deps.now),
  }),
);

// Refuses cross-site state-changing requests: a browser's Sec-Fetch-Site must say same-origin (or
// none: typed or bookmarked), and an Origin must be the portal's own. Requests carrying neither
// header come from non-browser clients, which cookies cannot be forged for, and pass.
import type { MiddlewareHandler } from 'hono';
import { accountProblems } from '../services/accounts/problems';
import { problemResponse } from './problem';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const ALLOWED_FETCH_SITES = new Set(['same-origin', 'none']);

export function csrfGuard(publicUrl: URL): MiddlewareHandler {
  const configuredOrigin = publicUrl.origin;
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const site = c.req.header('sec-fetch-site');
    if (site !== undefined && !ALLOWED_FETCH_SITES.has(site.toLowerCase()))
      return problemResponse(accountProblems.crossSite());
    const origin = c.req.header('origin');
    if (origin !== undefined && origin !== configuredOrigin && origin !== new URL(c.req.url).origin)
      return problemResponse(accountProblems.crossSite());
    return next();
  };
}

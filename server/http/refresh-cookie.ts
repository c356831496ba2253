// The refresh token's cookie: HttpOnly, SameSite=Strict, only sent to /api/auth, Secure under https,
// renewed on every use so it lives REFRESH_TOKEN_DAYS after the last one.
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Config } from '../config';

export const REFRESH_COOKIE = 'portal_refresh';
const PATH = '/api/auth';
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,100}$/;

export function setRefreshCookie(c: Context, config: Config, token: string): void {
  setCookie(c, REFRESH_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Strict',
    path: PATH,
    secure: config.publicUrl.protocol === 'https:',
    maxAge: config.auth.refreshTokenDays * 24 * 3600,
  });
}

export function clearRefreshCookie(c: Context, config: Config): void {
  deleteCookie(c, REFRESH_COOKIE, { path: PATH, secure: config.publicUrl.protocol === 'https:' });
}

/** The cookie's token when it has the shape of one; anything else counts as no cookie. */
export function readRefreshCookie(c: Context): string | undefined {
  const value = getCookie(c, REFRESH_COOKIE);
  return value && TOKEN_SHAPE.test(value) ? value : undefined;
}

// Helpers for accounts tests: patients in the records, JSON requests with a cookie jar, and
// ready-made accounts (one password hash shared per test file keeps scrypt's cost bearable).
import type { SessionGranted } from '../../core/accounts';
import { todayIn } from '../../core/ages';
import { EMPTY_PROFILE, insertAccount } from '../services/accounts/account-store';
import { storeRecoveryCodes } from '../services/accounts/recovery-codes';
import { createResourceStore } from '../services/records/store';
import type { TestApp } from './test-app';

export const BROWSER_UA =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36';

export interface TestPatient {
  id: string;
  given: string;
  family: string;
  birthDate: string;
  zip: string;
  email?: string;
}

export function addPatient(t: TestApp, p: TestPatient): void {
  createResourceStore(t.db).put({
    resourceType: 'Patient',
    id: p.id,
    name: [{ use: 'official', family: p.family, given: p.given.split(' ') }],
    birthDate: p.birthDate,
    address: [{ line: ['1 Test Lane'], city: 'Riverbend', state: 'IL', postalCode: p.zip }],
    telecom: p.email ? [{ system: 'email', value: p.email }] : [],
  });
}

/** A birth date that makes the person `years` old today in the practice's zone, far from a birthday. */
export function birthDateForAge(t: TestApp, years: number): string {
  const [y, m, d] = todayIn(t.config.practice.timeZone, t.clock.now()).split('-').map(Number) as [
    number,
    number,
    number,
  ];
  const date = new Date(Date.UTC(y - years, m - 1, d - 100));
  return date.toISOString().slice(0, 10);
}

export interface CallOptions {
  token?: string;
  cookie?: string;
  headers?: Record<string, string>;
}

/** A JSON request to the app as a browser on the same origin would send it. */
export function call(t: TestApp, method: string, path: string, body?: unknown, options: CallOptions = {}) {
  const headers: Record<string, string> = { 'user-agent': BROWSER_UA, ...options.headers };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.cookie) headers.cookie = `portal_refresh=${options.cookie}`;
  return t.app.request(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** The refresh token the response set, if it set one. */
export function refreshCookieOf(res: Response): string | undefined {
  for (const line of res.headers.getSetCookie()) {
    const match = /^portal_refresh=([^;]*)/.exec(line);
    if (match) return match[1] || undefined;
  }
  return undefined;
}

export interface SignedIn {
  token: string;
  cookie: string;
  body: SessionGranted;
}

export async function signedIn(res: Response): Promise<SignedIn> {
  if (res.status !== 200) throw new Error(`Expected a sign-in, got ${res.status}: ${await res.text()}`);
  const body = (await res.json()) as SessionGranted;
  return { token: body.accessToken, cookie: refreshCookieOf(res)!, body };
}

export function createAccount(
  t: TestApp,
  options: { email: string; passwordHash: string; patientId?: string; recoveryCodes?: string[] },
) {
  const account = insertAccount(
    t.db,
    {
      email: options.email,
      passwordHash: options.passwordHash,
      patientId: options.patientId ?? null,
      givenName: 'Test',
      familyName: 'Person',
      profile: EMPTY_PROFILE,
      securityOption: options.recoveryCodes ? 'recovery-codes' : null,
    },
    t.clock.now(),
  );
  if (options.recoveryCodes) storeRecoveryCodes(t.db, account.id, options.recoveryCodes, t.clock.now());
  return account;
}

export function rowCounts(t: TestApp): Record<string, number> {
  const tables = t.db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .pluck()
    .all() as string[];
  return Object.fromEntries(
    tables.map((name) => [name, Number(t.db.prepare(`SELECT count(*) FROM "${name}"`).pluck().get())]),
  );
}

// Helpers for family-access tests: the demo practice seeded once per file and copied into a fresh
// app per test, sign-ins of the demo people, the passcode and link read from the e-mails they get.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { ActivityEvent } from '../../core/accounts';
import type { PersonInReach } from '../../core/records';
import { type DemoPerson, demoPeople, ensureDemoPractice } from '../services/demo';
import { DEMO_PASSWORD, ensureDemoAccounts } from '../services/demo/accounts';
import { DEMO_ADDRESSES } from '../services/demo/people';
import { call, signedIn } from './accounts';
import type { ReceivedMail } from './smtp';
import { createTestApp, createTestClock, type TestApp } from './test-app';

/** The demo's "today": every demo age counts from it, far from any demo birthday. */
export const DEMO_AS_OF = new Date('2026-03-10T15:00:00Z');

export const DEMO_EMAIL = {
  elena: 'elena.nunez@example.com',
  daniel: 'daniel.okafor@example.com',
  tobi: 'tobi.okafor@example.com',
  sam: 'sam.rivera@example.com',
  jordan: 'jordan.lee@example.com',
  harold: 'harold.lindqvist@example.com',
} as const;
export type DemoName = keyof typeof DEMO_EMAIL;

/** The demo practice with its accounts, as database bytes to start each test from. */
export async function demoTemplate(): Promise<Buffer> {
  const t = await createTestApp({}, createTestClock(DEMO_AS_OF));
  try {
    ensureDemoPractice(t.db, { asOf: DEMO_AS_OF });
    await ensureDemoAccounts(t.db, DEMO_AS_OF);
    return t.db.serialize();
  } finally {
    t.cleanup();
  }
}

/** A fresh app over a copy of the template, its clock at DEMO_AS_OF. */
export async function appFrom(template: Buffer, env: Record<string, string> = {}): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'portal-family-'));
  const databasePath = join(dir, 'portal.db');
  writeFileSync(databasePath, template);
  const t = await createTestApp({ DATABASE_PATH: databasePath, ...env }, createTestClock(DEMO_AS_OF));
  const cleanup = t.cleanup;
  t.cleanup = () => {
    cleanup();
    rmSync(dir, { recursive: true, force: true });
  };
  return t;
}

export function demoPerson(key: DemoPerson['key']): DemoPerson {
  const person = demoPeople(DEMO_AS_OF).find((p) => p.key === key);
  if (!person) throw new Error(`No demo person ${key}`);
  return person;
}

/** The patient's identifying details as a family member would type them. */
export function identityOf(key: DemoPerson['key']) {
  const p = demoPerson(key);
  return {
    firstName: p.given,
    lastName: p.family,
    birthDate: p.birthDate,
    zip: DEMO_ADDRESSES[p.household].postalCode,
  };
}

export async function signIn(t: TestApp, email: string, password = DEMO_PASSWORD): Promise<string> {
  return (await signedIn(await call(t, 'POST', '/api/auth/sign-in', { email, password }))).token;
}

export const demoSignIn = (t: TestApp, who: DemoName) => signIn(t, DEMO_EMAIL[who]);

export async function problemOf(res: Response, status: number) {
  expect(res.status, await res.clone().text()).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  return (await res.json()) as {
    type: string;
    title: string;
    detail?: string;
    errors?: Record<string, string>;
  };
}

export async function jsonOf<T>(res: Response, status = 200): Promise<T> {
  expect(res.status, await res.clone().text()).toBe(status);
  return (await res.json()) as T;
}

/** The passcode as the e-mail shows it ("ABCDE-FGHJK"). */
export function passcodeIn(mail: ReceivedMail): string {
  const found = /\b([A-HJ-NP-Z2-9]{5}-[A-HJ-NP-Z2-9]{5})\b/.exec(mail.text)?.[1];
  if (!found) throw new Error(`No passcode in: ${mail.text}`);
  return found;
}

/** The token of the invitation link in the e-mail (it rides in the fragment). */
export function invitationTokenIn(mail: ReceivedMail): string {
  const found = /\/family\/accept#token=([A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
  if (!found) throw new Error(`No invitation link in: ${mail.text}`);
  return found;
}

export async function peopleOf(t: TestApp, token: string): Promise<PersonInReach[]> {
  return (
    await jsonOf<{ people: PersonInReach[] }>(await call(t, 'GET', '/api/patients', undefined, { token }))
  ).people;
}

export async function activityOf(t: TestApp, token: string): Promise<ActivityEvent[]> {
  return (
    await jsonOf<{ events: ActivityEvent[] }>(await call(t, 'GET', '/api/me/activity', undefined, { token }))
  ).events;
}

/** Sets up recovery codes for a new account, as the end of its sign-up does. */
export async function finishSetUp(t: TestApp, token: string): Promise<void> {
  expect((await call(t, 'POST', '/api/auth/security/recovery-codes', undefined, { token })).status).toBe(200);
}

/** Gives e-mails in flight time to arrive, before a test asserts that none did. */
export async function mailsSettle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 300));
}

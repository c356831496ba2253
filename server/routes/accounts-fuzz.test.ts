// Property test: malformed bodies thrown at every auth and profile endpoint that takes one. Each
// answer is a 4xx problem+json, and nothing is stored (every table keeps its row count).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  changeEmailRequest,
  changePasswordRequest,
  checkResetRequest,
  confirmEmailChangeRequest,
  confirmEmailRequest,
  confirmTotpRequest,
  forgotPasswordRequest,
  registerPatientRequest,
  resetPasswordRequest,
  setTwoStepRequest,
  signInRequest,
  twoStepRequest,
  unlockRequest,
  updateProfileRequest,
} from '../../core/accounts';
import { hashPassword } from '../services/accounts/password-hash';
import { call, createAccount, rowCounts, signedIn } from '../test-support/accounts';
import { createTestApp, type TestApp } from '../test-support/test-app';

const PASSWORD = 'violet harbor kettle 42';
let t: TestApp;
let token: string;

beforeAll(async () => {
  t = await createTestApp();
  createAccount(t, {
    email: 'rosa@example.com',
    passwordHash: await hashPassword(PASSWORD),
    patientId: 'p-rosa',
    recoveryCodes: ['k7pq-m2xz-9rtw'],
  });
  token = (
    await signedIn(
      await call(t, 'POST', '/api/auth/sign-in', { email: 'rosa@example.com', password: PASSWORD }),
    )
  ).token;
});
afterAll(() => t.cleanup());

interface Endpoint {
  method: string;
  path: string;
  schema: z.ZodType;
  /** A valid body: malformed ones are made by breaking it. */
  valid: Record<string, unknown>;
  auth?: boolean;
}

const ENDPOINTS: Endpoint[] = [
  {
    method: 'POST',
    path: '/api/auth/register',
    schema: registerPatientRequest,
    valid: {
      firstName: 'Ada',
      lastName: 'Quinn',
      birthDate: '1980-01-01',
      legalSex: 'female',
      zip: '60901',
      email: 'ada@example.com',
      mobilePhone: '555-010-3399',
      password: PASSWORD,
    },
  },
  {
    method: 'POST',
    path: '/api/auth/register/confirm',
    schema: confirmEmailRequest,
    valid: { registrationId: 'x'.repeat(36), code: '123456' },
  },
  {
    method: 'POST',
    path: '/api/auth/security/totp/confirm',
    schema: confirmTotpRequest,
    valid: { code: '123456' },
    auth: true,
  },
  {
    method: 'POST',
    path: '/api/auth/sign-in',
    schema: signInRequest,
    valid: { email: 'rosa@example.com', password: PASSWORD },
  },
  {
    method: 'POST',
    path: '/api/auth/sign-in/two-step',
    schema: twoStepRequest,
    valid: { challenge: 'a'.repeat(43), code: '123456' },
  },
  { method: 'POST', path: '/api/auth/unlock', schema: unlockRequest, valid: { password: PASSWORD } },
  {
    method: 'POST',
    path: '/api/auth/forgot',
    schema: forgotPasswordRequest,
    valid: { email: 'rosa@example.com' },
  },
  {
    method: 'POST',
    path: '/api/auth/reset/check',
    schema: checkResetRequest,
    valid: { token: 'a'.repeat(43) },
  },
  {
    method: 'POST',
    path: '/api/auth/reset',
    schema: resetPasswordRequest,
    valid: { token: 'a'.repeat(43), password: PASSWORD, passwordAgain: PASSWORD, code: '123456' },
  },
  {
    method: 'PATCH',
    path: '/api/me/profile',
    schema: updateProfileRequest,
    valid: { baseVersion: 1, changes: { preferredName: 'Rosie' } },
    auth: true,
  },
  {
    method: 'POST',
    path: '/api/me/email',
    schema: changeEmailRequest,
    valid: { newEmail: 'new@example.com' },
    auth: true,
  },
  {
    method: 'POST',
    path: '/api/me/email/confirm',
    schema: confirmEmailChangeRequest,
    valid: { code: '123456' },
    auth: true,
  },
  {
    method: 'POST',
    path: '/api/me/password',
    schema: changePasswordRequest,
    valid: { currentPassword: PASSWORD, newPassword: 'copper meadow lantern 9' },
    auth: true,
  },
  {
    method: 'PUT',
    path: '/api/me/two-step',
    schema: setTwoStepRequest,
    valid: { enabled: true },
    auth: true,
  },
];

const junk = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 40 }),
  fc.string({ minLength: 300, maxLength: 5000 }),
  fc.constant('x'.repeat(200_000)),
  fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 4 }), { maxKeys: 5 }),
  fc.constant({ __proto__: { admin: true } }),
);

/** A JSON body the endpoint's schema refuses: a field broken or dropped, or something else entirely. */
function malformed(endpoint: Endpoint): fc.Arbitrary<{ raw: string; contentType: string }> {
  const keys = Object.keys(endpoint.valid);
  const broken = fc.oneof(
    fc
      .record({ key: fc.constantFrom(...keys), value: junk })
      .map(({ key, value }) => ({ ...endpoint.valid, [key]: value })),
    fc.constantFrom(...keys).map((key) => {
      const copy = { ...endpoint.valid };
      delete copy[key];
      return copy;
    }),
    fc.jsonValue({ maxDepth: 4 }),
    junk,
  );
  const asJson = broken
    .filter((body) => !endpoint.schema.safeParse(body).success)
    .map((body) => ({ raw: JSON.stringify(body) ?? 'null', contentType: 'application/json' }));
  const notJson = fc
    .string({ maxLength: 200 })
    .filter((text) => {
      try {
        JSON.parse(text);
        return false;
      } catch {
        return true;
      }
    })
    .map((raw) => ({ raw, contentType: 'application/json' }));
  const wrongType = fc
    .constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x')
    .map((contentType) => ({ raw: JSON.stringify(endpoint.valid), contentType }));
  return fc.oneof(
    { weight: 6, arbitrary: asJson },
    { weight: 2, arbitrary: notJson },
    { weight: 1, arbitrary: wrongType },
  );
}

describe('malformed bodies at the accounts endpoints', () => {
  for (const endpoint of ENDPOINTS) {
    it(`${endpoint.method} ${endpoint.path} answers 4xx problem+json and stores nothing`, async () => {
      const before = rowCounts(t);
      await fc.assert(
        fc.asyncProperty(malformed(endpoint), async ({ raw, contentType }) => {
          const res = await t.app.request(endpoint.path, {
            method: endpoint.method,
            headers: {
              'content-type': contentType,
              ...(endpoint.auth ? { authorization: `Bearer ${token}` } : {}),
            },
            body: raw,
          });
          expect(res.status).toBeGreaterThanOrEqual(400);
          expect(res.status).toBeLessThan(500);
          expect(res.headers.get('content-type')).toBe('application/problem+json');
          const problem = (await res.json()) as { status: number; title: string };
          expect(problem.status).toBe(res.status);
          expect(problem.title.length).toBeGreaterThan(0);
        }),
        { numRuns: 60 },
      );
      expect(rowCounts(t)).toEqual(before);
    });
  }
});

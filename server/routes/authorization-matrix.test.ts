// The authorization matrix: every API route of the real app, read from its route table, against
// seven callers around one patient (Tobi Okafor, 15), each with the status its access rule in
// server/http/route-access.ts says they get. A route without a rule fails; so does a rule whose
// route is gone. Every request runs on a session and on resources of its own (a fresh grant,
// invitation or request), so a request that ends a session or removes a grant changes no other row.
// Then the two refusals that come before any of that: an account that has not set up its security
// option yet, and a step-up route called without a recently entered password.
import { createECDH, randomBytes } from 'node:crypto';
import { CompactEncrypt, importJWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD_CONFIRMATION_MINUTES } from '../../core/accounts';
import {
  attachmentPath,
  repliesPath,
  staffAttachmentPath,
  staffRepliesPath,
  threadReadPath,
  uploadChunkPath,
  uploadPath,
} from '../../core/messages';
import {
  isReplayable,
  REPLAYABLE_ROUTES,
  SEAL_ALG,
  SEAL_ENC,
  type SealedRequestPayload,
} from '../../core/outbox';
import { PROBLEM_TYPES } from '../../core/problem';
import { isIdempotencyHandler } from '../http/idempotency';
import { ACCESS_RULES, type AccessRule, ROUTE_ACCESS, type RouteKey } from '../http/route-access';
import { accessTo } from '../services/access/reach';
import { newId } from '../services/accounts/secrets';
import { DEMO_PASSWORD } from '../services/demo/accounts';
import { secureLinksOf } from '../services/health-records/secure-links';
import { createAttachmentStore } from '../services/messages/attachments/attachment-store';
import { uploadsOf } from '../services/messages/attachments/uploads';
import { insertMessage, insertThread } from '../services/messages/thread-store';
import { BROWSER_UA } from '../test-support/accounts';
import {
  type AuthorizationFixture,
  authorizationFixture,
  CALLERS,
  type CallerName,
  forgetRateLimits,
  invite,
  type MatrixCaller,
  type MatrixSession,
  pendingRequest,
  type SessionOptions,
  sessionFor,
  spareGrant,
  twoStepChallenge,
  withoutSecurityOption,
} from '../test-support/authorization';
import { identityOf } from '../test-support/family';
import { createTestApp, type TestApp } from '../test-support/test-app';

/** 'allowed': past authorization (2xx, or an answer the recipe lists); a number: exactly that status. */
type Expectation = 'allowed' | 401 | 403 | 404 | 422;

const everyone = (): Record<CallerName, Expectation> => ({
  patient: 'allowed',
  fullProxy: 'allowed',
  billingProxy: 'allowed',
  removedProxy: 'allowed',
  otherPatientProxy: 'allowed',
  anonymous: 'allowed',
  staff: 'allowed',
});
const signedIn = (): Record<CallerName, Expectation> => ({ ...everyone(), anonymous: 401 });

/** What each rule means for each caller (see ACCESS_RULES for the words). */
const EXPECTED: Record<AccessRule, Record<CallerName, Expectation>> = {
  public: everyone(),
  'guest-flow': everyone(),
  'session-cookie': signedIn(),
  account: signedIn(),
  'account-step-up': signedIn(),
  'account-with-security-option': signedIn(),
  'personal-account': { ...signedIn(), staff: 403 },
  // Grace and Kemi are family members without a patient record; staff have none either.
  'own-record': { ...signedIn(), fullProxy: 422, removedProxy: 422, staff: 422 },
  'patient-record:clinical': {
    patient: 'allowed',
    fullProxy: 'allowed',
    billingProxy: 403,
    removedProxy: 404,
    otherPatientProxy: 404,
    anonymous: 401,
    staff: 404,
  },
  'patient-record:billing': {
    patient: 'allowed',
    fullProxy: 'allowed',
    billingProxy: 'allowed',
    removedProxy: 404,
    otherPatientProxy: 404,
    anonymous: 401,
    staff: 404,
  },
  staff: {
    patient: 403,
    fullProxy: 403,
    billingProxy: 403,
    removedProxy: 403,
    otherPatientProxy: 403,
    anonymous: 401,
    staff: 'allowed',
  },
  'record-owner': {
    patient: 'allowed',
    fullProxy: 403,
    billingProxy: 403,
    removedProxy: 404,
    otherPatientProxy: 404,
    anonymous: 401,
    staff: 404,
  },
};

interface Cell {
  fx: AuthorizationFixture;
  caller: MatrixCaller;
  /** The caller's own fresh session; null for the anonymous caller. */
  session: MatrixSession | null;
}

interface RequestSpec {
  /** The concrete path; by default the route's, with :id the target patient's id. */
  path?: string;
  body?: unknown;
  /** A body of bytes with its own headers (an upload's chunk), instead of JSON. */
  bytes?: { body: Uint8Array<ArrayBuffer>; headers: Record<string, string> };
}

interface Recipe {
  /**
   * Answers other than 2xx that still show an allowed caller got past authorization: the matrix
   * cannot cheaply build a request that succeeds, and the route checks this after access.
   */
  accepts?: { statuses: number[]; why: string };
  /** The session's password was entered a moment ago (the step-up routes ask for it). */
  passwordJustEntered?: boolean;
  build?(cell: Cell): RequestSpec | Promise<RequestSpec>;
}

const STRONG_PASSWORD = 'quiet harbour maple 42';
const elena = () => identityOf('rich-adult');
const profileVersion = ({ fx, caller }: Cell) =>
  Number(
    fx.t.db
      .prepare('SELECT profile_version FROM accounts WHERE id = ?')
      .pluck()
      .get(caller.account?.id ?? '') ?? 1,
  );

/** A fresh billing thread on the target patient's record, with one message from the patient. */
function billingThread({ t, targetPatientId, callers }: AuthorizationFixture): string {
  const id = newId();
  const at = t.clock.now().toISOString();
  insertThread(t.db, {
    id,
    patient_id: targetPatientId,
    topic: 'billing',
    subject: 'billing-question',
    practitioner_id: null,
    location_id: null,
    with_name: 'Billing office',
    location_name: '',
    started_at: at,
    last_message_at: at,
  });
  insertMessage(t.db, {
    id: newId(),
    thread_id: id,
    from_side: 'patient',
    author_account_id: callers.patient.account!.id,
    author_name: 'Tobi Okafor',
    on_behalf_of: null,
    body: 'A matrix question.',
    sent_at: at,
  });
  return id;
}

/** A fresh billing thread with one file on its message: the path to download it from either side. */
function billingFile(fx: AuthorizationFixture): { threadId: string; attachmentId: string } {
  const threadId = billingThread(fx);
  const messageId = fx.t.db
    .prepare('SELECT id FROM messages WHERE thread_id = ?')
    .pluck()
    .get(threadId) as string;
  const attachmentId = newId();
  const data = Buffer.from('%PDF-1.4\n%%EOF\n');
  createAttachmentStore(fx.t.db).insert({
    id: attachmentId,
    message_id: messageId,
    position: 0,
    name: 'matrix.pdf',
    media_type: 'application/pdf',
    size: data.length,
    sha256: '0'.repeat(64),
    created_at: fx.t.clock.now().toISOString(),
    data,
  });
  return { threadId, attachmentId };
}

/** A chunk of a one-chunk upload, as the app PUTs it. */
const CHUNK = {
  body: new Uint8Array(32),
  headers: { 'content-type': 'application/octet-stream', 'upload-total': '32' },
};

/** A browser's PushSubscription.toJSON() at this endpoint, with a real P-256 key. */
function pushSubscription(endpoint: string) {
  const browser = createECDH('prime256v1');
  browser.generateKeys();
  return {
    endpoint,
    keys: {
      p256dh: browser.getPublicKey().toString('base64url'),
      auth: randomBytes(16).toString('base64url'),
    },
  };
}

/** How to call each route for a caller. A route without a recipe gets no body and :id = the patient. */
const RECIPES: Partial<Record<RouteKey, Recipe>> = {
  'POST /api/csp-reports': {
    build: () => ({
      body: { 'csp-report': { 'effective-directive': 'img-src', 'blocked-uri': 'https://x.test/a' } },
    }),
  },
  'POST /api/auth/register': {
    accepts: {
      statuses: [422],
      why: 'nobody in the practice has these details (a real sign-up hashes and mails)',
    },
    build: () => ({
      body: {
        firstName: 'Nobody',
        lastName: 'Known',
        birthDate: '1990-02-03',
        legalSex: 'unknown',
        zip: '60901',
        email: `new-${newId()}@example.com`,
        mobilePhone: '217-555-0100',
        password: STRONG_PASSWORD,
      },
    }),
  },
  'POST /api/auth/register/confirm': {
    accepts: { statuses: [410], why: 'no registration with this id is waiting' },
    build: () => ({ body: { registrationId: `r-${newId()}`, code: '123456' } }),
  },
  'POST /api/auth/confirm-password': { build: () => ({ body: { password: DEMO_PASSWORD } }) },
  'POST /api/auth/security/totp': { passwordJustEntered: true },
  'POST /api/auth/security/totp/confirm': {
    passwordJustEntered: true,
    accepts: { statuses: [409, 422], why: 'the matrix has no authenticator code to give' },
    build: () => ({ body: { code: '123456' } }),
  },
  'POST /api/auth/security/recovery-codes': { passwordJustEntered: true },
  'POST /api/auth/sign-in': {
    // Each caller signs in as themself; the anonymous caller as a patient no one else reaches.
    build: ({ fx, caller }) => ({
      body: { email: (caller.account ?? fx.bystander).email, password: DEMO_PASSWORD },
    }),
  },
  'POST /api/auth/sign-in/two-step': {
    build: async ({ fx }) => ({ body: await twoStepChallenge(fx) }),
  },
  'POST /api/auth/unlock': { build: () => ({ body: { password: DEMO_PASSWORD } }) },
  'POST /api/auth/forgot': { build: () => ({ body: { email: `nobody-${newId()}@example.com` } }) },
  'POST /api/auth/reset/check': {
    accepts: { statuses: [410], why: 'no password reset link was asked for' },
    build: () => ({ body: { token: 't'.repeat(43) } }),
  },
  'POST /api/auth/reset': {
    accepts: { statuses: [410], why: 'no password reset link was asked for' },
    build: () => ({
      body: {
        token: 't'.repeat(43),
        password: STRONG_PASSWORD,
        passwordAgain: STRONG_PASSWORD,
        code: '123456',
      },
    }),
  },

  'PATCH /api/me/profile': {
    build: (cell) => ({ body: { baseVersion: profileVersion(cell), changes: { preferredName: 'Matrix' } } }),
  },
  'POST /api/me/email': { build: () => ({ body: { newEmail: `new-${newId()}@example.com` } }) },
  'POST /api/me/email/confirm': {
    accepts: { statuses: [410, 422], why: 'no e-mail change is waiting for a code' },
    build: () => ({ body: { code: '123456' } }),
  },
  'POST /api/me/password': {
    accepts: { statuses: [422], why: 'the current password given is wrong: the matrix changes no password' },
    build: () => ({ body: { currentPassword: 'not the password 1', newPassword: STRONG_PASSWORD } }),
  },
  'PUT /api/me/two-step': { build: () => ({ body: { enabled: false } }) },
  'DELETE /api/me/sessions/:id': {
    // Another session of the caller's own.
    build: async ({ fx, caller }) => ({
      path: `/api/me/sessions/${caller.account ? (await sessionFor(fx.t, caller.account.id)).id : crypto.randomUUID()}`,
    }),
  },

  'GET /api/patients/:id/changes': {
    build: ({ fx }) => ({ path: `/api/patients/${fx.targetPatientId}/changes?since=0&limit=5` }),
  },
  // Billing subjects and billing threads: Billing only may write those (care is checked after access).
  'POST /api/patients/:id/health-record/events': {
    build: () => ({ body: { event: 'viewed', selection: { kind: 'all' } } }),
  },
  'POST /api/patients/:id/health-record/email': {
    build: () => ({
      body: {
        email: 'records@clinic.example',
        confirmEmail: 'records@clinic.example',
        recipient: 'provider',
        selection: { kind: 'all' },
      },
    }),
  },
  'POST /api/patients/:id/health-record/links': {
    build: () => ({
      body: {
        email: 'records@clinic.example',
        confirmEmail: 'records@clinic.example',
        recipient: 'provider',
        selection: { kind: 'all' },
      },
    }),
  },
  'POST /api/shared-records/open': {
    // A fresh link per request: each opens once.
    build: ({ fx }) => {
      const sender = fx.callers.patient.account!;
      const link = secureLinksOf(fx.t.deps).issue(
        { account: sender, patientId: fx.targetPatientId },
        'a@b.example',
        {
          fileName: 'health-record.zip',
          zip: new Uint8Array([80, 75, 5, 6]),
          html: '<p>Summary</p>',
        },
      );
      return { body: { token: link.token, code: link.code } };
    },
  },
  'POST /api/patients/:id/messages': {
    build: () => ({ body: { subject: 'billing-question', body: 'A matrix question about a bill.' } }),
  },
  'POST /api/patients/:id/messages/:threadId/replies': {
    build: ({ fx }) => ({
      path: repliesPath(fx.targetPatientId, billingThread(fx)),
      body: { body: 'A matrix reply.' },
    }),
  },
  'POST /api/patients/:id/messages/:threadId/read': {
    build: ({ fx }) => ({ path: threadReadPath(fx.targetPatientId, billingThread(fx)), body: {} }),
  },
  'POST /api/staff/messages/:threadId/replies': {
    build: ({ fx }) => ({ path: staffRepliesPath(billingThread(fx)), body: { body: 'A matrix answer.' } }),
  },
  'GET /api/patients/:id/messages/:threadId/attachments/:attachmentId': {
    build: ({ fx }) => {
      const { threadId, attachmentId } = billingFile(fx);
      return { path: attachmentPath(fx.targetPatientId, threadId, attachmentId) };
    },
  },
  'GET /api/staff/messages/:threadId/attachments/:attachmentId': {
    build: ({ fx }) => {
      const { threadId, attachmentId } = billingFile(fx);
      return { path: staffAttachmentPath(threadId, attachmentId) };
    },
  },
  // An upload of the caller's own (the anonymous caller has none).
  'GET /api/uploads/:uploadId': {
    build: ({ fx, caller }) => {
      const uploadId = crypto.randomUUID();
      if (caller.account)
        uploadsOf(fx.t.deps).putChunk({
          accountId: caller.account.id,
          uploadId,
          index: 0,
          total: 32,
          data: CHUNK.body,
        });
      return { path: uploadPath(uploadId) };
    },
  },
  'PUT /api/uploads/:uploadId/chunks/:index': {
    build: () => ({ path: uploadChunkPath(crypto.randomUUID(), 0), bytes: CHUNK }),
  },

  'PATCH /api/family/grants/:id': {
    build: ({ fx }) => ({ path: `/api/family/grants/${spareGrant(fx)}`, body: { access: 'full' } }),
  },
  'POST /api/family/grants/:id/confirm': {
    accepts: { statuses: [422], why: 'Tobi is 15: nothing to confirm before 18 (checked after ownership)' },
    build: ({ fx }) => ({ path: `/api/family/grants/${spareGrant(fx)}/confirm` }),
  },
  'DELETE /api/family/grants/:id': {
    build: ({ fx }) => ({ path: `/api/family/grants/${spareGrant(fx)}` }),
  },
  'POST /api/family/invitations': {
    build: () => ({
      body: {
        firstName: 'Invited',
        lastName: 'Cousin',
        email: `cousin-${newId()}@example.com`,
        relationship: 'other',
        access: 'billing',
      },
    }),
  },
  // Invitation links from Elena: accepting one gives access to her record, never to Tobi's.
  'POST /api/family/invitations/check': {
    build: ({ fx }) => ({ body: { token: invite(fx.t, fx.bystander).token } }),
  },
  'POST /api/family/invitations/account': {
    accepts: { statuses: [422], why: 'the two passwords differ (checked after the link): no slow hash' },
    build: ({ fx }) => ({
      body: {
        token: invite(fx.t, fx.bystander).token,
        firstName: 'Invited',
        lastName: 'Person',
        mobilePhone: '217-555-0101',
        password: STRONG_PASSWORD,
        passwordAgain: `${STRONG_PASSWORD}!`,
      },
    }),
  },
  'POST /api/family/invitations/accept': {
    build: ({ fx }) => ({ body: { token: invite(fx.t, fx.bystander).token } }),
  },
  'DELETE /api/family/invitations/:id': {
    build: ({ fx }) => ({ path: `/api/family/invitations/${invite(fx.t, fx.callers.patient.account!).id}` }),
  },
  'POST /api/family/requests': {
    build: () => ({
      body: {
        requester: { firstName: 'Asking', lastName: 'Relative', email: `asking-${newId()}@example.com` },
        patient: elena(),
        relationship: 'other',
      },
    }),
  },
  'POST /api/family/requests/mine': {
    build: () => ({ body: { patient: elena(), relationship: 'other' } }),
  },
  // Requests for Elena's record, from no account: entering the passcode only says it is right.
  'POST /api/family/requests/:id/passcode': {
    build: ({ fx }) => {
      const { id, passcode } = pendingRequest(fx.t, fx.bystander.patient_id!);
      return { path: `/api/family/requests/${id}/passcode`, body: { passcode } };
    },
  },
  'POST /api/family/requests/:id/account': {
    accepts: { statuses: [422], why: 'the two passwords differ (checked after the passcode): no slow hash' },
    build: ({ fx }) => {
      const { id, passcode } = pendingRequest(fx.t, fx.bystander.patient_id!);
      return {
        path: `/api/family/requests/${id}/account`,
        body: {
          passcode,
          mobilePhone: '217-555-0102',
          password: STRONG_PASSWORD,
          passwordAgain: `${STRONG_PASSWORD}!`,
        },
      };
    },
  },
  'POST /api/family/requests/:id/account/confirm': {
    accepts: {
      statuses: [410, 422],
      why: 'no code was e-mailed for this request (or not this one): the matrix creates no account',
    },
    build: ({ fx }) => ({
      path: `/api/family/requests/${pendingRequest(fx.t, fx.bystander.patient_id!).id}/account/confirm`,
      body: { code: '123456' },
    }),
  },
  'POST /api/family/requests/:id/decline': {
    build: ({ fx }) => ({
      path: `/api/family/requests/${pendingRequest(fx.t, fx.targetPatientId).id}/decline`,
    }),
  },

  // A browser of the caller's own at Chrome's push service (nothing is sent when subscribing).
  'POST /api/push/subscriptions': {
    build: () => ({ body: pushSubscription(`https://fcm.googleapis.com/fcm/send/matrix-${newId()}`) }),
  },
  'DELETE /api/push/subscriptions': {
    build: () => ({ body: { endpoint: `https://fcm.googleapis.com/fcm/send/matrix-${newId()}` } }),
  },

  'POST /api/outbox/replay': {
    // A profile edit the caller queued offline, sealed to the server as the service worker does.
    build: async (cell) => {
      const { keys } = cell.fx.t.deps;
      const payload: SealedRequestPayload = {
        v: 1,
        method: 'PATCH',
        path: '/api/me/profile',
        body: { baseVersion: profileVersion(cell), changes: { preferredName: 'Queued' } },
        idempotencyKey: crypto.randomUUID(),
        accountId: cell.caller.account?.id ?? 'nobody',
        createdAt: cell.fx.t.clock.now().toISOString(),
      };
      const sealed = await new CompactEncrypt(new TextEncoder().encode(JSON.stringify(payload)))
        .setProtectedHeader({ alg: SEAL_ALG, enc: SEAL_ENC, kid: keys.outboxSealing.kid })
        .encrypt(await importJWK(keys.outboxSealing.publicJwk, SEAL_ALG));
      return { body: { sealed } };
    },
  },
};

/** The routes whose handlers include the Idempotency-Key middleware (server/http/idempotency.ts). */
function idempotentRoutesOf(app: TestApp['app']): Set<string> {
  return new Set(
    app.routes
      .filter(({ handler }) => isIdempotencyHandler(handler))
      .map(({ method, path }) => `${method} ${path}`),
  );
}

/** The API routes of an app, from Hono's route table: `use` middleware and the 404 fallback left out. */
function apiRoutesOf(app: TestApp['app']): string[] {
  const keys = new Set<string>();
  for (const { method, path } of app.routes) {
    if (path !== '/api' && !path.startsWith('/api/')) continue;
    // Middleware (app.use, .use in a module) and app.all('/api/*')'s not-found answer.
    if (method === 'ALL' && path.endsWith('*')) continue;
    keys.add(`${method} ${path}`);
  }
  return [...keys];
}

const { routes, idempotentRoutes } = await (async () => {
  const probe = await createTestApp();
  try {
    return { routes: apiRoutesOf(probe.app), idempotentRoutes: idempotentRoutesOf(probe.app) };
  } finally {
    probe.cleanup();
  }
})();
const ruleOf = (route: string): AccessRule | undefined => (ROUTE_ACCESS as Record<string, AccessRule>)[route];

let fx: AuthorizationFixture;
beforeAll(async () => {
  fx = await authorizationFixture();
}, 60_000);
afterAll(() => fx.t.cleanup());

async function send(route: string, caller: MatrixCaller, options: SessionOptions = {}) {
  const recipe = RECIPES[route as RouteKey] ?? {};
  const session = caller.account
    ? await sessionFor(fx.t, caller.account.id, {
        passwordJustEntered: recipe.passwordJustEntered,
        ...options,
      })
    : null;
  forgetRateLimits(fx.t);
  const spec = (await recipe.build?.({ fx, caller, session })) ?? {};
  const [method, pattern] = route.split(' ') as [string, string];
  const path = spec.path ?? pattern.replace(':id', fx.targetPatientId);
  const headers: Record<string, string> = { 'user-agent': BROWSER_UA };
  if (session) {
    headers.authorization = `Bearer ${session.token}`;
    headers.cookie = `portal_refresh=${session.cookie}`;
  }
  if (spec.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fx.t.app.request(path, {
    method,
    headers: { ...headers, ...spec.bytes?.headers },
    body: spec.bytes?.body ?? (spec.body === undefined ? undefined : JSON.stringify(spec.body)),
  });
  return { res, recipe };
}

/** A refusal: the status and the problem type that says why. */
interface Refusal {
  status: number;
  type: string;
}

/** Null when the answer is what was expected, else what went wrong. */
async function verdict(
  res: Response,
  recipe: Recipe,
  expected: Expectation | Refusal,
): Promise<string | null> {
  const accepted = recipe.accepts?.statuses ?? [];
  const text = await res.text();
  let ok: boolean;
  let want: string;
  if (expected === 'allowed') {
    ok = (res.status >= 200 && res.status < 300) || accepted.includes(res.status);
    want = `allowed (2xx${accepted.length ? ` or ${accepted.join('/')}: ${recipe.accepts?.why}` : ''})`;
  } else if (typeof expected === 'number') {
    ok = res.status === expected;
    want = String(expected);
  } else {
    let type: unknown;
    try {
      type = (JSON.parse(text) as { type?: unknown }).type;
    } catch {
      type = undefined;
    }
    ok = res.status === expected.status && type === expected.type;
    want = `${expected.status} ${expected.type}`;
  }
  return ok ? null : `expected ${want}, got ${res.status} ${text.slice(0, 200)}`;
}

describe('the authorization matrix', () => {
  it('has an access rule for every API route, and a route for every rule and recipe', () => {
    expect(routes.length).toBeGreaterThan(40);
    const withoutRule = routes.filter((route) => ruleOf(route) === undefined);
    const stale = Object.keys(ROUTE_ACCESS).filter((route) => !routes.includes(route));
    const staleRecipes = Object.keys(RECIPES).filter((route) => !routes.includes(route));
    expect(
      { withoutRule, stale, staleRecipes },
      'Add every new route to ROUTE_ACCESS in server/http/route-access.ts (and a recipe here if it needs one)',
    ).toEqual({ withoutRule: [], stale: [], staleRecipes: [] });
    for (const rule of Object.values(ROUTE_ACCESS)) expect(ACCESS_RULES[rule]).toBeTruthy();
  });

  it('lets the outbox queue exactly the routes listed as replayable, each of them idempotent', () => {
    // A replayed request whose answer was lost is sent again: without the Idempotency-Key
    // middleware it would act twice (two messages, two invitations).
    const notIdempotent = REPLAYABLE_ROUTES.filter((route) => !idempotentRoutes.has(route));
    const missing = REPLAYABLE_ROUTES.filter((route) => !routes.includes(route));
    expect({ notIdempotent, missing }).toEqual({ notIdempotent: [], missing: [] });
    // And the outbox's check accepts each listed route and no other route of the app.
    const concrete = (route: string) => {
      const [method, path] = route.split(' ') as [string, string];
      return { method, path: path.replace(/:[A-Za-z]+/g, 'id-1') };
    };
    const accepted = routes.filter((route) => {
      const { method, path } = concrete(route);
      return isReplayable(method, path);
    });
    expect([...accepted].sort()).toEqual([...REPLAYABLE_ROUTES].sort());
    expect(isReplayable('DELETE', '/api/family/grants/..')).toBe(false);
    expect(isReplayable('POST', '/api/patients/p%2F1/messages')).toBe(false);
  });

  it('starts from the seven callers it names', () => {
    const reach = Object.fromEntries(
      CALLERS.map((name) => {
        const { account } = fx.callers[name];
        return [name, account ? accessTo(fx.t.deps, account, fx.targetPatientId) : 'no sign-in'];
      }),
    );
    expect(reach).toEqual({
      patient: 'self',
      fullProxy: 'full',
      billingProxy: 'billing',
      removedProxy: null,
      otherPatientProxy: null,
      anonymous: 'no sign-in',
      staff: null,
    });
    expect(accessTo(fx.t.deps, fx.callers.otherPatientProxy.account!, 'demo-partner-a')).toBe('full');
    expect(fx.callers.staff.account?.role).toBe('staff');
  });

  it.each(routes)('%s answers each caller as its rule says', async (route) => {
    const rule = ruleOf(route);
    if (!rule) throw new Error(`${route} has no access rule in server/http/route-access.ts`);
    const failures: string[] = [];
    for (const name of CALLERS) {
      const caller = fx.callers[name];
      const { res, recipe } = await send(route, caller);
      const failure = await verdict(res, recipe, EXPECTED[rule][name]);
      if (failure) failures.push(`${route} [${rule}] as ${name} (${caller.who}): ${failure}`);
    }
    expect(failures, failures.join('\n')).toEqual([]);
  });

  it('never accepts an authorization answer as "allowed"', () => {
    for (const [route, recipe] of Object.entries(RECIPES))
      for (const status of recipe.accepts?.statuses ?? [])
        expect([401, 403, 404], `${route} accepts ${status}`).not.toContain(status);
  });
});

/**
 * What an account that has not set up its security option yet gets from each rule: refused with
 * 403 security-option-required before anything else is looked at (whether it reaches the record,
 * is staff, owns the grant), or let in as the rule says, since those routes are how it sets one up
 * (or keeps its session). Null: the rule does not look at the caller's account.
 */
const WITHOUT_SECURITY_OPTION: Record<AccessRule, 'refused' | 'as-the-rule-says' | null> = {
  public: null,
  'guest-flow': null,
  'session-cookie': 'as-the-rule-says',
  account: 'as-the-rule-says',
  'account-step-up': 'as-the-rule-says',
  'account-with-security-option': 'refused',
  'personal-account': 'refused',
  'own-record': 'refused',
  'patient-record:clinical': 'refused',
  'patient-record:billing': 'refused',
  staff: 'refused',
  'record-owner': 'refused',
};

const SIGNED_IN = CALLERS.filter((name) => name !== 'anonymous');
const routesWhere = (keep: (rule: AccessRule) => boolean) =>
  routes.filter((route) => {
    const rule = ruleOf(route);
    return rule !== undefined && keep(rule);
  });

describe('an account that has not set up its security option yet', () => {
  const securityOptionRequired = { status: 403, type: PROBLEM_TYPES.securityOptionRequired };

  it.each(routesWhere((rule) => WITHOUT_SECURITY_OPTION[rule] !== null))(
    '%s refuses it first, or lets it in to set one up, as its rule says',
    async (route) => {
      const rule = ruleOf(route)!;
      const failures: string[] = [];
      for (const name of SIGNED_IN) {
        const caller = fx.callers[name];
        const expected =
          WITHOUT_SECURITY_OPTION[rule] === 'refused' ? securityOptionRequired : EXPECTED[rule][name];
        const failure = await withoutSecurityOption(fx.t, caller.account!.id, async () => {
          const { res, recipe } = await send(route, caller);
          return verdict(res, recipe, expected);
        });
        if (failure)
          failures.push(
            `${route} [${rule}] as ${name} (${caller.who}) without a security option: ${failure}`,
          );
      }
      expect(failures, failures.join('\n')).toEqual([]);
    },
  );
});

describe('a step-up route, the password not entered in the last minutes', () => {
  const signedInAWhileAgo: SessionOptions = {
    passwordJustEntered: false,
    signedInMinutesAgo: PASSWORD_CONFIRMATION_MINUTES + 1,
  };
  const passwordConfirmationRequired = { status: 403, type: PROBLEM_TYPES.passwordConfirmationRequired };

  it.each(routesWhere((rule) => rule === 'account-step-up'))(
    '%s asks an account with a security option to confirm its password, and one without none',
    async (route) => {
      const failures: string[] = [];
      for (const name of SIGNED_IN) {
        const caller = fx.callers[name];
        const withOption = await send(route, caller, signedInAWhileAgo);
        const refused = await verdict(withOption.res, withOption.recipe, passwordConfirmationRequired);
        if (refused) failures.push(`${route} as ${name} (${caller.who}), signed in a while ago: ${refused}`);
        // Setting the option up the first time needs no second password.
        const settingUp = await withoutSecurityOption(fx.t, caller.account!.id, async () => {
          const { res, recipe } = await send(route, caller, signedInAWhileAgo);
          return verdict(res, recipe, EXPECTED['account-step-up'][name]);
        });
        if (settingUp)
          failures.push(
            `${route} as ${name} (${caller.who}), signed in a while ago, no option yet: ${settingUp}`,
          );
      }
      expect(failures, failures.join('\n')).toEqual([]);
    },
  );
});

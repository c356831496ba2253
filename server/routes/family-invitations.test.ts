// "Invite Family Member" as patient and invitee notice it: a single-use link, a preview, access at
// once, links dead once used, cancelled or expired; a shared address's owner invites the other.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AccessGranted, FamilySettings, InvitationPreview, PendingInvitation } from '../../core/family';
import { DEMO_PRACTICE } from '../../core/practice';
import { RECORD_PROBLEM_TYPES } from '../../core/records';
import { call, createAccount, signedIn } from '../test-support/accounts';
import {
  activityOf,
  appFrom,
  DEMO_EMAIL,
  demoSignIn,
  demoTemplate,
  finishSetUp,
  invitationTokenIn,
  jsonOf,
  mailsSettle,
  peopleOf,
  problemOf,
} from '../test-support/family';
import { startTestSmtp, type TestSmtp } from '../test-support/smtp';
import type { TestApp } from '../test-support/test-app';

const PASSWORD = 'saffron tidal compass 64';
const ANA = { firstName: 'Ana', lastName: 'Ortiz', email: 'ana.ortiz@example.com' };

let smtp: TestSmtp;
let template: Buffer;
let t: TestApp;

beforeAll(async () => {
  smtp = await startTestSmtp();
  template = await demoTemplate();
});
afterAll(() => smtp.close());
beforeEach(async () => {
  t = await appFrom(template, { SMTP_URL: smtp.url, PUBLIC_URL: 'https://portal.example.org' });
});
afterEach(async () => {
  t.cleanup();
  await mailsSettle();
  smtp.takeAll();
});

// The portal's own origin, as the browser sends it (the CSRF guard compares it to PUBLIC_URL).
const ORIGIN = { origin: 'https://portal.example.org' };
const post = (path: string, body?: unknown, token?: string, headers: Record<string, string> = {}) =>
  call(t, 'POST', path, body, { token, headers: { ...ORIGIN, ...headers } });
const settingsOf = async (token: string) =>
  jsonOf<FamilySettings>(await call(t, 'GET', '/api/family', undefined, { token }));

async function invite(token: string, body: Record<string, unknown>) {
  return post('/api/family/invitations', body, token, { 'idempotency-key': crypto.randomUUID() });
}

describe('inviting a family member', () => {
  it('e-mails a single-use link; the invitee makes an account, accepts, and gets Billing only at once', async () => {
    const elena = await demoSignIn(t, 'elena');
    const res = await invite(elena, { ...ANA, relationship: 'sibling', access: 'billing' });
    const pending = await jsonOf<PendingInvitation>(res, 201);
    expect(pending).toMatchObject({
      displayName: 'Ana Ortiz',
      email: ANA.email,
      relationship: 'sibling',
      access: 'billing',
    });
    expect(Date.parse(pending.expiresAt) - t.clock.now().getTime()).toBe(14 * 24 * 3600_000);
    expect((await settingsOf(elena)).invitations).toEqual([pending]);

    const mail = await smtp.next(ANA.email, /invited/);
    expect(mail.text).toContain('Elena Núñez invited you, as their sibling, to Billing only access');
    expect(mail.text).toContain('https://portal.example.org/family/accept#token=');
    expect(mail.html).toContain('https://portal.example.org/family/accept#token=');
    expect(mail.subject).toContain(DEMO_PRACTICE.name);
    const token = invitationTokenIn(mail);
    // Stored only as a hash.
    expect(JSON.stringify(t.db.prepare('SELECT * FROM family_invitations').all())).not.toContain(token);

    // Before signing in, Ana sees who invites her and to what.
    const preview = await jsonOf<InvitationPreview>(await post('/api/family/invitations/check', { token }));
    expect(preview).toEqual({
      inviterName: 'Elena Núñez',
      access: 'billing',
      relationship: 'sibling',
      expiresAt: pending.expiresAt,
    });

    // Ana is not a patient and has no account: she makes one for the invited address.
    const session = await signedIn(
      await post('/api/family/invitations/account', {
        token,
        firstName: 'Ana',
        lastName: 'Ortiz',
        mobilePhone: '555-010-4455',
        password: PASSWORD,
        passwordAgain: PASSWORD,
      }),
    );
    expect(session.body.account).toMatchObject({ email: ANA.email, patientId: null });
    expect(session.body.needsSecurityOption).toBe(true);
    const early = await post('/api/family/invitations/accept', { token }, session.token);
    expect((await problemOf(early, 403)).type).toBe('/problems/security-option-required');
    await finishSetUp(t, session.token);

    const accepted = await jsonOf<AccessGranted>(
      await post('/api/family/invitations/accept', { token }, session.token),
    );
    expect(accepted).toEqual({
      status: 'access-granted',
      patientId: 'demo-rich-adult',
      displayName: 'Elena Núñez',
      access: 'billing',
    });
    expect((await peopleOf(t, session.token)).map((p) => [p.displayName, p.access])).toEqual([
      ['Elena Núñez', 'billing'],
    ]);
    const clinical = await call(t, 'GET', '/api/patients/demo-rich-adult/changes?since=0', undefined, {
      token: session.token,
    });
    expect((await problemOf(clinical, 403)).type).toBe(RECORD_PROBLEM_TYPES.billingOnlyAccess);

    // The link worked once.
    expect((await post('/api/family/invitations/check', { token })).status).toBe(410);
    expect((await post('/api/family/invitations/accept', { token }, session.token)).status).toBe(410);
    const settings = await settingsOf(elena);
    expect(settings.invitations).toEqual([]);
    expect(settings.grants).toEqual([
      expect.objectContaining({
        displayName: 'Ana Ortiz',
        level: 'billing',
        effective: 'billing',
        source: 'invitation',
      }),
    ]);
    const events = (await activityOf(t, elena)).filter((e) => e.action.startsWith('family-'));
    expect(events.map((e) => [e.action, e.addressee, e.actorName])).toEqual([
      ['family-invitation-accepted', 'Ana Ortiz', 'Ana Ortiz'],
      ['family-invitation-sent', 'Ana Ortiz', 'Elena Núñez'],
    ]);
  });

  it('lets whoever signs in with the link accept it, even under another address, but only once', async () => {
    const sam = await demoSignIn(t, 'sam');
    await jsonOf(await invite(sam, { ...ANA, relationship: 'other', access: 'full' }), 201);
    const token = invitationTokenIn(await smtp.next(ANA.email, /invited/));
    const harold = await demoSignIn(t, 'harold');
    const accepted = await jsonOf<AccessGranted>(
      await post('/api/family/invitations/accept', { token }, harold),
    );
    expect(accepted.access).toBe('full');
    expect((await peopleOf(t, harold)).map((p) => [p.displayName, p.access])).toEqual([
      ['Harold Lindqvist', 'self'],
      ['Sam Rivera', 'full'],
    ]);
    const jordan = await demoSignIn(t, 'jordan');
    expect((await post('/api/family/invitations/accept', { token }, jordan)).status).toBe(410);
  });

  it('shares one address the way the guide says: the owner invites the other person, whose login it is', async () => {
    // Sam and Jordan share jordan.lee@example.com; it is Jordan's login, so Sam cannot register with it.
    const sam = await demoSignIn(t, 'sam');
    await jsonOf(
      await invite(sam, {
        firstName: 'Jordan',
        lastName: 'Lee',
        email: DEMO_EMAIL.jordan,
        relationship: 'spouse',
        access: 'full',
      }),
      201,
    );
    const token = invitationTokenIn(await smtp.next(DEMO_EMAIL.jordan, /invited/));
    // The address has an account: the invitee signs in with it rather than making a second login.
    const second = await post('/api/family/invitations/account', {
      token,
      firstName: 'Jordan',
      lastName: 'Lee',
      mobilePhone: '555-010-4455',
      password: PASSWORD,
      passwordAgain: PASSWORD,
    });
    expect((await problemOf(second, 409)).detail).toMatch(/Sign in with it, then accept the invitation/);
    const jordan = await demoSignIn(t, 'jordan');
    await jsonOf(await post('/api/family/invitations/accept', { token }, jordan));
    expect((await peopleOf(t, jordan)).map((p) => [p.displayName, p.access, p.relationship])).toEqual([
      ['Jordan Lee', 'self', 'self'],
      ['Sam Rivera', 'full', 'spouse'],
    ]);
    const changes = await call(t, 'GET', '/api/patients/demo-partner-a/changes?since=0', undefined, {
      token: jordan,
    });
    expect(changes.status).toBe(200);
  });

  it('lets a teen invite a family member with Full access: from 13 that is the teen’s decision', async () => {
    const tobi = await demoSignIn(t, 'tobi');
    await jsonOf(await invite(tobi, { ...ANA, relationship: 'grandparent', access: 'full' }), 201);
    const token = invitationTokenIn(await smtp.next(ANA.email, /invited/));
    const elena = await demoSignIn(t, 'elena');
    expect(
      (await jsonOf<AccessGranted>(await post('/api/family/invitations/accept', { token }, elena))).access,
    ).toBe('full');
  });
});

describe('what an invitation cannot do', () => {
  it('refuses inviting one’s own address, accepting one’s own invitation, and sharing from an account with no record', async () => {
    const elena = await demoSignIn(t, 'elena');
    const self = await invite(elena, {
      ...ANA,
      email: 'Elena.Nunez@example.com',
      relationship: 'other',
      access: 'full',
    });
    expect((await problemOf(self, 422)).errors).toEqual({ 'body.email': 'This is your own e-mail address.' });

    await jsonOf(await invite(elena, { ...ANA, relationship: 'other', access: 'full' }), 201);
    const token = invitationTokenIn(await smtp.next(ANA.email, /invited/));
    const own = await post('/api/family/invitations/accept', { token }, elena);
    expect((await problemOf(own, 422)).title).toBe('This is your own invitation');

    // Ana's own account, which is not a patient's, has nothing to share.
    const hash = String(t.db.prepare('SELECT password_hash FROM accounts LIMIT 1').pluck().get());
    createAccount(t, { email: ANA.email, passwordHash: hash, recoveryCodes: ['abcd-efgh-jkmn'] });
    const ana = (
      await signedIn(await post('/api/auth/sign-in', { email: ANA.email, password: 'river stone lantern 7' }))
    ).token;
    expect(await settingsOf(ana)).toEqual({
      canShare: false,
      canGrantFull: false,
      grants: [],
      invitations: [],
      requests: [],
    });
    const nothing = await invite(ana, {
      firstName: 'X',
      lastName: 'Y',
      email: 'x@example.com',
      relationship: 'other',
      access: 'billing',
    });
    expect((await problemOf(nothing, 422)).type).toBe('/problems/nothing-to-share');
  });

  it('refuses an account for a child under 13, should one ever exist (COPPA)', async () => {
    const hash = String(t.db.prepare('SELECT password_hash FROM accounts LIMIT 1').pluck().get());
    createAccount(t, {
      email: 'amara@example.com',
      passwordHash: hash,
      patientId: 'demo-child-9',
      recoveryCodes: ['abcd-efgh-jkmn'],
    });
    const amara = (
      await signedIn(
        await post('/api/auth/sign-in', { email: 'amara@example.com', password: 'river stone lantern 7' }),
      )
    ).token;
    const res = await invite(amara, { ...ANA, relationship: 'other', access: 'billing' });
    expect((await problemOf(res, 422)).type).toBe('/problems/too-young');
  });

  it('stops working once the patient cancels it, and only the patient can cancel it', async () => {
    const elena = await demoSignIn(t, 'elena');
    const pending = await jsonOf<PendingInvitation>(
      await invite(elena, { ...ANA, relationship: 'other', access: 'full' }),
      201,
    );
    const token = invitationTokenIn(await smtp.next(ANA.email, /invited/));
    const sam = await demoSignIn(t, 'sam');
    expect(
      (
        await call(t, 'DELETE', `/api/family/invitations/${pending.id}`, undefined, {
          token: sam,
          headers: ORIGIN,
        })
      ).status,
    ).toBe(404);

    const key = crypto.randomUUID();
    const cancel = () =>
      call(t, 'DELETE', `/api/family/invitations/${pending.id}`, undefined, {
        token: elena,
        headers: { ...ORIGIN, 'idempotency-key': key },
      });
    expect((await cancel()).status).toBe(204);
    const replay = await cancel();
    expect(replay.status).toBe(204);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect((await settingsOf(elena)).invitations).toEqual([]);
    expect((await problemOf(await post('/api/family/invitations/check', { token }), 410)).detail).toMatch(
      /cancelled/,
    );
    const events = await activityOf(t, elena);
    expect(events[0]).toMatchObject({ action: 'family-invitation-cancelled', addressee: 'Ana Ortiz' });
  });

  it('expires after 14 days', async () => {
    const elena = await demoSignIn(t, 'elena');
    await jsonOf(await invite(elena, { ...ANA, relationship: 'other', access: 'full' }), 201);
    const token = invitationTokenIn(await smtp.next(ANA.email, /invited/));
    t.clock.advance(14 * 24 * 3600_000 - 60_000);
    expect((await post('/api/family/invitations/check', { token })).status).toBe(200);
    t.clock.advance(60_000);
    expect((await post('/api/family/invitations/check', { token })).status).toBe(410);
    const harold = await demoSignIn(t, 'harold');
    expect((await post('/api/family/invitations/accept', { token }, harold)).status).toBe(410);
  });

  it('answers an unknown link with 404 and a malformed one or a bad body with 422', async () => {
    const unknown = await post('/api/family/invitations/check', { token: 'A'.repeat(43) });
    expect((await problemOf(unknown, 404)).title).toBe('This invitation link is not valid');
    const malformed = await post('/api/family/invitations/check', { token: 'short' });
    expect((await problemOf(malformed, 422)).errors).toHaveProperty(['body.token']);
    const elena = await demoSignIn(t, 'elena');
    for (const [body, field] of [
      [{ ...ANA, relationship: 'other', access: 'everything' }, 'body.access'],
      [{ ...ANA, relationship: 'other' }, 'body.access'],
      [{ ...ANA, email: 'ana@', relationship: 'other', access: 'full' }, 'body.email'],
      [{ ...ANA, firstName: '', relationship: 'other', access: 'full' }, 'body.firstName'],
    ] as const) {
      const res = await invite(elena, body);
      expect(Object.keys((await problemOf(res, 422)).errors ?? {})).toContain(field);
    }
    expect(
      (await post('/api/family/invitations', { ...ANA, relationship: 'other', access: 'full' })).status,
    ).toBe(401);
  });
});

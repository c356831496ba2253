// The patient in charge and the age rules on their own, through the HTTP API with a moving clock:
// changes reach the next sync, a teen gives and takes back Full, 13th/18th birthdays and 29 February.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FamilyGrant, FamilySettings, PendingInvitation } from '../../core/family';
import { DEMO_PASSWORD } from '../services/demo/accounts';
import { runAgeWatch } from '../services/family/age-watch';
import { linkByPractice } from '../services/family/practice-links';
import { addPatient, call, createAccount } from '../test-support/accounts';
import {
  activityOf,
  appFrom,
  DEMO_EMAIL,
  type DemoName,
  demoSignIn,
  demoTemplate,
  invitationTokenIn,
  jsonOf,
  mailsSettle,
  peopleOf,
  problemOf,
  signIn,
} from '../test-support/family';
import { startTestSmtp, type TestSmtp } from '../test-support/smtp';
import type { TestApp } from '../test-support/test-app';

let smtp: TestSmtp;
let template: Buffer;
let t: TestApp;

beforeAll(async () => {
  smtp = await startTestSmtp();
  template = await demoTemplate();
});
afterAll(() => smtp.close());
beforeEach(async () => {
  t = await appFrom(template, { SMTP_URL: smtp.url });
});
afterEach(async () => {
  t.cleanup();
  await mailsSettle();
  smtp.takeAll();
});

const send = (method: string, path: string, token: string, body?: unknown) =>
  call(t, method, path, body, { token, headers: { 'idempotency-key': crypto.randomUUID() } });
const settingsOf = async (token: string) =>
  jsonOf<FamilySettings>(await call(t, 'GET', '/api/family', undefined, { token }));
const accessOf = async (token: string, patientId: string) =>
  (await peopleOf(t, token)).find((p) => p.patientId === patientId)?.access ?? 'none';
const changesStatus = async (token: string, patientId: string) =>
  (await call(t, 'GET', `/api/patients/${patientId}/changes?since=0&limit=5`, undefined, { token })).status;
const accountId = (email: string) =>
  String(t.db.prepare('SELECT id FROM accounts WHERE email = ?').pluck().get(email));

/** The patient invites a demo person, who accepts: a grant made through the API. */
async function invited(patientToken: string, who: DemoName, access: 'full' | 'billing'): Promise<string> {
  const res = await send('POST', '/api/family/invitations', patientToken, {
    firstName: 'Family',
    lastName: 'Member',
    email: DEMO_EMAIL[who],
    relationship: 'parent',
    access,
  });
  await jsonOf<PendingInvitation>(res, 201);
  const token = invitationTokenIn(await smtp.next(DEMO_EMAIL[who], /invited/));
  expect(
    (await send('POST', '/api/family/invitations/accept', await demoSignIn(t, who), { token })).status,
  ).toBe(200);
  const [grant] = (await settingsOf(patientToken)).grants.filter((g) => g.source === 'invitation').slice(-1);
  return grant!.id;
}

/** A patient with an account of their own (recovery code 'abcd-efgh-jkmn', the demo password). */
function patientWithAccount(id: string, given: string, birthDate: string) {
  addPatient(t, { id, given, family: 'Berg', birthDate, zip: '60902' });
  const hash = String(t.db.prepare('SELECT password_hash FROM accounts LIMIT 1').pluck().get());
  createAccount(t, {
    email: `${id}@example.com`,
    passwordHash: hash,
    patientId: id,
    recoveryCodes: ['abcd-efgh-jkmn'],
  });
  return () => signIn(t, `${id}@example.com`, DEMO_PASSWORD);
}

describe('the patient changes or removes access', () => {
  it('applies a level change and a removal at the family member’s next sync', async () => {
    const sam = await demoSignIn(t, 'sam');
    const grantId = await invited(sam, 'jordan', 'full');
    const jordan = await demoSignIn(t, 'jordan');
    expect(await changesStatus(jordan, 'demo-partner-a')).toBe(200);
    // The copy lands on Sam's history, with Jordan as the one who made it.
    const synced = t.db
      .prepare("SELECT account_id, actor_account_id FROM audit_events WHERE action = 'record-synced'")
      .all();
    expect(synced).toEqual([
      { account_id: accountId(DEMO_EMAIL.sam), actor_account_id: accountId(DEMO_EMAIL.jordan) },
    ]);

    const billing = await jsonOf<FamilyGrant>(
      await send('PATCH', `/api/family/grants/${grantId}`, sam, { access: 'billing' }),
    );
    expect(billing).toMatchObject({ id: grantId, level: 'billing', effective: 'billing' });
    expect(await accessOf(jordan, 'demo-partner-a')).toBe('billing');
    expect(await changesStatus(jordan, 'demo-partner-a')).toBe(403);

    await jsonOf(await send('PATCH', `/api/family/grants/${grantId}`, sam, { access: 'full' }));
    expect(await accessOf(jordan, 'demo-partner-a')).toBe('full');

    expect((await send('DELETE', `/api/family/grants/${grantId}`, sam)).status).toBe(204);
    expect((await peopleOf(t, jordan)).map((p) => p.patientId)).toEqual(['demo-partner-b']);
    expect(await changesStatus(jordan, 'demo-partner-a')).toBe(404);
    expect((await settingsOf(sam)).grants).toEqual([]);
    expect(t.db.prepare('SELECT ended_reason FROM proxy_access WHERE id = ?').pluck().get(grantId)).toBe(
      'removed-by-patient',
    );
    const events = (await activityOf(t, sam)).filter((e) => e.action.startsWith('family-'));
    expect(events.map((e) => [e.action, e.actorName])).toEqual([
      ['family-access-removed', 'Sam Rivera'],
      ['family-access-level-changed', 'Sam Rivera'],
      ['family-access-level-changed', 'Sam Rivera'],
      ['family-invitation-accepted', 'Jordan Lee'],
      ['family-invitation-sent', 'Sam Rivera'],
    ]);
  });

  it('lets only the patient manage their family access: a Full family member gets 403, anyone else 404', async () => {
    const sam = await demoSignIn(t, 'sam');
    const grantId = await invited(sam, 'jordan', 'full');
    const jordan = await demoSignIn(t, 'jordan');
    const harold = await demoSignIn(t, 'harold');
    const attempts: Array<[string, string, unknown]> = [
      ['PATCH', `/api/family/grants/${grantId}`, { access: 'billing' }],
      ['POST', `/api/family/grants/${grantId}/confirm`, undefined],
      ['DELETE', `/api/family/grants/${grantId}`, undefined],
    ];
    for (const [method, path, body] of attempts) {
      expect((await problemOf(await send(method, path, jordan, body), 403)).type).toBe(
        '/problems/not-the-patient',
      );
      expect((await problemOf(await send(method, path, harold, body), 404)).type).toBe('/problems/not-found');
    }
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-grant'])
      expect((await send('DELETE', `/api/family/grants/${id}`, sam)).status).toBe(404);
    // Jordan's own settings are about his own record.
    expect((await settingsOf(jordan)).grants).toEqual([]);
    expect(await accessOf(jordan, 'demo-partner-a')).toBe('full');

    const bad = await send('PATCH', `/api/family/grants/${grantId}`, sam, { access: 'everything' });
    expect(Object.keys((await problemOf(bad, 422)).errors ?? {})).toEqual(['body.access']);
    expect((await call(t, 'GET', '/api/family')).status).toBe(401);
  });
});

describe('a 15-year-old decides', () => {
  it('lets Tobi give his father Full access and take it back', async () => {
    const tobi = await demoSignIn(t, 'tobi');
    const daniel = await demoSignIn(t, 'daniel');
    const settings = await settingsOf(tobi);
    expect(settings).toMatchObject({ canShare: true, canGrantFull: true });
    expect(settings.grants).toEqual([
      expect.objectContaining({
        displayName: 'Daniel Okafor',
        relationship: 'parent',
        level: 'billing',
        effective: 'billing',
        source: 'guardian',
        needsAdultConfirmation: false,
      }),
    ]);
    const grantId = settings.grants[0]!.id;
    expect(await changesStatus(daniel, 'demo-teen-15')).toBe(403);

    const full = await jsonOf<FamilyGrant>(
      await send('PATCH', `/api/family/grants/${grantId}`, tobi, { access: 'full' }),
    );
    expect(full).toMatchObject({ level: 'full', effective: 'full' });
    expect(await accessOf(daniel, 'demo-teen-15')).toBe('full');
    expect(await changesStatus(daniel, 'demo-teen-15')).toBe(200);
    // Full access does not let the parent change the teen's choices.
    expect((await send('PATCH', `/api/family/grants/${grantId}`, daniel, { access: 'full' })).status).toBe(
      403,
    );

    await jsonOf(await send('PATCH', `/api/family/grants/${grantId}`, tobi, { access: 'billing' }));
    expect(await accessOf(daniel, 'demo-teen-15')).toBe('billing');
    expect(await changesStatus(daniel, 'demo-teen-15')).toBe(403);
    const events = (await activityOf(t, tobi)).filter((e) => e.action === 'family-access-level-changed');
    expect(events.map((e) => [e.addressee, e.actorName])).toEqual([
      ['Daniel Okafor', 'Tobi Okafor'],
      ['Daniel Okafor', 'Tobi Okafor'],
    ]);
    // Confirming is for adults.
    expect(
      (await problemOf(await send('POST', `/api/family/grants/${grantId}/confirm`, tobi), 422)).type,
    ).toBe('/problems/confirmation-not-needed');
  });
});

describe('the age rules, on their own', () => {
  it('drops a parent to Billing only on the 13th birthday in the practice’s time zone, and notes it in the history', async () => {
    addPatient(t, { id: 'zoe', given: 'Zoe', family: 'Okafor', birthDate: '2013-03-20', zip: '60902' });
    linkByPractice(t.deps, {
      accountId: accountId(DEMO_EMAIL.daniel),
      patientId: 'zoe',
      relationship: 'parent',
    });
    expect(await accessOf(await demoSignIn(t, 'daniel'), 'zoe')).toBe('full');
    expect(runAgeWatch(t.deps)).toBe(0);

    // 04:59 UTC on the 20th is still the 19th in Chicago (CDT, UTC-5).
    t.clock.set(new Date('2026-03-20T04:59:00Z'));
    expect(await accessOf(await demoSignIn(t, 'daniel'), 'zoe')).toBe('full');
    expect(runAgeWatch(t.deps)).toBe(0);
    t.clock.set(new Date('2026-03-20T05:00:00Z'));
    const daniel = await demoSignIn(t, 'daniel');
    expect(await accessOf(daniel, 'zoe')).toBe('billing');
    expect(await changesStatus(daniel, 'zoe')).toBe(403);
    expect(runAgeWatch(t.deps)).toBe(1);
    expect(runAgeWatch(t.deps)).toBe(0);

    // Now 13, Zoe may have an account: her history shows what happened without anyone signing in.
    const zoe = await (async () => {
      const hash = String(t.db.prepare('SELECT password_hash FROM accounts LIMIT 1').pluck().get());
      createAccount(t, {
        email: 'zoe@example.com',
        passwordHash: hash,
        patientId: 'zoe',
        recoveryCodes: ['abcd-efgh-jkmn'],
      });
      return signIn(t, 'zoe@example.com');
    })();
    const events = (await activityOf(t, zoe)).filter((e) => e.action.startsWith('family-'));
    expect(events.map((e) => [e.action, e.addressee, e.actorAccountId])).toEqual([
      ['family-access-changed', 'Daniel Okafor', null],
      ['family-access-granted', 'Daniel Okafor', null],
    ]);
    const [grant] = (await settingsOf(zoe)).grants;
    expect(grant).toMatchObject({ level: 'full', effective: 'billing', source: 'guardian' });
    // She chooses Full for her father herself.
    await jsonOf(await send('PATCH', `/api/family/grants/${grant!.id}`, zoe, { access: 'full' }));
    expect(await changesStatus(daniel, 'zoe')).toBe(200);
    expect(runAgeWatch(t.deps)).toBe(0);
  });

  it('ends access set up while a minor on the 18th birthday, until the adult confirms it', async () => {
    const lena = patientWithAccount('lena', 'Lena', '2008-04-01');
    const daniel = await invited(await lena(), 'daniel', 'full');
    linkByPractice(t.deps, {
      accountId: accountId(DEMO_EMAIL.jordan),
      patientId: 'lena',
      relationship: 'guardian',
    });
    expect(await accessOf(await demoSignIn(t, 'daniel'), 'lena')).toBe('full');
    expect(await accessOf(await demoSignIn(t, 'jordan'), 'lena')).toBe('billing');
    expect((await send('POST', `/api/family/grants/${daniel}/confirm`, await lena())).status).toBe(422);

    t.clock.set(new Date('2026-04-01T04:59:00Z'));
    expect(await accessOf(await demoSignIn(t, 'daniel'), 'lena')).toBe('full');
    t.clock.set(new Date('2026-04-01T05:00:00Z'));
    const danielToken = await demoSignIn(t, 'daniel');
    const jordanToken = await demoSignIn(t, 'jordan');
    expect(await accessOf(danielToken, 'lena')).toBe('none');
    expect(await changesStatus(danielToken, 'lena')).toBe(404);
    expect(await accessOf(jordanToken, 'lena')).toBe('none');
    expect(runAgeWatch(t.deps)).toBe(2);

    const lenaToken = await lena();
    const settings = await settingsOf(lenaToken);
    expect(settings.grants.map((g) => [g.displayName, g.effective, g.needsAdultConfirmation])).toEqual([
      ['Daniel Okafor', 'none', true],
      ['Jordan Lee', 'none', true],
    ]);
    const kept = await jsonOf<FamilyGrant>(
      await send('POST', `/api/family/grants/${daniel}/confirm`, lenaToken),
    );
    expect(kept).toMatchObject({ effective: 'full', needsAdultConfirmation: false });
    expect(await accessOf(danielToken, 'lena')).toBe('full');
    expect(await accessOf(jordanToken, 'lena')).toBe('none');
    // Choosing a level for the other one keeps it too: at 18 the patient decides.
    const jordanGrant = settings.grants[1]!.id;
    const chosen = await jsonOf<FamilyGrant>(
      await send('PATCH', `/api/family/grants/${jordanGrant}`, lenaToken, { access: 'billing' }),
    );
    expect(chosen).toMatchObject({ effective: 'billing', needsAdultConfirmation: false });
    expect(runAgeWatch(t.deps)).toBe(0);
    const events = (await activityOf(t, lenaToken)).filter((e) => e.action.startsWith('family-access-c'));
    expect(events.map((e) => [e.action, e.addressee])).toEqual([
      ['family-access-confirmed', 'Jordan Lee'],
      ['family-access-confirmed', 'Daniel Okafor'],
      ['family-access-changed', 'Jordan Lee'],
      ['family-access-changed', 'Daniel Okafor'],
    ]);
  });

  it('counts a 29 February birthday on 1 March in a common year', async () => {
    addPatient(t, { id: 'leap', given: 'Noor', family: 'Okafor', birthDate: '2016-02-29', zip: '60902' });
    linkByPractice(t.deps, {
      accountId: accountId(DEMO_EMAIL.daniel),
      patientId: 'leap',
      relationship: 'parent',
    });
    // 2029 is a common year: the 13th birthday is 1 March, which starts at 06:00 UTC in Chicago (CST).
    t.clock.set(new Date('2029-02-28T18:00:00Z'));
    expect(await accessOf(await demoSignIn(t, 'daniel'), 'leap')).toBe('full');
    t.clock.set(new Date('2029-03-01T05:59:00Z'));
    expect(await accessOf(await demoSignIn(t, 'daniel'), 'leap')).toBe('full');
    // Three years on, the demo children's birthdays changed other grants: count this patient's only.
    const noted = () =>
      t.db
        .prepare(
          "SELECT count(*) FROM audit_events WHERE action = 'family-access-changed' AND patient_id = 'leap'",
        )
        .pluck()
        .get();
    runAgeWatch(t.deps);
    expect(noted()).toBe(0);
    t.clock.set(new Date('2029-03-01T06:00:00Z'));
    expect(await accessOf(await demoSignIn(t, 'daniel'), 'leap')).toBe('billing');
    runAgeWatch(t.deps);
    expect(noted()).toBe(1);
  });
});

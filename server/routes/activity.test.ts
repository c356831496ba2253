// A patient's activity history as their family reads it (GET /api/patients/:id/activity): Full
// access gives everything the patient sees, which matters most for a child without an account, whose
// guardian links, birthday changes and copies are written to her record alone.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ActivityEvent } from '../../core/accounts';
import type { FamilySettings } from '../../core/family';
import { RECORD_PROBLEM_TYPES } from '../../core/records';
import { findAccountByEmail } from '../services/accounts/account-store';
import { newRecoveryCode } from '../services/accounts/recovery-codes';
import { createAudit } from '../services/audit/audit';
import { DEMO_PASSWORD } from '../services/demo/accounts';
import { runAgeWatch } from '../services/family/age-watch';
import { call, createAccount } from '../test-support/accounts';
import {
  activityOf,
  appFrom,
  DEMO_EMAIL,
  demoPerson,
  demoSignIn,
  demoTemplate,
  jsonOf,
  problemOf,
  signIn,
} from '../test-support/family';
import type { TestApp } from '../test-support/test-app';

const AMARA = demoPerson('child-9').patientId;
const DANIEL = demoPerson('parent').patientId;
const TOBI = demoPerson('teen-15').patientId;
const ELENA = demoPerson('rich-adult').patientId;

let template: Buffer;
let t: TestApp;

beforeAll(async () => {
  template = await demoTemplate();
});
beforeEach(async () => {
  t = await appFrom(template);
});
afterEach(() => t.cleanup());

const historyOf = async (patientId: string, token: string, query = '') =>
  (
    await jsonOf<{ events: ActivityEvent[] }>(
      await call(t, 'GET', `/api/patients/${patientId}/activity${query}`, undefined, { token }),
    )
  ).events;

/** Copies the record to the device, as the app's sync does: one 'record-synced' per ten minutes. */
async function sync(patientId: string, token: string) {
  const res = await call(t, 'GET', `/api/patients/${patientId}/changes?since=0&limit=5`, undefined, {
    token,
  });
  expect(res.status).toBe(200);
}

const auditRows = () => Number(t.db.prepare('SELECT count(*) FROM audit_events').pluck().get());

describe("a child's activity history", () => {
  it('shows her parent (Full access) the guardian link and who copied her record, and nothing of anyone else', async () => {
    const daniel = await demoSignIn(t, 'daniel');
    await sync(AMARA, daniel);
    // Events on other records: his look at Tobi's bills, Elena's own sign-in.
    expect((await call(t, 'GET', `/api/patients/${TOBI}/billing`, undefined, { token: daniel })).status).toBe(
      200,
    );
    await demoSignIn(t, 'elena');
    await sync(DANIEL, daniel);
    const rowsBefore = auditRows();

    const events = await historyOf(AMARA, daniel);
    expect(events.map((e) => [e.action, e.patientId, e.addressee, e.actorName])).toEqual([
      ['record-synced', AMARA, null, 'Daniel Okafor'],
      // The demo's conversation: Daniel wrote for Amara, the care team answered.
      ['message-answered', AMARA, null, 'Care team'],
      ['message-sent', AMARA, null, 'Daniel Okafor'],
      // The practice linked Daniel from the RelatedPerson in her record (no one signed in acted).
      ['family-access-granted', AMARA, 'Daniel Okafor', null],
    ]);
    expect(events[0]).toMatchObject({ device: 'Chrome on Android' });
    const danielId = findAccountByEmail(t.db, DEMO_EMAIL.daniel)!.id;
    expect(events[0]!.actorAccountId).toBe(danielId);
    // Reading the history writes nothing, however often.
    await historyOf(AMARA, daniel);
    expect(auditRows()).toBe(rowsBefore);
    expect(
      (await call(t, 'GET', `/api/patients/${AMARA}/activity`, undefined, { token: daniel })).headers.get(
        'cache-control',
      ),
    ).toBe('no-store');

    // Daniel's own history has the copy of Amara's record he made (his account did it); his record's
    // history, as a family member would read it, shows his record only.
    expect((await activityOf(t, daniel)).some((e) => e.patientId === AMARA)).toBe(true);
    const his = await historyOf(DANIEL, daniel);
    expect(his.length).toBeGreaterThan(0);
    expect(his.every((e) => e.patientId === DANIEL || e.patientId === null)).toBe(true);
    expect(his.map((e) => e.action)).toContain('sign-in');
  });

  it('keeps her 13th birthday on her record, shown to her and to whom she gives Full access', async () => {
    // Amara turns 13: the practice's link gives Billing only from that day.
    const birthday = demoPerson('child-9').birthDate.replace(/^\d{4}/, (y) => String(Number(y) + 13));
    t.clock.set(new Date(`${birthday}T18:00:00Z`));
    expect(runAgeWatch(t.deps)).toBeGreaterThan(0);
    const daniel = await demoSignIn(t, 'daniel');
    const refused = await problemOf(
      await call(t, 'GET', `/api/patients/${AMARA}/activity`, undefined, { token: daniel }),
      403,
    );
    expect(refused.type).toBe(RECORD_PROBLEM_TYPES.billingOnlyAccess);

    // She gets her own account (at the office, with an enrollment code) and sees what came before.
    const hash = findAccountByEmail(t.db, DEMO_EMAIL.daniel)!.password_hash;
    createAccount(t, {
      email: 'amara.okafor@example.com',
      passwordHash: hash,
      patientId: AMARA,
      recoveryCodes: [newRecoveryCode()],
    });
    const amara = await signIn(t, 'amara.okafor@example.com', DEMO_PASSWORD);
    const own = await historyOf(AMARA, amara);
    expect(own.map((e) => e.action)).toEqual([
      'sign-in',
      'family-access-changed',
      'message-answered',
      'message-sent',
      'family-access-granted',
    ]);
    expect(own.map((e) => e.action)).toEqual((await activityOf(t, amara)).map((e) => e.action));

    // She gives her father Full access; now he sees all of it, her sign-in included.
    const settings = await jsonOf<FamilySettings>(
      await call(t, 'GET', '/api/family', undefined, { token: amara }),
    );
    const grant = settings.grants.find((g) => g.displayName === 'Daniel Okafor')!;
    expect(
      (await call(t, 'PATCH', `/api/family/grants/${grant.id}`, { access: 'full' }, { token: amara })).status,
    ).toBe(200);
    const seen = await historyOf(AMARA, daniel);
    expect(seen.map((e) => e.action)).toEqual([
      'family-access-level-changed',
      'sign-in',
      'family-access-changed',
      'message-answered',
      'message-sent',
      'family-access-granted',
    ]);
    expect(seen.find((e) => e.action === 'family-access-changed')).toMatchObject({
      patientId: AMARA,
      addressee: 'Daniel Okafor',
      actorAccountId: null,
    });
    // Tobi turned 18 long before: Daniel's access to him ended, on Tobi's record, not Amara's.
    expect(seen.every((e) => e.patientId === AMARA || e.patientId === null)).toBe(true);
  });
});

describe('who may read a history', () => {
  it('refuses Billing only (403), answers everyone else like an unknown id (404), and asks for a sign-in', async () => {
    const daniel = await demoSignIn(t, 'daniel');
    const billing = await problemOf(
      await call(t, 'GET', `/api/patients/${TOBI}/activity`, undefined, { token: daniel }),
      403,
    );
    expect(billing.type).toBe(RECORD_PROBLEM_TYPES.billingOnlyAccess);

    const notHis = await problemOf(
      await call(t, 'GET', `/api/patients/${ELENA}/activity`, undefined, { token: daniel }),
      404,
    );
    for (const id of ['nobody-here', 'not_an_id', 'a'.repeat(65)])
      expect(
        await problemOf(
          await call(t, 'GET', `/api/patients/${id}/activity`, undefined, { token: daniel }),
          404,
        ),
      ).toEqual(notHis);
    // Elena reaches no child of the Okafors.
    const elena = await demoSignIn(t, 'elena');
    expect(
      await problemOf(
        await call(t, 'GET', `/api/patients/${AMARA}/activity`, undefined, { token: elena }),
        404,
      ),
    ).toEqual(notHis);

    const anonymous = await call(t, 'GET', `/api/patients/${AMARA}/activity`);
    expect((await problemOf(anonymous, 401)).type).toBe('/problems/sign-in-required');
  });
});

describe('dates and paging', () => {
  it('pages with `before` and filters by date exactly like /api/me/activity', async () => {
    // 250 events on Elena's record, one a day back from today: more than one page (200).
    const elenaId = findAccountByEmail(t.db, DEMO_EMAIL.elena)!.id;
    const start = t.clock.now().getTime();
    for (let i = 250; i > 0; i--) {
      const at = new Date(start - i * 86_400_000);
      createAudit(
        t.db,
        () => at,
      )({ action: 'record-viewed', accountId: elenaId, actorAccountId: elenaId, patientId: ELENA });
    }
    const elena = await demoSignIn(t, 'elena');
    const meQuery = async (query: string) =>
      (
        await jsonOf<{ events: ActivityEvent[] }>(
          await call(t, 'GET', `/api/me/activity${query}`, undefined, { token: elena }),
        )
      ).events;

    const first = await historyOf(ELENA, elena);
    expect(first).toHaveLength(200);
    expect(first).toEqual(await meQuery(''));
    const ids = first.map((e) => Number(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));

    const rest = await historyOf(ELENA, elena, `?before=${first.at(-1)!.id}`);
    expect(rest).toEqual(await meQuery(`?before=${first.at(-1)!.id}`));
    expect(rest.length).toBeGreaterThan(50);
    expect(Math.max(...rest.map((e) => Number(e.id)))).toBeLessThan(Number(first.at(-1)!.id));
    expect(await historyOf(ELENA, elena, `?before=${rest.at(-1)!.id}`)).toEqual([]);

    const day = new Date(start - 10 * 86_400_000).toISOString().slice(0, 10);
    const oneDay = await historyOf(ELENA, elena, `?from=${day}&to=${day}`);
    expect(oneDay.map((e) => e.action)).toEqual(['record-viewed']);
    expect(oneDay).toEqual(await meQuery(`?from=${day}&to=${day}`));
    const bad = await call(t, 'GET', `/api/patients/${ELENA}/activity?from=yesterday`, undefined, {
      token: elena,
    });
    expect(bad.status).toBe(422);
  });
});

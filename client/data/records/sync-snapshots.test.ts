// Billing statements and message threads copied with every sync, for reading offline: stored
// sealed, repainted only when they changed, and gone with the person's access.
import { afterEach, describe, expect, it } from 'vitest';
import { API } from '../../../core/api-paths';
import { billingPath } from '../../../core/billing';
import type { FamilySettings } from '../../../core/family';
import { messagesPath } from '../../../core/messages';
import { sharedDeviceDb } from '../device-db';
import { RECORDS_CHANGED_EVENT } from './records-events';
import { RecordsReader } from './records-reader';
import { syncRecords } from './sync-records';
import {
  CHILD,
  emptyBilling,
  FixtureApi,
  newAccountId,
  PEOPLE,
  problem,
  queueWaiting,
  SECRETS,
  SELF,
  testVault,
} from './test-support';
import type { RecordsVault } from './vault';

const vaults: RecordsVault[] = [];
async function openCache() {
  const vault = testVault();
  vaults.push(vault);
  return (await vault.openWithPassword(newAccountId(), 'pass phrase for tests')).cache;
}
afterEach(() => {
  for (const vault of vaults.splice(0)) vault.lock();
});

const owing = (cents: number) => ({
  ...emptyBilling(CHILD),
  balanceCents: cents,
  statements: [
    {
      id: 'eob-1',
      serviceDate: '2025-05-02',
      facility: 'Main office',
      billedBy: 'Dr. Example',
      insurer: 'Medicaid',
      currency: 'USD',
      chargedCents: 20_000,
      insurancePaidCents: 20_000 - cents,
      adjustmentCents: 0,
      patientPaidCents: 0,
      patientOwesCents: cents,
      status: 'processed' as const,
    },
  ],
});

const familyInvitation = {
  id: 'inv-1',
  displayName: `${SECRETS.givenName} Ortiz`,
  email: 'invitee@example.com',
  relationship: 'sibling',
  access: 'billing' as const,
  expiresAt: '2099-01-01T00:00:00Z',
};

describe('billing and messages copies', () => {
  it("keeps each person's statements on the device and repaints only when they changed", async () => {
    const cache = await openCache();
    const api = new FixtureApi(PEOPLE, { [SELF]: [], [CHILD]: [] });
    api.billing.set(CHILD, owing(2_500));
    expect((await syncRecords({ cache, fetch: api.fetch, events: new EventTarget() })).ok).toBe(true);
    const reader = new RecordsReader(cache);
    expect((await reader.snapshot(CHILD, 'billing'))?.value).toMatchObject({ balanceCents: 2_500 });

    const events = new EventTarget();
    const changed: string[][] = [];
    events.addEventListener(RECORDS_CHANGED_EVENT, (e) => changed.push((e as CustomEvent).detail.patientIds));
    // The same answers again (only asOf moves): nothing to repaint.
    api.billing.set(CHILD, { ...owing(2_500), asOf: new Date().toISOString() });
    await syncRecords({ cache, fetch: api.fetch, events });
    expect(changed).toEqual([]);

    api.billing.set(CHILD, owing(4_000));
    await syncRecords({ cache, fetch: api.fetch, events });
    expect(changed).toEqual([[CHILD]]);
    expect((await reader.snapshot(CHILD, 'billing'))?.value).toMatchObject({ balanceCents: 4_000 });
  });

  it("keeps the account holder's own Family access settings, asked for them only", async () => {
    const cache = await openCache();
    const api = new FixtureApi(PEOPLE, { [SELF]: [], [CHILD]: [] });
    api.family = { ...api.family, invitations: [familyInvitation] };
    expect((await syncRecords({ cache, fetch: api.fetch, events: new EventTarget() })).ok).toBe(true);
    expect(api.requests.filter((path) => path === API.family.settings)).toHaveLength(1);
    const reader = new RecordsReader(cache);
    expect((await reader.snapshot<FamilySettings>(SELF, 'family'))?.value.invitations).toEqual([
      familyInvitation,
    ]);
    expect(await reader.snapshot(CHILD, 'family')).toBeNull();
    expect(JSON.stringify(await cache.db.snapshots.toArray())).not.toContain(SECRETS.givenName);
  });

  it('drops the copy when the server says the person is out of reach, and keeps the rest', async () => {
    const cache = await openCache();
    const api = new FixtureApi(PEOPLE, { [SELF]: [], [CHILD]: [] });
    await syncRecords({ cache, fetch: api.fetch, events: new EventTarget() });
    api.fail = (path) => (path === messagesPath(CHILD) ? problem(404, 'Not found') : undefined);
    expect((await syncRecords({ cache, fetch: api.fetch, events: new EventTarget() })).ok).toBe(true);
    const reader = new RecordsReader(cache);
    expect(await reader.snapshot(CHILD, 'messages')).toBeNull();
    expect(await reader.snapshot(CHILD, 'billing')).not.toBeNull();
    expect(await reader.snapshot(SELF, 'messages')).not.toBeNull();
  });

  it('keeps the copies it has when the connection drops mid-way, and reports offline', async () => {
    const cache = await openCache();
    const api = new FixtureApi(PEOPLE, { [SELF]: [], [CHILD]: [] });
    api.billing.set(CHILD, owing(1_000));
    await syncRecords({ cache, fetch: api.fetch, events: new EventTarget() });
    api.fail = (path) => (path === billingPath(CHILD) ? { kind: 'offline' } : undefined);
    const result = await syncRecords({ cache, fetch: api.fetch, events: new EventTarget() });
    expect(result).toMatchObject({ ok: false, error: { kind: 'offline' } });
    expect((await new RecordsReader(cache).snapshot(CHILD, 'billing'))?.value).toMatchObject({
      balanceCents: 1_000,
    });
  });

  it('refuses a malformed answer without touching the copy already saved', async () => {
    const cache = await openCache();
    const api = new FixtureApi(PEOPLE, { [SELF]: [], [CHILD]: [] });
    api.billing.set(CHILD, owing(1_000));
    await syncRecords({ cache, fetch: api.fetch, events: new EventTarget() });
    api.fail = (path) =>
      path === billingPath(CHILD)
        ? { kind: 'ok', status: 200, data: { patientId: CHILD, statements: 'lots' } }
        : undefined;
    const result = await syncRecords({ cache, fetch: api.fetch, events: new EventTarget() });
    expect(result.ok).toBe(false);
    expect((await new RecordsReader(cache).snapshot(CHILD, 'billing'))?.value).toMatchObject({
      balanceCents: 1_000,
    });
  });

  it('deletes billing, messages and waiting messages of someone whose access ended', async () => {
    const cache = await openCache();
    const api = new FixtureApi(PEOPLE, { [SELF]: [], [CHILD]: [] });
    await syncRecords({ cache, fetch: api.fetch, events: new EventTarget() });
    const waiting = await queueWaiting(cache, {
      kind: 'message',
      topic: 'message',
      patientId: CHILD,
      content: {
        threadId: null,
        subject: 'medical-question',
        withName: 'Dr. Example',
        locationName: 'Main',
        body: 'Fever',
      },
    });
    api.people = [PEOPLE[0]!];
    await syncRecords({ cache, fetch: api.fetch, events: new EventTarget() });
    // Billing, messages, recipients and the account holder's own Family access settings.
    expect((await cache.db.snapshots.toArray()).map((row) => row.patientId)).toEqual([
      SELF,
      SELF,
      SELF,
      SELF,
    ]);
    // The readable copy left with the person; the request itself still goes, for the server to judge.
    expect((await sharedDeviceDb().outbox.get(waiting.id))?.copy).toBeUndefined();
  });

  it('deletes the copies of a Billing only member whose access ended, and re-fetches after a change of level', async () => {
    const cache = await openCache();
    const aunt = { ...PEOPLE[1]!, access: 'billing' as const };
    const api = new FixtureApi([PEOPLE[0]!, aunt], { [SELF]: [], [CHILD]: [] });
    api.billing.set(CHILD, owing(1_500));
    await syncRecords({ cache, fetch: api.fetch, events: new EventTarget() });
    const waiting = await queueWaiting(cache, {
      kind: 'message',
      topic: 'message',
      patientId: CHILD,
      content: {
        threadId: null,
        subject: 'billing-question',
        withName: 'Billing office',
        locationName: '',
        body: 'Why?',
      },
    });
    // Billing only → Full: the copies made under the old level go, and the sync fetches them again.
    api.people = [PEOPLE[0]!, PEOPLE[1]!];
    api.fail = (path) =>
      path.includes(CHILD) && !path.includes('/changes') ? { kind: 'offline' } : undefined;
    await syncRecords({ cache, fetch: api.fetch, events: new EventTarget() });
    expect((await cache.db.snapshots.toArray()).filter((row) => row.patientId === CHILD)).toEqual([]);
    // The readable copy left with the person; the request itself still goes, for the server to judge.
    expect((await sharedDeviceDb().outbox.get(waiting.id))?.copy).toBeUndefined();

    api.fail = () => undefined;
    api.people = [PEOPLE[0]!, aunt];
    await syncRecords({ cache, fetch: api.fetch, events: new EventTarget() });
    expect((await cache.db.snapshots.toArray()).filter((row) => row.patientId === CHILD)).toHaveLength(3);
    // Her access ends: nothing of hers stays, though she never had a record or cursor here.
    api.people = [PEOPLE[0]!];
    await syncRecords({ cache, fetch: api.fetch, events: new EventTarget() });
    // Billing, messages, recipients and the account holder's own Family access settings.
    expect((await cache.db.snapshots.toArray()).map((row) => row.patientId)).toEqual([
      SELF,
      SELF,
      SELF,
      SELF,
    ]);
  });
});

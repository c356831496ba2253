// Who reaches whose record: one's own, family access the practice or the patient set up, the
// drop to Billing only at 13 for a guardian link, and nothing once access ended or the record is gone.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import { createTestClock } from '../../test-support/test-app';
import { type AccountRow, EMPTY_PROFILE, insertAccount } from '../accounts/account-store';
import { buildDemoPractice } from '../demo';
import { ensureDemoFamilyAccess } from '../demo/family-access';
import { createResourceStore } from '../records/store';
import { openTestDb, type TestDb } from '../records/test-db';
import { endProxyAccess, linkGuardian, liveProxyAccess, ProxyLinkError } from './proxy-access';
import { accessTo, peopleInReach, type ReachDeps } from './reach';

let tdb: TestDb;
let deps: ReachDeps;
const clock = createTestClock(new Date('2026-06-15T12:00:00Z'));

beforeEach(() => {
  tdb = openTestDb();
  clock.set(new Date('2026-06-15T12:00:00Z'));
  deps = { db: tdb.db, config: loadConfig({}), now: clock.now };
});
afterEach(() => tdb.dispose());

function patient(id: string, given: string, family: string, birthDate?: string) {
  createResourceStore(tdb.db).put({
    resourceType: 'Patient',
    id,
    name: [
      { use: 'old', given: ['Former'], family: 'Name' },
      { use: 'official', given: given.split(' '), family },
    ],
    ...(birthDate ? { birthDate } : {}),
  });
}

function account(email: string, patientId: string | null, role: 'user' | 'staff' = 'user'): AccountRow {
  return insertAccount(
    tdb.db,
    {
      email,
      passwordHash: 'x',
      patientId,
      givenName: 'G',
      familyName: 'F',
      profile: EMPTY_PROFILE,
      role,
    },
    clock.now(),
  );
}

describe('people in reach', () => {
  it('puts the account’s own record first, then the people linked to it in the order they were linked', () => {
    patient('mum', 'Grace Ann', 'Mensah', '1988-02-01');
    patient('kid', 'Kofi', 'Mensah', '2019-09-09');
    patient('gran', 'Efua', 'Mensah', '1950-01-01');
    const mum = account('grace@example.com', 'mum');
    linkGuardian(
      tdb.db,
      { accountId: mum.id, patientId: 'kid', relationship: 'parent', level: 'full' },
      clock.now(),
    );
    clock.advance(1000);
    linkGuardian(
      tdb.db,
      { accountId: mum.id, patientId: 'gran', relationship: 'legal guardian', level: 'billing' },
      clock.now(),
    );
    expect(peopleInReach(deps, mum)).toEqual([
      {
        patientId: 'mum',
        displayName: 'Grace Ann Mensah',
        birthDate: '1988-02-01',
        access: 'self',
        relationship: 'self',
      },
      {
        patientId: 'kid',
        displayName: 'Kofi Mensah',
        birthDate: '2019-09-09',
        access: 'full',
        relationship: 'parent',
      },
      {
        patientId: 'gran',
        displayName: 'Efua Mensah',
        birthDate: '1950-01-01',
        access: 'billing',
        relationship: 'legal guardian',
      },
    ]);
    expect(accessTo(deps, mum, 'mum')).toBe('self');
    expect(accessTo(deps, mum, 'kid')).toBe('full');
    expect(accessTo(deps, mum, 'gran')).toBe('billing');
  });

  it('drops a guardian’s Full access to Billing only on the child’s 13th birthday, unless the teen granted Full', () => {
    patient('teen', 'Ama', 'Boateng', '2013-06-20');
    const dad = account('dad@example.com', null);
    linkGuardian(
      tdb.db,
      { accountId: dad.id, patientId: 'teen', relationship: 'parent', level: 'full' },
      clock.now(),
    );
    expect(accessTo(deps, dad, 'teen')).toBe('full');
    // Ages count in the practice's zone (America/Chicago): 04:00 UTC on the 20th is still the 19th there.
    clock.set(new Date('2026-06-20T04:00:00Z'));
    expect(accessTo(deps, dad, 'teen')).toBe('full');
    clock.set(new Date('2026-06-20T06:00:00Z'));
    expect(accessTo(deps, dad, 'teen')).toBe('billing');
    expect(peopleInReach(deps, dad).map((p) => p.access)).toEqual(['billing']);

    // The teen's own choice of Full (made from the 13th birthday on) gives Full again.
    const [row] = liveProxyAccess(tdb.db, dad.id);
    tdb.db
      .prepare("UPDATE proxy_access SET source = 'invitation', full_chosen_by_patient_at = ? WHERE id = ?")
      .run(clock.now().toISOString(), row?.id);
    expect(accessTo(deps, dad, 'teen')).toBe('full');
  });

  it('shows a guardian Billing only when the practice does not have the child’s exact birth date', () => {
    patient('no-date', 'Yaw', 'Asante');
    patient('year-only', 'Esi', 'Asante', '2020');
    const mum = account('mum@example.com', null);
    for (const id of ['no-date', 'year-only'])
      linkGuardian(
        tdb.db,
        { accountId: mum.id, patientId: id, relationship: 'parent', level: 'full' },
        clock.now(),
      );
    expect(peopleInReach(deps, mum).map((p) => [p.patientId, p.access, p.birthDate])).toEqual([
      ['no-date', 'billing', ''],
      ['year-only', 'billing', '2020'],
    ]);
  });

  it('reaches no one once access ended or the record was deleted at the practice', () => {
    patient('self', 'Ada', 'Obi', '1990-01-01');
    patient('kid', 'Chidi', 'Obi', '2020-01-01');
    const ada = account('ada@example.com', 'self');
    const { access } = linkGuardian(
      tdb.db,
      { accountId: ada.id, patientId: 'kid', relationship: 'parent', level: 'full' },
      clock.now(),
    );
    expect(endProxyAccess(tdb.db, access.id, 'removed-by-practice', clock.now())).toBe(true);
    expect(endProxyAccess(tdb.db, access.id, 'removed-by-practice', clock.now())).toBe(false);
    expect(accessTo(deps, ada, 'kid')).toBeNull();
    expect(peopleInReach(deps, ada).map((p) => p.patientId)).toEqual(['self']);

    createResourceStore(tdb.db).remove('Patient', 'self');
    expect(accessTo(deps, ada, 'self')).toBeNull();
    expect(peopleInReach(deps, ada)).toEqual([]);
  });

  it('gives staff no patient record, not even one linked to them', () => {
    patient('p1', 'Lena', 'Berg', '1980-01-01');
    const staff = account('staff@example.com', 'p1', 'staff');
    expect(peopleInReach(deps, staff)).toEqual([]);
    expect(accessTo(deps, staff, 'p1')).toBeNull();
    expect(() =>
      linkGuardian(
        tdb.db,
        { accountId: staff.id, patientId: 'p1', relationship: 'parent', level: 'full' },
        clock.now(),
      ),
    ).toThrow(ProxyLinkError);
  });

  it('answers ids that are not ids, or name no patient, with no access', () => {
    const someone = account('someone@example.com', null);
    for (const id of ['', 'has space', 'x'.repeat(65), '../etc', 'Observation/1', 'missing'])
      expect(accessTo(deps, someone, id)).toBeNull();
  });
});

describe('linking a guardian', () => {
  it('changes nothing when run twice, updates the level when asked, and refuses links that cannot be right', () => {
    patient('kid', 'Nia', 'Diallo', '2018-01-01');
    patient('own', 'Omar', 'Diallo', '1985-01-01');
    const omar = account('omar@example.com', 'own');
    const link = { accountId: omar.id, patientId: 'kid', relationship: 'parent', level: 'full' } as const;
    expect(linkGuardian(tdb.db, link, clock.now()).outcome).toBe('added');
    expect(linkGuardian(tdb.db, link, clock.now()).outcome).toBe('unchanged');
    expect(linkGuardian(tdb.db, { ...link, level: 'billing' }, clock.now()).outcome).toBe('changed');
    expect(liveProxyAccess(tdb.db, omar.id)).toHaveLength(1);
    expect(accessTo(deps, omar, 'kid')).toBe('billing');

    const refused = [
      { ...link, patientId: 'own' },
      { ...link, patientId: 'nobody' },
      { ...link, accountId: 'no-such-account' },
      { ...link, relationship: '  ' },
    ];
    for (const bad of refused) expect(() => linkGuardian(tdb.db, bad, clock.now())).toThrow(ProxyLinkError);
  });

  it('links the demo parent to his two children once, and does not bring back an access that was ended', () => {
    const { people, resources } = buildDemoPractice({ asOf: clock.now() });
    // The children's records name their father in a RelatedPerson, as an import would bring it.
    const store = createResourceStore(tdb.db);
    for (const r of resources)
      if (r.resourceType === 'Patient' || r.resourceType === 'RelatedPerson') store.put(r);
    const daniel = account('daniel.okafor@example.com', 'demo-parent');
    ensureDemoFamilyAccess(tdb.db, people, clock.now());
    ensureDemoFamilyAccess(tdb.db, people, clock.now());
    const rows = liveProxyAccess(tdb.db, daniel.id);
    expect(rows.map((r) => [r.patient_id, r.level, r.relationship, r.source])).toEqual([
      ['demo-child-9', 'full', 'parent', 'guardian'],
      ['demo-teen-15', 'billing', 'parent', 'guardian'],
    ]);
    endProxyAccess(tdb.db, rows[0]!.id, 'removed-by-practice', clock.now());
    ensureDemoFamilyAccess(tdb.db, people, clock.now());
    expect(peopleInReach(deps, daniel).map((p) => [p.displayName, p.access])).toEqual([
      ['Daniel Okafor', 'self'],
      ['Tobi Okafor', 'billing'],
    ]);
  });
});

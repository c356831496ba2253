// Pull sync of records to a device, as the people using the demo practice (and an imported
// Synthea patient) would notice it: whose records they reach, what arrives, what never does.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityEvent } from '../../core/accounts';
import { DEMO_PRACTICE } from '../../core/practice';
import {
  type ChangesPage,
  MAX_CHANGES_PAGE_SIZE,
  type PeopleResponse,
  RECORD_PROBLEM_TYPES,
  RECORD_TYPES,
  type RecordChange,
} from '../../core/records';
import { EMPTY_PROFILE, insertAccount } from '../services/accounts/account-store';
import { hashPassword } from '../services/accounts/password-hash';
import { ensureDemoPractice } from '../services/demo';
import { DEMO_PASSWORD, ensureDemoAccounts } from '../services/demo/accounts';
import { importBundle } from '../services/records/import-bundle';
import { createResourceStore, type FhirResource, type ResourceStore } from '../services/records/store';
import { call, createAccount, signedIn } from '../test-support/accounts';
import { createTestApp, type TestApp } from '../test-support/test-app';

const SYNTHEA = fileURLToPath(new URL('../../../shared/data/fhir/synthea-2024-wasee11', import.meta.url));
const SYNTHEA_TEEN = `${SYNTHEA}/teen-13y-M_Rich940_Schumm995.json`;
const SYNTHEA_EMAIL = 'rich.schumm@example.com';
const SYNTHEA_PASSWORD = 'amber willow compass 31';
const HIV_TEST = { system: 'http://loinc.org', code: '7917-8', display: 'HIV 1 Ab [Presence] in Serum' };

const EMAIL = {
  elena: 'elena.nunez@example.com',
  daniel: 'daniel.okafor@example.com',
  tobi: 'tobi.okafor@example.com',
  sam: 'sam.rivera@example.com',
  jordan: 'jordan.lee@example.com',
  harold: 'harold.lindqvist@example.com',
} as const;
type Person = keyof typeof EMAIL;

// Everyone reads one demo practice: seeding it and importing a Synthea patient once keeps the file quick.
// Tests that add resources use ids of their own and read only from their own cursor on.
let t: TestApp;
let store: ResourceStore;
let syntheaPatientId: string;

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(new Date('2026-03-10T15:00:00Z'));
  ensureDemoPractice(t.db, { asOf: t.clock.now() });
  await ensureDemoAccounts(t.db, t.clock.now());
  store = createResourceStore(t.db, t.clock.now);
  for (const file of ['hospitalInformation.json', 'practitionerInformation.json'])
    importBundle(t.db, readFileSync(`${SYNTHEA}/${file}`, 'utf8'), store);
  syntheaPatientId = importBundle(t.db, readFileSync(SYNTHEA_TEEN, 'utf8'), store).patientIds[0]!;
  // Sam (partner-a) has invited Jordan (partner-b) with Full access (family.test.ts runs the invitation flow).
  const jordan = t.db.prepare("SELECT id FROM accounts WHERE patient_id = 'demo-partner-b'").pluck().get();
  const at = t.clock.now().toISOString();
  t.db
    .prepare(
      `INSERT INTO proxy_access (id, patient_id, account_id, level, relationship, source, created_at, updated_at,
         full_chosen_by_patient_at)
       VALUES ('sam-invites-jordan', 'demo-partner-a', ?, 'full', 'spouse', 'invitation', ?, ?, ?)`,
    )
    .run(jordan, at, at, at);
  createAccount(t, {
    email: SYNTHEA_EMAIL,
    passwordHash: await hashPassword(SYNTHEA_PASSWORD),
    patientId: syntheaPatientId,
    recoveryCodes: ['r7pq-m2xz-9rtw'],
  });
});
afterAll(() => t.cleanup());

const tokens = new Map<string, { token: string; at: number }>();

/** A fresh access token for the person (signing in again once the test clock has moved on). */
async function tokenOf(who: Person | 'synthea'): Promise<string> {
  const cached = tokens.get(who);
  if (cached && t.clock.now().getTime() - cached.at < 5 * 60_000) return cached.token;
  const [email, password] =
    who === 'synthea' ? [SYNTHEA_EMAIL, SYNTHEA_PASSWORD] : [EMAIL[who], DEMO_PASSWORD];
  const { token } = await signedIn(await call(t, 'POST', '/api/auth/sign-in', { email, password }));
  tokens.set(who, { token, at: t.clock.now().getTime() });
  return token;
}

async function get(who: Person | 'synthea' | null, path: string, headers: Record<string, string> = {}) {
  return call(t, 'GET', path, undefined, { token: who ? await tokenOf(who) : undefined, headers });
}

async function page(who: Person | 'synthea', patientId: string, since = 0, limit?: number) {
  const query = `since=${since}${limit === undefined ? '' : `&limit=${limit}`}`;
  const res = await get(who, `/api/patients/${patientId}/changes?${query}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as ChangesPage;
}

/** Every page from `since` to the end, as a device would fetch them. */
async function walk(who: Person | 'synthea', patientId: string, since = 0, limit = MAX_CHANGES_PAGE_SIZE) {
  const pages: ChangesPage[] = [];
  let cursor = since;
  for (;;) {
    const next = await page(who, patientId, cursor, limit);
    pages.push(next);
    cursor = next.next;
    if (!next.more) return { pages, changes: pages.flatMap((p) => p.changes), cursor };
  }
}

const find = (changes: RecordChange[], type: string, id: string) =>
  changes.filter((c) => c.type === type && c.id === id).at(-1);

function observation(id: string, patientId: string, status: string, code = HIV_TEST): FhirResource {
  return {
    resourceType: 'Observation',
    id,
    status,
    category: [{ coding: [{ code: 'laboratory' }] }],
    code: { coding: [code], text: code.display },
    subject: { reference: `Patient/${patientId}` },
    effectiveDateTime: '2026-03-01T09:00:00-06:00',
    valueCodeableConcept: { text: 'Negative' },
  };
}

describe('the people list', () => {
  it('lists the parent first, then the children he may see, each with the access level he has', async () => {
    const res = await get('daniel', '/api/patients');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const { people } = (await res.json()) as PeopleResponse;
    expect(people).toEqual([
      {
        patientId: 'demo-parent',
        displayName: 'Daniel Okafor',
        birthDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        access: 'self',
        relationship: 'self',
      },
      expect.objectContaining({
        patientId: 'demo-child-9',
        displayName: 'Amara Okafor',
        access: 'full',
        relationship: 'parent',
      }),
      expect.objectContaining({
        patientId: 'demo-teen-15',
        displayName: 'Tobi Okafor',
        access: 'billing',
        relationship: 'parent',
      }),
    ]);
  });

  it('shows a patient without family access only themself', async () => {
    const { people } = (await (await get('tobi', '/api/patients')).json()) as PeopleResponse;
    expect(people.map((p) => [p.displayName, p.access])).toEqual([['Tobi Okafor', 'self']]);
  });

  it('shows practice staff no patient, and opens no record for them', async () => {
    const staff = insertAccount(
      t.db,
      {
        email: 'front.desk@example.com',
        passwordHash: await hashPassword('front desk staff only 8'),
        patientId: null,
        givenName: 'Front',
        familyName: 'Desk',
        profile: EMPTY_PROFILE,
        role: 'staff',
        securityOption: 'recovery-codes',
      },
      t.clock.now(),
    );
    expect(staff.role).toBe('staff');
    const { token } = await signedIn(
      await call(t, 'POST', '/api/auth/sign-in', {
        email: 'front.desk@example.com',
        password: 'front desk staff only 8',
      }),
    );
    const list = await call(t, 'GET', '/api/patients', undefined, { token });
    expect(((await list.json()) as PeopleResponse).people).toEqual([]);
    const changes = await call(t, 'GET', '/api/patients/demo-rich-adult/changes', undefined, { token });
    expect(changes.status).toBe(404);
  });
});

describe('syncing one’s own record', () => {
  it('gives the older adult his whole record (5,000+ observations) in full pages, and nothing more after that', async () => {
    const started = performance.now();
    const { pages, changes, cursor } = await walk('harold', 'demo-older-adult');
    const elapsed = performance.now() - started;
    const expected = Object.entries(store.countByType('demo-older-adult')).filter(([type]) =>
      (RECORD_TYPES as readonly string[]).includes(type),
    );
    const received: Record<string, number> = {};
    for (const change of changes) received[change.type] = (received[change.type] ?? 0) + 1;
    expect(received).toEqual(Object.fromEntries(expected));
    expect(received.Observation).toBeGreaterThanOrEqual(5000);
    expect(changes.every((c) => c.resource !== undefined && c.resource.id === c.id)).toBe(true);
    // Full pages until the last; the cursor only moves forward, and ends on the last change.
    expect(pages.slice(0, -1).every((p) => p.changes.length === MAX_CHANGES_PAGE_SIZE && p.more)).toBe(true);
    const seqs = changes.map((c) => c.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(cursor).toBe(seqs.at(-1));
    expect(pages.every((p, i) => i === 0 || p.since === pages[i - 1]?.next)).toBe(true);
    // The design's budget is 2 s on loopback for the whole record.
    expect(elapsed).toBeLessThan(2000);

    const again = await page('harold', 'demo-older-adult', cursor);
    expect(again).toMatchObject({ since: cursor, next: cursor, more: false, changes: [] });
  });

  it('walks a record in small pages to the same changes as in one page', async () => {
    const whole = await page('elena', 'demo-rich-adult', 0, MAX_CHANGES_PAGE_SIZE);
    expect(whole.more).toBe(false);
    const { pages, changes } = await walk('elena', 'demo-rich-adult', 0, 25);
    expect(pages.length).toBe(Math.ceil(whole.changes.length / 25));
    expect(pages.every((p) => p.changes.length <= 25)).toBe(true);
    expect(pages.map((p) => p.more)).toEqual(pages.map((_, i) => i < pages.length - 1));
    expect(pages.every((p) => p.next === (p.changes.at(-1)?.seq ?? p.since))).toBe(true);
    expect(changes).toEqual(whole.changes);
  });

  it('brings an imported Synthea patient every kind of record the bundle has, and none of the billing', async () => {
    const bundle = JSON.parse(readFileSync(SYNTHEA_TEEN, 'utf8')) as { entry: { resource: FhirResource }[] };
    const inBundle: Record<string, number> = {};
    for (const { resource } of bundle.entry)
      inBundle[resource.resourceType] = (inBundle[resource.resourceType] ?? 0) + 1;
    const { changes } = await walk('synthea', syntheaPatientId);
    const received: Record<string, number> = {};
    for (const change of changes) received[change.type] = (received[change.type] ?? 0) + 1;

    const recordTypes = Object.keys(inBundle).filter((type) =>
      (RECORD_TYPES as readonly string[]).includes(type),
    );
    expect(Object.keys(received).sort()).toEqual(recordTypes.sort());
    for (const type of recordTypes) expect(`${type} ${received[type]}`).toBe(`${type} ${inBundle[type]}`);
    for (const type of ['Claim', 'ExplanationOfBenefit', 'Provenance', 'SupplyDelivery'])
      expect(received[type], type).toBeUndefined();
    // Visits, care plans with the care team they name, devices and medicines given all travel.
    for (const type of [
      'Encounter',
      'CarePlan',
      'CareTeam',
      'Device',
      'MedicationAdministration',
      'ImagingStudy',
    ])
      expect(received[type], type).toBeGreaterThan(0);
    const teams = new Set(changes.filter((c) => c.type === 'CareTeam').map((c) => `CareTeam/${c.id}`));
    for (const plan of changes.filter((c) => c.type === 'CarePlan'))
      for (const ref of (plan.resource!.careTeam as { reference: string }[] | undefined) ?? [])
        expect(teams.has(ref.reference), ref.reference).toBe(true);
    expect(inBundle.Claim).toBeGreaterThan(0);

    // Names of the medicine and the prescriber travel with the prescription.
    const prescriptions = changes.filter((c) => c.type === 'MedicationRequest').map((c) => c.resource!);
    for (const prescription of prescriptions) {
      const medicine =
        (prescription.medicationReference as { display?: string } | undefined)?.display ??
        (prescription.medicationCodeableConcept as { text?: string }).text;
      expect(medicine).toMatch(/\w+ \d+/);
      expect((prescription.requester as { display: string }).display).toMatch(/^Dr\. /);
    }
    expect(prescriptions.some((p) => p.medicationReference !== undefined)).toBe(true);
  });
});

describe('what a device never keeps', () => {
  it('holds back a preliminary result and delivers it once it is final', async () => {
    const cursor = store.lastSeq();
    store.put(
      observation('elena-a1c-prelim', 'demo-rich-adult', 'preliminary', {
        system: 'http://loinc.org',
        code: '4548-4',
        display: 'Hemoglobin A1c',
      }),
    );
    const before = await page('elena', 'demo-rich-adult', cursor);
    expect(before.changes).toEqual([
      { type: 'Observation', id: 'elena-a1c-prelim', seq: cursor + 1, date: null },
    ]);
    expect(JSON.stringify(before)).not.toContain('Hemoglobin');

    store.put(
      observation('elena-a1c-prelim', 'demo-rich-adult', 'final', {
        system: 'http://loinc.org',
        code: '4548-4',
        display: 'Hemoglobin A1c',
      }),
    );
    const after = await page('elena', 'demo-rich-adult', before.next);
    expect(after.changes).toHaveLength(1);
    expect(after.changes[0]).toMatchObject({
      id: 'elena-a1c-prelim',
      date: '2026-03-01T09:00:00-06:00',
      resource: { status: 'final', code: { text: 'Hemoglobin A1c' } },
    });
    expect(after.more).toBe(false);
  });

  it('turns a record entered in error, or deleted at the practice, into a removal', async () => {
    const { changes: record } = await walk('elena', 'demo-rich-adult');
    const immunization = record.find((c) => c.type === 'Immunization')!;
    const condition = record.find((c) => c.type === 'Condition')!;
    const result = record.find((c) => c.type === 'Observation' && c.resource?.status === 'final')!;
    const cursor = store.lastSeq();

    store.remove('Immunization', immunization.id);
    store.put({
      ...(condition.resource as FhirResource),
      verificationStatus: { coding: [{ code: 'entered-in-error' }] },
    });
    store.put({ ...(result.resource as FhirResource), status: 'entered-in-error' });

    const { changes } = await walk('elena', 'demo-rich-adult', cursor);
    expect(changes.map(({ type, id, resource, date }) => ({ type, id, resource, date }))).toEqual([
      { type: 'Immunization', id: immunization.id, resource: undefined, date: null },
      { type: 'Condition', id: condition.id, resource: undefined, date: null },
      { type: 'Observation', id: result.id, resource: undefined, date: null },
    ]);
  });
});

describe('family access', () => {
  it('lets the parent of a 9-year-old sync her record, but not her HIV test or the report on it', async () => {
    const cursor = store.lastSeq();
    store.put(observation('amara-hiv', 'demo-child-9', 'final'));
    store.put({
      resourceType: 'DiagnosticReport',
      id: 'amara-hiv-report',
      status: 'final',
      code: { coding: [{ system: 'http://loinc.org', code: '24356-8', display: 'Urinalysis panel' }] },
      subject: { reference: 'Patient/demo-child-9' },
      effectiveDateTime: '2026-03-01T09:00:00-06:00',
      result: [{ reference: 'Observation/amara-hiv' }],
      conclusion: 'HIV antibody not detected.',
    });

    const { changes } = await walk('daniel', 'demo-child-9');
    expect(find(changes, 'Patient', 'demo-child-9')?.resource).toMatchObject({
      birthDate: expect.any(String),
    });
    expect(changes.filter((c) => c.type === 'Immunization' && c.resource).length).toBeGreaterThan(5);
    expect(find(changes, 'Observation', 'amara-hiv')).toEqual({
      type: 'Observation',
      id: 'amara-hiv',
      seq: cursor + 1,
      date: null,
    });
    expect(find(changes, 'DiagnosticReport', 'amara-hiv-report')?.resource).toBeUndefined();
    expect(JSON.stringify(changes)).not.toMatch(/HIV/);
  });

  it('shows a patient their own HIV test while the spouse they gave Full access does not get it', async () => {
    const cursor = store.lastSeq();
    store.put(observation('sam-hiv', 'demo-partner-a', 'final'));

    const own = await page('sam', 'demo-partner-a', cursor);
    expect(find(own.changes, 'Observation', 'sam-hiv')?.resource).toMatchObject({
      code: { text: HIV_TEST.display },
    });
    const spouse = await page('jordan', 'demo-partner-a', cursor);
    expect(find(spouse.changes, 'Observation', 'sam-hiv')).toEqual({
      type: 'Observation',
      id: 'sam-hiv',
      seq: cursor + 1,
      date: null,
    });
    // The spouse's device is told its rules differ, so a copy made under other rules is not reused.
    expect(spouse.view).not.toBe(own.view);
    const { people } = (await (await get('jordan', '/api/patients')).json()) as PeopleResponse;
    expect(people.map((p) => [p.displayName, p.access, p.relationship])).toEqual([
      ['Jordan Lee', 'self', 'self'],
      ['Sam Rivera', 'full', 'spouse'],
    ]);
  });

  it('refuses the 15-year-old’s health record to the parent with Billing only access', async () => {
    const res = await get('daniel', '/api/patients/demo-teen-15/changes?since=0');
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({
      type: RECORD_PROBLEM_TYPES.billingOnlyAccess,
      title: 'Billing only access does not include health records',
      status: 403,
    });
  });
});

describe('records out of reach', () => {
  it('answers someone else’s id, an unknown id and a malformed id with the same 404', async () => {
    const answers = await Promise.all(
      [
        'demo-rich-adult',
        'no-such-patient',
        'bad%20id!',
        '..%2F..%2Fetc',
        'x'.repeat(200),
        'demo-dr-okonkwo',
      ].map(async (id) => {
        const res = await get('daniel', `/api/patients/${id}/changes?since=0`);
        return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
      }),
    );
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(answers[0]?.status).toBe(404);
    expect(answers[0]?.type).toBe('application/problem+json');
  });

  it('asks for a sign-in before anything, and says nothing about the record', async () => {
    for (const path of [
      '/api/patients',
      '/api/patients/demo-rich-adult/changes',
      '/api/patients/nobody/changes',
    ]) {
      const res = await get(null, path);
      expect(res.status, path).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
    }
    const forged = await call(t, 'GET', '/api/patients', undefined, {
      token: 'eyJhbGciOiJub25lIn0.e30.forgedforgedforged',
    });
    expect(forged.status).toBe(401);
  });

  it.each([
    ['since=-1', 'query.since'],
    ['since=1.5', 'query.since'],
    ['since=abc', 'query.since'],
    ['since=1e3', 'query.since'],
    ['since=5abc', 'query.since'],
    ['since=%205', 'query.since'],
    ['since=99999999999999999999', 'query.since'],
    ['since=', 'query.since'],
    ['since=1&since=2', 'query.since'],
    ['limit=0', 'query.limit'],
    ['limit=1001', 'query.limit'],
    ['limit=2.5', 'query.limit'],
    ['limit=-5', 'query.limit'],
    ['limit=ten', 'query.limit'],
    ['since=0&cursor=5', 'query'],
  ])('refuses %s with a problem naming %s', async (query, field) => {
    const res = await get('elena', `/api/patients/demo-rich-adult/changes?${query}`);
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const problem = (await res.json()) as { errors: Record<string, string> };
    expect(Object.keys(problem.errors)).toEqual([field]);
  });
});

describe('on the wire', () => {
  it('sends pages gzipped when asked, never to be cached, with the same JSON inside', async () => {
    const path = '/api/patients/demo-rich-adult/changes?since=0&limit=200';
    const plain = await get('elena', path);
    const zipped = await get('elena', path, { 'accept-encoding': 'gzip, deflate, br' });
    expect(zipped.status).toBe(200);
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(zipped.headers.get('cache-control')).toBe('no-store');
    expect(plain.headers.get('cache-control')).toBe('no-store');
    const bytes = Buffer.from(await zipped.arrayBuffer());
    const text = await plain.text();
    expect(bytes.length).toBeLessThan(text.length / 4);
    expect(JSON.parse(gunzipSync(bytes).toString('utf8'))).toEqual(JSON.parse(text));
  });

  it('names the practitioner, office and practice a record points at, without syncing the directory', async () => {
    const cursor = store.lastSeq();
    store.put({
      resourceType: 'MedicationRequest',
      id: 'elena-new-prescription',
      status: 'active',
      intent: 'order',
      medicationCodeableConcept: { text: 'Metformin 500 MG Oral Tablet' },
      subject: { reference: 'Patient/demo-rich-adult' },
      authoredOn: '2026-03-09',
      requester: { reference: 'Practitioner/demo-dr-tanaka' },
      performer: { reference: 'Organization/demo-practice' },
      supportingInformation: [{ reference: 'Location/office-main' }, { reference: 'Location/nowhere' }],
    });
    const { changes } = await page('elena', 'demo-rich-adult', cursor);
    const prescription = find(changes, 'MedicationRequest', 'elena-new-prescription')?.resource;
    expect(prescription).toMatchObject({
      requester: { reference: 'Practitioner/demo-dr-tanaka', display: 'Dr. Yumi Tanaka' },
      performer: { display: DEMO_PRACTICE.name },
      supportingInformation: [
        {
          reference: 'Location/office-main',
          display: DEMO_PRACTICE.offices.find((o) => o.id === 'office-main')?.name,
        },
        { reference: 'Location/nowhere' },
      ],
    });
    // The stored record stays as the practice wrote it.
    expect(store.get('MedicationRequest', 'elena-new-prescription')?.resource.requester).toEqual({
      reference: 'Practitioner/demo-dr-tanaka',
    });
    // Demo encounters name the practice only by reference; the device gets its name.
    const { changes: record } = await walk('elena', 'demo-rich-adult');
    const encounter = record.find((c) => c.type === 'Encounter')?.resource;
    expect(encounter?.serviceProvider).toEqual({
      reference: 'Organization/demo-practice',
      display: DEMO_PRACTICE.name,
    });
  });
});

describe('the activity history', () => {
  it('notes one copy to a device for several quick pages, and the next one ten minutes later', async () => {
    t.clock.advance(24 * 3_600_000);
    const since = t.clock.now().toISOString();
    const synced = async (who: Person) => {
      const res = await get(who, '/api/me/activity');
      const { events } = (await res.json()) as { events: ActivityEvent[] };
      return events.filter((e) => e.action === 'record-synced' && e.at >= since);
    };

    await walk('tobi', 'demo-teen-15', 0, 20);
    t.clock.advance(3 * 60_000);
    const { cursor } = await walk('tobi', 'demo-teen-15', 0, 50);
    await page('tobi', 'demo-teen-15', cursor);
    const first = await synced('tobi');
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({
      patientId: 'demo-teen-15',
      actorName: 'Tobi Okafor',
      device: 'Chrome on Android',
      addressee: null,
    });

    // Nothing new to copy: nothing to note.
    t.clock.advance(11 * 60_000);
    await page('tobi', 'demo-teen-15', cursor);
    expect(await synced('tobi')).toHaveLength(1);
    await page('tobi', 'demo-teen-15', 0, 5);
    expect(await synced('tobi')).toHaveLength(2);
  });

  it('shows the patient when a family member copied their record, and who it was', async () => {
    t.clock.advance(24 * 3_600_000);
    const since = t.clock.now().toISOString();
    await page('jordan', 'demo-partner-a', 0, 10);
    const { events } = (await (await get('sam', '/api/me/activity')).json()) as { events: ActivityEvent[] };
    const copies = events.filter((e) => e.action === 'record-synced' && e.at >= since);
    expect(copies).toEqual([
      expect.objectContaining({ patientId: 'demo-partner-a', actorName: 'Jordan Lee' }),
    ]);
  });
});

describe('questionnaire scores and the rest of the record for family members', () => {
  const LOINC = 'http://loinc.org';
  const survey = (
    id: string,
    patientId: string,
    code: string,
    display: string,
    value: number,
  ): FhirResource => ({
    resourceType: 'Observation',
    id,
    status: 'final',
    category: [{ coding: [{ code: 'survey' }] }],
    code: { coding: [{ system: LOINC, code, display }], text: display },
    subject: { reference: `Patient/${patientId}` },
    effectiveDateTime: '2026-03-02T10:00:00-06:00',
    valueQuantity: { value, unit: '{score}' },
  });

  it('keeps a teen’s depression and anxiety scores from the parent the teen gave Full access, and gives them to the teen', async () => {
    // The imported Synthea teen (14 on the test clock) chose Full access for a parent.
    const parent = createAccount(t, {
      email: 'schumm.parent@example.com',
      passwordHash: await hashPassword(SYNTHEA_PASSWORD),
      recoveryCodes: ['k3vd-8pqz-2mfa'],
    });
    const at = t.clock.now().toISOString();
    t.db
      .prepare(
        `INSERT INTO proxy_access (id, patient_id, account_id, level, relationship, source, created_at, updated_at,
           full_chosen_by_patient_at)
         VALUES ('schumm-parent', ?, ?, 'full', 'parent', 'guardian', ?, ?, ?)`,
      )
      .run(syntheaPatientId, parent.id, at, at, at);
    const { token } = await signedIn(
      await call(t, 'POST', '/api/auth/sign-in', {
        email: 'schumm.parent@example.com',
        password: SYNTHEA_PASSWORD,
      }),
    );
    const people = (await (
      await call(t, 'GET', '/api/patients', undefined, { token })
    ).json()) as PeopleResponse;
    expect(people.people.find((p) => p.patientId === syntheaPatientId)?.access).toBe('full');

    const parentChanges: RecordChange[] = [];
    for (let since = 0; ; ) {
      const res = await call(
        t,
        'GET',
        `/api/patients/${syntheaPatientId}/changes?since=${since}&limit=1000`,
        undefined,
        {
          token,
        },
      );
      expect(res.status).toBe(200);
      const next = (await res.json()) as ChangesPage;
      parentChanges.push(...next.changes);
      since = next.next;
      if (!next.more) break;
    }
    const teen = (await walk('synthea', syntheaPatientId)).changes;

    const code = (c: RecordChange) =>
      ((c.resource?.code as { coding?: { code?: string }[] } | undefined)?.coding ?? []).map((x) => x.code);
    const scores = (changes: RecordChange[], loinc: string) =>
      changes.filter((c) => c.type === 'Observation' && c.resource && code(c).includes(loinc));
    // PHQ-9 modified for teens and GAD-7, from the bundle itself.
    for (const loinc of ['89204-2', '70274-6']) {
      expect(scores(teen, loinc).length, loinc).toBeGreaterThan(0);
      expect(scores(parentChanges, loinc), loinc).toEqual([]);
    }
    expect(JSON.stringify(parentChanges)).not.toMatch(/PHQ|GAD-7|anxiety disorder/i);
    // The removals keep the cursor moving and give away no date.
    const removed = parentChanges.filter((c) => c.type === 'Observation' && !c.resource);
    expect(removed.length).toBeGreaterThanOrEqual(2);
    for (const r of removed) expect(r.date).toBeNull();

    // Everything else the teen has reaches the parent: smoking status, visits, care plans and
    // the care team they name, devices, medicines given.
    expect(scores(parentChanges, '72166-2').length).toBe(scores(teen, '72166-2').length);
    for (const type of ['Encounter', 'CarePlan', 'CareTeam', 'Device', 'MedicationAdministration']) {
      const shown = (changes: RecordChange[]) => changes.filter((c) => c.type === type && c.resource).length;
      expect(shown(parentChanges), type).toBe(shown(teen));
      expect(shown(parentChanges), type).toBeGreaterThan(0);
    }
  });

  it('gives a patient their own AUDIT-C and PHQ-9 scores while the spouse with Full access gets neither', async () => {
    const cursor = store.lastSeq();
    store.put(survey('sam-audit-c', 'demo-partner-a', '75626-2', 'Total score [AUDIT-C]', 5));
    store.put(survey('sam-phq9', 'demo-partner-a', '44261-6', 'PHQ-9 total score', 11));
    store.put(survey('sam-prapare', 'demo-partner-a', '93025-5', 'PRAPARE', 0));
    store.put({
      ...survey('sam-mood-visit', 'demo-partner-a', '93025-5', 'Screening at the visit', 1),
      hasMember: [{ reference: 'Observation/sam-phq9' }],
    });
    store.put({
      resourceType: 'DiagnosticReport',
      id: 'sam-screening-report',
      status: 'final',
      code: { coding: [{ system: LOINC, code: '69730-0', display: 'Questionnaire document' }] },
      subject: { reference: 'Patient/demo-partner-a' },
      effectiveDateTime: '2026-03-02T10:00:00-06:00',
      result: [{ reference: 'Observation/sam-phq9' }],
    });

    const own = (await page('sam', 'demo-partner-a', cursor)).changes;
    expect(find(own, 'Observation', 'sam-audit-c')?.resource).toMatchObject({ valueQuantity: { value: 5 } });
    expect(find(own, 'Observation', 'sam-phq9')?.resource).toMatchObject({ valueQuantity: { value: 11 } });
    expect(find(own, 'DiagnosticReport', 'sam-screening-report')?.resource).toBeDefined();

    const spouse = (await page('jordan', 'demo-partner-a', cursor)).changes;
    for (const [type, id] of [
      ['Observation', 'sam-audit-c'],
      ['Observation', 'sam-phq9'],
      ['DiagnosticReport', 'sam-screening-report'],
      ['Observation', 'sam-mood-visit'],
    ] as const)
      expect(find(spouse, type, id), id).toEqual({ type, id, seq: expect.any(Number), date: null });
    // A questionnaire that is not on the sensitive list (social needs) reaches the spouse.
    expect(find(spouse, 'Observation', 'sam-prapare')?.resource).toBeDefined();
  });
});

// The demo practice: the same records on every run, the people the app's demo accounts use, and
// coded data a clinician would recognise.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { DEMO_PRACTICE } from '../../../core/practice';
import type { Db } from '../../db/database';
import { billingSummary } from '../billing/statements';
import { createResourceStore, type StoredResource } from '../records/store';
import { openTestDb, type TestDb } from '../records/test-db';
import { DEMO_PLANS, PENDING_DAYS } from './billing';
import { DEMO_SEED_META_KEY, type DemoPerson, ensureDemoPractice, seedDemoPractice } from './index';

const AS_OF = new Date('2026-11-24T15:30:00Z');

const opened: TestDb[] = [];
afterEach(() => {
  for (const t of opened.splice(0)) t.dispose();
});

function seeded(asOf = AS_OF): { db: Db; people: DemoPerson[] } {
  const t = openTestDb();
  opened.push(t);
  const result = seedDemoPractice(t.db, { asOf });
  return { db: t.db, people: result.people };
}

// Most tests only read the demo: they share one seeded database so the suite stays quick.
let shared: { t: TestDb; db: Db; people: DemoPerson[] } | undefined;
afterAll(() => shared?.t.dispose());

function sharedDemo(): { db: Db; people: DemoPerson[] } {
  if (!shared) {
    const t = openTestDb();
    shared = { t, db: t.db, people: seedDemoPractice(t.db, { asOf: AS_OF }).people };
  }
  return shared;
}

function dump(db: Db): unknown[] {
  return db
    .prepare('SELECT type, id, patient_id, date, seq, deleted, json FROM resources ORDER BY seq')
    .all();
}

function ageOn(birthDate: string, day: Date): number {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  const age = day.getUTCFullYear() - y;
  const beforeBirthday = day.getUTCMonth() + 1 < m || (day.getUTCMonth() + 1 === m && day.getUTCDate() < d);
  return beforeBirthday ? age - 1 : age;
}

function codings(value: unknown): { system: string; code: string; display?: string }[] {
  return (
    (value as { coding?: { system: string; code: string; display?: string }[] } | undefined)?.coding ?? []
  ).slice();
}

describe('demo practice', () => {
  it('is identical on every run for the same date', () => {
    const a = seeded();
    const b = seeded();
    expect(dump(a.db)).toEqual(dump(b.db));
    expect(a.people).toEqual(b.people);
  });

  it('stores the practice, its three offices and eight practitioners with specialties at an office', () => {
    const { db } = sharedDemo();
    const store = createResourceStore(db);
    expect(store.listShared('Organization').map((r) => r.resource.name)).toEqual([DEMO_PRACTICE.name]);
    expect(store.listShared('Location').map((r) => r.id)).toEqual([
      'office-lakeside',
      'office-main',
      'office-north',
    ]);
    expect(store.listShared('Practitioner')).toHaveLength(8);
    const roles = store.listShared('PractitionerRole');
    expect(roles).toHaveLength(8);
    for (const { resource } of roles) {
      expect(codings((resource.code as unknown[])[0])[0]?.system).toBe('http://nucc.org/provider-taxonomy');
      expect(codings((resource.specialty as unknown[])[0])[0]?.system).toBe('http://snomed.info/sct');
      const [location] = resource.location as { reference: string }[];
      expect(store.get('Location', location?.reference.split('/')[1] ?? '')).toBeDefined();
    }
  });

  it('gives each demo person the exact age the demo promises on the seed date', () => {
    const { people } = sharedDemo();
    const ages = Object.fromEntries(people.map((p) => [p.key, ageOn(p.birthDate, AS_OF)]));
    expect(ages).toEqual({
      'rich-adult': 46,
      parent: 41,
      'child-9': 9,
      'teen-15': 15,
      'partner-a': 34,
      'partner-b': 36,
      'older-adult': 78,
    });
    for (const p of people) {
      expect(p.age).toBe(ages[p.key]);
      if (p.email !== null) expect(p.email).toMatch(/@example\.com$/);
      expect(p.phone).toMatch(/^\(555\) /);
    }
  });

  it('keeps ages exact on a leap day too', () => {
    const leapDay = new Date('2028-02-29T12:00:00Z');
    const { people } = seeded(leapDay);
    expect(people.map((p) => ageOn(p.birthDate, leapDay))).toEqual([46, 41, 9, 15, 34, 36, 78]);
  });

  it('gives the rich adult current and past medicines, allergies, results, reports and letters', () => {
    const { db } = sharedDemo();
    const store = createResourceStore(db);
    const id = 'demo-rich-adult';
    const meds = store.listForPatient(id, 'MedicationRequest').map((r) => r.resource);
    expect(meds.some((m) => m.status === 'active')).toBe(true);
    expect(meds.some((m) => m.status !== 'active')).toBe(true);
    for (const m of meds) {
      expect(m.requester).toMatchObject({ reference: expect.stringMatching(/^Practitioner\//) });
      expect((m.dosageInstruction as { text: string }[])[0]?.text).toBeTruthy();
    }
    const allergies = store.listForPatient(id, 'AllergyIntolerance').map((r) => r.resource);
    const statuses = allergies.map((a) => codings(a.clinicalStatus)[0]?.code);
    expect(statuses).toContain('active');
    expect(statuses).toContain('resolved');
    for (const a of allergies)
      expect((a.reaction as { severity: string }[])[0]?.severity).toMatch(/mild|moderate|severe/);
    const labs = store.listForPatient(id, 'Observation').map((r) => r.resource);
    const flags = new Set(
      labs.flatMap((o) => ((o.interpretation as unknown[]) ?? []).map((i) => codings(i)[0]?.code)),
    );
    expect(flags).toEqual(new Set(['L', 'N', 'H']));
    const reports = store.listForPatient(id, 'DiagnosticReport').map((r) => r.resource);
    const categories = new Set(reports.map((r) => codings((r.category as unknown[])[0])[0]?.code));
    expect(categories).toEqual(new Set(['LAB', 'RAD']));
    expect(reports.every((r) => typeof r.conclusion === 'string')).toBe(true);
    const documents = store.listForPatient(id, 'DocumentReference').map((r) => r.resource);
    expect(documents.length).toBeGreaterThanOrEqual(3);
    const letter = documents.find((d) => d.description === 'Letter from endocrinology');
    const attachment = ((letter?.content ?? []) as { attachment: { contentType: string; data: string } }[])[0]
      ?.attachment;
    expect(attachment?.contentType).toMatch(/^text\/plain/);
    expect(Buffer.from(attachment?.data ?? '', 'base64').toString('utf8')).toContain('Ms. Núñez');
    for (const type of ['Condition', 'Immunization', 'Procedure', 'Encounter']) {
      expect(store.listForPatient(id, type).length, type).toBeGreaterThan(0);
    }
  });

  it('gives every patient a care team, the adults smoking status and a PHQ-9 and GAD-7 history, and plans with goals', () => {
    const { db } = sharedDemo();
    const store = createResourceStore(db);
    const of = (id: string, type: string) => store.listForPatient(id, type).map((r) => r.resource);
    const loinc = (o: Record<string, unknown>) => codings(o.code)[0]?.code;
    for (const key of [
      'rich-adult',
      'parent',
      'child-9',
      'teen-15',
      'partner-a',
      'partner-b',
      'older-adult',
    ]) {
      const id = `demo-${key}`;
      const [team] = of(id, 'CareTeam');
      const members = ((team?.participant ?? []) as { member: { reference: string } }[]).map(
        (p) => p.member.reference,
      );
      expect(members, key).toContain(`Patient/${id}`);
      expect(
        members.some((m) => m.startsWith('Practitioner/')),
        key,
      ).toBe(true);
      const observations = of(id, 'Observation');
      const smoking = observations.filter((o) => loinc(o) === '72166-2');
      if (key === 'child-9') expect(smoking).toEqual([]);
      else expect(smoking.length, key).toBeGreaterThan(0);
      if (key === 'teen-15')
        expect(observations.filter((o) => loinc(o) === '89204-2').length).toBeGreaterThan(1);
      if (['rich-adult', 'older-adult', 'parent', 'partner-a', 'partner-b'].includes(key))
        for (const code of ['44261-6', '70274-6'])
          expect(observations.filter((o) => loinc(o) === code).length, `${key} ${code}`).toBeGreaterThan(1);
    }
    // The rich adult's active hypertension plan names its goals and care team; an earlier one is done.
    const plans = of('demo-rich-adult', 'CarePlan');
    expect(plans.map((p) => p.status).sort()).toEqual(['active', 'completed']);
    const active = plans.find((p) => p.status === 'active')!;
    const goals = new Set(of('demo-rich-adult', 'Goal').map((g) => `Goal/${g.id}`));
    expect((active.goal as { reference: string }[]).every((g) => goals.has(g.reference))).toBe(true);
    expect(goals.size).toBe(2);
    expect((active.careTeam as { reference: string }[])[0]?.reference).toBe(
      `CareTeam/${of('demo-rich-adult', 'CareTeam')[0]?.id}`,
    );
    // One adult has an implant with its UDI; nobody else has a device.
    const [knee] = of('demo-older-adult', 'Device');
    expect(((knee?.udiCarrier ?? []) as { carrierHRF: string }[])[0]?.carrierHRF).toMatch(
      /^\(01\)00844588003288\(11\)\d{6}/,
    );
    expect(of('demo-rich-adult', 'Device')).toEqual([]);
  });

  it('gives the older adult ten years of data with over 5,000 observations', () => {
    const { db } = sharedDemo();
    const store = createResourceStore(db);
    const observations = store.listForPatient('demo-older-adult', 'Observation');
    expect(observations.length).toBeGreaterThanOrEqual(5000);
    const first = new Date(observations[0]?.date ?? '');
    const last = new Date(observations.at(-1)?.date ?? '');
    expect((last.getTime() - first.getTime()) / (365.25 * 86_400_000)).toBeGreaterThanOrEqual(10);
  });

  it('codes every observation in LOINC, every medicine in RxNorm and every vaccine in CVX, with displays', () => {
    const { db } = sharedDemo();
    const all = (type: string): StoredResource[] =>
      db
        .prepare<[string], { json: string }>('SELECT json FROM resources WHERE type = ?')
        .all(type)
        .map((r) => ({ resource: JSON.parse(r.json) }) as StoredResource);
    const check = (type: string, field: string, system: string) => {
      const resources = all(type);
      expect(resources.length, type).toBeGreaterThan(0);
      for (const { resource } of resources) {
        const [coding] = codings(resource[field]);
        expect(coding?.system, `${type}/${resource.id}`).toBe(system);
        expect(coding?.display, `${type}/${resource.id}`).toBeTruthy();
      }
    };
    check('Observation', 'code', 'http://loinc.org');
    check('MedicationRequest', 'medicationCodeableConcept', 'http://www.nlm.nih.gov/research/umls/rxnorm');
    check('Immunization', 'vaccineCode', 'http://hl7.org/fhir/sid/cvx');
    check('Condition', 'code', 'http://snomed.info/sct');
    check('Procedure', 'code', 'http://snomed.info/sct');
    for (const { resource } of all('Immunization')) {
      expect(resource).toMatchObject({
        lotNumber: expect.any(String),
        site: expect.any(Object),
        route: expect.any(Object),
      });
      expect(resource.manufacturer).toMatchObject({ display: expect.any(String) });
      expect(resource.performer).toHaveLength(1);
      expect(resource.location).toMatchObject({ reference: expect.stringMatching(/^Location\/office-/) });
    }
  });

  it('puts the couple at one home address', () => {
    const { db } = sharedDemo();
    const store = createResourceStore(db);
    const address = (id: string) => ((store.get('Patient', id)?.resource.address ?? []) as unknown[])[0];
    expect(address('demo-partner-a')).toEqual(address('demo-partner-b'));
    expect(address('demo-partner-a')).not.toEqual(address('demo-rich-adult'));
  });

  it('links both children to their parent, who is a patient too', () => {
    const { db } = sharedDemo();
    const store = createResourceStore(db);
    const parent = store.get('Patient', 'demo-parent')?.resource;
    const parentMrn = ((parent?.identifier ?? []) as { value: string }[])[0]?.value;
    const links = ((parent?.link ?? []) as { other: { reference: string } }[]).map((l) => l.other.reference);
    for (const child of ['demo-child-9', 'demo-teen-15']) {
      const [related] = store.listForPatient(child, 'RelatedPerson');
      expect(related?.resource.patient).toMatchObject({ reference: `Patient/${child}` });
      expect(related?.resource.identifier).toEqual([expect.objectContaining({ value: parentMrn })]);
      expect(
        store.findByIdentifier('RelatedPerson', 'urn:oid:2.16.840.1.113883.3.9999.1', parentMrn ?? ''),
      ).toBeDefined();
      expect(links).toContain(`RelatedPerson/${related?.id}`);
    }
  });

  it('bills every visit: a claim each, answered by the payer unless it is only weeks old', () => {
    const { db, people } = sharedDemo();
    const store = createResourceStore(db);
    for (const person of people) {
      const id = person.patientId;
      const visits = store.listForPatient(id, 'Encounter').map((r) => r.resource);
      const claims = store.listForPatient(id, 'Claim').map((r) => r.resource);
      const eobs = store.listForPatient(id, 'ExplanationOfBenefit').map((r) => r.resource);
      expect(claims, id).toHaveLength(visits.length);
      for (const visit of visits) {
        const start = (visit.period as { start: string }).start;
        const claim = claims.find((c) => (c.billablePeriod as { start: string }).start === start);
        expect(claim, visit.id).toBeDefined();
        const [office] = (claim?.item ?? []) as { net: { value: number; currency: string } }[];
        expect(office?.net.currency).toBe('USD');
        expect(office?.net.value).toBeGreaterThanOrEqual(120);
        expect(office?.net.value).toBeLessThanOrEqual(450);
        const eob = eobs.find((e) => (e.claim as { reference: string }).reference === `Claim/${claim?.id}`);
        // Whole calendar days from the visit to the seed date.
        const days = Math.round(
          (Date.parse(AS_OF.toISOString().slice(0, 10)) - Date.parse(start.slice(0, 10))) / 86_400_000,
        );
        expect(eob === undefined, `${visit.id}, ${days} days ago`).toBe(days <= PENDING_DAYS);
        if (eob) expect(eob.insurer).toEqual({ display: DEMO_PLANS[person.key].payer });
      }
    }
  });

  it('gives every demo patient statements: insurers pay most, the patient a share, a few still pending', () => {
    const { db, people } = sharedDemo();
    const deps = {
      store: createResourceStore(db),
      now: () => AS_OF,
      config: { practice: { timeZone: DEMO_PRACTICE.timeZone } },
    };
    const summaries = Object.fromEntries(people.map((p) => [p.key, billingSummary(deps, p.patientId)]));
    for (const [key, summary] of Object.entries(summaries)) {
      expect(summary.statements.length, key).toBeGreaterThan(0);
      expect(summary.balanceCents, key).toBe(
        summary.statements.reduce((sum, l) => sum + l.patientOwesCents, 0),
      );
      for (const line of summary.statements) {
        expect(line.facility, line.id).not.toBe('');
        expect(line.billedBy, line.id).not.toBe('');
        expect(line.insurancePaidCents + line.patientOwesCents).toBeLessThanOrEqual(line.chargedCents);
      }
    }
    const lines = Object.values(summaries).flatMap((s) => s.statements);
    const pending = lines.filter((l) => l.status === 'pending');
    expect(pending.length).toBeGreaterThanOrEqual(2);
    expect(pending.every((l) => l.patientOwesCents === 0 && l.insurancePaidCents === 0)).toBe(true);
    const insured = lines.filter((l) => l.status === 'processed' && l.insurer !== 'Self-pay');
    const charged = insured.reduce((sum, l) => sum + l.chargedCents, 0);
    const paid = insured.reduce((sum, l) => sum + l.insurancePaidCents, 0);
    expect(paid / charged).toBeGreaterThan(0.3);
    expect(insured.some((l) => l.patientOwesCents > 0)).toBe(true);
    // Jordan pays himself; the Okafors all carry a balance but Amara, whose latest visit waits.
    expect(new Set(summaries['partner-b']?.statements.map((l) => l.insurer))).toEqual(new Set(['Self-pay']));
    expect(summaries['partner-b']?.statements.every((l) => l.insurancePaidCents === 0)).toBe(true);
    expect(summaries.parent?.balanceCents).toBeGreaterThan(0);
    expect(summaries['teen-15']?.balanceCents).toBeGreaterThan(0);
    expect(summaries['child-9']?.statements[0]?.status).toBe('pending');
    expect(summaries['older-adult']?.statements.length).toBeGreaterThanOrEqual(40);
  });

  it('seeds once: a second start with the demo already present changes nothing', () => {
    const t = openTestDb();
    opened.push(t);
    expect(ensureDemoPractice(t.db, { asOf: AS_OF })).toBe(true);
    const before = dump(t.db);
    expect(ensureDemoPractice(t.db, { asOf: new Date('2027-01-01T00:00:00Z') })).toBe(false);
    expect(dump(t.db)).toEqual(before);
    expect(t.db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(DEMO_SEED_META_KEY)).toBe(
      '2026-11-24',
    );
  });
});

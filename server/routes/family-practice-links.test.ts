// The practice links parents and guardians with `npm run link-guardian` and from RelatedPerson in
// imported bundles (accounts existing at import time); what the parent then sees is the proof.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { endProxyAccess } from '../services/access/proxy-access';
import { hashPassword } from '../services/accounts/password-hash';
import { importBundle } from '../services/records/import-bundle';
import { addPatient, birthDateForAge, call, createAccount, signedIn } from '../test-support/accounts';
import { peopleOf } from '../test-support/family';
import { createTestApp, type TestApp } from '../test-support/test-app';

const PASSWORD = 'juniper harbor violin 27';
let t: TestApp;
let passwordHash: string;

beforeEach(async () => {
  t = await createTestApp();
  passwordHash ??= await hashPassword(PASSWORD);
  addPatient(t, {
    id: 'mum',
    given: 'Ines',
    family: 'Haddad',
    birthDate: birthDateForAge(t, 38),
    zip: '60901',
  });
  createAccount(t, {
    email: 'ines@example.com',
    passwordHash,
    patientId: 'mum',
    recoveryCodes: ['abcd-efgh-jkmn'],
  });
});
afterEach(() => t.cleanup());

async function inesSees() {
  const { token } = await signedIn(
    await call(t, 'POST', '/api/auth/sign-in', { email: 'ines@example.com', password: PASSWORD }),
  );
  return (await peopleOf(t, token)).map((p) => [p.patientId, p.access, p.relationship]);
}

async function linkGuardian(...args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'scripts/link-guardian.ts', '--', ...args],
      { env: { ...process.env, DATABASE_PATH: t.config.databasePath, LOG_LEVEL: 'silent' } },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('npm run link-guardian', () => {
  it('links a parent to a child under 13 with Full access, once, and to a teen with Billing only', async () => {
    addPatient(t, {
      id: 'kid',
      given: 'Sami',
      family: 'Haddad',
      birthDate: birthDateForAge(t, 8),
      zip: '60901',
    });
    addPatient(t, {
      id: 'teen',
      given: 'Lina',
      family: 'Haddad',
      birthDate: birthDateForAge(t, 14),
      zip: '60901',
    });
    const first = await linkGuardian('Ines@Example.com', 'kid');
    expect(first).toMatchObject({ code: 0 });
    expect(first.stdout).toContain('Linked Ines@Example.com (parent) to patient kid with Full access.');
    expect((await linkGuardian('ines@example.com', 'kid')).stdout).toMatch(
      /already has Full access .* nothing changed/,
    );

    const teen = await linkGuardian('ines@example.com', 'teen', 'guardian');
    expect(teen.code).toBe(0);
    expect(teen.stdout).toContain('with Billing only access');
    expect(teen.stdout).toMatch(/only the teen can give Full access/);
    expect(await inesSees()).toEqual([
      ['mum', 'self', 'self'],
      ['kid', 'full', 'parent'],
      ['teen', 'billing', 'guardian'],
    ]);
    // The child's history notes the practice's link.
    expect(
      t.db
        .prepare(
          "SELECT actor_account_id, addressee FROM audit_events WHERE action = 'family-access-granted' AND patient_id = 'kid'",
        )
        .all(),
    ).toEqual([{ actor_account_id: null, addressee: 'Test Person' }]);
  });

  it('refuses an adult patient, an unknown account or patient, and an unknown relationship, changing nothing', async () => {
    addPatient(t, {
      id: 'gran',
      given: 'Salma',
      family: 'Haddad',
      birthDate: birthDateForAge(t, 70),
      zip: '60901',
    });
    const adult = await linkGuardian('ines@example.com', 'gran');
    expect(adult.code).toBe(1);
    expect(adult.stderr).toMatch(/18 or older and decides about family access themself/);
    expect((await linkGuardian('nobody@example.com', 'gran')).stderr).toMatch(/no portal account/);
    expect((await linkGuardian('ines@example.com', 'no-such-patient')).stderr).toMatch(
      /no patient no-such-patient/,
    );
    const usage = await linkGuardian('ines@example.com', 'gran', 'neighbour');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/Usage: npm run link-guardian/);
    expect(t.db.prepare('SELECT count(*) FROM proxy_access').pluck().get()).toBe(0);
  });
});

function childBundle(id: string, age: number, related: Array<{ code: string; email: string }>) {
  return {
    resourceType: 'Bundle',
    type: 'collection',
    entry: [
      {
        fullUrl: `urn:uuid:${id}-patient`,
        resource: {
          resourceType: 'Patient',
          id,
          name: [{ use: 'official', given: ['Child'], family: 'Haddad' }],
          birthDate: birthDateForAge(t, age),
        },
      },
      ...related.map((r, i) => ({
        fullUrl: `urn:uuid:${id}-related-${i}`,
        resource: {
          resourceType: 'RelatedPerson',
          id: `${id}-related-${i}`,
          patient: { reference: `urn:uuid:${id}-patient` },
          relationship: [
            { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: r.code }] },
          ],
          telecom: [{ system: 'email', value: r.email }],
        },
      })),
    ],
  };
}

const importOf = (bundle: unknown) =>
  importBundle(t.db, bundle, undefined, { now: t.clock.now, timeZone: t.config.practice.timeZone });

describe('importing a bundle with RelatedPerson resources', () => {
  it('links the account of a young child’s mother, once, and never brings back an ended link', async () => {
    const bundle = childBundle('kid', 6, [
      { code: 'MTH', email: 'INES@example.com' },
      { code: 'MTH', email: 'not-an-account@example.com' },
      { code: 'NBOR', email: 'ines@example.com' },
    ]);
    expect(importOf(bundle).guardiansLinked).toBe(1);
    expect(await inesSees()).toEqual([
      ['mum', 'self', 'self'],
      ['kid', 'full', 'parent'],
    ]);
    expect(importOf(bundle).guardiansLinked).toBe(0);
    const [row] = t.db.prepare<[], { id: string }>('SELECT id FROM proxy_access').all();
    endProxyAccess(t.db, row!.id, 'removed-by-practice', t.clock.now());
    expect(importOf(bundle).guardiansLinked).toBe(0);
    expect(await inesSees()).toEqual([['mum', 'self', 'self']]);
  });

  it('links no one for a teen: from 13 the teen decides', async () => {
    expect(
      importOf(childBundle('teen', 15, [{ code: 'GUARD', email: 'ines@example.com' }])).guardiansLinked,
    ).toBe(0);
    expect(await inesSees()).toEqual([['mum', 'self', 'self']]);
  });

  it('links an account made after the import only when the bundle is imported again', async () => {
    const bundle = childBundle('kid', 4, [{ code: 'FTH', email: 'omar@example.com' }]);
    expect(importOf(bundle).guardiansLinked).toBe(0);
    createAccount(t, { email: 'omar@example.com', passwordHash });
    expect(importOf(bundle).guardiansLinked).toBe(1);
  });
});

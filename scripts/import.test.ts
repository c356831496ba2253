// `npm run import`: refuses a database that holds the demo practice, whose sign-ins (among them a
// staff account that reads every patient's messages) are published, unless --into-demo says so.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EMPTY_PROFILE, insertAccount } from '../server/services/accounts/account-store';
import { seedDemoPractice } from '../server/services/demo';
import { DEMO_STAFF } from '../server/services/demo/accounts';
import { openTestDb, type TestDb } from '../server/services/records/test-db';

let t: TestDb;
let dir: string;
let bundle: string;

beforeEach(() => {
  t = openTestDb();
  dir = mkdtempSync(join(tmpdir(), 'portal-import-'));
  bundle = join(dir, 'bundle.json');
  writeFileSync(
    bundle,
    JSON.stringify({
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        {
          fullUrl: 'urn:uuid:5d1c3c1e-7a51-4f43-9b8e-0c3f6f3f1a01',
          resource: {
            resourceType: 'Patient',
            id: 'import-test-patient',
            identifier: [{ system: 'https://ehr.example/mrn', value: 'MRN-4711' }],
            name: [{ use: 'official', family: 'Testperson', given: ['Ira'] }],
            birthDate: '1980-04-02',
          },
        },
      ],
    }),
  );
});
afterEach(() => {
  t.dispose();
  rmSync(dir, { recursive: true, force: true });
});

async function importer(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'scripts/import.ts', '--', ...args],
      { env: { ...process.env, DATABASE_PATH: t.path, SEED_DEMO: 'false', LOG_LEVEL: 'silent', ...env } },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const imported = () =>
  t.db
    .prepare("SELECT count(*) FROM resources WHERE type = 'Patient' AND id = ?")
    .pluck()
    .get('import-test-patient');
const resourceCount = () => t.db.prepare('SELECT count(*) FROM resources').pluck().get();

describe('npm run import and the demo practice', () => {
  it('imports into a database without the demo', async () => {
    const run = await importer([bundle]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('1 of 1 files imported');
    expect(run.stdout).not.toContain('SEED_DEMO is on');
    expect(imported()).toBe(1);
  });

  it('reminds that SEED_DEMO must be off on the database it imports into', async () => {
    const run = await importer([bundle], { SEED_DEMO: '' });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('start the portal on this database with SEED_DEMO=false');
  });

  it('refuses a database the demo was seeded into, says why and how to go on, and imports nothing', async () => {
    seedDemoPractice(t.db, { asOf: new Date('2026-03-10T12:00:00Z') });
    const before = resourceCount();
    const run = await importer([bundle]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`Refused: ${t.path} holds the demo practice. Nothing was imported.`);
    expect(run.stderr).toContain(
      `a staff account (${DEMO_STAFF.email}) that reads and answers every patient`,
    );
    expect(run.stderr).toContain('SEED_DEMO=false');
    expect(run.stderr).toContain('--into-demo');
    expect(resourceCount()).toBe(before);
    expect(imported()).toBe(0);
  });

  it('refuses a database that holds a demo sign-in even without the seed mark', async () => {
    insertAccount(
      t.db,
      {
        email: DEMO_STAFF.email,
        passwordHash: 'not-a-hash',
        patientId: null,
        givenName: DEMO_STAFF.givenName,
        familyName: '',
        role: 'staff',
        profile: EMPTY_PROFILE,
      },
      new Date(),
    );
    const run = await importer([bundle]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('holds the demo practice');
    expect(imported()).toBe(0);
  });

  it('imports test data into the demo with --into-demo', async () => {
    seedDemoPractice(t.db, { asOf: new Date('2026-03-10T12:00:00Z') });
    const run = await importer([bundle, '--into-demo']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('(the demo practice, as --into-demo asks)');
    expect(run.stdout).toContain('1 of 1 files imported');
    expect(imported()).toBe(1);
  });
});

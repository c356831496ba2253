// `npm start` as an operator meets it: the first start creates the database, keys and demo
// practice and prints where to go; bad configuration and a failing migration stop it clearly.
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startPortal } from './support/server';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'portal-start-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function runServer(script: string, env: Record<string, string>) {
  return spawnSync(process.execPath, [script], {
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
}

function tableNames(path: string): string[] {
  const db = new Database(path, { readonly: true });
  try {
    return db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all() as string[];
  } finally {
    db.close();
  }
}

describe('starting the server', () => {
  it('creates the database, private keys and the demo practice on first start, and prints the address', async () => {
    const server = await startPortal();
    try {
      expect(server.output()).toMatch(/Riverbend Family Health patient portal is running/);
      expect(server.output()).toMatch(/Open http:\/\/127\.0\.0\.1:\d+/);
      const health = await fetch(`${server.url}/api/health`);
      expect(await health.json()).toEqual({ status: 'ok', database: 'ok' });
      for (const key of ['token-signing.json', 'outbox-sealing.json', 'code-hmac.key']) {
        expect(statSync(join(server.dir, 'keys', key)).mode & 0o777).toBe(0o600);
      }
      const db = new Database(join(server.dir, 'portal.db'), { readonly: true });
      try {
        const patients = db
          .prepare("SELECT count(*) FROM resources WHERE type = 'Patient' AND deleted = 0")
          .pluck()
          .get();
        expect(patients).toBeGreaterThanOrEqual(7);
        expect(
          db.prepare("SELECT count(*) FROM resources WHERE type = 'Location'").pluck().get(),
        ).toBeGreaterThanOrEqual(3);
      } finally {
        db.close();
      }
    } finally {
      await server.stop();
    }
  });

  it('stops with a message naming a badly set variable', () => {
    const dir = tempDir();
    const result = runServer(resolve('dist-server/main.js'), {
      DATABASE_PATH: join(dir, 'portal.db'),
      PORT: 'eighty',
      PRACTICE_TIME_ZONE: 'Nowhere/Land',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('PORT');
    expect(result.stderr).toContain('PRACTICE_TIME_ZONE');
    expect(existsSync(join(dir, 'portal.db'))).toBe(false);
  });

  it('stops with a clear message when a migration fails, leaving the database as it was', async () => {
    const dir = tempDir();
    const databasePath = join(dir, 'portal.db');
    // Inside the project, so the copy still finds node_modules.
    mkdirSync(resolve('.test-output'), { recursive: true });
    const serverCopy = mkdtempSync(join(resolve('.test-output'), 'server-'));
    dirs.push(serverCopy);
    cpSync(resolve('dist-server'), serverCopy, { recursive: true });
    const first = await startPortal({
      script: join(serverCopy, 'main.js'),
      env: { DATABASE_PATH: databasePath, SEED_DEMO: 'false' },
    });
    await first.stop();
    const before = tableNames(databasePath);

    const migrations = join(serverCopy, 'migrations');
    const next = String(readdirSync(migrations).filter((f) => /^\d{3}_.*\.sql$/.test(f)).length + 1).padStart(
      3,
      '0',
    );
    writeFileSync(
      join(migrations, `${next}_broken.sql`),
      'CREATE TABLE half_done (x INTEGER);\nNOT VALID SQL;',
    );
    const result = runServer(join(serverCopy, 'main.js'), {
      DATABASE_PATH: databasePath,
      SEED_DEMO: 'false',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${next}_broken.sql`);
    expect(result.stderr).toMatch(/left exactly as it was/);
    expect(tableNames(databasePath)).toEqual(before);
  });
});

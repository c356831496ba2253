// Migrations apply once, in order, atomically; backups are consistent copies that can be restored.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupDatabase } from './backup';
import { type Db, openDatabase } from './database';
import { MigrationError, migrate, readMigrations } from './migrate';

let dir: string;
let db: Db;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'portal-db-'));
  db = openDatabase(join(dir, 'portal.db'));
});
afterEach(() => {
  if (db.open) db.close();
  rmSync(dir, { recursive: true, force: true });
});

function tables(database: Db): string[] {
  return database
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .pluck()
    .all() as string[];
}

describe('migrations', () => {
  it('opens the database in WAL mode with foreign keys enforced', () => {
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('applies every numbered migration once and records it', () => {
    const files = readMigrations().map((m) => m.file);
    expect(migrate(db)).toEqual(files);
    expect(migrate(db)).toEqual([]);
    const recorded = db.prepare('SELECT file FROM schema_migrations ORDER BY version').pluck().all();
    expect(recorded).toEqual(files);
    expect(tables(db)).toContain('resources');
  });

  it('leaves the database exactly as it was when a migration fails, and names the file', () => {
    migrate(db);
    const before = tables(db);
    const broken = [
      ...readMigrations(),
      {
        version: readMigrations().length + 1,
        file: '999_broken.sql',
        sql: 'CREATE TABLE half_done (x INTEGER);\nTHIS IS NOT SQL;',
      },
    ];
    expect(() => migrate(db, broken)).toThrow(MigrationError);
    expect(() => migrate(db, broken)).toThrow(/999_broken\.sql/);
    expect(tables(db)).toEqual(before);
    expect(db.prepare('SELECT count(*) FROM schema_migrations').pluck().get()).toBe(readMigrations().length);
  });

  it('refuses migration files with gaps in their numbering', () => {
    const gapDir = join(dir, 'migrations');
    mkdirSync(gapDir);
    writeFileSync(join(gapDir, '001_a.sql'), 'SELECT 1;');
    writeFileSync(join(gapDir, '003_c.sql'), 'SELECT 1;');
    expect(() => readMigrations(gapDir)).toThrow(/003_c\.sql/);
  });
});

describe('backup', () => {
  it('makes an online copy that restores and reads back', async () => {
    migrate(db);
    db.prepare("INSERT INTO meta (key, value) VALUES ('backup-test', 'kept')").run();
    const backupPath = join(dir, 'backups', 'copy.db');
    // The source stays open and writable during the copy, as the running server's would.
    await backupDatabase(db, backupPath);
    db.prepare("INSERT INTO meta (key, value) VALUES ('after-backup', 'not in copy')").run();
    db.close();

    // Restore as the README says: stop the server, copy the backup over DATABASE_PATH.
    const restoredPath = join(dir, 'restored.db');
    copyFileSync(backupPath, restoredPath);
    const restored = openDatabase(restoredPath);
    try {
      expect(restored.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(restored.prepare("SELECT value FROM meta WHERE key = 'backup-test'").pluck().get()).toBe('kept');
      expect(restored.prepare("SELECT count(*) FROM meta WHERE key = 'after-backup'").pluck().get()).toBe(0);
      expect(migrate(restored)).toEqual([]);
    } finally {
      restored.close();
    }
  });

  it('refuses to write the backup over the live database', async () => {
    await expect(backupDatabase(db, join(dir, 'portal.db'))).rejects.toThrow(/live database/);
  });
});

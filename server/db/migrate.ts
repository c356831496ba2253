// Applies the numbered SQL migrations in server/db/migrations, each in its own transaction.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './database';

const MIGRATION_FILE = /^(\d{3})_([a-z0-9_]+)\.sql$/;

/** Where the .sql files are: beside this module in source, copied beside the bundle in dist-server. */
export const DEFAULT_MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

export class MigrationError extends Error {
  constructor(
    readonly file: string,
    cause: unknown,
  ) {
    super(`Migration ${file} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'MigrationError';
  }
}

export interface Migration {
  version: number;
  file: string;
  sql: string;
}

export function readMigrations(dir: string = DEFAULT_MIGRATIONS_DIR): Migration[] {
  const migrations: Migration[] = [];
  for (const file of readdirSync(dir).sort()) {
    const match = MIGRATION_FILE.exec(file);
    if (!match) continue;
    migrations.push({ version: Number(match[1]), file, sql: readFileSync(join(dir, file), 'utf8') });
  }
  migrations.forEach((m, index) => {
    if (m.version !== index + 1)
      throw new Error(`Migrations must be numbered 001, 002, ... without gaps; found ${m.file}`);
  });
  return migrations;
}

/** Applies every migration not yet recorded; returns the files applied. Stops at the first failure. */
export function migrate(db: Db, migrations: Migration[] = readMigrations()): string[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    file TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const applied = new Set(
    db
      .prepare('SELECT version FROM schema_migrations')
      .pluck()
      .all()
      .map((v) => Number(v)),
  );
  const record = db.prepare('INSERT INTO schema_migrations (version, file, applied_at) VALUES (?, ?, ?)');
  const done: string[] = [];
  for (const migration of migrations) {
    if (applied.has(migration.version)) continue;
    // db.exec runs every statement of the file; the transaction makes a failure undo all of them.
    const apply = db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.version, migration.file, new Date().toISOString());
    });
    try {
      apply();
    } catch (error) {
      throw new MigrationError(migration.file, error);
    }
    done.push(migration.file);
  }
  return done;
}

// Opens a migrated SQLite file in a fresh temporary folder for the records and demo tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Db, openDatabase } from '../../db/database';
import { migrate } from '../../db/migrate';

export interface TestDb {
  db: Db;
  path: string;
  /** Closes the connection and deletes the folder. */
  dispose(): void;
}

export function openTestDb(): TestDb {
  const dir = mkdtempSync(join(tmpdir(), 'portal-records-'));
  const path = join(dir, 'portal.db');
  const db = openDatabase(path);
  migrate(db);
  return {
    db,
    path,
    dispose: () => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

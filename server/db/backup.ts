// Consistent online copy of the database: SQLite's backup API copies pages while the server keeps
// serving, so a copy taken mid-write is still a valid database.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Db } from './database';

export async function backupDatabase(db: Db, destination: string): Promise<{ path: string; pages: number }> {
  const path = resolve(destination);
  if (path === resolve(db.name)) throw new Error('The backup file must not be the live database itself.');
  mkdirSync(dirname(path), { recursive: true });
  let pages = 0;
  await db.backup(path, {
    progress: ({ totalPages }) => {
      pages = totalPages;
      return 200; // pages per step: small steps keep the server responsive during the copy
    },
  });
  return { path, pages };
}

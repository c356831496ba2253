// `npm run backup -- <file>`: copies the live database (DATABASE_PATH) to <file>, safely, while
// the server may be running. See the README for restoring.
import { existsSync } from 'node:fs';
import { loadConfig } from '../server/config';
import { backupDatabase } from '../server/db/backup';
import { openDatabase } from '../server/db/database';

const destination = process.argv[2];
if (!destination) {
  process.stderr.write('Usage: npm run backup -- <backup-file.db>\n');
  process.exit(2);
}
const config = loadConfig(process.env);
if (!existsSync(config.databasePath)) {
  process.stderr.write(
    `There is no database at ${config.databasePath} (DATABASE_PATH). Nothing to back up.\n`,
  );
  process.exit(1);
}
if (existsSync(destination)) {
  process.stderr.write(
    `${destination} already exists. Choose a new file name so no earlier backup is overwritten.\n`,
  );
  process.exit(1);
}
const db = openDatabase(config.databasePath);
try {
  const { path, pages } = await backupDatabase(db, destination);
  process.stdout.write(`Backed up ${config.databasePath} to ${path} (${pages} pages).\n`);
} finally {
  db.close();
}

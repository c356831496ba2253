// `npm run import -- <file-or-folder>`: imports FHIR R4 Bundles into the database at DATABASE_PATH.
// Prints counts and file names only, never names or other health information from the records.
// Refuses a database that holds the demo practice (its sign-ins are public) unless --into-demo.
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { loadConfig } from '../server/config';
import { openDatabase } from '../server/db/database';
import { migrate } from '../server/db/migrate';
import { DEMO_STAFF, holdsDemoPractice } from '../server/services/demo/accounts';
import { type FileImportResult, importPath } from '../server/services/records/import-files';

const INTO_DEMO = '--into-demo';

function main(args: string[]): number {
  const intoDemo = args.includes(INTO_DEMO);
  const paths = args.filter((arg) => arg !== '--' && arg !== INTO_DEMO);
  if (paths.length === 0) {
    console.error(
      `Usage: npm run import -- <bundle.json | folder> [more files or folders] [${INTO_DEMO}]\n` +
        `  ${INTO_DEMO}: import test data into a database that holds the demo practice, on purpose`,
    );
    return 2;
  }
  const missing = paths.filter((path) => !existsSync(path));
  if (missing.length > 0) {
    console.error(`Not found: ${missing.join(', ')}. Nothing was imported.`);
    return 1;
  }
  const config = loadConfig(process.env);
  const db = openDatabase(config.databasePath);
  try {
    migrate(db);
    const demo = holdsDemoPractice(db);
    if (demo && !intoDemo) {
      console.error(refusedDemo(config.databasePath));
      return 1;
    }
    console.log(
      `Importing into ${config.databasePath}${demo ? ' (the demo practice, as --into-demo asks)' : ''}`,
    );
    if (!demo && config.seedDemo)
      console.log(
        'SEED_DEMO is on (the default): start the portal on this database with SEED_DEMO=false, or start-up adds the demo practice and its published sign-ins to it.',
      );
    let failed = 0;
    let files = 0;
    for (const path of paths) {
      const results = importPath(db, path, print, { timeZone: config.practice.timeZone });
      files += results.length;
      failed += results.filter((r) => !r.ok).length;
    }
    if (files === 0) {
      console.error('No .json files found.');
      return 1;
    }
    console.log(`${files - failed} of ${files} files imported${failed > 0 ? `, ${failed} refused` : ''}.`);
    return failed > 0 ? 1 : 0;
  } finally {
    db.close();
  }
}

function refusedDemo(databasePath: string): string {
  return [
    `Refused: ${databasePath} holds the demo practice. Nothing was imported.`,
    'The demo sign-ins are published (printed at start and listed in the README, with one shared password),',
    `among them a staff account (${DEMO_STAFF.email}) that reads and answers every patient’s secure messages.`,
    'Records imported here would be within their reach.',
    '  Real records: start the portal on a new database with SEED_DEMO=false, e.g.',
    '    SEED_DEMO=false DATABASE_PATH=data/practice.db npm start',
    '  and import with the same variables:',
    '    SEED_DEMO=false DATABASE_PATH=data/practice.db npm run import -- <bundle.json | folder>',
    `  Test data into the demo, on purpose: run the import again with ${INTO_DEMO}.`,
  ].join('\n');
}

function print(result: FileImportResult): void {
  const name = relative(process.cwd(), result.file) || result.file;
  if (!result.ok) {
    console.error(`${name}: refused, nothing from this file was stored:`);
    for (const problem of result.problems) console.error(`  ${problem}`);
    return;
  }
  const r = result.report;
  const patients =
    r.patientIds.length > 0 ? `; patients ${r.patientsAdded} new, ${r.patientsMatched} matched` : '';
  const guardians = r.guardiansLinked > 0 ? `; ${r.guardiansLinked} parent or guardian accounts linked` : '';
  console.log(
    `${name}: ${r.added} added, ${r.changed} changed, ${r.unchanged} unchanged${patients}${guardians}`,
  );
  if (r.unresolvedReferences > 0) {
    console.log(
      `  ${r.unresolvedReferences} references kept unresolved, e.g. ${r.unresolvedSamples.join(', ')}`,
    );
    console.log('  (import the practitioner and hospital files first to resolve them)');
  }
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}

// `npm run import -- <file-or-folder>`: imports FHIR R4 Bundles into the database at DATABASE_PATH.
// Prints counts and file names only, never names or other health information from the records.
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { loadConfig } from '../server/config';
import { openDatabase } from '../server/db/database';
import { migrate } from '../server/db/migrate';
import { type FileImportResult, importPath } from '../server/services/records/import-files';

function main(args: string[]): number {
  const paths = args.filter((arg) => arg !== '--');
  if (paths.length === 0) {
    console.error('Usage: npm run import -- <bundle.json | folder> [more files or folders]');
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
    console.log(`Importing into ${config.databasePath}`);
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

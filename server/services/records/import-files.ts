// Imports bundle files from disk: one file, or every .json in a folder (and its subfolders), with
// files that hold no Patient (practice directories) first, so conditional references resolve.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../../db/database';
import { BundleImportError, type ImportOptions, type ImportReport, importBundle } from './import-bundle';
import { createResourceStore } from './store';

export type FileImportResult =
  | { file: string; ok: true; report: ImportReport }
  | { file: string; ok: false; problems: string[] };

const HOLDS_PATIENT = /"resourceType"\s*:\s*"Patient"/;

/** The bundle files under `path` in import order: directory files first, then by path. */
export function listBundleFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  const files = collectJson(path);
  const directoryFirst = files.map((file) => ({
    file,
    patients: HOLDS_PATIENT.test(readFileSync(file, 'utf8')),
  }));
  return [
    ...directoryFirst.filter((f) => !f.patients).map((f) => f.file),
    ...directoryFirst.filter((f) => f.patients).map((f) => f.file),
  ];
}

function collectJson(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...collectJson(full));
    else if (entry.isFile() && entry.name.toLowerCase().endsWith('.json')) found.push(full);
  }
  return found.sort();
}

/**
 * Imports each file in its own transaction: a malformed file is refused whole and reported, and
 * the others still import. `onResult` sees each result as it happens (for progress output).
 */
export function importPath(
  db: Db,
  path: string,
  onResult?: (result: FileImportResult) => void,
  options: ImportOptions = {},
): FileImportResult[] {
  const store = createResourceStore(db);
  const results: FileImportResult[] = [];
  for (const file of listBundleFiles(path)) {
    let result: FileImportResult;
    try {
      result = { file, ok: true, report: importBundle(db, readFileSync(file, 'utf8'), store, options) };
    } catch (error) {
      if (!(error instanceof BundleImportError)) throw error;
      result = { file, ok: false, problems: error.problems };
    }
    results.push(result);
    onResult?.(result);
  }
  return results;
}

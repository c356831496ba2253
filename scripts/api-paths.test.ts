// The API contract has one home in core/: paths in core/api-paths.ts, problem types in
// core/problem.ts. One written anywhere else in the app or the service worker would drift from
// the server unnoticed, so none may be.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function sourcesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourcesUnder(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('the API contract', () => {
  it('writes no /api/ path in the app or the service worker outside core/api-paths.ts', () => {
    const offenders = ['client', 'sw']
      .flatMap(sourcesUnder)
      .filter((file) => /['"`]\/api\//.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('names problem types only through PROBLEM_TYPES', () => {
    const offenders = ['client', 'sw']
      .flatMap(sourcesUnder)
      .filter((file) => /['"`]\/problems\//.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });
});

// `npm test`: type-check and lint, build, then every test runner (vitest, web-test-runner in
// Chromium, end-to-end journeys). Ends with one line "N passed, N failed" totalling all runners.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureTestTools } from './ensure-chromium';

const OUT = '.test-output';
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });

interface Counts {
  passed: number;
  failed: number;
}
const results: { runner: string; counts: Counts }[] = [];

function run(command: string, args: string[], env: Record<string, string> = {}): boolean {
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return null;
  }
}

/** A runner that crashed before reporting counts as one failure, so the total can't look green. */
function vitestCounts(file: string, ok: boolean): Counts {
  const report = readJson<{ numPassedTests: number; numFailedTests: number }>(file);
  if (!report) return { passed: 0, failed: 1 };
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests + (ok || report.numFailedTests > 0 ? 0 : 1),
  };
}

function step(runner: string, counts: Counts) {
  results.push({ runner, counts });
}

const toolsProblem = (() => {
  try {
    ensureTestTools();
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
})();

// Static checks: each is one pass or one failure in the totals.
for (const [name, args] of [
  ['typecheck: client and core', ['tsc', '-p', 'tsconfig.json']],
  ['typecheck: server', ['tsc', '-p', 'server/tsconfig.json']],
  ['typecheck: service worker', ['tsc', '-p', 'sw/tsconfig.json']],
  ['typecheck: tests and scripts', ['tsc', '-p', 'tests/tsconfig.json']],
  ['lint and format (biome)', ['biome', 'check', '.']],
] as const) {
  process.stdout.write(`\n> ${name}\n`);
  const ok = run('npx', [...args]);
  step(name, ok ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 });
}

process.stdout.write('\n> vitest (core, server, client data)\n');
const unitFile = join(OUT, 'vitest.json');
const unitOk = run('npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${unitFile}`,
]);
step('vitest', vitestCounts(unitFile, unitOk));

process.stdout.write('\n> build\n');
const built = run('npm', ['run', 'build']);
step('build', built ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 });

if (toolsProblem) {
  process.stderr.write(`\n${toolsProblem}\n`);
  step('browser tests', { passed: 0, failed: 1 });
} else {
  process.stdout.write('\n> web-test-runner (components in Chromium)\n');
  const wtrFile = join(OUT, 'wtr.json');
  const wtrOk = run('npx', ['wtr'], { WTR_COUNTS_FILE: wtrFile });
  const wtr = readJson<Counts>(wtrFile);
  step(
    'web-test-runner',
    wtr
      ? { passed: wtr.passed, failed: wtr.failed + (wtrOk || wtr.failed > 0 ? 0 : 1) }
      : { passed: 0, failed: 1 },
  );

  if (built) {
    process.stdout.write('\n> end-to-end journeys (Chromium against the real server)\n');
    const e2eFile = join(OUT, 'e2e.json');
    const e2eOk = run('npx', [
      'vitest',
      'run',
      '--config',
      'tests/e2e/vitest.config.ts',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${e2eFile}`,
    ]);
    step('end-to-end', vitestCounts(e2eFile, e2eOk));
  } else {
    step('end-to-end', { passed: 0, failed: 1 });
  }
}

process.stdout.write('\nSummary\n');
for (const { runner, counts } of results) {
  process.stdout.write(`  ${runner.padEnd(30)} ${counts.passed} passed, ${counts.failed} failed\n`);
}
const passed = results.reduce((sum, r) => sum + r.counts.passed, 0);
const failed = results.reduce((sum, r) => sum + r.counts.failed, 0);
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);

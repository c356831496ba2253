// Component tests in a real Chromium (Debian's /usr/bin/chromium). Besides the default report,
// writes {"passed":N,"failed":N} to $WTR_COUNTS_FILE so scripts/test.ts can print one totals line.
import { writeFileSync } from 'node:fs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import chromiumFlags from './scripts/chromium.json' with { type: 'json' };

/** Counts tests in a suite tree; skipped tests count as neither passed nor failed. */
function countSuite(suite, counts) {
  for (const test of suite.tests ?? []) {
    if (test.skipped) continue;
    if (test.passed) counts.passed += 1;
    else counts.failed += 1;
  }
  for (const child of suite.suites ?? []) countSuite(child, counts);
}

function hasTests(suite) {
  return (suite?.tests?.length ?? 0) > 0 || (suite?.suites ?? []).some(hasTests);
}

function countsReporter() {
  return {
    onTestRunFinished({ sessions }) {
      const file = process.env.WTR_COUNTS_FILE;
      if (!file) return;
      const counts = { passed: 0, failed: 0 };
      for (const session of sessions) {
        if (session.testResults) countSuite(session.testResults, counts);
        // A file that failed to load or threw outside a test has errors but no test results.
        const errored = !session.passed && (session.errors?.length ?? 0) > 0;
        if (errored && !hasTests(session.testResults)) counts.failed += 1;
      }
      writeFileSync(file, JSON.stringify(counts));
    },
  };
}

export default {
  files: ['client/**/*.browser.test.ts'],
  nodeResolve: true,
  concurrency: 1,
  plugins: [
    {
      // Dexie's "import" entry wraps its UMD build for bundlers; the browser needs the real module.
      name: 'dexie-as-esm',
      resolveImport({ source }) {
        if (source === 'dexie') return '/node_modules/dexie/dist/modern/dexie.mjs';
        return undefined;
      },
    },
    esbuildPlugin({
      ts: true,
      tsconfig: 'tsconfig.json',
      // What Vite defines at build time (vite.config.ts), so modules run unchanged under test.
      define: { __APP_VERSION__: JSON.stringify('test'), 'import.meta.env.VITE_APP_BUILD': 'undefined' },
    }),
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROME_PATH ?? chromiumFlags.path,
        args: chromiumFlags.args,
      },
    }),
  ],
  reporters: [defaultReporter(), countsReporter()],
  testFramework: { config: { timeout: 5000 } },
};

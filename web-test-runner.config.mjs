// Component tests in a real Chromium (Debian's /usr/bin/chromium). Besides the default report,
// writes {"passed":N,"failed":N} to $WTR_COUNTS_FILE so scripts/test.ts can print one totals line.
// Serves the shared test data (../shared/data: Synthea bundles, C-CDA examples) read-only under
// /shared-data/, so browser tests can run over real records.

import { writeFileSync } from 'node:fs';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
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

const SHARED_DATA = resolve(dirname(fileURLToPath(import.meta.url)), '../shared/data');
const SHARED_PREFIX = '/shared-data/';
// The folder's real path, so a symbolic link to it (or inside it) is judged by where it leads.
const SHARED_ROOT = realpath(SHARED_DATA).catch(() => SHARED_DATA);
const DATA_TYPES = { '.json': 'application/json', '.xml': 'application/xml', '.txt': 'text/plain' };

/** Every file under `folder`, as paths relative to SHARED_DATA with forward slashes. */
async function listFiles(folder, root) {
  const out = [];
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(path, root)));
    else if (entry.isFile()) out.push(relative(root, path).split(sep).join('/'));
  }
  return out.sort();
}

/**
 * GET /shared-data/<path>: the file under ../shared/data; GET /shared-data/<folder>/ (trailing
 * slash): a JSON list of the files under that folder. Read-only; a path leaving the folder is 403.
 */
async function sharedData(context, next) {
  if (!context.path.startsWith(SHARED_PREFIX)) return next();
  if (context.method !== 'GET' && context.method !== 'HEAD') {
    context.status = 405;
    return;
  }
  let rest;
  try {
    rest = decodeURIComponent(context.path.slice(SHARED_PREFIX.length));
  } catch {
    context.status = 400;
    return;
  }
  const root = await SHARED_ROOT;
  const inside = (path, base) => path === base || path.startsWith(base + sep);
  const asked = resolve(SHARED_DATA, rest);
  if (rest.includes('\0') || !inside(asked, SHARED_DATA)) {
    context.status = 403;
    return;
  }
  // A symbolic link inside the folder must not lead out of it either.
  const target = await realpath(asked).catch(() => null);
  if (target && !inside(target, root)) {
    context.status = 403;
    return;
  }
  const info = target ? await stat(target).catch(() => null) : null;
  if (!info) {
    context.status = 404;
    return;
  }
  if (info.isDirectory()) {
    context.type = 'application/json';
    context.body = JSON.stringify(await listFiles(target, root));
    return;
  }
  context.type = DATA_TYPES[extname(target)] ?? 'application/octet-stream';
  context.body = await readFile(target);
}

export default {
  files: ['client/**/*.browser.test.ts'],
  nodeResolve: true,
  concurrency: 1,
  middleware: [sharedData],
  plugins: [
    {
      // jszip ships CommonJS (Vite converts it at build); under test its browser build is loaded as
      // a classic script, which sets window.JSZip, and a tiny module hands that on as the default.
      name: 'jszip-as-esm',
      resolveImport({ source }) {
        if (source === 'jszip') return '/__jszip.js';
        return undefined;
      },
      serve(context) {
        if (context.path !== '/__jszip.js') return undefined;
        return {
          body: "import '/node_modules/jszip/dist/jszip.min.js';\nexport default window.JSZip;\n",
          type: 'js',
        };
      },
    },
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
        // The browser runs in the demo practice's zone, as a patient's phone would: clinical dates
        // that carry another offset (Synthea's +05:30) must still show the day their source wrote.
        env: { ...process.env, TZ: 'America/Chicago' },
      },
    }),
  ],
  reporters: [defaultReporter(), countsReporter()],
  testFramework: { config: { timeout: 5000 } },
};

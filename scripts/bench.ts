// `npm run bench`: measures what DESIGN.md's quality bars name and prints one table. Figures are
// for notes and reviews; no test asserts them. Needs a build (npm run build) first.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { loadConfig } from '../server/config';
import { startServer } from '../server/start';
import { routeSizes } from './bench/bundle-sizes';
import { measureOutboxFlush } from './bench/outbox-flush';
import { measureRecordSync } from './bench/record-sync';
import { measureSummaryOnServer } from './bench/summary';

const SHELL_BUDGET_BYTES = 60 * 1024;
const LOAD_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

interface Row {
  measure: string;
  value: string;
  budget: string;
}
const rows: Row[] = [];
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

if (!existsSync('dist/.vite/manifest.json')) {
  process.stderr.write('No build found: run `npm run build` first.\n');
  process.exit(1);
}

for (const size of routeSizes('dist')) {
  rows.push({
    measure: `JS+CSS gzip, ${size.route} (${size.files} files)`,
    value: kb(size.gzipBytes),
    // DESIGN.md budgets the shell; pages load on demand and have no budget of their own.
    budget: size.route === 'shell (entry)' ? `≤ ${kb(SHELL_BUDGET_BYTES)}` : '',
  });
}

async function requestsPerSecond(url: string): Promise<number> {
  // Browsers always offer gzip; without the header the server would send the uncompressed file.
  const result = await autocannon({
    url,
    connections: 10,
    duration: LOAD_SECONDS,
    headers: { 'accept-encoding': 'gzip, deflate, br' },
  });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return result.requests.average;
}

const dir = mkdtempSync(join(tmpdir(), 'portal-bench-'));
const server = await startServer(
  loadConfig({
    HOST: '127.0.0.1',
    PORT: '0',
    DATABASE_PATH: join(dir, 'portal.db'),
    // The demo practice: its older adult has ten years of records for the sync figures.
    SEED_DEMO: 'true',
    LOG_LEVEL: 'silent',
  }),
);
try {
  const manifest = (await (await fetch(`${server.url}/index.html`)).text()).match(
    /src="(\/assets\/[^"]+\.js)"/,
  );
  const asset = manifest?.[1] ?? '/index.html';
  rows.push({
    measure: `server req/s, static ${asset} (10 conns, ${LOAD_SECONDS} s)`,
    value: (await requestsPerSecond(`${server.url}${asset}`)).toFixed(0),
    budget: '',
  });
  rows.push({
    measure: `server req/s, /api/health (10 conns, ${LOAD_SECONDS} s)`,
    value: (await requestsPerSecond(`${server.url}/api/health`)).toFixed(0),
    budget: '',
  });
  const sync = await measureRecordSync(server.url);
  const ms = (value: number) => `${value.toFixed(0)} ms`;
  rows.push(
    {
      measure: `first full sync, 10-year record (${sync.changesApplied} resources), Chromium`,
      value: ms(sync.firstSyncMs),
      budget: '< 2000 ms',
    },
    { measure: 'sync with nothing new', value: ms(sync.emptySyncMs), budget: '< 100 ms' },
    {
      measure: 'My Health opened, first render with records',
      value: ms(sync.firstTabMs),
      budget: '< 100 ms',
    },
    { measure: 'Test Results opened, first render', value: ms(sync.testResultsMs), budget: '< 100 ms' },
    {
      measure: `C-CDA made in the browser, All time (${sync.summaryResources} resources)`,
      value: ms(sync.summaryMs),
      budget: '< 300 ms',
    },
  );
  const outbox = await measureOutboxFlush(server.url);
  rows.push(
    {
      measure: 'upload of a 10 MB attachment, loopback',
      value: `${outbox.uploadMBps.toFixed(1)} MB/s`,
      budget: '',
    },
    {
      measure: 'message with that 10 MB file accepted (checked, stored)',
      value: ms(outbox.bigMessageMs),
      budget: '',
    },
    {
      measure: `outbox flush after reconnect, ${outbox.delivered} messages (10 with 1 MB files)`,
      value: ms(outbox.flushMs),
      budget: '< 3000 ms',
    },
  );
  const ccd = await measureSummaryOnServer(join(dir, 'portal.db'));
  rows.push(
    { measure: 'C-CDA made on the server, All time (same patient)', value: ms(ccd.ms), budget: '' },
    { measure: 'C-CDA .zip size, All time (same patient)', value: kb(ccd.zipBytes), budget: '' },
  );
} finally {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}

const width = Math.max(...rows.map((r) => r.measure.length));
const valueWidth = Math.max(...rows.map((r) => r.value.length), 5);
process.stdout.write(`\n${'measure'.padEnd(width)}  ${'value'.padStart(valueWidth)}  budget\n`);
process.stdout.write(`${'-'.repeat(width)}  ${'-'.repeat(valueWidth)}  ------\n`);
for (const r of rows)
  process.stdout.write(`${r.measure.padEnd(width)}  ${r.value.padStart(valueWidth)}  ${r.budget}\n`);

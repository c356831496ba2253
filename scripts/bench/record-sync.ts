// Bench: the offline record cache in headless Chromium against the built server on loopback. The
// demo older adult (ten years, 5,000+ Observations) signs in; the app's own performance measures
// give the first full sync into IndexedDB, a sync with nothing new, and opening Test Results.
import { chromium, type Page } from 'playwright-core';
import { SUMMARY_MEASURE } from '../../core/health-records';
import { SYNC_MEASURE, TAB_RENDER_MEASURE } from '../../core/records';
import chromiumFlags from '../chromium.json' with { type: 'json' };
import { CHROMIUM_PATH } from '../ensure-chromium';

const OLDER_ADULT = { email: 'harold.lindqvist@example.com', password: 'river stone lantern 7' };

export interface RecordSyncFigures {
  firstSyncMs: number;
  changesApplied: number;
  emptySyncMs: number;
  firstTabMs: number;
  testResultsMs: number;
  /** Health Records, All time: reading the record from the device copy and making the C-CDA. */
  summaryMs: number;
  summaryResources: number;
}

interface Measure {
  duration: number;
  detail: unknown;
}

function measures(page: Page, name: string): Promise<Measure[]> {
  return page.evaluate(
    (n) =>
      performance
        .getEntriesByName(n)
        .map((m) => ({ duration: m.duration, detail: (m as PerformanceMeasure).detail })),
    name,
  );
}

async function waitFor<T>(read: () => Promise<T | undefined>, what: string, seconds = 60): Promise<T> {
  const until = Date.now() + seconds * 1000;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const navigate = (page: Page, path: string) =>
  page.evaluate((to) => {
    history.pushState(null, '', to);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, path);

export async function measureRecordSync(baseUrl: string): Promise<RecordSyncFigures> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: chromiumFlags.args,
    headless: true,
  });
  try {
    const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await page.goto(`${baseUrl}/sign-in`);
    await page.getByLabel('E-mail address').fill(OLDER_ADULT.email);
    await page.getByLabel('Password', { exact: true }).fill(OLDER_ADULT.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const first = await waitFor(async () => (await measures(page, SYNC_MEASURE))[0], 'the first sync', 120);
    const applied = (first.detail as { applied?: number } | null)?.applied ?? 0;

    await navigate(page, '/my-health');
    const firstTab = await waitFor(async () => (await measures(page, TAB_RENDER_MEASURE))[0], 'My Health');
    // Let the page finish reading the long lists, so the empty sync is timed on an idle device.
    await page.getByText('Loading vital signs…').waitFor({ state: 'detached', timeout: 60_000 });
    await page.getByRole('button', { name: 'Refresh' }).click();
    const empty = await waitFor(
      async () => (await measures(page, SYNC_MEASURE))[1],
      'a sync with nothing new',
    );
    await page.getByRole('tab', { name: 'Test Results' }).click();
    const results = await waitFor(async () => (await measures(page, TAB_RENDER_MEASURE))[1], 'Test Results');
    await navigate(page, '/health-records');
    await page.getByRole('button', { name: 'Show Preview' }).click();
    const summary = await waitFor(async () => (await measures(page, SUMMARY_MEASURE))[0], 'the summary', 120);
    return {
      summaryMs: summary.duration,
      summaryResources: (summary.detail as { resources?: number } | null)?.resources ?? 0,
      firstSyncMs: first.duration,
      changesApplied: applied,
      emptySyncMs: empty.duration,
      firstTabMs: firstTab.duration,
      testResultsMs: results.duration,
    };
  } finally {
    await browser.close();
  }
}

// Test results as a patient reads them: newest first, value and unit, the lab's flag in words with
// an icon, the normal range, provider comments and "Corrected"; a test's history as a chart named
// for screen readers and as a table; and a record of 5,000 results rendering only a window.
import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import type { AnyResource, Observation, RecordResource } from '../../../core/fhir/types';
import { axeViolations } from '../../test/axe';
import type { HealthTrend } from './health-trend';
import { buttonNamed, CHOLESTEROL, flag, lab, loinc, visibleText, vital } from './test-records';
import './test-results-view';
import type { TestResultsView } from './test-results-view';

const HDL = loinc('2085-9', 'Cholesterol in HDL [Mass/volume] in Serum or Plasma');
const RANGE = [{ high: { value: 200, unit: 'mg/dL' } }];

const RECORD: (RecordResource | AnyResource)[] = [
  lab('chol-2022', CHOLESTEROL, 188, 'mg/dL', '2022-03-01T08:10:00-05:00', {
    referenceRange: RANGE,
    interpretation: flag('N'),
  }),
  lab('chol-2023', CHOLESTEROL, 231, 'mg/dL', '2023-03-01T08:10:00-05:00', {
    referenceRange: RANGE,
    interpretation: flag('H'),
    note: [{ text: 'Let us talk about diet at your next visit.' }],
  }),
  lab('chol-2024', CHOLESTEROL, 205.5, 'mg/dL', '2024-03-04T08:10:00-05:00', {
    status: 'corrected',
    referenceRange: RANGE,
    interpretation: flag('H'),
  }),
  lab('hdl-2024', HDL, 38, 'mg/dL', '2024-03-04T08:10:00-05:00', {
    referenceRange: [{ low: { value: 40, unit: 'mg/dL' } }],
    interpretation: flag('LL'),
  }),
  {
    resourceType: 'DiagnosticReport',
    id: 'lipids-2024',
    status: 'final',
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'LAB' }] }],
    code: loinc('57698-3', 'Lipid panel with direct LDL - Serum or Plasma'),
    effectiveDateTime: '2024-03-04T08:10:00-05:00',
    performer: [{ display: 'Dr. Ana Silva' }],
    result: [
      { reference: 'Observation/chol-2024' },
      { reference: 'urn:uuid:hdl-2024' },
      { reference: 'Observation/not-synced', display: 'Triglycerides' },
    ],
    conclusion: 'Cholesterol is a little high; HDL is low.',
  },
  {
    resourceType: 'Observation',
    id: 'flu-test',
    status: 'final',
    category: [{ coding: [{ code: 'laboratory' }] }],
    code: loinc('92142-9', 'Influenza virus A RNA [Presence] in Respiratory specimen'),
    effectiveDateTime: '2024-01-20T10:00:00-05:00',
    valueCodeableConcept: { coding: [{ display: 'Negative (qualifier value)' }] },
  },
  // Vital signs belong to Medical History, not here.
  vital('weight', loinc('29463-7', 'Body Weight'), 80, 'kg', '2024-05-01T10:00:00-04:00'),
];

async function view(resources: AnyResource[] = RECORD): Promise<TestResultsView> {
  const el = await fixture<TestResultsView>(
    html`<test-results-view .resources=${resources}></test-results-view>`,
  );
  await waitUntil(() => rows(el).length > 0 || resources.length === 0, 'no rows rendered');
  return el;
}

const rows = (el: TestResultsView) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[role="listitem"]')];

async function trendOf(el: TestResultsView): Promise<HealthTrend> {
  const trend = el.shadowRoot!.querySelector('health-trend')!;
  await trend.updateComplete;
  return trend;
}

describe('<test-results-view>', () => {
  // The virtualizer measures rows as they appear; Chromium reports that as a harmless RO loop.
  setupIgnoreWindowResizeObserverLoopErrors(beforeEach, afterEach, { suppressErrorLogging: true });
  afterEach(() => emulateMedia({ reducedMotion: 'no-preference' }));

  it('lists results newest first with values, flags in words, ranges, comments and corrections', async () => {
    const el = await view();
    const list = rows(el).map(visibleText);
    expect(list).to.have.length(4);
    // The panel groups its results; a result not on the device yet says so.
    expect(list[0]).to.equal(
      'Lipid panel with direct LDL - Serum or Plasma Mar 4, 2024 · Dr. Ana Silva' +
        ' Cholesterol [Mass/volume] in Serum or Plasma 205.5 mg/dL High Corrected: changed after it was first reported Normal range: up to 200 mg/dL' +
        ' Cholesterol in HDL [Mass/volume] in Serum or Plasma 38 mg/dL Critical low Normal range: at least 40 mg/dL' +
        ' Triglycerides Not on this device yet. It appears after the next update while online.' +
        ' Comment from your providerCholesterol is a little high; HDL is low.',
    );
    expect(list[1]).to.equal(
      'Influenza virus A RNA [Presence] in Respiratory specimen Negative Jan 20, 2024',
    );
    expect(list[2]).to.equal(
      'Cholesterol [Mass/volume] in Serum or Plasma 231 mg/dL High Normal range: up to 200 mg/dL Comment from your providerLet us talk about diet at your next visit. Mar 1, 2023 · 3 results over time',
    );
    expect(list[3]).to.contain('188 mg/dL Normal');
    expect(visibleText(el.shadowRoot!)).not.to.contain('Body Weight');
    // Never colour alone: each flag carries words and an icon.
    const high = rows(el)[2]!.querySelector('.flag')!;
    expect(high.textContent!.trim()).to.equal('High');
    expect(high.querySelector('svg[aria-hidden="true"]')).to.exist;
    expect(rows(el)[0]!.getAttribute('aria-setsize')).to.equal('4');
  });

  it("opens a test's history as a chart with an accessible summary, and as a table", async () => {
    const el = await view();
    const open = buttonNamed(rows(el)[2]!, 'Cholesterol');
    open.click();
    await el.updateComplete;
    const heading = el.shadowRoot!.querySelector('#history-heading')!;
    expect(heading.textContent).to.equal('Cholesterol [Mass/volume] in Serum or Plasma');
    expect(el.shadowRoot!.activeElement).to.equal(heading);

    const trend = await trendOf(el);
    const chart = trend.shadowRoot!.querySelector('svg[role="img"]')!;
    expect(chart.getAttribute('aria-label')).to.equal(
      'Cholesterol [Mass/volume] in Serum or Plasma: 3 results from Mar 1, 2022 to Mar 4, 2024, ranging from 188 to 231 mg/dL. Latest: 205.5 mg/dL (High) on Mar 4, 2024. Normal range: up to 200 mg/dL.',
    );
    expect(chart.querySelector('rect.band')).to.exist;
    expect(chart.querySelectorAll('.point')).to.have.length(3);
    expect(chart.querySelectorAll('polygon.flagged')).to.have.length(2);
    const ticks = [...chart.querySelectorAll('text.tick')].map((t) => t.textContent);
    expect(ticks).to.include('Mar 2022');
    expect(ticks).to.include('200');
    expect(visibleText(trend.shadowRoot!)).to.contain('Shaded: normal range (up to 200 mg/dL)');

    const toggle = buttonNamed(trend.shadowRoot!, 'Show as table');
    toggle.click();
    await trend.updateComplete;
    expect(toggle.getAttribute('aria-pressed')).to.equal('true');
    const table = trend.shadowRoot!.querySelector('table')!;
    expect(visibleText(table.caption!)).to.equal(
      'Cholesterol [Mass/volume] in Serum or Plasma: 3 results, newest first Normal range: up to 200 mg/dL',
    );
    expect([...table.querySelectorAll('thead th')].map((th) => th.textContent)).to.deep.equal([
      'Date',
      'Result',
      'Flag',
    ]);
    expect([...table.querySelectorAll('tbody th[scope="row"]')].map((th) => th.textContent)).to.deep.equal([
      'Mar 4, 2024',
      'Mar 1, 2023',
      'Mar 1, 2022',
    ]);
    expect(visibleText(table.querySelector('tbody tr')!)).to.equal(
      'Mar 4, 2024 205.5 mg/dL High Corrected: changed after it was first reported',
    );
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('returns to the list with focus on the test that was opened', async () => {
    const el = await view();
    const open = buttonNamed(rows(el)[2]!, 'Cholesterol');
    const key = open.dataset.focus;
    open.click();
    await el.updateComplete;
    buttonNamed(el.shadowRoot!, 'Back to all results').click();
    await waitUntil(
      () => el.shadowRoot!.activeElement?.getAttribute('data-focus') === key,
      'focus not restored',
    );
    expect(el.shadowRoot!.querySelector('#history-heading')).to.equal(null);
  });

  it('draws no animation for people who ask for reduced motion', async () => {
    const el = await view();
    buttonNamed(rows(el)[2]!, 'Cholesterol').click();
    await el.updateComplete;
    const trend = await trendOf(el);
    const line = trend.shadowRoot!.querySelector('path.line')!;
    expect(getComputedStyle(line).animationName).to.equal('draw');
    await emulateMedia({ reducedMotion: 'reduce' });
    expect(getComputedStyle(line).animationName).to.equal('none');
  });

  it('lists results that are words in a table, since they cannot be charted', async () => {
    const el = await view();
    buttonNamed(rows(el)[1]!, 'Influenza virus A').click();
    await el.updateComplete;
    const trend = await trendOf(el);
    expect(trend.shadowRoot!.querySelector('svg[role="img"]')).to.equal(null);
    expect(visibleText(trend.shadowRoot!.querySelector('tbody')!)).to.equal('Jan 20, 2024 Negative');
  });

  it('says so when there are no results', async () => {
    const el = await view([]);
    expect(visibleText(el.shadowRoot!)).to.contain('No test results on record.');
  });

  it('renders only a window of rows for a record of 5,000 results, and opens any of them', async () => {
    const many: Observation[] = [];
    const start = Date.UTC(2015, 0, 1);
    const codes = [
      loinc('2345-7', 'Glucose [Mass/volume] in Serum or Plasma'),
      loinc('2160-0', 'Creatinine [Mass/volume] in Serum or Plasma'),
      loinc('718-7', 'Hemoglobin [Mass/volume] in Blood'),
      CHOLESTEROL,
      loinc('4548-4', 'Hemoglobin A1c/Hemoglobin.total in Blood'),
    ];
    for (let i = 0; i < 5000; i++)
      many.push(
        lab(
          `o${i}`,
          codes[i % codes.length]!,
          80 + (i % 40),
          'mg/dL',
          new Date(start + i * 17 * 3_600_000).toISOString(),
          {
            referenceRange: [{ low: { value: 70, unit: 'mg/dL' }, high: { value: 110, unit: 'mg/dL' } }],
            interpretation: flag(80 + (i % 40) > 110 ? 'H' : 'N'),
          },
        ),
      );
    const before = performance.now();
    const el = await view(many);
    const took = performance.now() - before;
    const shown = rows(el);
    expect(shown.length).to.be.greaterThan(0);
    expect(shown.length).to.be.lessThan(80);
    expect(shown[0]!.getAttribute('aria-setsize')).to.equal('5000');
    expect(shown[0]!.getAttribute('aria-posinset')).to.equal('1');
    expect(took).to.be.lessThan(1500);
    // The newest result is on top; its test's history holds all 1,000 of its results.
    expect(visibleText(shown[0]!)).to.contain('Hemoglobin A1c');
    expect(visibleText(shown[0]!)).to.contain('1,000 results over time');
    buttonNamed(shown[0]!, 'Hemoglobin A1c').click();
    await el.updateComplete;
    const trend = await trendOf(el);
    expect(trend.shadowRoot!.querySelector('svg[role="img"]')!.getAttribute('aria-label')).to.contain(
      '1,000 results',
    );
    buttonNamed(trend.shadowRoot!, 'Show as table').click();
    await trend.updateComplete;
    expect(trend.shadowRoot!.querySelectorAll('tbody tr')).to.have.length(50);
    buttonNamed(trend.shadowRoot!, 'Show 200 more').click();
    await trend.updateComplete;
    expect(trend.shadowRoot!.querySelectorAll('tbody tr')).to.have.length(250);
  });

  it('has no accessibility violations in the list', async () => {
    const el = await view();
    expect(await axeViolations(el)).to.deep.equal([]);
  });
});

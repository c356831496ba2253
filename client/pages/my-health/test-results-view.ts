// <test-results-view>: lab and imaging results, newest first, in a virtualized list (thousands of
// results stay smooth). Each result shows its value and unit, the lab's flag in words with an
// icon, the normal range, provider comments and a "Corrected" marker. Selecting a test's name
// opens its history (<health-trend>: chart, or the same as a table); Back returns to the row.
import '@lit-labs/virtualizer';
import type { LitVirtualizer } from '@lit-labs/virtualizer';
import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import { formatClinicalDate } from '../../../core/clinical-dates';
import {
  noteTexts,
  numberText,
  observationValueText,
  patientText,
  referenceRangeText,
  referenceText,
  resultFlag,
  statusText,
} from '../../../core/fhir/text';
import type { AnyResource, Observation, Reference } from '../../../core/fhir/types';
import { formStyles } from '../../components/forms/form-styles';
import { pageStyles } from '../../components/page-styles';
import './health-trend';
import { recordIndex } from '../../../core/fhir/record-index';
import { observationDate } from './history-sections';
import { dataSelector, focusListItem } from './list-focus';
import { myHealthStyles } from './my-health-styles';
import {
  analyteKey,
  analyteName,
  isLaboratory,
  isObservation,
  type ResultEntry,
  type ResultsModel,
  reportDate,
  resultsModel,
} from './test-results';
import { isCorrected, observationTrend, type TrendData } from './trend-data';
import { badge, comments, correctedBadge, count, flagBadge, ICONS } from './view-parts';

interface ReturnPoint {
  index: number;
  focus: string;
}

export class TestResultsView extends LitElement {
  static override styles = [
    ...pageStyles,
    formStyles,
    myHealthStyles,
    css`
      .intro {
        margin: 0 0 0.75rem;
      }
      /* The virtualizer sets its own min-width: 100%, so the width is set on a wrapper. */
      .rows {
        max-width: 46rem;
      }
      .entry {
        width: 100%;
        padding: 0 0 0.75rem;
      }
      .result {
        padding: 0.75rem 1rem;
        border: 1px solid var(--border);
        border-radius: var(--radius);
        background: var(--surface);
      }
      .result h3 {
        margin: 0;
        font-size: 1.0625rem;
      }
      .value-line {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.25rem 0.5rem;
        margin: 0.25rem 0 0;
      }
      .value {
        font-size: 1.125rem;
        font-weight: 700;
        overflow-wrap: anywhere;
      }
      ul.analytes {
        margin: 0.5rem 0 0;
        padding: 0;
        list-style: none;
      }
      ul.analytes > li {
        max-width: none;
        margin: 0;
        padding: 0.5rem 0;
        border-top: 1px solid var(--border);
      }
      ul.analytes .value {
        font-size: 1rem;
      }
      .missing {
        font-weight: 600;
      }
      .latest {
        margin: 0 0 1rem;
      }
      .history-view h2 {
        margin: 0 0 0.25rem;
      }
    `,
  ];

  static override properties = {
    resources: { attribute: false },
    analyte: { attribute: false },
  };

  /** FHIR R4 resources of one patient (Observation, DiagnosticReport; others are ignored). */
  declare resources: readonly AnyResource[];
  /** The analyte whose history is open (analyteKey(), e.g. "loinc:2093-3"), or null for the list. */
  declare analyte: string | null;

  private model: ResultsModel | null = null;
  /** A new function whenever what rows show changes, so the virtualizer renders them again. */
  private renderItem: (entry: ResultEntry, index: number) => TemplateResult = (e, i) =>
    this.renderEntry(e, i);
  private trends = new Map<string, TrendData>();
  private returnTo: ReturnPoint | null = null;

  constructor() {
    super();
    this.resources = [];
    this.analyte = null;
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('resources') || !this.model) {
      this.model = resultsModel(this.resources ?? []);
      this.trends.clear();
      this.renderItem = (e, i) => this.renderEntry(e, i);
    }
  }

  private get virtualizer(): LitVirtualizer | null {
    return this.renderRoot.querySelector('lit-virtualizer');
  }

  private async open(key: string, index: number, focus: string): Promise<void> {
    this.returnTo = { index, focus };
    this.analyte = key;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#history-heading')?.focus({ preventScroll: true });
    this.renderRoot.querySelector('.history-view')?.scrollIntoView({ block: 'start' });
  }

  private async back(): Promise<void> {
    this.analyte = null;
    await this.updateComplete;
    const point = this.returnTo;
    this.returnTo = null;
    const done = point
      ? await focusListItem(
          this.renderRoot,
          this.virtualizer,
          point.index,
          dataSelector('data-focus', point.focus),
        )
      : false;
    if (!done) this.renderRoot.querySelector<HTMLElement>('#results-heading')?.focus();
  }

  private trend(key: string): TrendData | undefined {
    let data = this.trends.get(key);
    if (!data) {
      const observations = this.model?.analytes.get(key);
      if (!observations?.length) return undefined;
      data = observationTrend(analyteName(observations.at(-1)!.code), observations);
      this.trends.set(key, data);
    }
    return data;
  }

  private analyteButton(o: Observation, index: number, focus: string): TemplateResult {
    const key = analyteKey(o.code);
    const name = analyteName(o.code);
    return html`<button class="open" type="button" data-focus=${focus} @click=${() => this.open(key, index, focus)}>
      ${name}
    </button>`;
  }

  private resultFacts(o: Observation): TemplateResult {
    const range = referenceRangeText(o.referenceRange);
    return html`<p class="value-line">
        <span class="value">${observationValueText(o) || 'No value recorded'}</span>
        ${flagBadge(resultFlag(o.interpretation))} ${correctedBadge(isCorrected(o.status))}
        ${o.status === 'preliminary' ? badge('Preliminary', 'warn') : nothing}
      </p>
      ${range ? html`<p class="meta">Normal range: ${range}</p>` : nothing} ${comments(noteTexts(o.note))}`;
  }

  private historyCount(o: Observation): number {
    return this.model?.analytes.get(analyteKey(o.code))?.length ?? 0;
  }

  private member(item: Observation | Reference, index: number, focus: string): TemplateResult {
    if (!isObservation(item))
      return html`<li>
        <span class="missing">${item.display ?? 'A result'}</span>
        <span class="meta">Not on this device yet. It appears after the next update while online.</span>
      </li>`;
    return html`<li>${this.analyteButton(item, index, focus)} ${this.resultFacts(item)}</li>`;
  }

  private renderEntry(entry: ResultEntry, index: number): TemplateResult {
    const size = this.model?.entries.length ?? 0;
    let body: TemplateResult;
    if (entry.kind === 'observation') {
      const o = entry.observation;
      const n = this.historyCount(o);
      const category = isLaboratory(o) ? '' : patientText(o.category?.[0]);
      body = html`<h3>${this.analyteButton(o, index, entry.key)}</h3>
        ${this.resultFacts(o)}
        <p class="meta">
          ${formatClinicalDate(observationDate(o)) || 'Date not recorded'}${category ? ` · ${category}` : ''}${
            n > 1 ? ` · ${numberText(n)} results over time` : ''
          }
        </p>`;
    } else {
      const source = entry.kind === 'report' ? entry.report : entry.panel;
      const title =
        entry.kind === 'report' ? patientText(entry.report.code, 'Report') : analyteName(entry.panel.code);
      const date = entry.kind === 'report' ? reportDate(entry.report) : observationDate(entry.panel);
      const who =
        entry.kind === 'report'
          ? referenceText(
              entry.report.performer?.[0] ?? entry.report.resultsInterpreter?.[0],
              recordIndex(this.resources),
            )
          : '';
      const conclusion =
        entry.kind === 'report'
          ? [
              entry.report.conclusion?.trim() ?? '',
              ...(entry.report.conclusionCode ?? []).map((c) => patientText(c)),
            ].filter(Boolean)
          : noteTexts(entry.panel.note);
      const status = source.status;
      const marked = isCorrected(status) || (status !== undefined && status !== 'final');
      body = html`<h3>${title}</h3>
        ${
          marked
            ? html`<p class="value-line">
              ${correctedBadge(isCorrected(status))}
              ${status && !isCorrected(status) ? badge(statusText(status), 'warn') : nothing}
            </p>`
            : nothing
        }
        <p class="meta">${[formatClinicalDate(date), who].filter(Boolean).join(' · ')}</p>
        ${
          entry.results.length
            ? html`<ul class="analytes">
              ${entry.results.map((r, j) => this.member(r, index, `${entry.key}|${j}`))}
            </ul>`
            : nothing
        }
        ${comments(conclusion)}
        ${
          entry.kind === 'report' && entry.report.presentedForm?.length
            ? html`<p class="meta">The full report is under Documents.</p>`
            : nothing
        }`;
    }
    return html`<div class="entry" role="listitem" aria-setsize=${size} aria-posinset=${index + 1}>
      <article class="result">${body}</article>
    </div>`;
  }

  private renderHistory(key: string) {
    const data = this.trend(key);
    const observations = this.model?.analytes.get(key) ?? [];
    const latest = observations.at(-1);
    return html`<div class="history-view">
      <button class="back" type="button" @click=${() => this.back()}>${ICONS.back}Back to all results</button>
      <h2 id="history-heading" tabindex="-1">${data?.title ?? 'Result history'}</h2>
      ${
        latest
          ? html`<div class="latest">
            <p class="meta">
              ${numberText(observations.length)} ${observations.length === 1 ? 'result' : 'results'} · latest
              ${formatClinicalDate(observationDate(latest))}
            </p>
            ${this.resultFacts(latest)}
          </div>`
          : html`<p class="empty">No results for this test on this device.</p>`
      }
      ${data ? html`<health-trend .data=${data}></health-trend>` : nothing}
    </div>`;
  }

  override render() {
    const entries = this.model?.entries ?? [];
    const analyte = this.analyte;
    return html`<div class="list-view" ?hidden=${analyte !== null}>
        <h2 id="results-heading" tabindex="-1">Test results${count(entries.length)}</h2>
        ${
          entries.length
            ? html`<p class="meta intro">Newest first. Select a test's name to see all its results over time.</p>
              <div class="rows">
                <lit-virtualizer
                  role="list"
                  aria-labelledby="results-heading"
                  .items=${entries}
                  .keyFunction=${(e: ResultEntry) => e.key}
                  .renderItem=${this.renderItem}
                ></lit-virtualizer>
              </div>`
            : html`<p class="empty">No test results on record.</p>`
        }
      </div>
      ${analyte !== null ? this.renderHistory(analyte) : nothing}`;
  }
}

customElements.define('test-results-view', TestResultsView);

declare global {
  interface HTMLElementTagNameMap {
    'test-results-view': TestResultsView;
  }
}

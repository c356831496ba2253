// <my-health-page>: the record saved on this device, for the person chosen: Medical History,
// Visits, Test Results and Documents, and a search across all of it. It reads only the encrypted cache, so it
// works the same with no connection; <record-status> says how fresh it is.
import { css, html, LitElement, nothing } from 'lit';
import type { PracticeInfo } from '../../../core/practice';
import {
  type PersonInReach,
  type RecordType,
  seesClinicalData,
  TAB_RENDER_MEASURE,
} from '../../../core/records';
import { pageStyles } from '../../components/page-styles';
import '../../components/record-status';
import { vault } from '../../data/records/app-records';
import { RecordsController } from '../../data/records/records-controller';
import { RecordsReader } from '../../data/records/records-reader';
import { selectedPatient, selectPatient } from '../../data/records/selected-person';
import './documents-view';
import type { AnyResource } from '../../../core/fhir/types';
import './medical-history-view';
import '../../components/open-records-form';
import './record-search-view';
import { withPlainWordMatches } from './record-search';
import type { SearchDetail } from './record-search-view';
import './test-results-view';
import './visits-view';

type Tab = 'history' | 'visits' | 'results' | 'documents';

const TABS: ReadonlyArray<{ id: Tab; label: string }> = [
  { id: 'history', label: 'Medical History' },
  { id: 'visits', label: 'Visits' },
  { id: 'results', label: 'Test Results' },
  { id: 'documents', label: 'Documents' },
];

/**
 * What the tabs show, read once per person and shared so switching tabs is instant. Read in two
 * steps: the short lists first, so the page shows something at once, then the thousands of
 * results and documents a long record holds.
 */
const SHORT_TYPES: readonly RecordType[] = [
  'Patient',
  'Condition',
  'MedicationRequest',
  'MedicationStatement',
  'MedicationAdministration',
  'AllergyIntolerance',
  'Immunization',
  'Procedure',
  'Device',
  'CarePlan',
  'Goal',
  'CareTeam',
  'Encounter',
];
const LONG_TYPES: readonly RecordType[] = [
  'Observation',
  'DiagnosticReport',
  'DocumentReference',
  'ImagingStudy',
];

interface Loaded {
  people: PersonInReach[];
  patientId: string | null;
  resources: AnyResource[];
  lastSyncedAt: Date | null;
}

async function readTypes(reader: RecordsReader, patientId: string, types: readonly RecordType[]) {
  const lists = await Promise.all(types.map((type) => reader.list(patientId, type)));
  return lists.flat().map((record) => record.resource as AnyResource);
}

async function loadShort(reader: RecordsReader): Promise<Loaded> {
  const people = (await reader.people()).filter((p) => seesClinicalData(p.access));
  const patientId = selectedPatient(people);
  if (!patientId) return { people, patientId, resources: [], lastSyncedAt: null };
  const [resources, synced] = await Promise.all([
    readTypes(reader, patientId, SHORT_TYPES),
    reader.lastSyncedAt(patientId),
  ]);
  return { people, patientId, resources, lastSyncedAt: synced ? new Date(synced) : null };
}

interface LongLists {
  patientId: string | null;
  resources: AnyResource[];
}

async function loadLong(reader: RecordsReader): Promise<LongLists> {
  const people = (await reader.people()).filter((p) => seesClinicalData(p.access));
  const patientId = selectedPatient(people);
  return { patientId, resources: patientId ? await readTypes(reader, patientId, LONG_TYPES) : [] };
}

export class MyHealthPage extends LitElement {
  static override styles = [
    ...pageStyles,
    css`
      .person {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem 0.75rem;
        margin: 0 0 1rem;
      }
      .person label {
        font-weight: 600;
      }
      .person select {
        min-height: var(--tap);
        max-width: 100%;
        padding: 0 0.75rem;
        border: 1px solid var(--muted);
        border-radius: 0.5rem;
        background: var(--surface);
        color: var(--text);
        font: inherit;
      }
      [role='tablist'] {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem;
        margin: 1rem 0;
        border-bottom: 1px solid var(--border);
      }
      /* Four tabs share a 320 px phone: they split the width, each may wrap to two lines, and the
         row itself wraps rather than scroll sideways. */
      [role='tab'] {
        flex: 1 1 auto;
        min-height: var(--tap);
        padding: 0.25rem 0.375rem;
        line-height: 1.2;
        border: 0;
        border-bottom: 3px solid transparent;
        background: none;
        color: var(--muted);
        font: inherit;
        font-weight: 600;
        cursor: pointer;
      }
      @media (min-width: 600px) {
        [role='tab'] {
          flex: none;
          padding: 0.25rem 1rem;
        }
      }
      [role='tab'][aria-selected='true'] {
        border-bottom-color: var(--accent-strong);
        color: var(--text);
      }
      [role='tab']:focus-visible {
        outline: 3px solid var(--accent);
        outline-offset: -3px;
      }
    `,
  ];

  static override properties = {
    practice: { attribute: false },
    tab: { state: true },
    query: { state: true },
    found: { state: true },
    searching: { state: true },
  };

  declare practice: PracticeInfo | null;
  declare tab: Tab;
  declare query: string;
  declare found: AnyResource[];
  declare searching: boolean;
  private tabOpenedAt: number | null = null;
  private searchToken = 0;

  // Both reload on any change of this account's records: the people list itself may have changed.
  private readonly records = new RecordsController<Loaded>(this, { source: vault, load: loadShort });
  private readonly long = new RecordsController<LongLists>(this, { source: vault, load: loadLong });

  constructor() {
    super();
    this.practice = null;
    this.tab = 'history';
    this.query = '';
    this.found = [];
    this.searching = false;
    this.tabOpenedAt = performance.now();
  }

  private get timeZone(): string {
    return this.practice?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  }

  private choose(tab: Tab, focus = false): void {
    if (tab === this.tab) return;
    this.tab = tab;
    this.tabOpenedAt = performance.now();
    if (focus)
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${tab}`)?.focus());
  }

  /** Arrow keys, Home and End move between tabs, as the WAI-ARIA tabs pattern has it. */
  private onTabKey(event: KeyboardEvent): void {
    const index = TABS.findIndex((t) => t.id === this.tab);
    const next =
      event.key === 'ArrowRight'
        ? (index + 1) % TABS.length
        : event.key === 'ArrowLeft'
          ? (index - 1 + TABS.length) % TABS.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? TABS.length - 1
              : -1;
    if (next < 0) return;
    event.preventDefault();
    this.choose(TABS[next]!.id, true);
  }

  private onPerson(event: Event): void {
    selectPatient((event.target as HTMLSelectElement).value);
    this.query = '';
    this.found = [];
    void this.records.reload();
    void this.long.reload();
  }

  private async onSearch(event: CustomEvent<SearchDetail>): Promise<void> {
    const token = ++this.searchToken;
    const query = event.detail.query;
    const patientId = this.records.value?.patientId;
    const cache = vault.current;
    this.query = query;
    if (!query || !patientId || !cache || cache.locked) {
      this.found = [];
      return;
    }
    this.searching = true;
    const found = await new RecordsReader(cache).search(patientId, query).catch(() => []);
    if (token !== this.searchToken) return;
    // The record's own words come from the device copy's search; the plain words the views add
    // ("Depression questionnaire", what a score means) are matched over the lists already read.
    const long = this.long.value?.patientId === patientId ? this.long.value.resources : [];
    const loaded = [...(this.records.value?.resources ?? []), ...long];
    this.found = withPlainWordMatches(
      found.map((record) => record.resource as AnyResource),
      loaded,
      query,
    );
    this.searching = false;
  }

  protected override updated(): void {
    // The first render of a tab with its records in it (the view's own render included): what
    // the bench reports.
    const start = this.tabOpenedAt;
    const longNeeded = this.tab !== 'history';
    if (start === null || this.records.status !== 'ready' || (longNeeded && this.long.status !== 'ready'))
      return;
    this.tabOpenedAt = null;
    const view = this.renderRoot.querySelector('#tab-panel > *');
    const rendered = view instanceof LitElement ? view.updateComplete : Promise.resolve(true);
    void rendered.then(() => performance.measure(TAB_RENDER_MEASURE, { start, detail: this.tab }));
  }

  private renderPerson(value: Loaded) {
    if (value.people.length < 2) return nothing;
    return html`<div class="person">
      <label for="person">Whose record</label>
      <select id="person" @change=${this.onPerson}>
        ${value.people.map(
          (p) =>
            html`<option value=${p.patientId} ?selected=${p.patientId === value.patientId}>
              ${p.access === 'self' ? `${p.displayName} (you)` : p.displayName}
            </option>`,
        )}
      </select>
    </div>`;
  }

  private renderTab(value: Loaded) {
    const long = this.long.value?.patientId === value.patientId ? this.long.value : undefined;
    const resources = long ? [...value.resources, ...long.resources] : value.resources;
    const waiting = html`<p class="loading" role="status">Loading ${this.tab === 'results' ? 'test results' : this.tab === 'visits' ? 'visits' : 'documents'}…</p>`;
    switch (this.tab) {
      case 'history':
        return html`<medical-history-view
          .resources=${resources}
          ?vitals-loading=${!long}
        ></medical-history-view>`;
      case 'visits':
        return long ? html`<visits-view .resources=${resources}></visits-view>` : waiting;
      case 'results':
        return long ? html`<test-results-view .resources=${resources}></test-results-view>` : waiting;
      case 'documents':
        return long ? html`<documents-view .resources=${resources}></documents-view>` : waiting;
    }
  }

  private renderRecords(value: Loaded) {
    if (!value.patientId) {
      return html`<p class="note">
        Your records are not on this device yet. They are copied as soon as you're connected; use
        "Refresh" above to try now.
      </p>`;
    }
    return html`${this.renderPerson(value)}
      <record-search-view
        .resources=${this.found}
        .query=${this.query}
        ?searching=${this.searching}
        @search=${this.onSearch}
      ></record-search-view>
      <div role="tablist" aria-label="Parts of the record" @keydown=${this.onTabKey}>
        ${TABS.map(
          (t) =>
            html`<button
              id=${`tab-${t.id}`}
              role="tab"
              type="button"
              aria-selected=${t.id === this.tab ? 'true' : 'false'}
              aria-controls="tab-panel"
              tabindex=${t.id === this.tab ? '0' : '-1'}
              @click=${() => this.choose(t.id)}
            >
              ${t.label}
            </button>`,
        )}
      </div>
      <div id="tab-panel" role="tabpanel" aria-labelledby=${`tab-${this.tab}`}>${this.renderTab(value)}</div>`;
  }

  override render() {
    const { status, value, error } = this.records;
    return html`<h1 tabindex="-1">My Health</h1>
      <record-status .lastSyncedAt=${value?.lastSyncedAt ?? null} .timeZone=${this.timeZone}></record-status>
      ${
        status === 'locked'
          ? html`<open-records-form></open-records-form>`
          : status === 'error'
            ? html`<div class="alert" role="alert"><p>${error?.message}</p></div>`
            : value
              ? this.renderRecords(value)
              : html`<p class="loading">Loading your records…</p>`
      }`;
  }
}

customElements.define('my-health-page', MyHealthPage);

declare global {
  interface HTMLElementTagNameMap {
    'my-health-page': MyHealthPage;
  }
}

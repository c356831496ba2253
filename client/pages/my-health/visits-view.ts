// <visits-view>: the Visits tab. Every visit newest first with its date, kind, reason, who saw the
// patient and where, and behind "Show what was recorded" the problems, results, vital signs,
// questionnaires, procedures, vaccines, medicines, imaging, documents and care plans filed at
// that visit.
import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import { formatClinicalDate } from '../../../core/clinical-dates';
import { type RecordIndex, recordIndex } from '../../../core/fhir/record-index';
import { patientText, referenceText, statusText } from '../../../core/fhir/text';
import type { AnyResource, Encounter } from '../../../core/fhir/types';
import { formStyles } from '../../components/forms/form-styles';
import { pageStyles } from '../../components/page-styles';
import { encounterStart, type Visit, type VisitRecords, visits } from './care-sections';
import { recordDocuments } from './documents';
import { myHealthStyles } from './my-health-styles';
import { recordLabel } from './record-search';
import { badge, count, detail, ICONS } from './view-parts';
import { visitClass, visitPlaces, visitProviders, visitTitle } from './visit-words';

/** Visits shown before "Show all". */
const SHORT_LIST = 20;

const LINK_GROUPS: readonly [keyof VisitRecords, string][] = [
  ['problems', 'Problems'],
  ['results', 'Test results'],
  ['vitals', 'Vital signs'],
  ['questionnaires', 'Questionnaires and smoking status'],
  ['procedures', 'Procedures'],
  ['vaccines', 'Vaccines'],
  ['medications', 'Medicines'],
  ['imaging', 'Imaging'],
  ['documents', 'Documents'],
  ['carePlans', 'Care plans'],
];

const VISIT_STATUS: Record<string, string> = {
  planned: 'Planned',
  arrived: 'Checked in',
  triaged: 'Checked in',
  'in-progress': 'In progress',
  onleave: 'On leave',
};

export class VisitsView extends LitElement {
  static override styles = [
    ...pageStyles,
    formStyles,
    myHealthStyles,
    css`
      .title-line {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        gap: 0.25rem 0.5rem;
      }
      h3.visit-name {
        margin: 0;
        font-size: 1.0625rem;
      }
      .recorded {
        margin-top: 0.5rem;
      }
      .recorded h4 {
        margin: 0.75rem 0 0.25rem;
        font-size: 1rem;
      }
      .recorded ul {
        margin: 0;
        padding-left: 1.25rem;
      }
      .more {
        margin: 0.75rem 0 0;
      }
    `,
  ];

  static override properties = {
    resources: { attribute: false },
    open: { state: true },
    showAll: { state: true },
  };

  /** FHIR R4 resources of one patient, in any order. */
  declare resources: readonly AnyResource[];
  declare open: ReadonlySet<string>;
  declare showAll: boolean;

  private index: RecordIndex | null = null;
  private list: Visit[] = [];

  constructor() {
    super();
    this.resources = [];
    this.open = new Set();
    this.showAll = false;
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('resources') || !this.index) {
      const resources = this.resources ?? [];
      this.index = recordIndex(resources);
      this.list = visits(this.index, new Set(recordDocuments(resources).map((d) => d.source)));
    }
  }

  private toggle(key: string): void {
    const next = new Set(this.open);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    this.open = next;
  }

  private recorded(visit: Visit): TemplateResult {
    const index = this.index!;
    return html`${LINK_GROUPS.map(([key, title]) => {
      const items = visit.linked[key] as AnyResource[];
      if (items.length === 0) return nothing;
      return html`<h4>${title}${count(items.length)}</h4>
        <ul>
          ${items.map((item) => {
            const label = recordLabel(item, index);
            return html`<li>${label.title}</li>`;
          })}
        </ul>`;
    })}`;
  }

  private visit = (visit: Visit, n: number): TemplateResult => {
    const index = this.index!;
    const e: Encounter = visit.encounter;
    const key = `visit-${n}-${e.id ?? ''}`;
    const open = this.open.has(key);
    const title = visitTitle(e);
    const date = formatClinicalDate(encounterStart(e));
    const kind = visitClass(e);
    const reason = [
      ...(e.reasonCode ?? []).map((c) => patientText(c)),
      ...(e.reasonReference ?? []).map((r) => {
        const target = index.resolve(r) as { code?: Parameters<typeof patientText>[0] } | undefined;
        return target?.code ? patientText(target.code) : referenceText(r, index);
      }),
    ]
      .filter(Boolean)
      .join(', ');
    const status =
      VISIT_STATUS[e.status ?? ''] ?? (e.status === 'finished' || !e.status ? '' : statusText(e.status));
    return html`<li class="visit">
      <div class="title-line">
        <h3 class="visit-name">${title}</h3>
        <span class="badges">${badge(status, 'warn')}</span>
      </div>
      <span class="meta">${[date || 'Date not recorded', kind !== title ? kind : ''].filter(Boolean).join(' · ')}</span>
      ${detail('Reason', reason)} ${detail('Seen by', visitProviders(e, index).join(', '))}
      ${detail('Where', visitPlaces(e, index).join(', '))}
      ${
        visit.linkedCount > 0
          ? html`<button
              class="disclosure"
              type="button"
              aria-expanded=${open ? 'true' : 'false'}
              aria-controls=${key}
              @click=${() => this.toggle(key)}
            >
              ${open ? 'Hide' : 'Show'} what was recorded (${visit.linkedCount})<span class="visually-hidden"
                >: ${title}${date ? `, ${date}` : ''}</span
              >
              ${ICONS.chevron}
            </button>
            <div id=${key} class="recorded" ?hidden=${!open}>${open ? this.recorded(visit) : nothing}</div>`
          : nothing
      }
    </li>`;
  };

  override render() {
    const all = this.showAll || this.list.length <= SHORT_LIST;
    const shown = all ? this.list : this.list.slice(0, SHORT_LIST);
    return html`<section class="block" aria-labelledby="visits">
      <h2 id="visits" tabindex="-1">Visits${count(this.list.length)}</h2>
      ${
        this.list.length === 0
          ? html`<p class="empty">No visits on record.</p>`
          : html`<p class="meta">Newest first. Open a visit to see what was recorded at it.</p>
              <ul class="items" id="visit-list">
                ${shown.map(this.visit)}
              </ul>
              ${
                this.list.length > SHORT_LIST
                  ? html`<p class="more">
                    <button
                      class="disclosure"
                      type="button"
                      aria-expanded=${all ? 'true' : 'false'}
                      aria-controls="visit-list"
                      @click=${() => {
                        this.showAll = !all;
                      }}
                    >
                      ${all ? `Show only the newest ${SHORT_LIST}` : `Show all ${this.list.length} visits`} ${ICONS.chevron}
                    </button>
                  </p>`
                  : nothing
              }`
      }
    </section>`;
  }
}

customElements.define('visits-view', VisitsView);

declare global {
  interface HTMLElementTagNameMap {
    'visits-view': VisitsView;
  }
}

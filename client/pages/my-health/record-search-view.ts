// <record-search-view>: "Search your health record". Typing sends a 'search' event with the query
// (debounced; Enter sends at once); the page answers by setting `resources` to the matches, which
// are listed by kind (Problems, Medications, ... Documents), each with a short label.
import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import { recordIndex } from '../../../core/fhir/record-index';
import type { AnyResource } from '../../../core/fhir/types';
import { formStyles } from '../../components/forms/form-styles';
import { pageStyles } from '../../components/page-styles';
import { myHealthStyles } from './my-health-styles';
import { groupByKind, queryWords, type RecordKind, recordKind, recordLabel } from './record-search';
import { count } from './view-parts';

/** How long typing must pause before a search is sent. */
export const SEARCH_DEBOUNCE_MS = 300;
/** Matches shown per kind before "Show all". */
const GROUP_LIMIT = 50;

export interface SearchDetail {
  query: string;
}

export interface RecordSelectDetail {
  resourceType: string;
  id: string | undefined;
  kind: RecordKind;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export class RecordSearchView extends LitElement {
  static override styles = [
    ...pageStyles,
    formStyles,
    myHealthStyles,
    css`
      form {
        max-width: 36rem;
        margin: 0 0 1rem;
      }
      .search-row {
        display: flex;
        gap: 0.5rem;
      }
      .search-row input {
        flex: 1 1 auto;
        min-width: 0;
      }
      .search-row .button {
        flex: none;
        padding: 0 1rem;
      }
      mark {
        padding: 0 0.0625rem;
        border-radius: 0.125rem;
        background: var(--warn-bg);
        color: inherit;
        font-weight: 700;
      }
      section.group > h3 {
        margin: 1.25rem 0 0.25rem;
      }
      .label-title {
        display: block;
        font-weight: 600;
        overflow-wrap: anywhere;
      }
    `,
  ];

  static override properties = {
    resources: { attribute: false },
    query: {},
    searching: { type: Boolean },
    debounce: { type: Number },
    selectable: { type: Boolean },
    text: { state: true },
    expanded: { state: true },
  };

  /** The matches for `query`, as the data layer found them (any FHIR R4 resources). */
  declare resources: readonly AnyResource[];
  /** The query these results answer (shown and highlighted; fills the box when set). */
  declare query: string;
  /** True while the page is still looking: says "Searching…" instead of a count. */
  declare searching: boolean;
  /** Milliseconds typing must pause before 'search' is sent. */
  declare debounce: number;
  /** Makes each result a button that sends 'record-select'. */
  declare selectable: boolean;
  declare text: string;
  declare expanded: ReadonlySet<RecordKind>;

  private timer: ReturnType<typeof setTimeout> | undefined;
  private sent: string | undefined;

  constructor() {
    super();
    this.resources = [];
    this.query = '';
    this.searching = false;
    this.debounce = SEARCH_DEBOUNCE_MS;
    this.selectable = false;
    this.text = '';
    this.expanded = new Set();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('query')) {
      const input = this.renderRoot.querySelector?.('input');
      // Don't overwrite what someone is typing with the answer to an older query.
      if (!input || (this.renderRoot as ShadowRoot).activeElement !== input) this.text = this.query ?? '';
      this.sent = this.query?.trim();
    }
    if (changed.has('resources')) this.expanded = new Set();
  }

  private send(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const query = this.text.trim();
    if (query === this.sent) return;
    this.sent = query;
    this.dispatchEvent(
      new CustomEvent<SearchDetail>('search', { detail: { query }, bubbles: true, composed: true }),
    );
  }

  private onInput(event: Event): void {
    this.text = (event.target as HTMLInputElement).value;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.send(), this.debounce);
  }

  private onSubmit(event: Event): void {
    event.preventDefault();
    this.send();
  }

  private highlight(text: string, words: readonly string[]): (string | TemplateResult)[] | string {
    if (words.length === 0) return text;
    const pattern = new RegExp(`(${words.map(escapeRegExp).join('|')})`, 'gi');
    return text.split(pattern).map((part, i) => (i % 2 === 1 ? html`<mark>${part}</mark>` : part));
  }

  private select(resource: AnyResource, kind: RecordKind): void {
    this.dispatchEvent(
      new CustomEvent<RecordSelectDetail>('record-select', {
        detail: { resourceType: resource.resourceType, id: resource.id, kind },
        bubbles: true,
        composed: true,
      }),
    );
  }

  private renderResults() {
    const query = (this.query ?? '').trim();
    if (!query) return html`<p class="meta" role="status"></p>`;
    if (this.searching) return html`<p class="meta" role="status">Searching…</p>`;
    const groups = groupByKind(this.resources ?? []);
    const total = groups.reduce((n, g) => n + g.resources.length, 0);
    const index = recordIndex(this.resources ?? []);
    const words = queryWords(query);
    return html`<p class="meta" role="status">
        ${total === 0 ? `Nothing in your record matches “${query}”.` : `${total} ${total === 1 ? 'match' : 'matches'} for “${query}”.`}
      </p>
      ${
        total
          ? html`<h2 class="visually-hidden">Search results</h2>
            ${groups.map((group) => {
              const all = this.expanded.has(group.kind) || group.resources.length <= GROUP_LIMIT;
              const shown = all ? group.resources : group.resources.slice(0, GROUP_LIMIT);
              const id = `group-${group.kind}`;
              return html`<section class="group" aria-labelledby=${id}>
                <h3 id=${id}>${group.label}${count(group.resources.length)}</h3>
                <ul class="items">
                  ${shown.map((resource) => {
                    const label = recordLabel(resource, index);
                    const title = this.highlight(label.title, words);
                    return html`<li>
                      ${
                        this.selectable && recordKind(resource)
                          ? html`<button class="open" type="button" @click=${() => this.select(resource, group.kind)}>
                            ${title}
                          </button>`
                          : html`<span class="label-title">${title}</span>`
                      }
                      ${label.detail ? html`<span class="meta">${label.detail}</span>` : nothing}
                    </li>`;
                  })}
                </ul>
                ${
                  all
                    ? nothing
                    : html`<button
                      class="disclosure"
                      type="button"
                      @click=${() => {
                        this.expanded = new Set([...this.expanded, group.kind]);
                      }}
                    >
                      Show all ${group.resources.length} ${group.label.toLowerCase()}
                    </button>`
                }
              </section>`;
            })}`
          : nothing
      }`;
  }

  override render() {
    return html`<form role="search" novalidate @submit=${this.onSubmit}>
        <label for="record-search">Search your health record</label>
        <p class="hint" id="record-search-hint">For example a medicine, a vaccine, a test or a problem.</p>
        <div class="search-row">
          <input
            id="record-search"
            type="search"
            autocomplete="off"
            enterkeyhint="search"
            aria-describedby="record-search-hint"
            .value=${this.text}
            @input=${this.onInput}
          />
          <button class="button" type="submit">Search</button>
        </div>
      </form>
      ${this.renderResults()}`;
  }
}

customElements.define('record-search-view', RecordSearchView);

declare global {
  interface HTMLElementTagNameMap {
    'record-search-view': RecordSearchView;
  }
  interface HTMLElementEventMap {
    search: CustomEvent<SearchDetail>;
    'record-select': CustomEvent<RecordSelectDetail>;
  }
}

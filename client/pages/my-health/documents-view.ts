// <documents-view>: the record's documents, newest first, filtered by kind (the guide's care
// summaries, provider letters, lab results, imaging and diagnostic results, patient cases and
// health reminders) and by From/To dates. Opening one shows it inside the app: text as text,
// HTML in a sandboxed frame where nothing in it can run, PDF from a blob: URL with a download
// link. Back returns to the list with focus on the document opened.
import '@lit-labs/virtualizer';
import type { LitVirtualizer } from '@lit-labs/virtualizer';
import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import { formatClinicalDate } from '../../../core/clinical-dates';
import type { AnyResource, Attachment } from '../../../core/fhir/types';
import { selectField, textField } from '../../components/forms/fields';
import { formStyles } from '../../components/forms/form-styles';
import { withFramePolicy } from '../../components/frame-policy';
import { pageStyles } from '../../components/page-styles';
import {
  attachmentText,
  base64Bytes,
  type DocumentKind,
  fileName,
  filterDocuments,
  KIND_LABELS,
  KIND_NAMES,
  KIND_ORDER,
  mediaType,
  preferredAttachment,
  type RecordDocument,
  recordDocuments,
  type ViewKind,
  viewKind,
} from './documents';
import { dataSelector, focusListItem } from './list-focus';
import { myHealthStyles } from './my-health-styles';
import { badge, count, ICONS } from './view-parts';

/** What the viewer shows for the open attachment, decoded once when it opens. */
interface Opened {
  doc: RecordDocument;
  attachment: Attachment | undefined;
  view: ViewKind;
  text?: string;
  url?: string;
  error?: string;
}

export interface DocumentOpenDetail {
  resourceType: string;
  id: string | undefined;
}

export class DocumentsView extends LitElement {
  static override styles = [
    ...pageStyles,
    formStyles,
    myHealthStyles,
    css`
      form.filter {
        display: grid;
        grid-template-columns: minmax(0, 1fr);
        gap: 0 1rem;
        max-width: 46rem;
      }
      /* From and To side by side as soon as two date fields fit. */
      @media (min-width: 360px) {
        form.filter {
          grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
        }
        form.filter .field:first-child {
          grid-column: 1 / -1;
        }
      }
      @media (min-width: 640px) {
        form.filter .field:first-child {
          grid-column: auto;
        }
        form.filter {
          grid-template-columns: minmax(0, 2fr) minmax(0, 1fr) minmax(0, 1fr);
          align-items: end;
        }
        form.filter .field {
          margin-bottom: 0.75rem;
        }
      }
      .filter-actions {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem 1rem;
        margin: 0 0 0.75rem;
      }
      .filter-actions p {
        margin: 0;
      }
      /* The virtualizer sets its own min-width: 100%, so the width is set on a wrapper. */
      .rows {
        max-width: 46rem;
      }
      .entry {
        width: 100%;
        padding: 0 0 0.5rem;
      }
      .doc {
        padding: 0.75rem 1rem;
        border: 1px solid var(--border);
        border-radius: var(--radius);
        background: var(--surface);
      }
      .doc h3 {
        margin: 0;
        font-size: 1.0625rem;
      }
      .viewer h2 {
        margin: 0 0 0.25rem;
        overflow-wrap: anywhere;
      }
      .viewer .meta {
        margin-bottom: 1rem;
      }
      pre.doc-text {
        max-width: 48rem;
        margin: 0 0 1rem;
        padding: 1rem;
        border: 1px solid var(--border);
        border-radius: 0.5rem;
        background: var(--surface);
        font-family: inherit;
        font-size: 1rem;
        line-height: 1.5;
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      iframe.doc-frame {
        display: block;
        width: 100%;
        max-width: 60rem;
        height: min(75vh, 52rem);
        margin: 0 0 1rem;
        border: 1px solid var(--border);
        border-radius: 0.5rem;
        background: #fff;
      }
      img.doc-image {
        display: block;
        max-width: 100%;
        height: auto;
        margin: 0 0 1rem;
        border: 1px solid var(--border);
      }
      .formats {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        margin: 0 0 1rem;
      }
    `,
  ];

  static override properties = {
    resources: { attribute: false },
    kind: { state: true },
    from: { state: true },
    to: { state: true },
    opened: { state: true },
  };

  /** FHIR R4 resources of one patient (DocumentReference, DiagnosticReport; others ignored). */
  declare resources: readonly AnyResource[];
  declare kind: DocumentKind | '';
  declare from: string;
  declare to: string;
  declare opened: Opened | null;

  private all: RecordDocument[] = [];
  private shown: RecordDocument[] = [];
  private counts = new Map<DocumentKind, number>();
  private returnTo: { index: number; key: string } | null = null;
  private renderItem: (doc: RecordDocument, index: number) => TemplateResult = (d, i) => this.renderRow(d, i);

  constructor() {
    super();
    this.resources = [];
    this.kind = '';
    this.from = '';
    this.to = '';
    this.opened = null;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.release();
  }

  private get dateError(): string | undefined {
    return this.from && this.to && this.from > this.to
      ? 'The To date must be on or after the From date.'
      : undefined;
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('resources')) {
      this.all = recordDocuments(this.resources ?? []);
      this.counts = new Map();
      for (const d of this.all) this.counts.set(d.kind, (this.counts.get(d.kind) ?? 0) + 1);
      if (this.opened && !this.all.some((d) => d.key === this.opened?.doc.key)) this.close();
    }
    if (['resources', 'kind', 'from', 'to'].some((p) => changed.has(p))) {
      const dates = this.dateError ? {} : { from: this.from, to: this.to };
      this.shown = filterDocuments(this.all, { kind: this.kind, ...dates });
      this.renderItem = (d, i) => this.renderRow(d, i);
    }
  }

  private get virtualizer(): LitVirtualizer | null {
    return this.renderRoot.querySelector('lit-virtualizer');
  }

  /** Decodes an attachment for the viewer; PDFs, images and other files get a blob: URL. */
  private prepare(doc: RecordDocument, attachment: Attachment | undefined): Opened {
    const view = attachment ? viewKind(attachment) : 'online-only';
    if (!attachment?.data) return { doc, attachment, view: 'online-only' };
    try {
      if (view === 'text' || view === 'html')
        return { doc, attachment, view, text: attachmentText(attachment) };
      const blob = new Blob([base64Bytes(attachment.data) as BlobPart], {
        type: mediaType(attachment.contentType) || 'application/octet-stream',
      });
      return { doc, attachment, view, url: URL.createObjectURL(blob) };
    } catch {
      return { doc, attachment, view, error: 'This document could not be read on this device.' };
    }
  }

  private release(): void {
    if (this.opened?.url) URL.revokeObjectURL(this.opened.url);
  }

  private close(): void {
    this.release();
    this.opened = null;
  }

  private async open(doc: RecordDocument, index: number, attachment = preferredAttachment(doc.attachments)) {
    this.release();
    if (index >= 0) this.returnTo = { index, key: doc.key };
    this.opened = this.prepare(doc, attachment);
    this.dispatchEvent(
      new CustomEvent<DocumentOpenDetail>('document-open', {
        detail: { resourceType: doc.source.resourceType, id: doc.source.id },
        bubbles: true,
        composed: true,
      }),
    );
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#document-heading')?.focus({ preventScroll: true });
    this.renderRoot.querySelector('.viewer')?.scrollIntoView({ block: 'start' });
  }

  private async back(): Promise<void> {
    this.close();
    await this.updateComplete;
    const point = this.returnTo;
    this.returnTo = null;
    const done = point
      ? await focusListItem(
          this.renderRoot,
          this.virtualizer,
          point.index,
          dataSelector('data-focus', point.key),
        )
      : false;
    if (!done) this.renderRoot.querySelector<HTMLElement>('#documents-heading')?.focus();
  }

  private clearFilter(): void {
    this.kind = '';
    this.from = '';
    this.to = '';
  }

  private renderRow(doc: RecordDocument, index: number): TemplateResult {
    const meta = [KIND_NAMES[doc.kind], formatClinicalDate(doc.date), doc.author].filter(Boolean).join(' · ');
    return html`<div class="entry" role="listitem" aria-setsize=${this.shown.length} aria-posinset=${index + 1}>
      <article class="doc">
        <h3>
          <button class="open" type="button" data-focus=${doc.key} @click=${() => this.open(doc, index)}>${doc.title}</button>
        </h3>
        <p class="meta">${meta} ${doc.status ? badge(doc.status, 'warn') : nothing}</p>
      </article>
    </div>`;
  }

  private renderList() {
    const total = this.all.length;
    const filtered = this.kind !== '' || this.from !== '' || this.to !== '';
    const options = [
      { value: '', label: `All documents (${total})` },
      ...KIND_ORDER.filter((k) => k !== 'other' || this.counts.has('other')).map((k) => ({
        value: k,
        label: `${KIND_LABELS[k]} (${this.counts.get(k) ?? 0})`,
      })),
    ];
    return html`<h2 id="documents-heading" tabindex="-1">Documents${count(total)}</h2>
      ${
        total === 0
          ? html`<p class="empty">No documents on record.</p>`
          : html`<form class="filter" novalidate @submit=${(e: Event) => e.preventDefault()}>
                ${selectField({
                  id: 'kind',
                  label: 'Type of document',
                  value: this.kind,
                  options,
                  onInput: (v) => {
                    this.kind = v as DocumentKind | '';
                  },
                })}
                ${textField({
                  id: 'from',
                  label: 'From',
                  type: 'date',
                  value: this.from,
                  onInput: (v) => {
                    this.from = v;
                  },
                })}
                ${textField({
                  id: 'to',
                  label: 'To',
                  type: 'date',
                  value: this.to,
                  error: this.dateError,
                  onInput: (v) => {
                    this.to = v;
                  },
                })}
              </form>
              <div class="filter-actions">
                <p role="status" class="meta">
                  ${filtered ? `${this.shown.length} of ${total} documents shown.` : `${total} documents, newest first.`}
                </p>
                ${filtered ? html`<button class="link-button" type="button" @click=${this.clearFilter}>Show all documents</button>` : nothing}
              </div>
              ${
                this.shown.length
                  ? html`<div class="rows">
                    <lit-virtualizer
                      role="list"
                      aria-labelledby="documents-heading"
                      .items=${this.shown}
                      .keyFunction=${(d: RecordDocument) => d.key}
                      .renderItem=${this.renderItem}
                    ></lit-virtualizer>
                  </div>`
                  : html`<p class="empty">No documents match. Try another type or other dates.</p>`
              }`
      }`;
  }

  private renderContent(o: Opened): TemplateResult {
    const title = o.doc.title;
    if (o.error) return html`<p class="alert" role="alert">${o.error}</p>`;
    const download = (label: string) =>
      o.url
        ? html`<p>
          <a class="button secondary" href=${o.url} download=${fileName(title, o.attachment?.contentType)}>${label}</a>
        </p>`
        : nothing;
    switch (o.view) {
      case 'text':
        return html`<pre class="doc-text">${o.text}</pre>`;
      case 'html':
        // sandbox="": no scripts, forms, popups or top navigation, and an opaque origin, so the
        // record's HTML can't reach the app. Its own policy also keeps it from loading anything
        // from the network (no tracking images, and it looks the same offline).
        return html`<iframe
            class="doc-frame"
            sandbox=""
            referrerpolicy="no-referrer"
            title=${`Document: ${title}`}
            srcdoc=${withFramePolicy(o.text ?? '')}
          ></iframe>
          <p class="meta">For your safety, scripts, forms and outside content in this document are turned off.</p>`;
      case 'pdf':
        return html`<iframe class="doc-frame" title=${`Document: ${title}`} src=${o.url ?? ''}></iframe>
          ${download('Download PDF')}
          <p class="meta">If the document does not appear above, download it to open it.</p>`;
      case 'image':
        return html`<img class="doc-image" src=${o.url ?? ''} alt=${title} /> ${download('Download image')}`;
      case 'download':
        return html`<p>This kind of file can't be shown in the app.</p>
          ${download('Download the file')}`;
      default:
        return html`<p class="note">
          This document is kept at the practice and opens when you are online. This version of the app shows the
          documents saved on this device.
        </p>`;
    }
  }

  private renderViewer(o: Opened) {
    const doc = o.doc;
    const meta = [KIND_NAMES[doc.kind], formatClinicalDate(doc.date), doc.author, doc.organization]
      .filter(Boolean)
      .join(' · ');
    const others = doc.attachments.length > 1 ? doc.attachments : [];
    return html`<div class="viewer">
      <button class="back" type="button" @click=${() => this.back()}>${ICONS.back}Back to documents</button>
      <h2 id="document-heading" tabindex="-1">${doc.title}</h2>
      <p class="meta">${meta} ${doc.status ? badge(doc.status, 'warn') : nothing}</p>
      ${
        others.length
          ? html`<div class="formats" role="group" aria-label="Versions of this document">
            ${others.map(
              (a, i) =>
                html`<button
                  class="button secondary"
                  type="button"
                  aria-pressed=${a === o.attachment ? 'true' : 'false'}
                  @click=${() => this.open(doc, -1, a)}
                >
                  ${a.title ?? `Version ${i + 1}`} (${formatName(a)})
                </button>`,
            )}
          </div>`
          : nothing
      }
      ${this.renderContent(o)}
    </div>`;
  }

  override render() {
    return html`<div class="list-view" ?hidden=${this.opened !== null}>${this.renderList()}</div>
      ${this.opened ? this.renderViewer(this.opened) : nothing}`;
  }
}

function formatName(a: Attachment): string {
  const type = mediaType(a.contentType);
  if (type === 'application/pdf') return 'PDF';
  if (type === 'text/html') return 'web page';
  if (type.startsWith('text/')) return 'text';
  if (type.startsWith('image/')) return 'image';
  return type || 'file';
}

customElements.define('documents-view', DocumentsView);

declare global {
  interface HTMLElementTagNameMap {
    'documents-view': DocumentsView;
  }
  interface HTMLElementEventMap {
    'document-open': CustomEvent<DocumentOpenDetail>;
  }
}

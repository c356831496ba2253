// <attach-files>: the guide's "Attach files" of a message. Up to 10 PDF, JPEG or PNG files of 10 MB
// each, checked by their content before anything is kept; a photo taken or chosen is re-encoded
// without its location. Each file shows as a thumbnail (pictures) or its name and size (PDFs), with
// a Remove button. Beside the button, the guide's warning: attachments are not checked for card
// numbers. The parent reads `refs` when sending; `attachments-changed` tells it (for its draft).
import { css, html, LitElement, nothing } from 'lit';
import {
  ATTACH_ACCEPT,
  type AttachmentRef,
  formatFileSize,
  isImageType,
  MAX_ATTACHMENTS_PER_MESSAGE,
  TOO_MANY_ATTACHMENTS,
} from '../../../core/attachments';
import { icon } from '../../components/icons';
import { preparedFile } from '../../data/messages/message-files';
import { forgetPreparedFiles, prepareAttachment } from '../../data/messages/prepare-attachment';

interface Shown {
  ref: AttachmentRef;
  /** An object URL of the picture, for its thumbnail (PDFs show a name and size instead). */
  url: string | null;
}

export const ATTACHMENTS_CHANGED_EVENT = 'attachments-changed';

export class AttachFiles extends LitElement {
  static override styles = css`
    :host {
      display: block;
      margin: 0 0 1rem;
    }
    .pickers {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
    label.pick {
      display: inline-flex;
      align-items: center;
      gap: 0.5rem;
      min-height: var(--tap, 44px);
      padding: 0 1rem;
      border: 2px solid var(--accent);
      border-radius: 0.5rem;
      background: var(--surface);
      color: var(--accent-strong);
      font-weight: 700;
      cursor: pointer;
    }
    label.pick:focus-within {
      outline: 3px solid var(--accent);
      outline-offset: 2px;
    }
    label.pick[aria-disabled='true'] {
      opacity: 0.6;
      cursor: not-allowed;
    }
    label.pick .icon {
      width: 1.25rem;
      height: 1.25rem;
    }
    /* Visually hidden, still reachable by keyboard and screen readers through its label. */
    input[type='file'] {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
    .hint {
      margin: 0.5rem 0 0;
      color: var(--muted);
      font-size: 0.9375rem;
    }
    .warning {
      margin: 0.5rem 0 0;
      font-size: 0.9375rem;
    }
    ul {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(9rem, 1fr));
      gap: 0.5rem;
      margin: 0.75rem 0 0;
      padding: 0;
      list-style: none;
    }
    li {
      display: flex;
      flex-direction: column;
      gap: 0.25rem;
      min-width: 0;
      padding: 0.5rem;
      border: 1px solid var(--border);
      border-radius: var(--radius, 0.5rem);
      background: var(--surface);
    }
    img,
    .pdf {
      display: block;
      width: 100%;
      height: 6rem;
      border-radius: 0.25rem;
      object-fit: cover;
      background: var(--accent-soft);
    }
    .pdf {
      display: grid;
      place-items: center;
      color: var(--accent-strong);
      font-weight: 700;
    }
    .name {
      overflow-wrap: anywhere;
      font-size: 0.9375rem;
    }
    .size {
      color: var(--muted);
      font-size: 0.875rem;
    }
    button.remove {
      min-height: var(--tap, 44px);
      border: 1.5px solid var(--border);
      border-radius: 0.5rem;
      background: var(--surface);
      color: var(--text);
      font: inherit;
      cursor: pointer;
    }
    button.remove:focus-visible {
      outline: 3px solid var(--accent);
      outline-offset: 1px;
    }
    .problems {
      margin: 0.5rem 0 0;
      padding: 0.5rem 0.75rem;
      border-inline-start: 4px solid var(--error);
      color: var(--error);
      font-weight: 600;
    }
    .problems p {
      margin: 0.25rem 0;
    }
  `;

  static override properties = {
    accountId: { attribute: false },
    disabled: { type: Boolean },
    shown: { state: true },
    problems: { state: true },
    preparing: { state: true },
  };

  declare accountId: string;
  declare disabled: boolean;
  declare shown: Shown[];
  declare problems: string[];
  declare preparing: number;

  constructor() {
    super();
    this.accountId = '';
    this.disabled = false;
    this.shown = [];
    this.problems = [];
    this.preparing = 0;
  }

  /** The files as the message names them, in the order they were attached. */
  get refs(): AttachmentRef[] {
    return this.shown.map((s) => s.ref);
  }

  /** Still reading or re-encoding a file: the message waits for it. */
  get busy(): boolean {
    return this.preparing > 0;
  }

  /** Shows the files of a draft again (their device copies, opened with the draft's keys). */
  async restore(refs: AttachmentRef[]): Promise<void> {
    const opened = await Promise.all(refs.map(async (ref) => ({ ref, blob: await preparedFile(ref) })));
    this.release(this.shown);
    this.shown = opened
      .filter((o) => o.blob !== null)
      .map(({ ref, blob }) => ({ ref, url: isImageType(ref.mediaType) ? URL.createObjectURL(blob!) : null }));
    // Files this device no longer has (cleared by the browser, say) cannot be sent: say so.
    this.problems = opened
      .filter((o) => o.blob === null)
      .map((o) => `${o.ref.name} is no longer on this device. Attach it again if you still want to send it.`);
    if (this.problems.length > 0) this.changed();
  }

  /** After sending: the list empties (the files now belong to the message). */
  clear(): void {
    this.release(this.shown);
    this.shown = [];
    this.problems = [];
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.release(this.shown);
  }

  private release(list: Shown[]): void {
    for (const item of list) if (item.url) URL.revokeObjectURL(item.url);
  }

  private changed(): void {
    this.dispatchEvent(new CustomEvent(ATTACHMENTS_CHANGED_EVENT, { bubbles: true, composed: true }));
  }

  private async onPicked(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    // The same file may be chosen again after a Remove.
    input.value = '';
    const problems: string[] = [];
    const room = MAX_ATTACHMENTS_PER_MESSAGE - this.shown.length - this.preparing;
    if (files.length > room) problems.push(TOO_MANY_ATTACHMENTS);
    const taken = files.slice(0, Math.max(0, room));
    this.preparing += taken.length;
    for (const file of taken) {
      try {
        const prepared = await prepareAttachment(file, this.accountId);
        if ('problem' in prepared) problems.push(prepared.problem);
        else {
          const url = isImageType(prepared.ref.mediaType) ? URL.createObjectURL(prepared.preview) : null;
          this.shown = [...this.shown, { ref: prepared.ref, url }];
        }
      } catch {
        problems.push(`${file.name} could not be kept on this device. Try again, or choose another file.`);
      } finally {
        this.preparing -= 1;
      }
    }
    this.problems = problems;
    this.changed();
  }

  private async removeFile(item: Shown): Promise<void> {
    this.shown = this.shown.filter((s) => s !== item);
    this.release([item]);
    await forgetPreparedFiles([item.ref.uploadId]);
    this.changed();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('#attach-input')?.focus();
  }

  private renderFile(item: Shown) {
    const { ref } = item;
    return html`<li>
      ${
        item.url
          ? html`<img src=${item.url} alt=${`Picture ${ref.name}`} />`
          : html`<span class="pdf" aria-hidden="true">PDF</span>`
      }
      <span class="name">${ref.name}</span>
      <span class="size">${formatFileSize(ref.size)}</span>
      <button class="remove" type="button" aria-label=${`Remove ${ref.name}`} @click=${() => this.removeFile(item)}>
        Remove
      </button>
    </li>`;
  }

  override render() {
    const full = this.shown.length + this.preparing >= MAX_ATTACHMENTS_PER_MESSAGE;
    const off = this.disabled || full;
    return html`<div class="pickers">
        <label class="pick" aria-disabled=${off ? 'true' : 'false'}>
          ${icon('paperclip')} Attach files
          <input
            id="attach-input"
            type="file"
            multiple
            accept=${ATTACH_ACCEPT}
            ?disabled=${off}
            aria-describedby="attach-hint attach-warning"
            @change=${this.onPicked}
          />
        </label>
        <label class="pick" aria-disabled=${off ? 'true' : 'false'}>
          ${icon('camera')} Take a photo
          <input
            type="file"
            accept="image/jpeg,image/png"
            capture="environment"
            ?disabled=${off}
            aria-describedby="attach-hint attach-warning"
            @change=${this.onPicked}
          />
        </label>
      </div>
      <p class="hint" id="attach-hint">
        Up to ${MAX_ATTACHMENTS_PER_MESSAGE} files: PDF, JPEG, JPG or PNG, at most 10 MB each. Videos cannot be
        sent. Photos are sent without their location.
        ${this.shown.length > 0 ? html`${this.shown.length} of ${MAX_ATTACHMENTS_PER_MESSAGE} attached.` : nothing}
      </p>
      <p class="warning" id="attach-warning">
        <strong>Do not attach pictures of credit or debit cards</strong>, or anything showing a card number:
        attached files cannot be checked for card details.
      </p>
      ${this.preparing > 0 ? html`<p class="hint" role="status">Preparing ${this.preparing === 1 ? 'a file' : `${this.preparing} files`}…</p>` : nothing}
      ${
        this.problems.length > 0
          ? html`<div class="problems" role="alert">${this.problems.map((p) => html`<p>${p}</p>`)}</div>`
          : nothing
      }
      ${this.shown.length > 0 ? html`<ul aria-label="Attached files">${this.shown.map((s) => this.renderFile(s))}</ul>` : nothing}`;
  }
}

customElements.define('attach-files', AttachFiles);

declare global {
  interface HTMLElementTagNameMap {
    'attach-files': AttachFiles;
  }
}

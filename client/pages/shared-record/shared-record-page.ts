// <shared-record-page>: where the recipient of a secure link (another provider, or whoever the
// patient chose) opens the Consolidated Clinical Summary, without an account: the link's token is
// in the address after "#" (so it never reaches a server log), the code comes from the patient by
// phone or text. The record opens once: it is shown, and offered as the .zip, from that one answer.
import { html, LitElement, nothing } from 'lit';
import type { SharedHealthRecord } from '../../../core/health-records';
import { documentFrameStyles } from '../../components/document-frame-styles';
import { textField } from '../../components/forms/fields';
import { FormController } from '../../components/forms/form-controller';
import { formStyles } from '../../components/forms/form-styles';
import { withFramePolicy } from '../../components/frame-policy';
import { pageStyles } from '../../components/page-styles';
import { saveFile } from '../../components/save-file';
import { openSharedRecord } from '../../data/shared-records';

const NO_TOKEN =
  'This address does not hold a whole link. Open the link from the e-mail again, or copy all of it into the address bar.';

export class SharedRecordPage extends LitElement {
  static override styles = [...pageStyles, formStyles, documentFrameStyles];

  static override properties = {
    code: { state: true },
    record: { state: true },
  };

  declare code: string;
  declare record: SharedHealthRecord | null;
  private readonly token = location.hash.slice(1);
  private readonly form = new FormController<'code'>(this, { action: 'Opening the record' });

  constructor() {
    super();
    this.code = '';
    this.record = null;
  }

  private submit(event: Event): Promise<void> {
    event.preventDefault();
    return this.form.submit(async () => {
      if (!this.token) return { alert: NO_TOKEN };
      if (!/^\d{4}\s?\d{4}$/.test(this.code.trim()))
        return { problems: { code: 'Enter the 8-digit code the sender gave you.' } };
      const outcome = await openSharedRecord(this.token, this.code.trim());
      if (outcome.kind !== 'ok') {
        if (outcome.kind === 'problem' && outcome.status === 422 && outcome.problem.detail)
          return { problems: { code: outcome.problem.detail } };
        if (outcome.kind === 'problem')
          return { alert: `${outcome.problem.title}. ${outcome.problem.detail ?? ''}`.trim() };
        return outcome;
      }
      this.record = outcome.data;
      // The link is used up: take it out of the address, so a reload asks nothing of the server.
      history.replaceState(null, '', location.pathname);
      return undefined;
    });
  }

  private download(): void {
    const record = this.record;
    if (!record) return;
    const bytes = Uint8Array.from(atob(record.zipBase64), (c) => c.charCodeAt(0));
    saveFile(new Blob([bytes], { type: 'application/zip' }), record.fileName);
  }

  override render() {
    const record = this.record;
    if (record) {
      return html`<h1 tabindex="-1">A shared health record</h1>
        <p>
          This link has now been used and cannot be opened again. Save the record if you need to keep it.
        </p>
        <div class="actions">
          <button class="button" type="button" @click=${this.download}>Download (.zip)</button>
        </div>
        <iframe
          class="preview"
          title="The shared Consolidated Clinical Summary"
          sandbox=""
          referrerpolicy="no-referrer"
          .srcdoc=${withFramePolicy(record.html)}
        ></iframe>`;
    }
    const alert = this.form.alert;
    return html`<h1 tabindex="-1">A shared health record</h1>
      <p>
        Someone shared a copy of a health record with you through this patient portal. Enter the code they gave
        you by phone or text to open it. The record opens once.
      </p>
      ${alert ? html`<div class="alert" role="alert" tabindex="-1"><p>${alert}</p></div>` : nothing}
      <form novalidate @submit=${this.submit}>
        ${textField({
          id: 'code',
          label: 'Code',
          hint: '8 digits, as the sender gave them to you',
          value: this.code,
          inputmode: 'numeric',
          autocomplete: 'off',
          maxlength: 9,
          error: this.form.problem('code'),
          onInput: (value) => {
            this.code = value;
          },
        })}
        <div class="actions">
          <button class="button" type="submit" ?disabled=${this.form.busy}>
            ${this.form.busy ? 'Opening…' : 'Open the record'}
          </button>
        </div>
      </form>`;
  }
}

customElements.define('shared-record-page', SharedRecordPage);

declare global {
  interface HTMLElementTagNameMap {
    'shared-record-page': SharedRecordPage;
  }
}

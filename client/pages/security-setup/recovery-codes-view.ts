// <recovery-codes-view>: asks the server for ten new one-time recovery codes and shows them once,
// with Download (.txt), Print and "I saved my codes" before the user may go on.
import { css, html, LitElement, nothing } from 'lit';
import type { RecoveryCodes } from '../../../core/accounts';
import { failureText } from '../../components/forms/form-feedback';
import { formStyles } from '../../components/forms/form-styles';
import { pageStyles } from '../../components/page-styles';
import { newRecoveryCodes } from '../../data/accounts-api';
import { securityDone } from './security-events';

export function recoveryCodesText(codes: readonly string[], practiceName: string): string {
  return [
    `Recovery codes for your ${practiceName} account`,
    '',
    'Each code works once. Keep them somewhere safe and private.',
    '',
    ...codes.map((code, i) => `${String(i + 1).padStart(2, ' ')}. ${code}`),
    '',
  ].join('\n');
}

export class RecoveryCodesView extends LitElement {
  static override styles = [
    ...pageStyles,
    formStyles,
    css`
      ol.codes {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr));
        gap: 0.5rem 1.5rem;
        max-width: 36rem;
        margin: 0 0 1rem;
        padding: 1rem 1rem 1rem 2.5rem;
        border: 1px dashed var(--accent);
        border-radius: var(--radius);
        background: var(--surface);
        font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
        font-size: 1.0625rem;
      }
      ol.codes li {
        margin: 0;
      }
    `,
  ];

  static override properties = {
    practiceName: { type: String },
    codes: { state: true },
    saved: { state: true },
    alert: { state: true },
    downloadUrl: { state: true },
  };

  declare practiceName: string;
  declare codes: string[] | null;
  declare saved: boolean;
  declare alert: string | null;
  declare downloadUrl: string | null;

  constructor() {
    super();
    this.practiceName = 'patient portal';
    this.codes = null;
    this.saved = false;
    this.alert = null;
    this.downloadUrl = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.downloadUrl) URL.revokeObjectURL(this.downloadUrl);
  }

  private async load(): Promise<void> {
    this.alert = null;
    const outcome = await newRecoveryCodes();
    if (outcome.kind !== 'ok') {
      this.alert = failureText(outcome, 'Getting recovery codes');
      return;
    }
    this.show(outcome.data);
  }

  private show({ codes }: RecoveryCodes): void {
    this.codes = codes;
    const blob = new Blob([recoveryCodesText(codes, this.practiceName)], {
      type: 'text/plain;charset=utf-8',
    });
    this.downloadUrl = URL.createObjectURL(blob);
  }

  private print(): void {
    window.print();
  }

  override render() {
    if (this.alert) {
      return html`<div class="alert" role="alert" tabindex="-1">
        <p>${this.alert}</p>
        <p><button class="button secondary" type="button" @click=${this.load}>Try again</button></p>
      </div>`;
    }
    if (!this.codes) return html`<p role="status">Preparing your codes…</p>`;
    return html`<p>
        These are your recovery codes. <strong>We show them only this once.</strong> Each code works one time, for
        resetting your password or signing in when asked for a code.
      </p>
      <ol class="codes" aria-label="Your recovery codes">
        ${this.codes.map((code) => html`<li>${code}</li>`)}
      </ol>
      <div class="actions">
        ${
          this.downloadUrl
            ? html`<a class="button secondary" href=${this.downloadUrl} download="recovery-codes.txt">Download</a>`
            : nothing
        }
        <button class="button secondary" type="button" @click=${this.print}>Print</button>
      </div>
      <label class="check"
        ><input
          type="checkbox"
          .checked=${this.saved}
          @change=${(e: Event) => {
            this.saved = (e.target as HTMLInputElement).checked;
          }}
        />I saved my codes</label
      >
      <div class="actions">
        <button class="button" type="button" ?disabled=${!this.saved} @click=${() => securityDone(this, null)}>
          Continue
        </button>
      </div>`;
  }
}

customElements.define('recovery-codes-view', RecoveryCodesView);

declare global {
  interface HTMLElementTagNameMap {
    'recovery-codes-view': RecoveryCodesView;
  }
}

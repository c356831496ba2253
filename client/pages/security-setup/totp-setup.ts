// <totp-setup>: sets up an authenticator app: asks the server for a secret, shows it as a QR code
// and as a key in groups for typing by hand, then confirms one 6-digit code from the app.
import { css, html, LitElement, nothing } from 'lit';
import { confirmTotpRequest, type TotpSetup as TotpSecret } from '../../../core/accounts';
import { codeField } from '../../components/forms/fields';
import { failureText, focusFirstProblem } from '../../components/forms/form-feedback';
import { formStyles } from '../../components/forms/form-styles';
import { pageStyles } from '../../components/page-styles';
import { qrCode } from '../../components/qr-code';
import { confirmTotp, startTotpSetup } from '../../data/auth-api';
import { securityDone } from './security-events';

/** "JBSWY3DPEHPK3PXP" → "JBSW Y3DP EHPK 3PXP": easier to read out and type. */
export const groupKey = (secret: string): string =>
  secret
    .replace(/\s+/g, '')
    .match(/.{1,4}/g)
    ?.join(' ') ?? '';

export class TotpSetupView extends LitElement {
  static override styles = [
    ...pageStyles,
    formStyles,
    css`
      .qr-box {
        display: inline-block;
        margin: 0 0 1rem;
        padding: 0.5rem;
        border: 1px solid var(--border);
        border-radius: var(--radius);
        background: #fff;
      }
      .qr {
        display: block;
        width: min(220px, 70vw);
        height: auto;
      }
      .key {
        display: inline-block;
        margin: 0 0 1rem;
        padding: 0.5rem 0.75rem;
        border-radius: 0.5rem;
        background: var(--accent-soft);
        font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
        font-size: 1.125rem;
        letter-spacing: 0.05em;
        word-spacing: 0.3em;
        overflow-wrap: anywhere;
      }
      ol > li {
        margin-bottom: 1rem;
      }
    `,
  ];

  static override properties = {
    secret: { state: true },
    code: { state: true },
    error: { state: true },
    alert: { state: true },
    busy: { state: true },
  };

  declare secret: TotpSecret | null;
  declare code: string;
  declare error: string | undefined;
  declare alert: string | null;
  declare busy: boolean;

  constructor() {
    super();
    this.secret = null;
    this.code = '';
    this.error = undefined;
    this.alert = null;
    this.busy = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    this.alert = null;
    const outcome = await startTotpSetup();
    if (outcome.kind === 'ok') this.secret = outcome.data;
    else this.alert = failureText(outcome, 'Setting up an authenticator app');
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    this.alert = null;
    const parsed = confirmTotpRequest.safeParse({ code: this.code });
    this.error = parsed.success ? undefined : 'Enter the 6-digit code your app shows.';
    if (parsed.success) {
      this.busy = true;
      const outcome = await confirmTotp(parsed.data.code);
      this.busy = false;
      if (outcome.kind === 'ok') {
        securityDone(this, outcome.data);
        return;
      }
      if (outcome.kind === 'problem' && (outcome.status === 422 || outcome.status === 401)) {
        this.error =
          'That code did not match. Check that the app shows this portal, and enter the newest code (it changes every 30 seconds).';
      } else {
        this.alert = failureText(outcome, 'Setting up an authenticator app');
      }
    }
    await this.updateComplete;
    focusFirstProblem(this.renderRoot);
  }

  override render() {
    if (this.alert && !this.secret) {
      return html`<div class="alert" role="alert" tabindex="-1">
        <p>${this.alert}</p>
        <p><button class="button secondary" type="button" @click=${this.load}>Try again</button></p>
      </div>`;
    }
    if (!this.secret) return html`<p role="status">Preparing your key…</p>`;
    return html`<ol>
      <li>
        <p>
          Open an authenticator app on your phone (for example Google Authenticator, Microsoft Authenticator or
          1Password) and add an account by scanning this QR code.
        </p>
        <div class="qr-box">${qrCode(this.secret.otpauthUri, 'QR code to add this portal to your authenticator app')}</div>
        <p id="key-label">Can't scan it? Type this key into the app instead:</p>
        <p><code class="key" aria-labelledby="key-label" data-testid="totp-key">${groupKey(this.secret.secret)}</code></p>
      </li>
      <li>
        <p>Enter the 6-digit code the app now shows for this portal.</p>
        ${this.alert ? html`<div class="alert" role="alert" tabindex="-1"><p>${this.alert}</p></div>` : nothing}
        <form novalidate @submit=${this.submit}>
          ${codeField({
            id: 'totp-code',
            label: 'Code from the app',
            value: this.code,
            error: this.error,
            onInput: (v) => {
              this.code = v;
            },
          })}
          <div class="actions">
            <button class="button" type="submit" ?disabled=${this.busy}>${this.busy ? 'Checking…' : 'Confirm'}</button>
          </div>
        </form>
      </li>
    </ol>`;
  }
}

customElements.define('totp-setup', TotpSetupView);

declare global {
  interface HTMLElementTagNameMap {
    'totp-setup': TotpSetupView;
  }
}

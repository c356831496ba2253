// <totp-setup>: sets up an authenticator app: asks the server for a secret, shows it as a QR code
// and as a key in groups for typing by hand, then confirms one 6-digit code from the app.
import { css, html, LitElement, nothing } from 'lit';
import { confirmTotpRequest, type TotpSetup as TotpSecret } from '../../../core/accounts';
import { CodeEntry } from '../../components/forms/code-form';
import { FormController } from '../../components/forms/form-controller';
import { formStyles } from '../../components/forms/form-styles';
import { pageStyles } from '../../components/page-styles';
import { qrCode } from '../../components/qr-code';
import { confirmTotp, startTotpSetup } from '../../data/accounts-api';
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
  };

  declare secret: TotpSecret | null;
  private readonly form = new FormController<'code'>(this, { action: 'Setting up an authenticator app' });
  private readonly entry = new CodeEntry(this, this.form);

  constructor() {
    super();
    this.secret = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    this.form.clear();
    const outcome = await startTotpSetup();
    if (outcome.kind === 'ok') this.secret = outcome.data;
    else {
      this.form.alert = this.form.failure(outcome);
      this.requestUpdate();
    }
  }

  private submit(event: Event): Promise<void> {
    event.preventDefault();
    return this.form.submit(async () => {
      const parsed = confirmTotpRequest.safeParse({ code: this.entry.code });
      if (!parsed.success) return { problems: { code: 'Enter the 6-digit code your app shows.' } };
      const outcome = await confirmTotp(parsed.data.code);
      if (outcome.kind === 'ok') {
        securityDone(this, outcome.data);
        return;
      }
      if (outcome.kind === 'problem' && (outcome.status === 422 || outcome.status === 401)) {
        return {
          problems: {
            code: 'That code did not match. Check that the app shows this portal, and enter the newest code (it changes every 30 seconds).',
          },
        };
      }
      return { alert: this.form.failure(outcome) };
    });
  }

  override render() {
    if (this.form.alert && !this.secret) {
      return html`<div class="alert" role="alert" tabindex="-1">
        <p>${this.form.alert}</p>
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
        ${this.form.alert ? html`<div class="alert" role="alert" tabindex="-1"><p>${this.form.alert}</p></div>` : nothing}
        ${this.entry.render({ id: 'totp-code', label: 'Code from the app', onSubmit: this.submit })}
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

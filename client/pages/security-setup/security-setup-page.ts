// <security-setup-page>: the last step of registration (and reachable later): choose how you prove
// it's you when resetting your password or signing in in two steps.
import { css, html, LitElement, nothing } from 'lit';
import type { SecurityOption } from '../../../core/accounts';
import { formStyles } from '../../components/forms/form-styles';
import { pageStyles } from '../../components/page-styles';
import { session } from '../../data/session';
import { navigateFrom } from '../../router/navigate';
import { safeNext } from '../../router/routes';
import './recovery-codes-view';
import type { SecurityDoneEvent } from './security-events';
import './totp-setup';

export class SecuritySetupPage extends LitElement {
  static override styles = [
    ...pageStyles,
    formStyles,
    css`
      .options {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(15rem, 1fr));
        gap: 1rem;
        max-width: 46rem;
        margin: 0 0 1.5rem;
      }
      .option {
        display: block;
        width: 100%;
        padding: 1.25rem;
        border: 2px solid var(--border);
        border-radius: var(--radius);
        background: var(--surface);
        color: var(--text);
        font: inherit;
        text-align: start;
        cursor: pointer;
      }
      .option:hover,
      .option[aria-pressed='true'] {
        border-color: var(--accent);
        background: var(--accent-soft);
      }
      .option strong {
        display: block;
        margin-bottom: 0.25rem;
        color: var(--accent-strong);
        font-size: 1.125rem;
      }
      .option span {
        color: var(--muted);
      }
      .option:focus-visible {
        outline: 3px solid var(--accent);
        outline-offset: 2px;
      }
      h2:focus {
        outline: none;
      }
    `,
  ];

  static override properties = { choice: { state: true } };
  declare choice: SecurityOption | null;

  constructor() {
    super();
    this.choice = null;
  }

  private async choose(option: SecurityOption): Promise<void> {
    this.choice = option;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#step-heading')?.focus();
  }

  private onDone(event: SecurityDoneEvent): void {
    const account =
      event.detail.account ??
      (session.account && { ...session.account, securityOption: 'recovery-codes' as const });
    if (account) session.updateAccount(account);
    // An invitee who signed up from an invitation link goes back to accept it (?next=).
    const next = safeNext(window.location.search);
    navigateFrom(this, next === '/' ? '/welcome' : next, true);
  }

  override render() {
    return html`<h1 tabindex="-1">Choose your security option</h1>
      <p class="lead">
        To protect your health information, you'll use this to prove it's you when you reset your password, and
        when you sign in if you turn on two-step sign-in.
      </p>
      <div class="options" role="group" aria-label="Security option">
        <button class="option" type="button" aria-pressed=${this.choice === 'totp'} @click=${() => this.choose('totp')}>
          <strong>Authenticator app</strong>
          <span>An app on your phone shows a new 6-digit code every 30 seconds. Recommended.</span>
        </button>
        <button
          class="option"
          type="button"
          aria-pressed=${this.choice === 'recovery-codes'}
          @click=${() => this.choose('recovery-codes')}
        >
          <strong>Recovery codes</strong>
          <span>Ten one-time codes to print or save. Good if you don't use an authenticator app.</span>
        </button>
      </div>
      ${
        this.choice === null
          ? nothing
          : html`<section class="card" aria-labelledby="step-heading" @security-done=${this.onDone}>
            <h2 id="step-heading" tabindex="-1">
              ${this.choice === 'totp' ? 'Set up your authenticator app' : 'Save your recovery codes'}
            </h2>
            ${this.choice === 'totp' ? html`<totp-setup></totp-setup>` : html`<recovery-codes-view></recovery-codes-view>`}
          </section>`
      }`;
  }
}

customElements.define('security-setup-page', SecuritySetupPage);

declare global {
  interface HTMLElementTagNameMap {
    'security-setup-page': SecuritySetupPage;
  }
}

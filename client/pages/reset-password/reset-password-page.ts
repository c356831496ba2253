// <reset-password-page>: from the "Reset Password" e-mail link: new password twice → "Save and
// continue" → the code from the security option → signed in, on the home page.
import { css, html, LitElement, nothing } from 'lit';
import { checkResetRequest, type SecurityOption, securityCodeSchema } from '../../../core/accounts';
import { textField } from '../../components/forms/fields';
import {
  failureText,
  fieldErrors,
  focusFirstProblem,
  offlineText,
} from '../../components/forms/form-feedback';
import { formStyles } from '../../components/forms/form-styles';
import { OnlineController } from '../../components/forms/online-controller';
import { passwordProblem, passwordRules } from '../../components/forms/password-rules';
import { pageStyles } from '../../components/page-styles';
import { checkResetToken, resetPassword } from '../../data/auth-api';
import { session } from '../../data/session';
import { navigateFrom } from '../../router/navigate';
import { takeResetToken } from './reset-token';

type Step = 'checking' | 'invalid' | 'password' | 'verify';
type Field = 'password' | 'passwordAgain' | 'code';

export class ResetPasswordPage extends LitElement {
  static override styles = [
    ...pageStyles,
    formStyles,
    css`
      h2:focus {
        outline: none;
      }
    `,
  ];

  static override properties = {
    step: { state: true },
    values: { state: true },
    errors: { state: true },
    alert: { state: true },
    busy: { state: true },
  };

  declare step: Step;
  declare values: Record<Field, string>;
  declare errors: Partial<Record<Field, string>>;
  declare alert: string | null;
  declare busy: boolean;
  private token: string | null = null;
  private verifyWith: SecurityOption = 'totp';
  private invalidText = '';
  private readonly connection = new OnlineController(this);

  constructor() {
    super();
    this.step = 'checking';
    this.values = { password: '', passwordAgain: '', code: '' };
    this.errors = {};
    this.alert = null;
    this.busy = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.token ??= takeResetToken();
    void this.check();
  }

  private async check(): Promise<void> {
    const parsed = checkResetRequest.safeParse({ token: this.token ?? '' });
    if (!parsed.success)
      return this.invalid('This link is not complete. Open it again from the e-mail, or ask for a new one.');
    this.step = 'checking';
    const outcome = await checkResetToken(parsed.data);
    if (outcome.kind === 'ok') {
      this.verifyWith = outcome.data.verifyWith;
      this.step = 'password';
      return;
    }
    if (outcome.kind === 'offline') return this.invalid(offlineText('Resetting your password'), true);
    this.invalid(
      outcome.status === 410
        ? 'This link has expired or was already used. Links work once, for 30 minutes.'
        : failureText(outcome, 'Resetting your password'),
      outcome.status >= 500,
    );
  }

  private retryable = false;
  private invalid(text: string, retryable = false): void {
    this.invalidText = text;
    this.retryable = retryable;
    this.step = 'invalid';
  }

  private set(name: Field) {
    return (value: string) => {
      this.values = { ...this.values, [name]: value };
    };
  }

  private async focusProblemOr(selector: string): Promise<void> {
    await this.updateComplete;
    if (Object.keys(this.errors).length > 0 || this.alert) focusFirstProblem(this.renderRoot);
    else this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  private async savePassword(event: Event): Promise<void> {
    event.preventDefault();
    const weak = passwordProblem(this.values.password, []);
    this.errors = weak
      ? { password: weak }
      : this.values.password !== this.values.passwordAgain
        ? { passwordAgain: 'The two passwords are not the same.' }
        : {};
    if (Object.keys(this.errors).length === 0) this.step = 'verify';
    await this.focusProblemOr('#verify-heading');
  }

  private async verify(event: Event): Promise<void> {
    event.preventDefault();
    this.alert = null;
    const code = securityCodeSchema.safeParse(this.values.code);
    this.errors = code.success
      ? {}
      : { code: 'Enter the code from your authenticator app or one of your recovery codes.' };
    if (code.success && this.token) {
      this.busy = true;
      const outcome = await resetPassword({
        token: this.token,
        password: this.values.password,
        passwordAgain: this.values.passwordAgain,
        code: code.data,
      });
      this.busy = false;
      if (outcome.kind === 'ok') {
        // The new password no longer opens the records saved here: the cache starts over under it.
        void session.accept(outcome.data, this.values.password);
        navigateFrom(this, '/', true);
        return;
      }
      if (outcome.kind === 'problem' && outcome.status === 401) {
        this.errors = { code: 'That code did not work. Check it and try again.' };
      } else if (outcome.kind === 'problem' && outcome.status === 410) {
        this.invalid('This link has expired or was already used. Links work once, for 30 minutes.');
        return;
      } else if (outcome.kind === 'problem' && outcome.problem.errors) {
        // The server found a problem with the new password (a common one, say): back to that step.
        this.errors = fieldErrors(outcome.problem) as Partial<Record<Field, string>>;
        this.step = 'password';
      } else {
        this.alert = failureText(outcome, 'Resetting your password');
      }
    }
    await this.focusProblemOr('#verify-heading');
  }

  private renderPasswordStep() {
    return html`<p class="lead">Choose a new password and enter it twice.</p>
      <form novalidate @submit=${this.savePassword}>
        <input type="email" name="username" autocomplete="username" hidden />
        ${textField({
          id: 'password',
          label: 'New password',
          type: 'password',
          autocomplete: 'new-password',
          value: this.values.password,
          error: this.errors.password,
          describedBy: 'password-rules',
          onInput: this.set('password'),
        })}
        ${passwordRules('password-rules', this.values.password, [])}
        ${textField({
          id: 'passwordAgain',
          label: 'New password again',
          type: 'password',
          autocomplete: 'new-password',
          value: this.values.passwordAgain,
          error: this.errors.passwordAgain,
          onInput: this.set('passwordAgain'),
        })}
        <div class="actions"><button class="button" type="submit">Save and continue</button></div>
      </form>`;
  }

  private renderVerifyStep() {
    const app = this.verifyWith === 'totp';
    return html`<h2 id="verify-heading" tabindex="-1">Verify it's you</h2>
      <p>
        To protect your privacy, confirm with the security option you chose when you set up your account.
        ${app ? 'Enter the 6-digit code your authenticator app shows, or one of your recovery codes.' : 'Enter one of your recovery codes.'}
      </p>
      ${this.alert ? html`<div class="alert" role="alert" tabindex="-1"><p>${this.alert}</p></div>` : nothing}
      <form novalidate @submit=${this.verify}>
        ${textField({
          id: 'code',
          label: app ? 'Code from your authenticator app' : 'Recovery code',
          autocomplete: 'one-time-code',
          inputmode: app ? 'numeric' : 'text',
          maxlength: 32,
          value: this.values.code,
          error: this.errors.code,
          onInput: this.set('code'),
        })}
        <div class="actions">
          <button class="button" type="submit" ?disabled=${this.busy}>${this.busy ? 'Checking…' : 'Reset password'}</button>
          <button class="link-button" type="button" @click=${() => {
            this.step = 'password';
          }}>Change the new password</button>
        </div>
      </form>`;
  }

  override render() {
    const heading = html`<h1 tabindex="-1">Reset Password</h1>`;
    const offline = this.connection.online
      ? nothing
      : html`<p class="offline" role="status">${offlineText('Resetting your password')}</p>`;
    switch (this.step) {
      case 'checking':
        return html`${heading}<p role="status">Checking your link…</p>`;
      case 'invalid':
        return html`${heading}
          <div class="alert" role="alert"><p>${this.invalidText}</p></div>
          ${this.retryable ? html`<p><button class="button secondary" type="button" @click=${this.check}>Try again</button></p>` : nothing}
          <p><a href="/forgot-password">Ask for a new link</a></p>`;
      case 'password':
        return html`${heading}${offline}${this.renderPasswordStep()}`;
      case 'verify':
        return html`${heading}${offline}${this.renderVerifyStep()}`;
    }
  }
}

customElements.define('reset-password-page', ResetPasswordPage);

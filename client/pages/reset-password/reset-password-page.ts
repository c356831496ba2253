// <reset-password-page>: from the "Reset Password" e-mail link: new password twice → "Save and
// continue" → the code from the security option → signed in, on the home page.
import { css, html, LitElement, nothing } from 'lit';
import { checkResetRequest, type SecurityOption, securityCodeSchema } from '../../../core/accounts';
import { securityCodeField, textField } from '../../components/forms/fields';
import { FormController } from '../../components/forms/form-controller';
import { failureText, offlineText } from '../../components/forms/form-feedback';
import { formStyles } from '../../components/forms/form-styles';
import { OnlineController } from '../../components/forms/online-controller';
import { passwordProblem, passwordRules } from '../../components/forms/password-rules';
import { pageStyles } from '../../components/page-styles';
import { checkResetToken, resetPassword } from '../../data/accounts-api';
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
  };

  declare step: Step;
  declare values: Record<Field, string>;
  private token: string | null = null;
  private verifyWith: SecurityOption = 'totp';
  private invalidText = '';
  private readonly connection = new OnlineController(this);
  private readonly form = new FormController<Field>(this, { action: 'Resetting your password' });

  constructor() {
    super();
    this.step = 'checking';
    this.values = { password: '', passwordAgain: '', code: '' };
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

  private async savePassword(event: Event): Promise<void> {
    event.preventDefault();
    const weak = passwordProblem(this.values.password, []);
    const problems: Partial<Record<Field, string>> = weak
      ? { password: weak }
      : this.values.password !== this.values.passwordAgain
        ? { passwordAgain: 'The two passwords are not the same.' }
        : {};
    if (Object.keys(problems).length === 0) this.step = 'verify';
    await this.form.show({ problems, alert: this.form.alert });
    if (!this.form.hasProblems) this.renderRoot.querySelector<HTMLElement>('#verify-heading')?.focus();
  }

  private verify(event: Event): Promise<void> {
    event.preventDefault();
    return this.form.submit(async () => {
      const code = securityCodeSchema.safeParse(this.values.code);
      if (!code.success) {
        return {
          problems: { code: 'Enter the code from your authenticator app or one of your recovery codes.' },
        };
      }
      if (!this.token) return;
      const outcome = await resetPassword({
        token: this.token,
        password: this.values.password,
        passwordAgain: this.values.passwordAgain,
        code: code.data,
      });
      if (outcome.kind === 'ok') {
        // The new password no longer opens the records saved here: the cache starts over under it.
        void session.accept(outcome.data, this.values.password);
        navigateFrom(this, '/', true);
        return;
      }
      if (outcome.kind === 'problem' && outcome.status === 401) {
        return { problems: { code: 'That code did not work. Check it and try again.' } };
      }
      if (outcome.kind === 'problem' && outcome.status === 410) {
        this.invalid('This link has expired or was already used. Links work once, for 30 minutes.');
        return;
      }
      if (outcome.kind === 'problem' && outcome.problem.errors) {
        // The server found a problem with the new password (a common one, say): back to that step.
        this.step = 'password';
        return this.form.explain(outcome);
      }
      return { alert: this.form.failure(outcome) };
    });
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
          error: this.form.problem('password'),
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
          error: this.form.problem('passwordAgain'),
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
      ${this.form.alert ? html`<div class="alert" role="alert" tabindex="-1"><p>${this.form.alert}</p></div>` : nothing}
      <form novalidate @submit=${this.verify}>
        ${securityCodeField({
          app,
          value: this.values.code,
          error: this.form.problem('code'),
          onInput: this.set('code'),
        })}
        <div class="actions">
          <button class="button" type="submit" ?disabled=${this.form.busy}>${this.form.busy ? 'Checking…' : 'Reset password'}</button>
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

// <forgot-password-page>: "Forgot your password?" → e-mail → "Email me". The answer is the same
// whether or not the address has an account, so the page reveals nothing about who is registered.
import { html, LitElement, nothing } from 'lit';
import { forgotPasswordRequest } from '../../../core/accounts';
import { textField } from '../../components/forms/fields';
import { FormController } from '../../components/forms/form-controller';
import { offlineText } from '../../components/forms/form-feedback';
import { formStyles } from '../../components/forms/form-styles';
import { OnlineController } from '../../components/forms/online-controller';
import { zodFieldErrors } from '../../components/forms/zod-errors';
import { pageStyles } from '../../components/page-styles';
import { forgotPassword } from '../../data/accounts-api';

export class ForgotPasswordPage extends LitElement {
  static override styles = [...pageStyles, formStyles];
  static override properties = {
    email: { state: true },
    sent: { state: true },
  };

  declare email: string;
  declare sent: boolean;
  private readonly connection = new OnlineController(this);
  private readonly form = new FormController<'email'>(this, { action: 'Resetting your password' });

  constructor() {
    super();
    this.email = '';
    this.sent = false;
  }

  private submit(event: Event): Promise<void> {
    event.preventDefault();
    return this.form.submit(async () => {
      const parsed = forgotPasswordRequest.safeParse({ email: this.email });
      if (!parsed.success) return { problems: { email: zodFieldErrors(parsed.error).email } };
      const outcome = await forgotPassword(parsed.data.email);
      if (outcome.kind !== 'ok') return { alert: this.form.failure(outcome) };
      this.sent = true;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.success')?.focus();
    });
  }

  override render() {
    if (this.sent) {
      return html`<h1 tabindex="-1">Forgot your password?</h1>
        <div class="success" role="status" tabindex="-1">
          <p><strong>If an account uses this address, we sent a link to it.</strong></p>
          <p>
            Open the e-mail and choose “Reset Password”. The link works once, for 30 minutes. No e-mail after a few
            minutes? Look in your spam folder, or check that you used the address you sign in with.
          </p>
        </div>
        <p><a href="/sign-in">Back to sign in</a></p>`;
    }
    return html`<h1 tabindex="-1">Forgot your password?</h1>
      <p class="lead">
        Enter the e-mail address you sign in with. We'll e-mail you a link to choose a new password.
      </p>
      ${this.connection.online ? nothing : html`<p class="offline" role="status">${offlineText('Resetting your password')}</p>`}
      ${this.form.alert ? html`<div class="alert" role="alert" tabindex="-1"><p>${this.form.alert}</p></div>` : nothing}
      <form novalidate @submit=${this.submit}>
        ${textField({
          id: 'email',
          label: 'E-mail address',
          type: 'email',
          autocomplete: 'email',
          value: this.email,
          error: this.form.problem('email'),
          onInput: (v) => {
            this.email = v;
          },
        })}
        <div class="actions">
          <button class="button" type="submit" ?disabled=${this.form.busy}>${this.form.busy ? 'Sending…' : 'Email me'}</button>
          <a class="inline-link" href="/sign-in">Back to sign in</a>
        </div>
      </form>`;
  }
}

customElements.define('forgot-password-page', ForgotPasswordPage);

// <confirm-email-page>: the 6-digit code from the confirmation e-mail activates the account and
// signs the new user in; next comes the security option.

import { html, LitElement, nothing } from 'lit';
import { confirmEmailRequest } from '../../../core/accounts';
import { PROBLEM_TYPES } from '../../../core/problem';
import { CodeEntry, EMAIL_CODE_MISSING_TEXT, EMAIL_CODE_WRONG_TEXT } from '../../components/forms/code-form';
import { FormController } from '../../components/forms/form-controller';
import { offlineText } from '../../components/forms/form-feedback';
import { formStyles } from '../../components/forms/form-styles';
import { OnlineController } from '../../components/forms/online-controller';
import { pageStyles } from '../../components/page-styles';
import { confirmRegistration } from '../../data/accounts-api';
import { currentRegistration, forgetRegistration } from '../../data/registration';
import { session } from '../../data/session';
import { navigateFrom } from '../../router/navigate';

export class ConfirmEmailPage extends LitElement {
  static override styles = [...pageStyles, formStyles];
  private readonly registration = currentRegistration();
  private readonly connection = new OnlineController(this);
  private readonly form = new FormController<'code'>(this, { action: 'Confirming your e-mail' });
  private readonly entry = new CodeEntry(this, this.form);

  private submit(event: Event): Promise<void> {
    event.preventDefault();
    const registration = this.registration;
    if (!registration) return Promise.resolve();
    return this.form.submit(async () => {
      const parsed = confirmEmailRequest.safeParse({
        registrationId: registration.registrationId,
        code: this.entry.code,
      });
      if (!parsed.success) return { problems: { code: EMAIL_CODE_MISSING_TEXT } };
      const outcome = await confirmRegistration(parsed.data);
      if (outcome.kind === 'ok') {
        forgetRegistration();
        session.accept(outcome.data);
        navigateFrom(this, '/security-setup', true);
        return;
      }
      if (outcome.kind === 'problem' && outcome.problem.type === PROBLEM_TYPES.wrongCode) {
        return { problems: { code: EMAIL_CODE_WRONG_TEXT } };
      }
      if (outcome.kind === 'problem' && outcome.status === 410) {
        return { alert: 'This sign-up has expired or had too many wrong codes. Please sign up again.' };
      }
      return { alert: this.form.failure(outcome) };
    });
  }

  override render() {
    if (!this.registration) {
      return html`<h1 tabindex="-1">Confirm your e-mail</h1>
        <p>There is no sign-up waiting in this browser tab. <a href="/sign-up">Sign up today</a> to start.</p>`;
    }
    const email = this.registration.email;
    return html`<h1 tabindex="-1">Check your e-mail</h1>
      <p class="lead">
        We sent a message to ${email ? html`<strong>${email}</strong>` : 'your e-mail address'}. If the address can be
        used for a new account, it holds a 6-digit code; if not, it explains why.
      </p>
      ${this.connection.online ? nothing : html`<p class="offline" role="status">${offlineText('Confirming your e-mail')}</p>`}
      ${
        this.form.alert
          ? html`<div class="alert" role="alert" tabindex="-1">
            <p>${this.form.alert}</p>
            <p><a href="/sign-up">Sign up again</a></p>
          </div>`
          : nothing
      }
      ${this.entry.render({ id: 'code', onSubmit: this.submit })}
      <p class="note">
        No e-mail after a few minutes? Look in your spam or junk folder. The code works for 30 minutes; after that,
        <a href="/sign-up">sign up again</a> with the same details to get a new one.
      </p>`;
  }
}

customElements.define('confirm-email-page', ConfirmEmailPage);

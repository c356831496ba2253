// <confirm-email-page>: the 6-digit code from the confirmation e-mail activates the account and
// signs the new user in; next comes the security option.

import { html, LitElement, nothing } from 'lit';
import { confirmEmailRequest } from '../../../core/accounts';
import { PROBLEM_TYPES } from '../../../core/problem';
import { codeField } from '../../components/forms/fields';
import { failureText, focusFirstProblem, offlineText } from '../../components/forms/form-feedback';
import { formStyles } from '../../components/forms/form-styles';
import { OnlineController } from '../../components/forms/online-controller';
import { pageStyles } from '../../components/page-styles';
import { confirmRegistration } from '../../data/auth-api';
import { currentRegistration, forgetRegistration } from '../../data/registration';
import { session } from '../../data/session';
import { navigateFrom } from '../../router/navigate';

export class ConfirmEmailPage extends LitElement {
  static override styles = [...pageStyles, formStyles];
  static override properties = {
    code: { state: true },
    error: { state: true },
    alert: { state: true },
    busy: { state: true },
  };

  declare code: string;
  declare error: string | undefined;
  declare alert: string | null;
  declare busy: boolean;
  private readonly registration = currentRegistration();
  private readonly connection = new OnlineController(this);

  constructor() {
    super();
    this.code = '';
    this.error = undefined;
    this.alert = null;
    this.busy = false;
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    if (!this.registration) return;
    this.alert = null;
    const parsed = confirmEmailRequest.safeParse({
      registrationId: this.registration.registrationId,
      code: this.code,
    });
    this.error = parsed.success ? undefined : 'Enter the 6-digit code from the e-mail.';
    if (parsed.success) {
      this.busy = true;
      const outcome = await confirmRegistration(parsed.data);
      this.busy = false;
      if (outcome.kind === 'ok') {
        forgetRegistration();
        session.accept(outcome.data);
        navigateFrom(this, '/security-setup', true);
        return;
      }
      if (outcome.kind === 'problem' && outcome.problem.type === PROBLEM_TYPES.wrongCode) {
        this.error = 'That code is not right. Check the e-mail and try again.';
      } else if (outcome.kind === 'problem' && outcome.status === 410) {
        this.alert = 'This sign-up has expired or had too many wrong codes. Please sign up again.';
      } else {
        this.alert = failureText(outcome, 'Confirming your e-mail');
      }
    }
    await this.updateComplete;
    focusFirstProblem(this.renderRoot);
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
        this.alert
          ? html`<div class="alert" role="alert" tabindex="-1">
            <p>${this.alert}</p>
            <p><a href="/sign-up">Sign up again</a></p>
          </div>`
          : nothing
      }
      <form novalidate @submit=${this.submit}>
        ${codeField({
          id: 'code',
          label: '6-digit code',
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
      <p class="note">
        No e-mail after a few minutes? Look in your spam or junk folder. The code works for 30 minutes; after that,
        <a href="/sign-up">sign up again</a> with the same details to get a new one.
      </p>`;
  }
}

customElements.define('confirm-email-page', ConfirmEmailPage);

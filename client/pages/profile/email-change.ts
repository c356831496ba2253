// <email-change>: a new sign-in e-mail takes effect only after the 6-digit code sent to the new
// address is entered; the old address is told about the change.
import { html, LitElement, nothing } from 'lit';
import { changeEmailRequest, type Profile, sixDigitCodeSchema } from '../../../core/accounts';
import { textField } from '../../components/forms/fields';
import { failureText, focusFirstProblem } from '../../components/forms/form-feedback';
import { formStyles } from '../../components/forms/form-styles';
import { zodFieldErrors } from '../../components/forms/zod-errors';
import { pageStyles } from '../../components/page-styles';
import { changeEmail, confirmEmailChange } from '../../data/auth-api';
import { PROFILE_SAVED_EVENT } from './profile-form';

export class EmailChange extends LitElement {
  static override styles = [...pageStyles, formStyles];
  static override properties = {
    profile: { attribute: false },
    editing: { state: true },
    newEmail: { state: true },
    sentTo: { state: true },
    code: { state: true },
    error: { state: true },
    alert: { state: true },
  };

  declare profile: Profile;
  declare editing: boolean;
  declare newEmail: string;
  declare sentTo: string | null;
  declare code: string;
  declare error: string | undefined;
  declare alert: string | null;

  constructor() {
    super();
    this.editing = false;
    this.newEmail = '';
    this.sentTo = null;
    this.code = '';
    this.error = undefined;
    this.alert = null;
  }

  private async showProblems(): Promise<void> {
    await this.updateComplete;
    focusFirstProblem(this.renderRoot);
  }

  private async request(event: Event): Promise<void> {
    event.preventDefault();
    this.alert = null;
    const parsed = changeEmailRequest.safeParse({ newEmail: this.newEmail });
    this.error = parsed.success ? undefined : zodFieldErrors(parsed.error).newEmail;
    if (parsed.success) {
      const outcome = await changeEmail(parsed.data.newEmail);
      if (outcome.kind === 'ok') {
        this.sentTo = parsed.data.newEmail;
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLInputElement>('#email-code')?.focus();
        return;
      }
      this.alert = failureText(outcome, 'Changing your e-mail');
    }
    return this.showProblems();
  }

  private async confirm(event: Event): Promise<void> {
    event.preventDefault();
    this.alert = null;
    const parsed = sixDigitCodeSchema.safeParse(this.code);
    this.error = parsed.success ? undefined : 'Enter the 6-digit code.';
    if (parsed.success) {
      const outcome = await confirmEmailChange(parsed.data);
      if (outcome.kind === 'ok') {
        this.editing = false;
        this.sentTo = null;
        this.code = '';
        this.dispatchEvent(
          new CustomEvent(PROFILE_SAVED_EVENT, { detail: outcome.data, bubbles: true, composed: true }),
        );
        return;
      }
      if (outcome.kind === 'problem' && outcome.status === 422)
        this.error = 'That code is not right. Check the e-mail and try again.';
      else this.alert = failureText(outcome, 'Changing your e-mail');
    }
    return this.showProblems();
  }

  override render() {
    const alert = this.alert
      ? html`<div class="alert" role="alert" tabindex="-1"><p>${this.alert}</p></div>`
      : nothing;
    if (!this.editing) {
      return html`<p>You sign in with <strong>${this.profile.email}</strong>.</p>
        ${this.profile.pendingEmail ? html`<p>A change to <strong>${this.profile.pendingEmail}</strong> is waiting for its code.</p>` : nothing}
        <button class="button secondary" type="button" @click=${() => {
          this.editing = true;
        }}>Change e-mail</button>`;
    }
    if (this.sentTo) {
      return html`<p role="status">We sent a 6-digit code to <strong>${this.sentTo}</strong>. The change takes effect once you enter it.</p>
        ${alert}
        <form novalidate @submit=${this.confirm}>
          ${textField({
            id: 'email-code',
            label: 'Code from the e-mail',
            inputmode: 'numeric',
            autocomplete: 'one-time-code',
            maxlength: 6,
            value: this.code,
            error: this.error,
            onInput: (v) => {
              this.code = v;
            },
          })}
          <div class="actions"><button class="button" type="submit">Confirm new e-mail</button></div>
        </form>`;
    }
    return html`${alert}<form novalidate @submit=${this.request}>
        ${textField({
          id: 'newEmail',
          label: 'New e-mail address',
          type: 'email',
          autocomplete: 'email',
          value: this.newEmail,
          error: this.error,
          onInput: (v) => {
            this.newEmail = v;
          },
        })}
        <div class="actions">
          <button class="button" type="submit">Send code</button>
          <button class="link-button" type="button" @click=${() => {
            this.editing = false;
          }}>Cancel</button>
        </div>
      </form>`;
  }
}

customElements.define('email-change', EmailChange);

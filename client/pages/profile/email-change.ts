// <email-change>: a new sign-in e-mail takes effect only after the 6-digit code sent to the new
// address is entered; the old address is told about the change.
import { html, LitElement, nothing } from 'lit';
import { changeEmailRequest, type Profile, sixDigitCodeSchema } from '../../../core/accounts';
import { CodeEntry, EMAIL_CODE_WRONG_TEXT } from '../../components/forms/code-form';
import { textField } from '../../components/forms/fields';
import { FormController } from '../../components/forms/form-controller';
import { formStyles } from '../../components/forms/form-styles';
import { zodFieldErrors } from '../../components/forms/zod-errors';
import { pageStyles } from '../../components/page-styles';
import { changeEmail, confirmEmailChange } from '../../data/accounts-api';
import { PROFILE_SAVED_EVENT } from './profile-form';

export class EmailChange extends LitElement {
  static override styles = [...pageStyles, formStyles];
  static override properties = {
    profile: { attribute: false },
    editing: { state: true },
    newEmail: { state: true },
    sentTo: { state: true },
  };

  declare profile: Profile;
  declare editing: boolean;
  declare newEmail: string;
  declare sentTo: string | null;
  private readonly form = new FormController<'newEmail' | 'code'>(this, { action: 'Changing your e-mail' });
  private readonly entry = new CodeEntry(this, this.form);

  constructor() {
    super();
    this.editing = false;
    this.newEmail = '';
    this.sentTo = null;
  }

  private request(event: Event): Promise<void> {
    event.preventDefault();
    return this.form.submit(async () => {
      const parsed = changeEmailRequest.safeParse({ newEmail: this.newEmail });
      if (!parsed.success) return { problems: { newEmail: zodFieldErrors(parsed.error).newEmail } };
      const outcome = await changeEmail(parsed.data.newEmail);
      if (outcome.kind !== 'ok') return { alert: this.form.failure(outcome) };
      this.sentTo = parsed.data.newEmail;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('#email-code')?.focus();
    });
  }

  private confirm(event: Event): Promise<void> {
    event.preventDefault();
    return this.form.submit(async () => {
      const parsed = sixDigitCodeSchema.safeParse(this.entry.code);
      if (!parsed.success) return { problems: { code: 'Enter the 6-digit code.' } };
      const outcome = await confirmEmailChange(parsed.data);
      if (outcome.kind === 'ok') {
        this.editing = false;
        this.sentTo = null;
        this.entry.code = '';
        this.dispatchEvent(
          new CustomEvent(PROFILE_SAVED_EVENT, { detail: outcome.data, bubbles: true, composed: true }),
        );
        return;
      }
      if (outcome.kind === 'problem' && outcome.status === 422)
        return { problems: { code: EMAIL_CODE_WRONG_TEXT } };
      return { alert: this.form.failure(outcome) };
    });
  }

  override render() {
    const alert = this.form.alert
      ? html`<div class="alert" role="alert" tabindex="-1"><p>${this.form.alert}</p></div>`
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
        ${this.entry.render({ id: 'email-code', label: 'Code from the e-mail', onSubmit: this.confirm, button: 'Confirm new e-mail' })}`;
    }
    return html`${alert}<form novalidate @submit=${this.request}>
        ${textField({
          id: 'newEmail',
          label: 'New e-mail address',
          type: 'email',
          autocomplete: 'email',
          value: this.newEmail,
          error: this.form.problem('newEmail'),
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

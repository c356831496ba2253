// <family-invitee-account>: an invitee with no portal account makes one from the invitation: the
// invited address becomes the login (the link reached it), with their name, mobile phone and a
// password. Signed in, they choose their security option and then accept the invitation.
import { html, LitElement, nothing } from 'lit';
import { invitationAccountRequest } from '../../../core/family';
import { textField } from '../../components/forms/fields';
import { failureText, fieldErrors, focusFirstProblem } from '../../components/forms/form-feedback';
import { formStyles } from '../../components/forms/form-styles';
import { passwordProblem, passwordRules } from '../../components/forms/password-rules';
import { zodFieldErrors } from '../../components/forms/zod-errors';
import { pageStyles } from '../../components/page-styles';
import { createInviteeAccount } from '../../data/family-api';
import { session } from '../../data/session';
import { navigateFrom } from '../../router/navigate';

type Field = 'firstName' | 'lastName' | 'mobilePhone' | 'password' | 'passwordAgain';

export class FamilyInviteeAccount extends LitElement {
  static override styles = [...pageStyles, formStyles];

  static override properties = {
    token: { attribute: false },
    values: { state: true },
    errors: { state: true },
    alert: { state: true },
    busy: { state: true },
  };

  declare token: string;
  declare values: Record<Field, string>;
  declare errors: Partial<Record<Field, string>>;
  declare alert: string | null;
  declare busy: boolean;

  constructor() {
    super();
    this.token = '';
    this.values = { firstName: '', lastName: '', mobilePhone: '', password: '', passwordAgain: '' };
    this.errors = {};
    this.alert = null;
    this.busy = false;
  }

  private get personal(): string[] {
    return [this.values.firstName, this.values.lastName];
  }

  private validate(): Partial<Record<Field, string>> {
    const parsed = invitationAccountRequest.safeParse({ token: this.token, ...this.values });
    const errors: Partial<Record<Field, string>> = {};
    if (!parsed.success) {
      for (const [key, message] of Object.entries(zodFieldErrors(parsed.error))) {
        if (key === 'firstName' || key === 'lastName' || key === 'mobilePhone') errors[key] = message;
      }
    }
    if (errors.firstName === 'Required.') errors.firstName = 'Enter your first name.';
    if (errors.lastName === 'Required.') errors.lastName = 'Enter your last name.';
    if (this.values.mobilePhone.trim() === '') errors.mobilePhone = 'Enter your mobile phone number.';
    const weak = passwordProblem(this.values.password, this.personal);
    if (weak) errors.password = weak;
    else if (this.values.password !== this.values.passwordAgain)
      errors.passwordAgain = 'The two passwords are not the same.';
    return errors;
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    this.alert = null;
    this.errors = this.validate();
    if (Object.keys(this.errors).length === 0) {
      const password = this.values.password;
      this.busy = true;
      const outcome = await createInviteeAccount({ token: this.token, ...this.values });
      this.busy = false;
      if (outcome.kind === 'ok') {
        this.values = { firstName: '', lastName: '', mobilePhone: '', password: '', passwordAgain: '' };
        // The password opens this device's record cache, as with any new account; the invitation
        // stays in this tab for the Accept after the security option.
        void session.accept(outcome.data, password);
        navigateFrom(
          this,
          outcome.data.needsSecurityOption === false
            ? '/family/accept'
            : '/security-setup?next=/family/accept',
          true,
        );
        return;
      }
      const fromServer = outcome.kind === 'problem' ? fieldErrors(outcome.problem) : {};
      if (Object.keys(fromServer).length > 0) this.errors = fromServer as Partial<Record<Field, string>>;
      else this.alert = failureText(outcome, 'Creating your account');
    }
    await this.updateComplete;
    focusFirstProblem(this.renderRoot);
  }

  private field(name: Field, label: string, extra: Partial<Parameters<typeof textField>[0]> = {}) {
    return textField({
      id: `account-${name}`,
      label,
      value: this.values[name],
      error: this.errors[name],
      onInput: (value) => {
        this.values = { ...this.values, [name]: value };
      },
      ...extra,
    });
  }

  override render() {
    return html`${this.alert ? html`<div class="alert" role="alert" tabindex="-1"><p>${this.alert}</p></div>` : nothing}
      <form novalidate @submit=${this.submit}>
        <div class="pair">
          ${this.field('firstName', 'Your first name', { autocomplete: 'given-name', maxlength: 100 })}
          ${this.field('lastName', 'Your last name', { autocomplete: 'family-name', maxlength: 100 })}
        </div>
        ${this.field('mobilePhone', 'Your mobile phone', { type: 'tel', autocomplete: 'tel', hint: 'With area code.' })}
        ${this.field('password', 'Password', {
          type: 'password',
          autocomplete: 'new-password',
          describedBy: 'account-password-rules',
        })}
        ${passwordRules('account-password-rules', this.values.password, this.personal)}
        ${this.field('passwordAgain', 'Password again', { type: 'password', autocomplete: 'new-password' })}
        <div class="actions">
          <button class="button" type="submit" ?disabled=${this.busy}>
            ${this.busy ? 'Creating your account…' : 'Create my account'}
          </button>
        </div>
      </form>`;
  }
}

customElements.define('family-invitee-account', FamilyInviteeAccount);

declare global {
  interface HTMLElementTagNameMap {
    'family-invitee-account': FamilyInviteeAccount;
  }
}

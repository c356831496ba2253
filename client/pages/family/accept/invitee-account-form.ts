// <family-invitee-account>: an invitee with no portal account makes one from the invitation: the
// invited address becomes the login (the link reached it), with their name, mobile phone and a
// password. Signed in, they choose their security option and then accept the invitation.
import { html, LitElement, nothing } from 'lit';
import { invitationAccountRequest } from '../../../../core/family';
import { fieldBinder } from '../../../components/forms/fields';
import { FormController } from '../../../components/forms/form-controller';
import { formStyles } from '../../../components/forms/form-styles';
import { passwordProblem, passwordRules } from '../../../components/forms/password-rules';
import { requiredAs, zodFieldErrors } from '../../../components/forms/zod-errors';
import { pageStyles } from '../../../components/page-styles';
import { createInviteeAccount } from '../../../data/family-api';
import { session } from '../../../data/session';
import { navigateFrom } from '../../../router/navigate';

type Field = 'firstName' | 'lastName' | 'mobilePhone' | 'password' | 'passwordAgain';

export class FamilyInviteeAccount extends LitElement {
  static override styles = [...pageStyles, formStyles];

  static override properties = {
    token: { attribute: false },
    values: { state: true },
  };

  declare token: string;
  declare values: Record<Field, string>;
  private readonly form = new FormController<Field>(this, { action: 'Creating your account' });

  constructor() {
    super();
    this.token = '';
    this.values = { firstName: '', lastName: '', mobilePhone: '', password: '', passwordAgain: '' };
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
    requiredAs(errors, { firstName: 'Enter your first name.', lastName: 'Enter your last name.' });
    if (this.values.mobilePhone.trim() === '') errors.mobilePhone = 'Enter your mobile phone number.';
    const weak = passwordProblem(this.values.password, this.personal);
    if (weak) errors.password = weak;
    else if (this.values.password !== this.values.passwordAgain)
      errors.passwordAgain = 'The two passwords are not the same.';
    return errors;
  }

  private submit(event: Event): Promise<void> {
    event.preventDefault();
    return this.form.submit(async () => {
      const problems = this.validate();
      if (Object.keys(problems).length > 0) return { problems };
      const password = this.values.password;
      const outcome = await createInviteeAccount({ token: this.token, ...this.values });
      if (outcome.kind !== 'ok') return outcome;
      this.values = { firstName: '', lastName: '', mobilePhone: '', password: '', passwordAgain: '' };
      // The password opens this device's record cache, as with any new account; the invitation
      // stays in this tab for the Accept after the security option.
      void session.accept(outcome.data, password);
      navigateFrom(
        this,
        outcome.data.needsSecurityOption === false ? '/family/accept' : '/security-setup?next=/family/accept',
        true,
      );
    });
  }

  private get field() {
    return fieldBinder<Field>({
      values: this.values,
      errors: this.form.problems,
      id: (name) => `account-${name}`,
      onInput: (name, value) => {
        this.values = { ...this.values, [name]: value };
      },
    });
  }

  override render() {
    return html`${this.form.alert ? html`<div class="alert" role="alert" tabindex="-1"><p>${this.form.alert}</p></div>` : nothing}
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
          <button class="button" type="submit" ?disabled=${this.form.busy}>
            ${this.form.busy ? 'Creating your account…' : 'Create my account'}
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

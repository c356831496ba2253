// <family-invite-form>: "Invite Family Member": their name, e-mail, how they are related to you and
// the access level. Fires `invitation-sent` (detail: the pending invitation) once the server
// e-mailed the link, `family-change-queued` when offline it was saved to send later; `cancel` when
// the user closes the form.
import { html, LitElement, nothing } from 'lit';
import type { GrantLevel, PendingInvitation } from '../../../../core/family';
import { invitationRequest } from '../../../../core/family';
import { fieldBinder, selectField } from '../../../components/forms/fields';
import { FormController } from '../../../components/forms/form-controller';
import { formStyles } from '../../../components/forms/form-styles';
import { OnlineController } from '../../../components/forms/online-controller';
import { requiredAs, zodFieldErrors } from '../../../components/forms/zod-errors';
import { pageStyles } from '../../../components/page-styles';
import { FAMILY_CHANGE_QUEUED_EVENT, type FamilyChange, inviteOrQueue } from '../../../data/family-changes';
import { accessChoice, accessChoiceStyles } from './access-choice';
import { RELATIONSHIP_OPTIONS } from './family-words';

type Field = 'firstName' | 'lastName' | 'email' | 'relationship' | 'access';

export const INVITATION_SENT_EVENT = 'invitation-sent';

export class FamilyInviteForm extends LitElement {
  static override styles = [...pageStyles, formStyles, accessChoiceStyles];

  static override properties = {
    canGrantFull: { attribute: false },
    ownEmail: { attribute: false },
    values: { state: true },
  };

  declare canGrantFull: boolean;
  /** The signed-in patient's address: a family member needs their own (see the FAQ). */
  declare ownEmail: string | null;
  declare values: Record<Field, string>;
  private readonly connection = new OnlineController(this);
  private readonly form = new FormController<Field>(this, { action: 'Sending the invitation' });

  constructor() {
    super();
    this.canGrantFull = true;
    this.ownEmail = null;
    this.values = { firstName: '', lastName: '', email: '', relationship: '', access: '' };
  }

  private set(name: Field) {
    return (value: string) => {
      this.values = { ...this.values, [name]: value };
    };
  }

  private validate(): Partial<Record<Field, string>> {
    const parsed = invitationRequest.safeParse(this.values);
    const errors: Partial<Record<Field, string>> = parsed.success ? {} : zodFieldErrors(parsed.error);
    requiredAs(errors, { firstName: 'Enter their first name.', lastName: 'Enter their last name.' });
    if (this.values.email.trim() === '') errors.email = 'Enter their e-mail address.';
    else if (
      !errors.email &&
      this.ownEmail &&
      this.values.email.trim().toLowerCase() === this.ownEmail.toLowerCase()
    )
      errors.email =
        'This is your own e-mail address. Each person signs in with their own address: use theirs.';
    if (this.values.relationship === '') errors.relationship = 'Choose how they are related to you.';
    else if (errors.relationship) errors.relationship = 'Choose how they are related to you.';
    if (this.values.access === '' || errors.access) errors.access = 'Choose Full or Billing only.';
    if (this.values.access === 'full' && !this.canGrantFull) errors.access = 'Choose Billing only.';
    return errors;
  }

  private submit(event: Event): Promise<void> {
    event.preventDefault();
    return this.form.submit(async () => {
      const problems = this.validate();
      if (Object.keys(problems).length > 0) return { problems };
      const parsed = invitationRequest.safeParse(this.values);
      if (!parsed.success) return;
      const outcome = await inviteOrQueue(parsed.data);
      if (outcome.kind === 'not-kept') return { alert: outcome.reason };
      if (outcome.kind !== 'queued' && outcome.kind !== 'sent') return outcome;
      this.dispatchEvent(
        outcome.kind === 'queued'
          ? new CustomEvent<FamilyChange>(FAMILY_CHANGE_QUEUED_EVENT, {
              detail: { what: 'invite', invitation: parsed.data },
              bubbles: true,
              composed: true,
            })
          : new CustomEvent<PendingInvitation>(INVITATION_SENT_EVENT, {
              detail: outcome.data,
              bubbles: true,
              composed: true,
            }),
      );
      this.values = { firstName: '', lastName: '', email: '', relationship: '', access: '' };
    });
  }

  private cancel(): void {
    this.dispatchEvent(new CustomEvent('cancel', { bubbles: true, composed: true }));
  }

  private get field() {
    return fieldBinder<Exclude<Field, 'relationship' | 'access'>>({
      values: this.values,
      errors: this.form.problems,
      id: (name) => `invite-${name}`,
      onInput: (name, value) => this.set(name)(value),
    });
  }

  override render() {
    return html`${this.form.alert ? html`<div class="alert" role="alert" tabindex="-1"><p>${this.form.alert}</p></div>` : nothing}
      <form novalidate @submit=${this.submit}>
        <div class="pair">
          ${this.field('firstName', 'First name', { autocomplete: 'off', maxlength: 100 })}
          ${this.field('lastName', 'Last name', { autocomplete: 'off', maxlength: 100 })}
        </div>
        ${this.field('email', 'E-mail address', {
          type: 'email',
          autocomplete: 'off',
          hint: 'Their own address: the invitation link goes there.',
        })}
        ${selectField({
          id: 'invite-relationship',
          label: 'Their relationship to you',
          value: this.values.relationship,
          error: this.form.problem('relationship'),
          options: RELATIONSHIP_OPTIONS,
          onInput: this.set('relationship'),
        })}
        ${accessChoice({
          id: 'invite-access',
          legend: 'Access level',
          value: this.values.access as GrantLevel | '',
          canGrantFull: this.canGrantFull,
          error: this.form.problem('access'),
          onChange: this.set('access'),
        })}
        ${
          this.connection.online
            ? nothing
            : html`<p class="note" id="invite-offline">
              You're offline. The invitation is saved on this device and the e-mail goes out when this device
              is back online.
            </p>`
        }
        <div class="actions">
          <button class="button" type="submit" ?disabled=${this.form.busy}>
            ${this.form.busy ? 'Sending…' : this.connection.online ? 'Send invitation' : 'Send when back online'}
          </button>
          <button class="link-button" type="button" @click=${this.cancel}>Cancel</button>
        </div>
      </form>`;
  }
}

customElements.define('family-invite-form', FamilyInviteForm);

declare global {
  interface HTMLElementTagNameMap {
    'family-invite-form': FamilyInviteForm;
  }
}

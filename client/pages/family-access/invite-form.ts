// <family-invite-form>: "Invite Family Member": their name, e-mail, how they are related to you and
// the access level. Fires `invitation-sent` (detail: the pending invitation) once the server
// e-mailed the link, `family-change-queued` when offline it was saved to send later; `cancel` when
// the user closes the form.
import { html, LitElement, nothing } from 'lit';
import type { GrantLevel, PendingInvitation } from '../../../core/family';
import { invitationRequest } from '../../../core/family';
import { selectField, textField } from '../../components/forms/fields';
import { failureText, fieldErrors, focusFirstProblem } from '../../components/forms/form-feedback';
import { formStyles } from '../../components/forms/form-styles';
import { OnlineController } from '../../components/forms/online-controller';
import { zodFieldErrors } from '../../components/forms/zod-errors';
import { pageStyles } from '../../components/page-styles';
import { FAMILY_CHANGE_QUEUED_EVENT, type FamilyChange, inviteOrQueue } from '../../data/family-changes';
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
    errors: { state: true },
    alert: { state: true },
    busy: { state: true },
  };

  declare canGrantFull: boolean;
  /** The signed-in patient's address: a family member needs their own (see the FAQ). */
  declare ownEmail: string | null;
  declare values: Record<Field, string>;
  declare errors: Partial<Record<Field, string>>;
  declare alert: string | null;
  declare busy: boolean;
  private readonly connection = new OnlineController(this);

  constructor() {
    super();
    this.canGrantFull = true;
    this.ownEmail = null;
    this.values = { firstName: '', lastName: '', email: '', relationship: '', access: '' };
    this.errors = {};
    this.alert = null;
    this.busy = false;
  }

  private set(name: Field) {
    return (value: string) => {
      this.values = { ...this.values, [name]: value };
    };
  }

  private validate(): Partial<Record<Field, string>> {
    const parsed = invitationRequest.safeParse(this.values);
    const errors: Partial<Record<Field, string>> = parsed.success ? {} : zodFieldErrors(parsed.error);
    if (errors.firstName === 'Required.') errors.firstName = 'Enter their first name.';
    if (errors.lastName === 'Required.') errors.lastName = 'Enter their last name.';
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

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    this.alert = null;
    this.errors = this.validate();
    const parsed = invitationRequest.safeParse(this.values);
    if (Object.keys(this.errors).length === 0 && parsed.success) {
      this.busy = true;
      const outcome = await inviteOrQueue(parsed.data);
      this.busy = false;
      if (outcome.kind === 'queued') {
        this.dispatchEvent(
          new CustomEvent<FamilyChange>(FAMILY_CHANGE_QUEUED_EVENT, {
            detail: { what: 'invite', invitation: parsed.data },
            bubbles: true,
            composed: true,
          }),
        );
        this.values = { firstName: '', lastName: '', email: '', relationship: '', access: '' };
        return;
      }
      if (outcome.kind === 'sent') {
        this.dispatchEvent(
          new CustomEvent<PendingInvitation>(INVITATION_SENT_EVENT, {
            detail: outcome.data,
            bubbles: true,
            composed: true,
          }),
        );
        this.values = { firstName: '', lastName: '', email: '', relationship: '', access: '' };
        return;
      }
      const fromServer = outcome.kind === 'problem' ? fieldErrors(outcome.problem) : {};
      if (Object.keys(fromServer).length > 0) this.errors = fromServer as Partial<Record<Field, string>>;
      else
        this.alert =
          outcome.kind === 'not-kept' ? outcome.reason : failureText(outcome, 'Sending the invitation');
    }
    await this.updateComplete;
    focusFirstProblem(this.renderRoot);
  }

  private cancel(): void {
    this.dispatchEvent(new CustomEvent('cancel', { bubbles: true, composed: true }));
  }

  private field(name: Exclude<Field, 'relationship' | 'access'>, label: string, extra = {}) {
    return textField({
      id: `invite-${name}`,
      label,
      value: this.values[name],
      error: this.errors[name],
      onInput: this.set(name),
      ...extra,
    });
  }

  override render() {
    return html`${this.alert ? html`<div class="alert" role="alert" tabindex="-1"><p>${this.alert}</p></div>` : nothing}
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
          error: this.errors.relationship,
          options: RELATIONSHIP_OPTIONS,
          onInput: this.set('relationship'),
        })}
        ${accessChoice({
          id: 'invite-access',
          legend: 'Access level',
          value: this.values.access as GrantLevel | '',
          canGrantFull: this.canGrantFull,
          error: this.errors.access,
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
          <button class="button" type="submit" ?disabled=${this.busy}>
            ${this.busy ? 'Sending…' : this.connection.online ? 'Send invitation' : 'Send when back online'}
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

// <profile-form>: "Update personal information": edit preferred name, address, phones, language,
// emergency contact and notifications; sends only what changed, with the version it was based on.
import { css, html, LitElement, nothing } from 'lit';
import { type Profile, type ProfileFields, profileFieldsSchema } from '../../../core/accounts';
import { textField } from '../../components/forms/fields';
import { FormController, type FormReport } from '../../components/forms/form-controller';
import { fieldErrors, offlineText } from '../../components/forms/form-feedback';
import { formStyles } from '../../components/forms/form-styles';
import { OnlineController } from '../../components/forms/online-controller';
import { zodFieldErrors } from '../../components/forms/zod-errors';
import { pageStyles } from '../../components/page-styles';
import { isProblemWithCurrent } from './profile-guard';
import './profile-conflict';
import { OUTBOX_CHANGED_EVENT, type OutboxChangedDetail } from '../../../core/outbox';
import { getProfile } from '../../data/accounts-api';
import type { ConflictResolvedEvent } from './profile-conflict';
import { changedFields, type ProfileChanges, saveProfile } from './profile-save';

export const PROFILE_SAVED_EVENT = 'profile-saved';

const isProfile = (value: unknown): value is Profile =>
  typeof value === 'object' && value !== null && 'version' in value && 'preferredName' in value;

const fieldsOf = (p: Profile): ProfileFields => ({
  preferredName: p.preferredName,
  address: { ...p.address },
  mobilePhone: p.mobilePhone,
  homePhone: p.homePhone,
  preferredLanguage: p.preferredLanguage,
  emergencyContact: { ...p.emergencyContact },
  notifications: { ...p.notifications },
});

const NOTIFICATIONS: ReadonlyArray<[keyof ProfileFields['notifications'], string]> = [
  ['emailNewMessage', 'E-mail me when I have a new message'],
  ['emailNewResult', 'E-mail me when a new result is ready'],
  ['emailReminders', 'E-mail me appointment and health reminders'],
  ['textReminders', 'Text me appointment reminders'],
];

export class ProfileForm extends LitElement {
  static override styles = [
    ...pageStyles,
    formStyles,
    css`
      fieldset {
        margin-bottom: 1.5rem;
      }
      legend {
        margin-bottom: 0.75rem;
        font-size: 1.125rem;
      }
    `,
  ];

  static override properties = {
    profile: { attribute: false },
    draft: { state: true },
    saved: { state: true },
    queued: { state: true },
    conflict: { state: true },
  };

  declare profile: Profile;
  declare draft: ProfileFields;
  declare saved: boolean;
  /** A change made offline waits in the outbox. */
  declare queued: boolean;
  /** The server's current record after a 409, and my changes that met it. */
  declare conflict: { current: Profile; mine: ProfileChanges } | null;
  private readonly connection = new OnlineController(this);
  private readonly form = new FormController(this, { action: 'Saving your information' });

  constructor() {
    super();
    this.saved = false;
    this.queued = false;
    this.conflict = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener(OUTBOX_CHANGED_EVENT, this.onOutboxReplayed);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener(OUTBOX_CHANGED_EVENT, this.onOutboxReplayed);
  }

  /** A change queued offline was delivered or refused: show the outcome as if saved just now. */
  private readonly onOutboxReplayed = async (event: Event): Promise<void> => {
    const { outcomes } = (event as CustomEvent<OutboxChangedDetail>).detail;
    const delivered = outcomes.find((o) => o.kind === 'profile-edit' && o.status === 200);
    const refused = outcomes.find((o) => o.kind === 'profile-edit' && o.failure);
    if (delivered && isProfile(delivered.body)) {
      this.queued = false;
      this.saved = true;
      this.dispatchEvent(
        new CustomEvent(PROFILE_SAVED_EVENT, { detail: delivered.body, bubbles: true, composed: true }),
      );
      return;
    }
    if (!refused) return;
    const { discardChange } = await import('../../data/outbox');
    await discardChange(refused.id);
    this.queued = false;
    const mine = changedFields(fieldsOf(this.profile), this.draft);
    const current = refused.failure?.status === 409 ? await getProfile() : null;
    if (current?.kind === 'ok') {
      // Someone changed the same record meanwhile: let the user choose, as for an online save.
      this.conflict = { current: current.data, mine };
      return;
    }
    this.form.alert = `The changes you made offline could not be saved: ${refused.failure?.title ?? 'the server refused them'}. ${refused.failure?.detail ?? ''} Check the form and save again.`;
    this.requestUpdate();
  };

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('profile') && this.profile) this.draft = fieldsOf(this.profile);
  }

  private edit(update: (d: ProfileFields) => void): void {
    const next = structuredClone(this.draft);
    update(next);
    this.draft = next;
    this.saved = false;
  }

  private submit(event: Event): Promise<void> {
    event.preventDefault();
    return this.form.submit(async () => {
      const changes = changedFields(fieldsOf(this.profile), this.draft);
      const parsed = profileFieldsSchema.partial().safeParse(changes);
      if (!parsed.success) return { problems: zodFieldErrors(parsed.error) };
      if (Object.keys(changes).length === 0) return { alert: 'Nothing has changed yet.' };
      const refused = await this.send(changes, this.profile.version);
      if (refused) return refused;
      await this.focusSaved();
    });
  }

  private async focusSaved(): Promise<void> {
    await this.updateComplete;
    if (this.saved || this.queued) this.renderRoot.querySelector<HTMLElement>('.success')?.focus();
  }

  /** Sends the changes; what to tell the user when they were not saved (a conflict shows itself). */
  private async send(
    changes: ProfileChanges,
    baseVersion: number,
  ): Promise<FormReport<string, string> | undefined> {
    let outcome: Awaited<ReturnType<typeof saveProfile>>;
    try {
      outcome = await saveProfile(changes, baseVersion, this.connection.online);
    } catch {
      return { alert: offlineText('Saving your information') };
    }
    if (outcome.kind === 'queued') {
      this.queued = true;
      return;
    }
    if (outcome.kind === 'ok') {
      this.conflict = null;
      this.saved = true;
      this.dispatchEvent(
        new CustomEvent(PROFILE_SAVED_EVENT, { detail: outcome.data, bubbles: true, composed: true }),
      );
      return;
    }
    if (outcome.kind === 'problem' && outcome.status === 409 && isProblemWithCurrent(outcome.problem)) {
      this.conflict = { current: outcome.problem.current, mine: changes };
      return;
    }
    if (outcome.kind === 'problem' && outcome.problem.errors) {
      return { problems: fieldErrors(outcome.problem, 'body.changes.') };
    }
    return { alert: this.form.failure(outcome) };
  }

  private onResolved(event: ConflictResolvedEvent): Promise<void> {
    const { changes, baseVersion } = event.detail;
    const current = this.conflict?.current;
    this.conflict = null;
    // The server's version is the new base, so a second conflict compares against it.
    if (current) this.profile = current;
    return this.form.submit(async () => {
      const refused = await this.send(changes, baseVersion);
      if (!this.saved && !this.conflict) {
        // Show the new version with the user's choices on top, so they can fix and retry.
        await this.updateComplete;
        this.draft = { ...this.draft, ...changes };
      }
      if (refused) return refused;
      if (this.saved) await this.focusSaved();
    });
  }

  private text(
    id: string,
    label: string,
    value: string,
    set: (d: ProfileFields, v: string) => void,
    extra = {},
  ) {
    return textField({
      id,
      label,
      value,
      error: this.form.problem(id.replace(/-/g, '.')),
      onInput: (v) => this.edit((d) => set(d, v)),
      ...extra,
    });
  }

  override render() {
    if (this.conflict) {
      return html`<profile-conflict
        .mine=${this.conflict.mine}
        .base=${this.profile}
        .current=${this.conflict.current}
        @conflict-resolved=${this.onResolved}
      ></profile-conflict>`;
    }
    const d = this.draft;
    return html`${this.saved ? html`<div class="success" role="status" tabindex="-1"><p>Your information is saved.</p></div>` : nothing}
      ${
        this.queued
          ? html`<div class="success" role="status" tabindex="-1">
              <p>
                You're offline. Your changes are kept on this device and will be sent as soon as you're back online.
              </p>
            </div>`
          : nothing
      }
      ${this.form.alert ? html`<div class="alert" role="alert" tabindex="-1"><p>${this.form.alert}</p></div>` : nothing}
      <form novalidate @submit=${this.submit}>
        <fieldset>
          <legend>About you</legend>
          ${this.text(
            'preferredName',
            'Preferred name',
            d.preferredName,
            (x, v) => {
              x.preferredName = v;
            },
            {
              autocomplete: 'nickname',
              hint: 'What you like to be called. Your legal name stays on your records.',
            },
          )}
          ${this.text(
            'preferredLanguage',
            'Preferred language',
            d.preferredLanguage,
            (x, v) => {
              x.preferredLanguage = v;
            },
            { autocomplete: 'language' },
          )}
        </fieldset>
        <fieldset>
          <legend>Address</legend>
          ${this.text(
            'address-line1',
            'Street address',
            d.address.line1,
            (x, v) => {
              x.address.line1 = v;
            },
            { autocomplete: 'address-line1' },
          )}
          ${this.text(
            'address-line2',
            'Apartment, suite (optional)',
            d.address.line2,
            (x, v) => {
              x.address.line2 = v;
            },
            { autocomplete: 'address-line2' },
          )}
          ${this.text(
            'address-city',
            'City',
            d.address.city,
            (x, v) => {
              x.address.city = v;
            },
            { autocomplete: 'address-level2' },
          )}
          <div class="pair">
            ${this.text(
              'address-state',
              'State',
              d.address.state,
              (x, v) => {
                x.address.state = v;
              },
              { autocomplete: 'address-level1' },
            )}
            ${this.text(
              'address-zip',
              'ZIP code',
              d.address.zip,
              (x, v) => {
                x.address.zip = v;
              },
              { autocomplete: 'postal-code', inputmode: 'numeric' },
            )}
          </div>
        </fieldset>
        <fieldset>
          <legend>Phone numbers</legend>
          <div class="pair">
            ${this.text(
              'mobilePhone',
              'Mobile phone',
              d.mobilePhone,
              (x, v) => {
                x.mobilePhone = v;
              },
              { type: 'tel', autocomplete: 'tel' },
            )}
            ${this.text(
              'homePhone',
              'Home phone',
              d.homePhone,
              (x, v) => {
                x.homePhone = v;
              },
              { type: 'tel' },
            )}
          </div>
        </fieldset>
        <fieldset>
          <legend>Emergency contact</legend>
          ${this.text('emergencyContact-name', 'Name', d.emergencyContact.name, (x, v) => {
            x.emergencyContact.name = v;
          })}
          <div class="pair">
            ${this.text(
              'emergencyContact-relationship',
              'Relationship to you',
              d.emergencyContact.relationship,
              (x, v) => {
                x.emergencyContact.relationship = v;
              },
            )}
            ${this.text(
              'emergencyContact-phone',
              'Phone',
              d.emergencyContact.phone,
              (x, v) => {
                x.emergencyContact.phone = v;
              },
              { type: 'tel' },
            )}
          </div>
        </fieldset>
        <fieldset>
          <legend>Notifications</legend>
          ${NOTIFICATIONS.map(
            ([key, label]) => html`<label class="check"
              ><input
                type="checkbox"
                .checked=${d.notifications[key]}
                @change=${(e: Event) =>
                  this.edit((x) => {
                    x.notifications[key] = (e.target as HTMLInputElement).checked;
                  })}
              />${label}</label
            >`,
          )}
        </fieldset>
        <div class="actions">
          <button class="button" type="submit" ?disabled=${this.form.busy}>${this.form.busy ? 'Saving…' : 'Save changes'}</button>
        </div>
      </form>`;
  }
}

customElements.define('profile-form', ProfileForm);

declare global {
  interface HTMLElementTagNameMap {
    'profile-form': ProfileForm;
  }
}

// <family-request-access>: "Request access to a family member's account" from one's own account.
// The patient's details → a temporary passcode goes to the patient → the requester enters it once
// the patient hands it over → access begins, and the account switcher lists the patient. Fires
// `cancel` when the user closes the form before sending.
import { css, html, LitElement, nothing } from 'lit';
import { accessRequestFromAccount, type GrantLevel, type PasscodeAccepted } from '../../../../core/family';
import type { PracticeInfo } from '../../../../core/practice';
import { FormController } from '../../../components/forms/form-controller';
import { offlineText } from '../../../components/forms/form-feedback';
import { formStyles } from '../../../components/forms/form-styles';
import { OnlineController } from '../../../components/forms/online-controller';
import { pageStyles } from '../../../components/page-styles';
import { refreshPeople, requestAccessFromAccount, sendPasscodeFromAccount } from '../../../data/family-api';
import { loadAppRecords } from '../../../data/records-keeper';
import { session } from '../../../data/session';
import { levelText } from '../access/family-words';
import type { FamilyPasscodeForm, PasscodeAcceptedDetail } from './passcode-form';
import './passcode-form';
import {
  EMPTY_PATIENT,
  type PatientField,
  type PatientValues,
  patientBody,
  patientErrors,
  patientFields,
  patientName,
} from './patient-fields';
import { type RequestAlert, refuseUnderThirteen, requestFailure } from './request-words';

type Step = 'form' | 'passcode' | 'done';

export class FamilyRequestAccess extends LitElement {
  static override styles = [
    ...pageStyles,
    formStyles,
    css`
      fieldset > legend {
        padding: 0;
      }
      .success h3,
      .alert h3 {
        margin: 0 0 0.375rem;
        font-size: 1.0625rem;
      }
    `,
  ];

  static override properties = {
    practice: { attribute: false },
    step: { state: true },
    values: { state: true },
  };

  declare practice: PracticeInfo | null;
  declare step: Step;
  declare values: PatientValues;
  private requestId = '';
  private expiresAt: string | null = null;
  private level: GrantLevel | undefined = undefined;
  private readonly connection = new OnlineController(this);
  private readonly form = new FormController<string, RequestAlert>(this, {
    action: 'Requesting access',
    alert: (sentence) => ({ title: 'Your request was not sent', body: html`<p>${sentence}</p>` }),
  });

  constructor() {
    super();
    this.practice = null;
    this.step = 'form';
    this.values = { ...EMPTY_PATIENT };
  }

  private get timeZone(): string | undefined {
    return this.practice?.timeZone;
  }

  private submit(event: Event): Promise<void> {
    event.preventDefault();
    return this.form.submit(async () => {
      const refused = refuseUnderThirteen(this.values, this.practice);
      if (refused) return refused;
      const problems = patientErrors(this.values, this.timeZone);
      if (Object.keys(problems).length > 0) return { problems };
      const parsed = accessRequestFromAccount.safeParse(patientBody(this.values));
      if (!parsed.success) return;
      const outcome = await requestAccessFromAccount(parsed.data);
      if (outcome.kind !== 'ok') return requestFailure(outcome, this.practice, 'Requesting access');
      this.requestId = outcome.data.requestId;
      this.expiresAt = outcome.data.expiresAt ?? null;
      this.step = 'passcode';
      await this.updateComplete;
      await this.renderRoot.querySelector<FamilyPasscodeForm>('family-passcode-form')?.focusHeading();
    });
  }

  private readonly sendPasscode = (passcode: string) => sendPasscodeFromAccount(this.requestId, passcode);

  private async accepted(event: CustomEvent<PasscodeAcceptedDetail>): Promise<void> {
    const answer = event.detail.answer as PasscodeAccepted | null;
    if (answer?.granted === false) {
      // The server took the passcode but started no access for this account: say so plainly.
      this.step = 'form';
      return this.form.show({
        alert: {
          title: 'Your access has not begun',
          body: html`<p>The passcode is right, but access could not start from this account. Please call the office.</p>`,
        },
      });
    }
    this.level = answer?.access;
    this.step = 'done';
    this.requestId = '';
    // The switcher lists the patient, and their records start coming to this device.
    void refreshPeople();
    if (session.keeper) void loadAppRecords().then((records) => records.syncNow());
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.success')?.focus();
  }

  private async startAgain(): Promise<void> {
    this.step = 'form';
    this.requestId = '';
    this.form.clear();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('input')?.focus();
  }

  private cancel(): void {
    this.dispatchEvent(new CustomEvent('cancel', { bubbles: true, composed: true }));
  }

  private newRequest(): void {
    this.values = { ...EMPTY_PATIENT };
    void this.startAgain();
  }

  private renderAlert() {
    const { alert } = this.form;
    if (!alert) return nothing;
    return html`<div class="alert" role="alert" tabindex="-1" aria-labelledby="request-alert-title">
      <h3 id="request-alert-title">${alert.title}</h3>
      ${alert.body}
    </div>`;
  }

  override render() {
    switch (this.step) {
      case 'passcode':
        return html`<family-passcode-form
          .patientName=${patientName(this.values)}
          .expiresAt=${this.expiresAt}
          .timeZone=${this.timeZone}
          .send=${this.sendPasscode}
          nested
          @passcode-accepted=${this.accepted}
          @start-again=${this.startAgain}
        ></family-passcode-form>`;
      case 'done':
        return html`<div class="success" role="status" tabindex="-1">
            <h3>Access has begun</h3>
            <p>
              You can now see ${patientName(this.values)}'s account${this.level ? html` with ${levelText(this.level)}` : ''}.
              Choose whose record you're viewing under “Viewing” at the top of the page.
            </p>
          </div>
          <p><button class="button secondary" type="button" @click=${this.newRequest}>Request access to another account</button></p>`;
      case 'form':
        return html`${this.connection.online ? nothing : html`<p class="offline" role="status">${offlineText('Requesting access')}</p>`}
          ${this.renderAlert()}
          <form novalidate @submit=${this.submit}>
            ${patientFields({
              values: this.values,
              errors: this.form.problems,
              legend: 'The patient',
              relationshipLabel: 'Your relationship to the patient',
              onInput: (field: PatientField, value: string) => {
                this.values = { ...this.values, [field]: value };
              },
            })}
            <div class="actions">
              <button class="button" type="submit" ?disabled=${this.form.busy}>
                ${this.form.busy ? 'Sending…' : 'Send a passcode to the patient'}
              </button>
              <button class="link-button" type="button" @click=${this.cancel}>Cancel</button>
            </div>
          </form>`;
    }
  }
}

customElements.define('family-request-access', FamilyRequestAccess);

declare global {
  interface HTMLElementTagNameMap {
    'family-request-access': FamilyRequestAccess;
  }
}

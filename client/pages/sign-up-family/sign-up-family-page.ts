// <sign-up-family-page>: "Patient's family member" on Sign up today. Step 1: who you are and which
// patient you help care for (a child under 13 is refused here, before anything is sent). Step 2: the
// temporary passcode the patient received and handed over, which is their consent. Step 3: your
// mobile phone and a password; then you are signed in and choose your security option.
import { css, html, LitElement, nothing } from 'lit';
import { familyAccountRequest, familySignUpRequest } from '../../../core/family';
import type { PracticeInfo } from '../../../core/practice';
import { textField } from '../../components/forms/fields';
import {
  failureText,
  fieldErrors,
  focusFirstProblem,
  offlineText,
} from '../../components/forms/form-feedback';
import { formStyles } from '../../components/forms/form-styles';
import { OnlineController } from '../../components/forms/online-controller';
import { passwordProblem, passwordRules } from '../../components/forms/password-rules';
import { zodFieldErrors } from '../../components/forms/zod-errors';
import { pageStyles } from '../../components/page-styles';
import { createFamilyAccount, requestAccessAsNewUser, sendPasscodeAsNewUser } from '../../data/family-api';
import { session } from '../../data/session';
import { navigateFrom } from '../../router/navigate';
import type { FamilyPasscodeForm, PasscodeAcceptedDetail } from '../family-request/passcode-form';
import '../family-request/passcode-form';
import {
  EMPTY_PATIENT,
  fieldId,
  isUnderThirteen,
  type PatientField,
  patientBody,
  patientErrors,
  patientFields,
  patientName,
} from '../family-request/patient-fields';
import {
  type RequestAlert,
  requestEnded,
  requestFailure,
  underThirteen,
  WRONG_PASSCODE_TEXT,
} from '../family-request/request-words';
import { currentRequest, forgetRequest, type PendingRequest, rememberRequest } from './pending-request';

type Step = 'details' | 'passcode' | 'account';
type RequesterField = 'requester.firstName' | 'requester.lastName' | 'requester.email';
type AccountField = 'mobilePhone' | 'password' | 'passwordAgain';
type Field = RequesterField | PatientField;

const STEP_NUMBER: Record<Step, number> = { details: 1, passcode: 2, account: 3 };

export class SignUpFamilyPage extends LitElement {
  static override styles = [
    ...pageStyles,
    formStyles,
    css`
      .step-heading {
        margin-top: 0;
      }
      .step-heading:focus {
        outline: none;
      }
      fieldset > legend {
        padding: 0;
      }
      .note > :last-child {
        margin-bottom: 0;
      }
      .step-count {
        margin: 0 0 0.5rem;
        color: var(--muted);
        font-weight: 700;
      }
      ol.how {
        margin: 0 0 1.5rem;
        padding-inline-start: 1.25rem;
      }
    `,
  ];

  static override properties = {
    practice: { attribute: false },
    step: { state: true },
    values: { state: true },
    account: { state: true },
    errors: { state: true },
    alert: { state: true },
    busy: { state: true },
    passcodeError: { state: true },
  };

  declare practice: PracticeInfo | null;
  declare step: Step;
  declare values: Record<Field, string>;
  declare account: Record<AccountField, string>;
  declare errors: Partial<Record<string, string>>;
  declare alert: RequestAlert | null;
  declare busy: boolean;
  /** Set when step 3 found the passcode no longer right: step 2 shows it. */
  declare passcodeError: string | undefined;
  private request: PendingRequest | null = currentRequest();
  /** The passcode the patient handed over: in memory only, sent again with the new account. */
  private passcode = '';
  private readonly connection = new OnlineController(this);

  constructor() {
    super();
    this.practice = null;
    this.step = this.request ? 'passcode' : 'details';
    this.values = {
      'requester.firstName': '',
      'requester.lastName': '',
      'requester.email': '',
      ...EMPTY_PATIENT,
    };
    this.account = { mobilePhone: '', password: '', passwordAgain: '' };
    this.errors = {};
    this.alert = null;
    this.busy = false;
    this.passcodeError = undefined;
  }

  private get timeZone(): string | undefined {
    return this.practice?.timeZone;
  }

  private get personal(): string[] {
    const name = this.request?.requesterName ?? '';
    return [...name.split(' '), this.request?.email ?? ''].filter((part) => part !== '');
  }

  private async showProblems(): Promise<void> {
    await this.updateComplete;
    focusFirstProblem(this.renderRoot);
  }

  private async goTo(step: Step): Promise<void> {
    this.step = step;
    this.errors = {};
    this.alert = null;
    await this.updateComplete;
    if (step === 'passcode') {
      await this.renderRoot.querySelector<FamilyPasscodeForm>('family-passcode-form')?.focusHeading();
    } else {
      this.renderRoot.querySelector<HTMLElement>('#step-heading')?.focus();
    }
  }

  // ---- Step 1 -----------------------------------------------------------------------------------

  private detailErrors(): Partial<Record<Field, string>> {
    const errors: Partial<Record<Field, string>> = patientErrors(this.values, this.timeZone);
    const requester = familySignUpRequest.shape.requester.safeParse({
      firstName: this.values['requester.firstName'],
      lastName: this.values['requester.lastName'],
      email: this.values['requester.email'],
    });
    if (!requester.success) {
      for (const [key, message] of Object.entries(zodFieldErrors(requester.error))) {
        errors[`requester.${key}` as RequesterField] = message;
      }
    }
    if (errors['requester.firstName'] === 'Required.')
      errors['requester.firstName'] = 'Enter your first name.';
    if (errors['requester.lastName'] === 'Required.') errors['requester.lastName'] = 'Enter your last name.';
    return errors;
  }

  private async submitDetails(event: Event): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    this.alert = null;
    if (isUnderThirteen(this.values['patient.birthDate'], this.timeZone)) {
      // COPPA: nothing about a child under 13 leaves the device.
      this.errors = {};
      this.alert = underThirteen(this.practice);
      return this.showProblems();
    }
    this.errors = this.detailErrors();
    if (Object.keys(this.errors).length > 0) return this.showProblems();
    if (!this.connection.online) {
      this.alert = { title: 'No connection', body: html`<p>${offlineText('Requesting access')}</p>` };
      return this.showProblems();
    }
    const parsed = familySignUpRequest.safeParse({
      requester: {
        firstName: this.values['requester.firstName'],
        lastName: this.values['requester.lastName'],
        email: this.values['requester.email'],
      },
      ...patientBody(this.values),
    });
    if (!parsed.success) return this.showProblems();
    this.busy = true;
    const outcome = await requestAccessAsNewUser(parsed.data);
    this.busy = false;
    if (outcome.kind === 'ok') {
      const { requester } = parsed.data;
      this.request = {
        requestId: outcome.data.requestId,
        expiresAt: outcome.data.expiresAt ?? null,
        patientName: patientName(this.values),
        requesterName: `${requester.firstName} ${requester.lastName}`,
        email: requester.email,
      };
      rememberRequest(this.request);
      this.passcodeError = undefined;
      return this.goTo('passcode');
    }
    const failure = requestFailure(outcome, this.practice, 'Requesting access');
    if ('errors' in failure) this.errors = failure.errors;
    else this.alert = failure.alert;
    return this.showProblems();
  }

  // ---- Step 2 -----------------------------------------------------------------------------------

  private readonly sendPasscode = (passcode: string) =>
    sendPasscodeAsNewUser(this.request?.requestId ?? '', passcode);

  private onPasscodeAccepted(event: CustomEvent<PasscodeAcceptedDetail>): void {
    this.passcode = event.detail.passcode;
    this.passcodeError = undefined;
    void this.goTo('account');
  }

  private startAgain(): void {
    forgetRequest();
    this.request = null;
    this.passcode = '';
    void this.goTo('details');
  }

  // ---- Step 3 -----------------------------------------------------------------------------------

  private accountErrors(): Partial<Record<AccountField, string>> {
    const parsed = familyAccountRequest.safeParse({ passcode: this.passcode, ...this.account });
    const errors: Partial<Record<AccountField, string>> = {};
    if (!parsed.success) {
      for (const [key, message] of Object.entries(zodFieldErrors(parsed.error))) {
        if (key === 'mobilePhone') errors.mobilePhone = message;
      }
    }
    if (this.account.mobilePhone.trim() === '') errors.mobilePhone = 'Enter your mobile phone number.';
    const weak = passwordProblem(this.account.password, this.personal);
    if (weak) errors.password = weak;
    else if (this.account.password !== this.account.passwordAgain)
      errors.passwordAgain = 'The two passwords are not the same.';
    return errors;
  }

  private async submitAccount(event: Event): Promise<void> {
    event.preventDefault();
    if (this.busy || !this.request) return;
    this.alert = null;
    this.errors = this.accountErrors();
    if (Object.keys(this.errors).length > 0) return this.showProblems();
    const password = this.account.password;
    this.busy = true;
    const outcome = await createFamilyAccount(this.request.requestId, {
      passcode: this.passcode,
      mobilePhone: this.account.mobilePhone,
      password,
      passwordAgain: this.account.passwordAgain,
    });
    this.busy = false;
    if (outcome.kind === 'ok') {
      forgetRequest();
      this.passcode = '';
      this.account = { mobilePhone: '', password: '', passwordAgain: '' };
      // The password opens this device's record cache, as with any new account.
      void session.accept(outcome.data, password);
      navigateFrom(this, outcome.data.needsSecurityOption === false ? '/' : '/security-setup', true);
      return;
    }
    if (outcome.kind === 'problem') {
      if (outcome.status === 401 || outcome.problem.type === '/problems/wrong-code') {
        this.passcodeError = WRONG_PASSCODE_TEXT;
        return this.goTo('passcode');
      }
      if (outcome.status === 404 || outcome.status === 410) {
        this.alert = requestEnded();
        return this.showProblems();
      }
      if (outcome.problem.type === '/problems/already-registered') {
        this.alert = alreadyHasAccount(this.request.email);
        return this.showProblems();
      }
      const fromServer = fieldErrors(outcome.problem);
      if (Object.keys(fromServer).length > 0) {
        this.errors = fromServer;
        return this.showProblems();
      }
    }
    this.alert = {
      title: 'Your account was not created',
      body: html`<p>${failureText(outcome, 'Creating your account')}</p>`,
    };
    return this.showProblems();
  }

  // ---- Rendering --------------------------------------------------------------------------------

  private renderAlert() {
    if (!this.alert) return nothing;
    return html`<div class="alert" role="alert" tabindex="-1" aria-labelledby="alert-title">
      <h2 id="alert-title">${this.alert.title}</h2>
      ${this.alert.body}
      ${
        this.alert.ended
          ? html`<p><button class="button secondary" type="button" @click=${this.startAgain}>Start again</button></p>`
          : nothing
      }
    </div>`;
  }

  private field(name: RequesterField, label: string, extra: Partial<Parameters<typeof textField>[0]> = {}) {
    return textField({
      id: fieldId(name),
      label,
      value: this.values[name],
      error: this.errors[name],
      onInput: (value) => {
        this.values = { ...this.values, [name]: value };
      },
      ...extra,
    });
  }

  private renderDetails() {
    const young = isUnderThirteen(this.values['patient.birthDate'], this.timeZone);
    return html`<ol class="how">
        <li>Tell us who you are and which patient you help care for.</li>
        <li>We send a temporary passcode to the patient, not to you. If they agree, they give it to you.</li>
        <li>Enter the passcode, your mobile phone and a password. You then have your own account with access to the patient's record.</li>
      </ol>
      ${this.renderAlert()}
      <form novalidate @submit=${this.submitDetails}>
        <fieldset>
          <legend>About you</legend>
          <div class="pair">
            ${this.field('requester.firstName', 'Your first name', { autocomplete: 'given-name', maxlength: 100 })}
            ${this.field('requester.lastName', 'Your last name', { autocomplete: 'family-name', maxlength: 100 })}
          </div>
          ${this.field('requester.email', 'Your e-mail address', {
            type: 'email',
            autocomplete: 'email',
            hint: 'You sign in with this address. One account per e-mail address.',
          })}
        </fieldset>
        ${patientFields({
          values: this.values,
          errors: this.errors,
          legend: 'The patient',
          relationshipLabel: 'Your relationship to the patient',
          onInput: (field, value) => {
            this.values = { ...this.values, [field]: value };
          },
        })}
        ${young && !this.alert ? html`<div class="note" id="coppa-note">${underThirteen(this.practice).body}</div>` : nothing}
        <div class="actions">
          <button class="button" type="submit" ?disabled=${this.busy}>
            ${this.busy ? 'Sending…' : 'Send a passcode to the patient'}
          </button>
          <a class="inline-link" href="/sign-in">I already have an account</a>
        </div>
      </form>
      <p>
        Are you a patient of the practice yourself? <a href="/sign-up/patient">Sign up as a patient</a>, then
        request access from Family access in your account.
      </p>`;
  }

  private renderPasscode() {
    return html`${this.renderAlert()}
      <family-passcode-form
        .patientName=${this.request?.patientName ?? null}
        .expiresAt=${this.request?.expiresAt ?? null}
        .timeZone=${this.timeZone}
        .send=${this.sendPasscode}
        .error=${this.passcodeError}
        @passcode-accepted=${this.onPasscodeAccepted}
        @start-again=${this.startAgain}
      ></family-passcode-form>`;
  }

  private accountField(name: AccountField, label: string, extra: Partial<Parameters<typeof textField>[0]>) {
    return textField({
      id: name,
      label,
      value: this.account[name],
      error: this.errors[name],
      onInput: (value) => {
        this.account = { ...this.account, [name]: value };
      },
      ...extra,
    });
  }

  private renderAccount() {
    const email = this.request?.email;
    return html`<h2 class="step-heading" id="step-heading" tabindex="-1">Create your account</h2>
      <p>
        The passcode is right: the patient agreed. Add your mobile phone and choose a password. You'll sign in
        with ${email ? html`<strong>${email}</strong>` : 'the e-mail address you entered'} and this password.
      </p>
      ${this.renderAlert()}
      <form novalidate @submit=${this.submitAccount}>
        <input type="email" name="username" autocomplete="username" .value=${email ?? ''} hidden />
        ${this.accountField('mobilePhone', 'Your mobile phone', { type: 'tel', autocomplete: 'tel', hint: 'With area code.' })}
        <fieldset>
          <legend>Your password</legend>
          ${this.accountField('password', 'Password', {
            type: 'password',
            autocomplete: 'new-password',
            describedBy: 'password-rules',
          })}
          ${passwordRules('password-rules', this.account.password, this.personal)}
          ${this.accountField('passwordAgain', 'Password again', { type: 'password', autocomplete: 'new-password' })}
        </fieldset>
        <div class="actions">
          <button class="button" type="submit" ?disabled=${this.busy}>
            ${this.busy ? 'Creating your account…' : 'Create my account'}
          </button>
        </div>
      </form>`;
  }

  override render() {
    return html`<h1 tabindex="-1">Sign up as a patient's family member</h1>
      <p class="step-count">Step ${STEP_NUMBER[this.step]} of 3</p>
      ${this.connection.online ? nothing : html`<p class="offline" role="status">${offlineText('Signing up')}</p>`}
      ${
        this.step === 'details'
          ? this.renderDetails()
          : this.step === 'passcode'
            ? this.renderPasscode()
            : this.renderAccount()
      }`;
  }
}

function alreadyHasAccount(email: string | null): RequestAlert {
  return {
    title: 'You already have an account',
    body: html`<p>
        ${email ? html`<strong>${email}</strong>` : 'This e-mail address'} already has a portal account, and each
        address has one login. <a href="/sign-in?next=/family-access">Sign in</a> with it: Family access then
        asks for the patient's passcode again, and your access begins from that account.
      </p>
      <p>Forgot the password? <a href="/forgot-password">Forgot your password?</a></p>`,
  };
}

customElements.define('sign-up-family-page', SignUpFamilyPage);

declare global {
  interface HTMLElementTagNameMap {
    'sign-up-family-page': SignUpFamilyPage;
  }
}

// <sign-up-family-page>: "Patient's family member" on Sign up today. Step 1: who you are and which
// patient you help care for (a child under 13 is refused here, before anything is sent). Step 2: the
// temporary passcode the patient received and handed over, which is their consent. Step 3: your
// e-mail address, mobile phone and a password, then the 6-digit code e-mailed to that address (the
// account is created only once it comes back); then you are signed in and choose your security option.

import { css, html, LitElement, nothing } from 'lit';
import type { SessionGranted } from '../../../../core/accounts';
import {
  type FamilyAccountPending,
  familyAccountConfirmRequest,
  familyAccountRequest,
  familySignUpRequest,
} from '../../../../core/family';
import type { PracticeInfo } from '../../../../core/practice';
import { PROBLEM_TYPES } from '../../../../core/problem';
import { isUnderThirteen } from '../../../components/forms/age-check';
import {
  CodeEntry,
  EMAIL_CODE_MISSING_TEXT,
  EMAIL_CODE_WRONG_TEXT,
} from '../../../components/forms/code-form';
import { fieldBinder } from '../../../components/forms/fields';
import { FormController, type FormReport } from '../../../components/forms/form-controller';
import { failureText, offlineText } from '../../../components/forms/form-feedback';
import { formStyles } from '../../../components/forms/form-styles';
import { OnlineController } from '../../../components/forms/online-controller';
import { passwordProblem, passwordRules } from '../../../components/forms/password-rules';
import { requiredAs, zodFieldErrors } from '../../../components/forms/zod-errors';
import { pageStyles } from '../../../components/page-styles';
import type { ApiOutcome } from '../../../data/api-request';
import {
  confirmFamilyAccount,
  createFamilyAccount,
  requestAccessAsNewUser,
  sendPasscodeAsNewUser,
} from '../../../data/family-api';
import { session } from '../../../data/session';
import { navigateFrom } from '../../../router/navigate';
import { dateTimeText } from '../access/family-words';
import type { FamilyPasscodeForm, PasscodeAcceptedDetail } from '../request/passcode-form';
import '../request/passcode-form';
import {
  EMPTY_PATIENT,
  fieldId,
  type PatientField,
  patientBody,
  patientErrors,
  patientFields,
  patientName,
} from '../request/patient-fields';
import {
  type RequestAlert,
  refuseUnderThirteen,
  requestEnded,
  requestFailure,
  tooManyTries,
  underThirteen,
  WRONG_PASSCODE_TEXT,
} from '../request/request-words';
import { currentRequest, forgetRequest, type PendingRequest, rememberRequest } from './pending-request';

/** 'code': the account's details were sent and the e-mailed code is asked for (still step 3). */
type Step = 'details' | 'passcode' | 'account' | 'code';
type RequesterField = 'requester.firstName' | 'requester.lastName' | 'requester.email';
type AccountField = 'email' | 'mobilePhone' | 'password' | 'passwordAgain';
type Field = RequesterField | PatientField;

const STEP_NUMBER: Record<Step, number> = { details: 1, passcode: 2, account: 3, code: 3 };
const EMPTY_ACCOUNT: Record<AccountField, string> = {
  email: '',
  mobilePhone: '',
  password: '',
  passwordAgain: '',
};
type Failure = Exclude<ApiOutcome<unknown>, { kind: 'ok' }>;

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
      .success p {
        margin: 0;
      }
    `,
  ];

  static override properties = {
    practice: { attribute: false },
    step: { state: true },
    values: { state: true },
    account: { state: true },
    passcodeError: { state: true },
    sent: { state: true },
    notice: { state: true },
  };

  declare practice: PracticeInfo | null;
  declare step: Step;
  declare values: Record<Field, string>;
  declare account: Record<AccountField, string>;
  /** Set when step 3 found the passcode no longer right: step 2 shows it. */
  declare passcodeError: string | undefined;
  /** Where the server sent the code, and until when it works; null before the details are sent. */
  declare sent: FamilyAccountPending | null;
  /** Said after a new code was sent. */
  declare notice: string | null;
  private request: PendingRequest | null = currentRequest();
  /** The passcode the patient handed over: in memory only, sent again with the new account. */
  private passcode = '';
  private readonly connection = new OnlineController(this);
  private readonly form = new FormController<string, RequestAlert>(this, {
    action: 'Creating your account',
    alert: (sentence) => ({ title: 'Your account was not created', body: html`<p>${sentence}</p>` }),
  });
  private readonly entry = new CodeEntry(this, this.form);

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
    this.account = { ...EMPTY_ACCOUNT };
    this.passcodeError = undefined;
    this.sent = null;
    this.entry.code = '';
    this.notice = null;
  }

  private get timeZone(): string | undefined {
    return this.practice?.timeZone;
  }

  private get personal(): string[] {
    const name = this.request?.requesterName ?? '';
    return [...name.split(' '), this.account.email.trim() || (this.request?.email ?? '')].filter(
      (part) => part !== '',
    );
  }

  /** Shows the step with its heading focused (or the field `focus` names). */
  private async goTo(step: Step, focus = 'step-heading'): Promise<void> {
    this.step = step;
    this.form.clear();
    this.notice = null;
    await this.updateComplete;
    if (step === 'passcode') {
      await this.renderRoot.querySelector<FamilyPasscodeForm>('family-passcode-form')?.focusHeading();
    } else {
      this.renderRoot.querySelector<HTMLElement>(`#${focus}`)?.focus();
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
    return requiredAs(errors, {
      'requester.firstName': 'Enter your first name.',
      'requester.lastName': 'Enter your last name.',
    });
  }

  private submitDetails(event: Event): Promise<void> {
    event.preventDefault();
    return this.form.submit(async () => {
      const refused = refuseUnderThirteen(this.values, this.practice);
      if (refused) return refused;
      const problems = this.detailErrors();
      if (Object.keys(problems).length > 0) return { problems };
      if (!this.connection.online) return offline('Requesting access');
      const parsed = familySignUpRequest.safeParse({
        requester: {
          firstName: this.values['requester.firstName'],
          lastName: this.values['requester.lastName'],
          email: this.values['requester.email'],
        },
        ...patientBody(this.values),
      });
      if (!parsed.success) return;
      const outcome = await requestAccessAsNewUser(parsed.data);
      if (outcome.kind !== 'ok') return requestFailure(outcome, this.practice, 'Requesting access');
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
      await this.goTo('passcode');
    });
  }

  // ---- Step 2 -----------------------------------------------------------------------------------

  private readonly sendPasscode = (passcode: string) =>
    sendPasscodeAsNewUser(this.request?.requestId ?? '', passcode);

  private onPasscodeAccepted(event: CustomEvent<PasscodeAcceptedDetail>): void {
    this.passcode = event.detail.passcode;
    this.passcodeError = undefined;
    if (this.account.email.trim() === '')
      this.account = { ...this.account, email: this.request?.email ?? '' };
    void this.goTo('account');
  }

  private startAgain(): void {
    forgetRequest();
    this.request = null;
    this.passcode = '';
    this.sent = null;
    this.entry.code = '';
    void this.goTo('details');
  }

  // ---- Step 3: the account's details, then the code sent to its address -----------------------

  private accountErrors(): Partial<Record<AccountField, string>> {
    const parsed = familyAccountRequest.safeParse({ passcode: this.passcode, ...this.account });
    const errors: Partial<Record<AccountField, string>> = {};
    if (!parsed.success) {
      for (const [key, message] of Object.entries(zodFieldErrors(parsed.error))) {
        if (key === 'email' || key === 'mobilePhone') errors[key] = message;
      }
    }
    if (this.account.email.trim() === '') errors.email = 'Enter your e-mail address.';
    if (this.account.mobilePhone.trim() === '') errors.mobilePhone = 'Enter your mobile phone number.';
    const weak = passwordProblem(this.account.password, this.personal);
    if (weak) errors.password = weak;
    else if (this.account.password !== this.account.passwordAgain)
      errors.passwordAgain = 'The two passwords are not the same.';
    return errors;
  }

  /** Sends the details: the server keeps them and e-mails a code (a new one each time). */
  private sendAccount(requestId: string) {
    return createFamilyAccount(requestId, {
      passcode: this.passcode,
      email: this.account.email.trim(),
      mobilePhone: this.account.mobilePhone,
      password: this.account.password,
      passwordAgain: this.account.passwordAgain,
    });
  }

  private codeSent(pending: FamilyAccountPending): void {
    this.sent = pending;
    this.entry.code = '';
    if (this.request) {
      this.request = { ...this.request, email: pending.email };
      rememberRequest(this.request);
    }
  }

  private submitAccount(event: Event): Promise<void> {
    event.preventDefault();
    const request = this.request;
    if (!request) return Promise.resolve();
    return this.form.submit(async () => {
      const problems = this.accountErrors();
      if (Object.keys(problems).length > 0) return { problems };
      if (!this.connection.online) return offline('Creating your account');
      const outcome = await this.sendAccount(request.requestId);
      if (outcome.kind !== 'ok') return this.accountRefused(outcome);
      this.codeSent(outcome.data);
      await this.goTo('code');
    });
  }

  /** The details were refused, from step 3 or when asking for a new code. */
  private async accountRefused(outcome: Failure): Promise<FormReport<string, RequestAlert> | undefined> {
    if (outcome.kind === 'problem') {
      if (outcome.status === 401 || outcome.problem.type === PROBLEM_TYPES.wrongCode) {
        this.passcodeError = WRONG_PASSCODE_TEXT;
        await this.goTo('passcode');
        return;
      }
      if (outcome.status === 404 || outcome.status === 410) return { alert: requestEnded() };
      if (outcome.problem.type === PROBLEM_TYPES.alreadyRegistered) {
        return { alert: alreadyHasAccount(this.account.email.trim() || (this.request?.email ?? null)) };
      }
    }
    const report = this.form.explain(outcome);
    if (report.problems && this.step !== 'account') await this.goTo('account');
    return report;
  }

  private submitCode(event: Event): Promise<void> {
    event.preventDefault();
    const request = this.request;
    if (!request) return Promise.resolve();
    this.notice = null;
    return this.form.submit(async () => {
      const parsed = familyAccountConfirmRequest.safeParse({ code: this.entry.code });
      if (!parsed.success) return { problems: { code: EMAIL_CODE_MISSING_TEXT } };
      if (!this.connection.online) return offline('Confirming your e-mail');
      const outcome = await confirmFamilyAccount(request.requestId, parsed.data.code);
      if (outcome.kind !== 'ok') return this.codeRefused(outcome);
      this.signIn(outcome.data);
    });
  }

  private codeRefused(outcome: Failure): FormReport<string, RequestAlert> {
    if (outcome.kind === 'problem') {
      if (outcome.problem.type === PROBLEM_TYPES.wrongCode)
        return { problems: { code: EMAIL_CODE_WRONG_TEXT } };
      if (outcome.status === 429) {
        return {
          alert: tooManyTries(
            "To keep your account safe, codes can't be tried again right away.",
            outcome.retryAfterSeconds,
          ),
        };
      }
      if (outcome.status === 404 || outcome.status === 410) {
        return {
          alert: {
            title: 'This code can no longer be used',
            body: html`<p>
              It has expired, or a newer code replaced it. Choose “Send a new code” and enter the code from the new
              e-mail.
            </p>`,
          },
        };
      }
      if (outcome.problem.type === PROBLEM_TYPES.alreadyRegistered) {
        return { alert: alreadyHasAccount(this.sent?.email ?? null) };
      }
    }
    return { alert: this.form.sentence(failureText(outcome, 'Confirming your e-mail')) };
  }

  private resendCode(): Promise<void> {
    const request = this.request;
    if (!request) return Promise.resolve();
    this.notice = null;
    return this.form.submit(async () => {
      if (!this.connection.online) return offline('Sending a new code');
      const outcome = await this.sendAccount(request.requestId);
      if (outcome.kind !== 'ok') return this.accountRefused(outcome);
      this.codeSent(outcome.data);
      this.notice = `We sent a new code to ${outcome.data.email}. The code sent before no longer works.`;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#code')?.focus();
    });
  }

  private changeEmail(): Promise<void> {
    return this.goTo('account', 'email');
  }

  private signIn(granted: SessionGranted): void {
    const password = this.account.password;
    forgetRequest();
    this.passcode = '';
    this.account = { ...EMPTY_ACCOUNT };
    this.sent = null;
    this.entry.code = '';
    // The password opens this device's record cache, as with any new account.
    void session.accept(granted, password);
    navigateFrom(this, granted.needsSecurityOption === false ? '/' : '/security-setup', true);
  }

  // ---- Rendering --------------------------------------------------------------------------------

  private renderAlert() {
    const { alert } = this.form;
    if (!alert) return nothing;
    return html`<div class="alert" role="alert" tabindex="-1" aria-labelledby="alert-title">
      <h2 id="alert-title">${alert.title}</h2>
      ${alert.body}
      ${
        alert.ended
          ? html`<p><button class="button secondary" type="button" @click=${this.startAgain}>Start again</button></p>`
          : nothing
      }
    </div>`;
  }

  private get field() {
    return fieldBinder<RequesterField>({
      values: this.values,
      errors: this.form.problems,
      id: fieldId,
      onInput: (name, value) => {
        this.values = { ...this.values, [name]: value };
      },
    });
  }

  private renderDetails() {
    const young = isUnderThirteen(this.values['patient.birthDate'], this.timeZone);
    return html`<ol class="how">
        <li>Tell us who you are and which patient you help care for.</li>
        <li>We send a temporary passcode to the patient, not to you. If they agree, they give it to you.</li>
        <li>Enter the passcode, your mobile phone and a password, then the code we e-mail you to confirm your address. You then have your own account with access to the patient's record.</li>
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
          errors: this.form.problems,
          legend: 'The patient',
          relationshipLabel: 'Your relationship to the patient',
          onInput: (field, value) => {
            this.values = { ...this.values, [field]: value };
          },
        })}
        ${young && !this.form.alert ? html`<div class="note" id="coppa-note">${underThirteen(this.practice).body}</div>` : nothing}
        <div class="actions">
          <button class="button" type="submit" ?disabled=${this.form.busy}>
            ${this.form.busy ? 'Sending…' : 'Send a passcode to the patient'}
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

  private get accountField() {
    return fieldBinder<AccountField>({
      values: this.account,
      errors: this.form.problems,
      onInput: (name, value) => {
        this.account = { ...this.account, [name]: value };
      },
    });
  }

  private renderAccount() {
    return html`<h2 class="step-heading" id="step-heading" tabindex="-1">Create your account</h2>
      <p>
        The passcode is right: the patient agreed. Check your e-mail address, add your mobile phone and choose a
        password. You'll sign in with this address and password.
      </p>
      ${this.renderAlert()}
      <form novalidate @submit=${this.submitAccount}>
        ${this.accountField('email', 'Your e-mail address', {
          type: 'email',
          autocomplete: 'username',
          hint: 'We send a 6-digit code to this address to confirm it. One account per e-mail address.',
        })}
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
          <button class="button" type="submit" ?disabled=${this.form.busy}>
            ${this.form.busy ? 'Sending the code…' : 'Create my account'}
          </button>
        </div>
      </form>`;
  }

  private renderCode() {
    const email = this.sent?.email ?? this.account.email.trim();
    const until = this.sent ? dateTimeText(this.sent.expiresAt, this.timeZone) : null;
    return html`<h2 class="step-heading" id="step-heading" tabindex="-1">Confirm your e-mail address</h2>
      <p>
        We sent a 6-digit code to <strong>${email}</strong>. Enter it to finish: your account is created once the
        code is right.
      </p>
      ${this.notice ? html`<div class="success" role="status"><p>${this.notice}</p></div>` : nothing}
      ${this.renderAlert()}
      ${this.entry.render({
        id: 'code',
        onSubmit: this.submitCode,
        actions: html`<button class="button secondary" type="button" ?disabled=${this.form.busy} @click=${this.resendCode}>
            Send a new code
          </button>
          <button class="link-button" type="button" ?disabled=${this.form.busy} @click=${this.changeEmail}>
            Change e-mail address
          </button>`,
      })}
      <p class="note">
        No e-mail after a few minutes? Look in your spam or junk folder, check the address, or send a new code.
        ${until ? `The code works until ${until}.` : nothing}
      </p>`;
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
            : this.step === 'account'
              ? this.renderAccount()
              : this.renderCode()
      }`;
  }
}

const offline = (action: string): FormReport<string, RequestAlert> => ({
  alert: { title: 'No connection', body: html`<p>${offlineText(action)}</p>` },
});

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

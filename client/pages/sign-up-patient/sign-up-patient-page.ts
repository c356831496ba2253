// <sign-up-patient-page>: registration for a patient of the practice. Checks ages and the password
// rule here first (under-13 never reaches the server), then the server matches the patient record.

import { html, LitElement, nothing } from 'lit';
import { registerPatientRequest } from '../../../core/accounts';
import { ageOn, parseIsoDate, registrationAgeRule, todayIn } from '../../../core/ages';
import type { PracticeInfo } from '../../../core/practice';
import { PROBLEM_TYPES } from '../../../core/problem';
import { selectField, textField } from '../../components/forms/fields';
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
import { register } from '../../data/auth-api';
import { rememberRegistration } from '../../data/registration';
import { session } from '../../data/session';
import { navigateFrom } from '../../router/navigate';
import { alertFor, type SignUpAlert, tooYoung } from './sign-up-problems';

const SEX_OPTIONS = [
  { value: '', label: 'Choose…' },
  { value: 'female', label: 'Female' },
  { value: 'male', label: 'Male' },
  { value: 'other', label: 'Other' },
  { value: 'unknown', label: 'Unknown' },
] as const;

type FieldName =
  | 'firstName'
  | 'lastName'
  | 'birthDate'
  | 'legalSex'
  | 'zip'
  | 'email'
  | 'mobilePhone'
  | 'password'
  | 'passwordAgain'
  | 'enrollmentCode';

export class SignUpPatientPage extends LitElement {
  static override styles = [...pageStyles, formStyles];

  static override properties = {
    practice: { attribute: false },
    values: { state: true },
    errors: { state: true },
    alert: { state: true },
    busy: { state: true },
  };

  declare practice: PracticeInfo | null;
  declare values: Record<FieldName, string>;
  declare errors: Partial<Record<FieldName, string>>;
  declare alert: SignUpAlert | null;
  declare busy: boolean;
  private readonly connection = new OnlineController(this);

  constructor() {
    super();
    this.practice = null;
    this.values = {
      firstName: '',
      lastName: '',
      birthDate: '',
      legalSex: '',
      zip: '',
      email: '',
      mobilePhone: '',
      password: '',
      passwordAgain: '',
      enrollmentCode: '',
    };
    this.errors = {};
    this.alert = null;
    this.busy = false;
  }

  private set(name: FieldName) {
    return (value: string) => {
      this.values = { ...this.values, [name]: value };
    };
  }

  /** The age rule for the date typed so far, in the practice's time zone; null until it's a date. */
  private get ageRule() {
    if (!parseIsoDate(this.values.birthDate)) return null;
    const zone = this.practice?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
    return registrationAgeRule(ageOn(this.values.birthDate, todayIn(zone)));
  }

  private get personal() {
    return [this.values.firstName, this.values.lastName, this.values.email];
  }

  private validate(): Partial<Record<FieldName, string>> {
    const { passwordAgain, legalSex, enrollmentCode, ...rest } = this.values;
    const parsed = registerPatientRequest.safeParse({ ...rest, legalSex, enrollmentCode });
    const errors: Partial<Record<FieldName, string>> = parsed.success ? {} : zodFieldErrors(parsed.error);
    // The schema's generic "Required." reads better as what to do.
    if (errors.firstName === 'Required.') errors.firstName = 'Enter your first name.';
    if (errors.lastName === 'Required.') errors.lastName = 'Enter your last name.';
    if (legalSex === '') errors.legalSex = 'Choose the legal sex on your medical records.';
    if (this.values.birthDate.trim() === '') errors.birthDate = 'Enter your date of birth.';
    const weak = passwordProblem(this.values.password, this.personal);
    if (weak) errors.password = weak;
    if (!errors.password && passwordAgain !== this.values.password) {
      errors.passwordAgain = 'The two passwords are not the same.';
    }
    if (this.ageRule === 'teen-needs-enrollment-code' && enrollmentCode.trim() === '') {
      errors.enrollmentCode = 'Enter the enrollment code the office gave you.';
    }
    return errors;
  }

  private async showProblems(): Promise<void> {
    await this.updateComplete;
    focusFirstProblem(this.renderRoot);
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    this.alert = null;
    if (this.ageRule === 'too-young') {
      // COPPA: refuse before anything about the child leaves the device.
      this.errors = {};
      this.alert = tooYoung();
      return this.showProblems();
    }
    this.errors = this.validate();
    if (Object.keys(this.errors).length > 0) return this.showProblems();
    if (!this.connection.online) {
      this.alert = { title: 'No connection', body: html`<p>${offlineText('Signing up')}</p>` };
      return this.showProblems();
    }
    const { passwordAgain: _again, enrollmentCode, legalSex, ...rest } = this.values;
    this.busy = true;
    const outcome = await register({
      ...rest,
      legalSex: legalSex as 'female' | 'male' | 'other' | 'unknown',
      ...(this.ageRule === 'teen-needs-enrollment-code' ? { enrollmentCode } : {}),
    });
    this.busy = false;
    if (outcome.kind === 'ok') {
      rememberRegistration(outcome.data.registrationId, this.values.email.trim());
      // Opens the records saved on this device once the e-mail code signs the new patient in.
      session.holdPassword(this.values.password);
      navigateFrom(this, '/confirm-email');
      return;
    }
    if (outcome.kind === 'problem') {
      const alert = alertFor(outcome.problem, this.practice);
      if (alert) {
        this.alert = alert;
        return this.showProblems();
      }
      if (outcome.problem.type === PROBLEM_TYPES.enrollmentCodeRequired) {
        this.errors = {
          enrollmentCode: outcome.problem.detail ?? 'Enter the enrollment code the office gave you.',
        };
        return this.showProblems();
      }
      const fromServer = fieldErrors(outcome.problem) as Partial<Record<FieldName, string>>;
      if (Object.keys(fromServer).length > 0) {
        this.errors = fromServer;
        return this.showProblems();
      }
    }
    this.alert = {
      title: 'Your account was not created',
      body: html`<p>${failureText(outcome, 'Signing up')}</p>`,
    };
    return this.showProblems();
  }

  private renderAlert() {
    if (!this.alert) return nothing;
    return html`<div class="alert" role="alert" tabindex="-1" aria-labelledby="alert-title">
      <h2 id="alert-title">${this.alert.title}</h2>
      ${this.alert.body}
    </div>`;
  }

  private field(name: FieldName, label: string, extra: Partial<Parameters<typeof textField>[0]> = {}) {
    return textField({
      id: name,
      label,
      value: this.values[name],
      error: this.errors[name],
      onInput: this.set(name),
      ...extra,
    });
  }

  private renderEnrollmentCode() {
    const rule = this.ageRule;
    if (rule !== 'teen-needs-enrollment-code') return nothing;
    return html`<section class="card" aria-labelledby="teen">
      <h2 id="teen">Patients aged 13 to 17</h2>
      <p>
        Patients between 13 and 17 need a one-time enrollment code from the office to sign up. Ask for one at your
        next visit or by phone. Adults 18 and over don't need a code.
      </p>
      ${this.field('enrollmentCode', 'Enrollment code', { autocomplete: 'off', maxlength: 40 })}
    </section>`;
  }

  override render() {
    return html`<h1 tabindex="-1">Sign up as a patient</h1>
      <p class="lead">
        Enter your details as they appear in your medical records, so we can find you in the practice's records.
      </p>
      ${this.connection.online ? nothing : html`<p class="offline" role="status">${offlineText('Signing up')}</p>`}
      ${this.renderAlert()}
      <form novalidate @submit=${this.submit}>
        <fieldset>
          <legend>About you</legend>
          <div class="pair">
            ${this.field('firstName', 'First name', { autocomplete: 'given-name', maxlength: 100 })}
            ${this.field('lastName', 'Last name', { autocomplete: 'family-name', maxlength: 100 })}
          </div>
          ${this.field('birthDate', 'Date of birth', { type: 'date', autocomplete: 'bday' })}
          ${selectField({
            id: 'legalSex',
            label: 'Legal sex',
            hint: 'As it appears on your medical records.',
            value: this.values.legalSex,
            error: this.errors.legalSex,
            options: SEX_OPTIONS,
            onInput: this.set('legalSex'),
          })}
          ${this.field('zip', 'ZIP code', { autocomplete: 'postal-code', inputmode: 'numeric', maxlength: 10 })}
        </fieldset>
        ${this.renderEnrollmentCode()}
        <fieldset>
          <legend>How we reach you</legend>
          ${this.field('email', 'E-mail address', {
            type: 'email',
            autocomplete: 'email',
            hint: 'We send a code to this address to confirm it. One account per e-mail address.',
          })}
          ${this.field('mobilePhone', 'Mobile phone', { type: 'tel', autocomplete: 'tel', hint: 'With area code.' })}
        </fieldset>
        <fieldset>
          <legend>Your password</legend>
          ${this.field('password', 'Password', {
            type: 'password',
            autocomplete: 'new-password',
            describedBy: 'password-rules',
          })}
          ${passwordRules('password-rules', this.values.password, this.personal)}
          ${this.field('passwordAgain', 'Password again', { type: 'password', autocomplete: 'new-password' })}
        </fieldset>
        <div class="actions">
          <button class="button" type="submit" ?disabled=${this.busy}>${this.busy ? 'Sending…' : 'Sign up'}</button>
          <a class="inline-link" href="/sign-in">I already have an account</a>
        </div>
      </form>`;
  }
}

customElements.define('sign-up-patient-page', SignUpPatientPage);

declare global {
  interface HTMLElementTagNameMap {
    'sign-up-patient-page': SignUpPatientPage;
  }
}

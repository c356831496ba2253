// <sign-up-patient-page>: registration for a patient of the practice. Checks ages and the password
// rule here first (under-13 never reaches the server), then the server matches the patient record.

import { html, LitElement, nothing } from 'lit';
import { registerPatientRequest } from '../../../core/accounts';
import type { PracticeInfo } from '../../../core/practice';
import { PROBLEM_TYPES } from '../../../core/problem';
import { typedAgeRule } from '../../components/forms/age-check';
import { fieldBinder, selectField } from '../../components/forms/fields';
import { FormController } from '../../components/forms/form-controller';
import { offlineText } from '../../components/forms/form-feedback';
import { formStyles } from '../../components/forms/form-styles';
import { OnlineController } from '../../components/forms/online-controller';
import { passwordProblem, passwordRules } from '../../components/forms/password-rules';
import { requiredAs, zodFieldErrors } from '../../components/forms/zod-errors';
import { pageStyles } from '../../components/page-styles';
import { register } from '../../data/accounts-api';
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
  };

  declare practice: PracticeInfo | null;
  declare values: Record<FieldName, string>;
  private readonly connection = new OnlineController(this);
  private readonly form = new FormController<FieldName, SignUpAlert>(this, {
    action: 'Signing up',
    alert: (sentence) => ({ title: 'Your account was not created', body: html`<p>${sentence}</p>` }),
  });

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
  }

  private set(name: FieldName) {
    return (value: string) => {
      this.values = { ...this.values, [name]: value };
    };
  }

  /** The age rule for the date typed so far, in the practice's time zone; null until it's a date. */
  private get ageRule() {
    return typedAgeRule(this.values.birthDate, this.practice?.timeZone);
  }

  private get personal() {
    return [this.values.firstName, this.values.lastName, this.values.email];
  }

  private validate(): Partial<Record<FieldName, string>> {
    const { passwordAgain, legalSex, enrollmentCode, ...rest } = this.values;
    const parsed = registerPatientRequest.safeParse({ ...rest, legalSex, enrollmentCode });
    const errors: Partial<Record<FieldName, string>> = parsed.success ? {} : zodFieldErrors(parsed.error);
    // The schema's generic "Required." reads better as what to do.
    requiredAs(errors, { firstName: 'Enter your first name.', lastName: 'Enter your last name.' });
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

  private submit(event: Event): Promise<void> {
    event.preventDefault();
    return this.form.submit(async () => {
      // COPPA: refuse before anything about the child leaves the device.
      if (this.ageRule === 'too-young') return { alert: tooYoung() };
      const problems = this.validate();
      if (Object.keys(problems).length > 0) return { problems };
      if (!this.connection.online) {
        return { alert: { title: 'No connection', body: html`<p>${offlineText('Signing up')}</p>` } };
      }
      const { passwordAgain: _again, enrollmentCode, legalSex, ...rest } = this.values;
      const outcome = await register({
        ...rest,
        legalSex: legalSex as 'female' | 'male' | 'other' | 'unknown',
        ...(this.ageRule === 'teen-needs-enrollment-code' ? { enrollmentCode } : {}),
      });
      if (outcome.kind === 'ok') {
        rememberRegistration(outcome.data.registrationId, this.values.email.trim());
        // Opens the records saved on this device once the e-mail code signs the new patient in.
        session.holdPassword(this.values.password);
        navigateFrom(this, '/confirm-email');
        return;
      }
      if (outcome.kind === 'problem') {
        const alert = alertFor(outcome.problem, this.practice);
        if (alert) return { alert };
        if (outcome.problem.type === PROBLEM_TYPES.enrollmentCodeRequired) {
          return {
            problems: {
              enrollmentCode: outcome.problem.detail ?? 'Enter the enrollment code the office gave you.',
            },
          };
        }
      }
      return this.form.explain(outcome);
    });
  }

  private renderAlert() {
    const alert = this.form.alert;
    if (!alert) return nothing;
    return html`<div class="alert" role="alert" tabindex="-1" aria-labelledby="alert-title">
      <h2 id="alert-title">${alert.title}</h2>
      ${alert.body}
    </div>`;
  }

  private get field() {
    return fieldBinder<FieldName>({
      values: this.values,
      errors: this.form.problems,
      onInput: (name, value) => this.set(name)(value),
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
            error: this.form.problem('legalSex'),
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
          <button class="button" type="submit" ?disabled=${this.form.busy}>${this.form.busy ? 'Sending…' : 'Sign up'}</button>
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

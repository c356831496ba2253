// What the family access request steps say for each answer the server can give: a child under 13,
// a wrong or throttled passcode, a request that ended; which ones point at a field.

import { html, type TemplateResult } from 'lit';
import type { PracticeInfo } from '../../../../core/practice';
import { PROBLEM_TYPES } from '../../../../core/problem';
import { phoneLink } from '../../../components/contact-links';
import { coppaExplanation, isUnderThirteen } from '../../../components/forms/age-check';
import type { FormReport } from '../../../components/forms/form-controller';
import { failureText, fieldErrors, tryAgainText } from '../../../components/forms/form-feedback';
import type { ApiOutcome } from '../../../data/api-request';
import type { PatientValues } from './patient-fields';

export interface RequestAlert {
  title: string;
  body: TemplateResult;
  /** The request can't go on: offer to start again. */
  ended?: boolean;
}

export const underThirteen = (practice: PracticeInfo | null): RequestAlert => ({
  title: 'Access to a child under 13 can’t be requested online',
  body: html`${coppaExplanation()}
    <p>
      The office links parents and legal guardians to the record of a child under 13. Please call the
      office${practice ? html` at ${phoneLink(practice.supportPhone)}` : ''} or ask at the child's next visit.
    </p>`,
});

/** A request about a child under 13 is refused before anything about the child leaves the device. */
export const refuseUnderThirteen = (
  values: PatientValues,
  practice: PracticeInfo | null,
): FormReport<string, RequestAlert> | null =>
  isUnderThirteen(values['patient.birthDate'], practice?.timeZone)
    ? { alert: underThirteen(practice) }
    : null;

export const requestEnded = (): RequestAlert => ({
  title: 'This request has ended',
  body: html`<p>
    It expired, the patient declined it, or its passcode was already used. You can start again: the patient then
    receives a new passcode.
  </p>`,
  ended: true,
});

/** Wrong passcodes or codes tried too often: why, and when to try again. */
export const tooManyTries = (why: string, wait: number | null): RequestAlert => ({
  title: 'Too many tries',
  body: html`<p>
    ${why} ${wait === null ? 'Please wait a few minutes and try again.' : tryAgainText(wait)}
  </p>`,
});

export const WRONG_PASSCODE_TEXT =
  'That passcode is not right. Check it with the patient (letters and digits, as in their e-mail) and try again.';

type Failure = Exclude<ApiOutcome<unknown>, { kind: 'ok' }>;

/** A refused request for access: field errors for the form, or an alert for the whole of it. */
export function requestFailure(
  outcome: Failure,
  practice: PracticeInfo | null,
  action: string,
): FormReport<string, RequestAlert> {
  if (outcome.kind === 'problem') {
    if (outcome.problem.type === PROBLEM_TYPES.tooYoung) return { alert: underThirteen(practice) };
    const problems = fieldErrors(outcome.problem);
    if (Object.keys(problems).length > 0) return { problems };
  }
  return {
    alert: { title: 'Your request was not sent', body: html`<p>${failureText(outcome, action)}</p>` },
  };
}

/** A refused passcode: wrong (a field error), too many tries, or a request that is over. */
export function passcodeFailure(outcome: Failure): FormReport<'passcode', RequestAlert> {
  if (outcome.kind === 'problem') {
    if (outcome.status === 401 || outcome.problem.type === PROBLEM_TYPES.wrongCode)
      return { problems: { passcode: WRONG_PASSCODE_TEXT } };
    if (outcome.status === 429) {
      return {
        alert: tooManyTries(
          "To keep the patient's account safe, passcodes can't be tried again right away.",
          outcome.retryAfterSeconds,
        ),
      };
    }
    if (outcome.status === 404 || outcome.status === 410) return { alert: requestEnded() };
    const errors = fieldErrors(outcome.problem);
    if (errors.passcode) return { problems: { passcode: errors.passcode } };
  }
  return {
    alert: {
      title: 'The passcode was not checked',
      body: html`<p>${failureText(outcome, 'Checking the passcode')}</p>`,
    },
  };
}

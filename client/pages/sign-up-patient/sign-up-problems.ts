// What the sign-up page shows for each refusal the server can give, in plain words: which ones
// point at a field, which ones are a message for the whole form.

import { html, type TemplateResult } from 'lit';
import type { PracticeInfo } from '../../../core/practice';
import type { Problem } from '../../../core/problem';
import { PROBLEM_TYPES } from '../../../core/problem';
import { phoneLink } from '../../components/contact-links';
import { coppaExplanation } from '../../components/forms/age-check';

export type SignUpAlert = { title: string; body: TemplateResult };

export function identityNotMatched(practice: PracticeInfo | null): SignUpAlert {
  return {
    title: 'We could not confirm who you are',
    body: html`<p>
      The details you entered don't match the practice's patient records. Please call the office${
        practice ? html` at ${phoneLink(practice.supportPhone)}` : ''
      } and we'll help you sign up.
    </p>`,
  };
}

export const tooYoung = (): SignUpAlert => ({
  title: 'You can’t sign up online',
  body: coppaExplanation(),
});

export const alreadyRegistered = (): SignUpAlert => ({
  title: 'You already have an account',
  body: html`<p>
    You already have a portal account. <a href="/sign-in">Sign in</a>, or if you don't remember your password
    choose <a href="/forgot-password">Forgot your password?</a>
  </p>`,
});

/** An alert for problems that concern the whole form, or null when fields explain it. */
export function alertFor(problem: Problem, practice: PracticeInfo | null): SignUpAlert | null {
  switch (problem.type) {
    case PROBLEM_TYPES.identityNotMatched:
      return identityNotMatched(practice);
    case PROBLEM_TYPES.tooYoung:
      return tooYoung();
    case PROBLEM_TYPES.alreadyRegistered:
      return alreadyRegistered();
    default:
      return null;
  }
}

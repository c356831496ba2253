// Live feedback while a new password is typed: the portal's rule (core/passwords.ts) shown as a
// list that turns to "done" item by item. The common-password list is the server's to check.
import { html, type TemplateResult } from 'lit';
import {
  checkPassword,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  PASSWORD_PROBLEM_MESSAGES,
  type PasswordProblem,
  passwordLength,
} from '../../../core/passwords';

interface Rule {
  label: string;
  failsWith: PasswordProblem[];
}

const RULES: readonly Rule[] = [
  {
    label: `${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters (spaces count)`,
    failsWith: ['too-short', 'too-long'],
  },
  { label: 'Not your name or e-mail address', failsWith: ['contains-personal-info'] },
  { label: 'Not a repeat of a few characters', failsWith: ['too-repetitive'] },
];

/** The first problem as a sentence, or undefined when the client-side rule is met. */
export function passwordProblem(password: string, personal: Array<string | undefined>): string | undefined {
  const [first] = checkPassword(password, { personal });
  return first ? PASSWORD_PROBLEM_MESSAGES[first] : undefined;
}

export function passwordRules(
  id: string,
  password: string,
  personal: Array<string | undefined>,
): TemplateResult {
  const problems = checkPassword(password, { personal });
  // Until it is long enough the other rules are not checked yet: show them as still to do.
  const tooShort = passwordLength(password) < PASSWORD_MIN_LENGTH;
  return html`<ul class="rules" id=${id} aria-label="Password rules">
    ${RULES.map((rule) => {
      const met = password !== '' && !tooShort && !rule.failsWith.some((p) => problems.includes(p));
      return html`<li class=${met ? 'met' : 'todo'}>
        <span class="mark" aria-hidden="true">${met ? '✓' : '○'}</span>${rule.label}<span class="visually-hidden"
          >${met ? ': done' : ': not yet'}</span
        >
      </li>`;
    })}
  </ul>`;
}

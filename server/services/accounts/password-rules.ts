// The server's password check: core's rule (core/passwords.ts) plus the bundled list of 49,000
// common passwords from @zxcvbn-ts, loaded once into a lower-cased set.
import { dictionary } from '@zxcvbn-ts/language-common';
import { checkPassword, PASSWORD_PROBLEM_MESSAGES } from '../../../core/passwords';

let common: Set<string> | undefined;

export function isCommonPassword(lowerCased: string): boolean {
  common ??= new Set(dictionary['passwords-common'].map((word) => word.toLowerCase()));
  return common.has(lowerCased);
}

/** The first problem's message for the weak-password answer, or null when the password is fine. */
export function passwordProblem(password: string, personal: Array<string | null | undefined>): string | null {
  const [problem] = checkPassword(password, { personal, isCommon: isCommonPassword });
  return problem ? PASSWORD_PROBLEM_MESSAGES[problem] : null;
}

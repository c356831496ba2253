// The password rule (NIST SP 800-63B): length over composition, any characters, no names or
// e-mail inside, nothing common. The common-password list is the server's (too big for the
// client); the client runs the same rule without it and the server re-checks with it.

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;
/** Fewer different characters than this reads as a repeat ("aaaaaaaaaaab", "abababababab"). */
const MIN_DISTINCT_CHARACTERS = 5;

export type PasswordProblem =
  | 'too-short'
  | 'too-long'
  | 'contains-personal-info'
  | 'too-common'
  | 'too-repetitive';

export const PASSWORD_PROBLEM_MESSAGES: Record<PasswordProblem, string> = {
  'too-short': `Use at least ${PASSWORD_MIN_LENGTH} characters. A few unrelated words with spaces make a strong, memorable password.`,
  'too-long': `Use at most ${PASSWORD_MAX_LENGTH} characters.`,
  'contains-personal-info': 'Don’t use your name or e-mail address in your password.',
  'too-common': 'This password is too common and easy to guess. Choose another one.',
  'too-repetitive': 'This password repeats too few characters. Choose something less predictable.',
};

export interface PasswordContext {
  /** Names and e-mail of the account holder: none of their parts may appear in the password. */
  personal?: Array<string | null | undefined>;
  /** True when the word, lower-cased, is on a list of common or breached passwords. */
  isCommon?: (lowerCased: string) => boolean;
}

/** Counts characters as people see them (code points), not UTF-16 units. */
export function passwordLength(password: string): number {
  return [...password.normalize('NFC')].length;
}

function personalParts(values: PasswordContext['personal']): string[] {
  const parts = new Set<string>();
  for (const value of values ?? []) {
    if (!value) continue;
    const lower = value.toLowerCase().normalize('NFC');
    // Of an e-mail address only the part before @ is the person's; the domain ("example.com") is
    // shared by millions, and its pieces ("com") would refuse ordinary words such as "compass".
    const at = lower.lastIndexOf('@');
    const own = at === -1 ? lower : lower.slice(0, at);
    for (const part of [lower, own, ...own.split(/[\s._+-]+/)]) {
      if (part.length >= 3) parts.add(part);
    }
  }
  return [...parts];
}

/** The password's core once digits and symbols around it are peeled off ("Summer2024!" → "summer"). */
function lettersCore(lower: string): string {
  return lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
}

export function checkPassword(password: string, context: PasswordContext = {}): PasswordProblem[] {
  const length = passwordLength(password);
  if (length < PASSWORD_MIN_LENGTH) return ['too-short'];
  if (length > PASSWORD_MAX_LENGTH) return ['too-long'];
  const problems: PasswordProblem[] = [];
  const lower = password.toLowerCase().normalize('NFC');
  if (personalParts(context.personal).some((part) => lower.includes(part)))
    problems.push('contains-personal-info');
  if (context.isCommon) {
    const core = lettersCore(lower);
    if (
      context.isCommon(lower) ||
      context.isCommon(lower.replace(/\s+/g, '')) ||
      (core.length >= 4 && context.isCommon(core))
    ) {
      problems.push('too-common');
    }
  }
  if (new Set(lower).size < MIN_DISTINCT_CHARACTERS) problems.push('too-repetitive');
  return problems;
}

// Age rules of the portal, written once and used by the client (to explain early) and the server
// (which decides). Ages are counted in the practice's time zone, on calendar dates.

/** No accounts, invitations or access requests for anyone younger (COPPA). */
export const MIN_ACCOUNT_AGE = 13;
/** From this age a patient registers online alone and decides everything about their record. */
export const ADULT_AGE = 18;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

export function parseIsoDate(value: string): CalendarDate | null {
  const match = ISO_DATE.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day)
    return null;
  return { year, month, day };
}

/** Today's date where the practice is, as YYYY-MM-DD. `now` is injectable for time-travel tests. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/**
 * Whole years from birthDate to today (both YYYY-MM-DD). Comparing month and day as numbers
 * makes a 29 February birthday fall on 1 March in common years, as the practice counts it.
 */
export function ageOn(birthDate: string, today: string): number {
  const birth = parseIsoDate(birthDate);
  const now = parseIsoDate(today);
  if (!birth || !now) throw new RangeError('Dates must be valid YYYY-MM-DD');
  const hadBirthday = now.month > birth.month || (now.month === birth.month && now.day >= birth.day);
  return now.year - birth.year - (hadBirthday ? 0 : 1);
}

export type RegistrationAgeRule = 'adult' | 'teen-needs-enrollment-code' | 'too-young';

export function registrationAgeRule(age: number): RegistrationAgeRule {
  if (age >= ADULT_AGE) return 'adult';
  if (age >= MIN_ACCOUNT_AGE) return 'teen-needs-enrollment-code';
  return 'too-young';
}

/** Shown wherever someone under 13 is refused; the server sends the same sentence. */
export const COPPA_EXPLANATION =
  'To comply with the Children’s Online Privacy Protection Act (COPPA), people under 13 cannot have their own portal account, and no one can register or invite a user under 13. A parent or guardian can see a child’s record through family access.';

// The age rule of core/ages.ts applied to a date of birth as typed, in the practice's time zone, and
// the one explanation a refused under-13 sign-up or request shows: checked here before anything
// about a child under 13 leaves the device (COPPA); the server checks again.
import { html, type TemplateResult } from 'lit';
import {
  ageOn,
  COPPA_EXPLANATION,
  parseIsoDate,
  type RegistrationAgeRule,
  registrationAgeRule,
  todayIn,
} from '../../../core/ages';

/** The practice's zone, else the device's (before the practice's details arrive). */
export const zoneOr = (timeZone: string | undefined): string =>
  timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;

/** The age on the practice's today of a typed date of birth; null until it is a date. */
export function typedAge(birthDate: string, timeZone: string | undefined): number | null {
  const date = birthDate.trim();
  return parseIsoDate(date) ? ageOn(date, todayIn(zoneOr(timeZone))) : null;
}

/** What core's rule says of a typed date of birth; null until it is a date. */
export function typedAgeRule(birthDate: string, timeZone: string | undefined): RegistrationAgeRule | null {
  const age = typedAge(birthDate, timeZone);
  return age === null ? null : registrationAgeRule(age);
}

/** Whether a typed date is of a child under 13; null until it is a date in the past. */
export function isUnderThirteen(birthDate: string, timeZone: string | undefined): boolean | null {
  const age = typedAge(birthDate, timeZone);
  return age === null || age < 0 ? null : registrationAgeRule(age) === 'too-young';
}

/** Why someone under 13 is refused, in the words the server sends too. */
export const coppaExplanation = (): TemplateResult => html`<p>${COPPA_EXPLANATION}</p>`;

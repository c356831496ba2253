// The practice's calendar for the age rules: today's date where the practice is, and the day an
// instant fell on there (config.practice.timeZone), so instants compare with birthdays.
import { ageOn, parseIsoDate, todayIn } from '../../../core/ages';
import { type DateOf, practiceDateOf } from '../../../core/family';

/** The practice's time zone and the clock (AppDeps has both). */
export interface CalendarDeps {
  config: { practice: { timeZone: string } };
  now: () => Date;
}

export interface PracticeCalendar {
  today: string;
  dateOf: DateOf;
}

export function practiceCalendar(deps: CalendarDeps): PracticeCalendar {
  const zone = deps.config.practice.timeZone;
  return { today: todayIn(zone, deps.now()), dateOf: practiceDateOf(zone) };
}

/** Age in whole years today at the practice; null when the birth date is unknown or partial. */
export function ageToday(deps: CalendarDeps, birthDate: string | null): number | null {
  if (birthDate === null || parseIsoDate(birthDate) === null) return null;
  return ageOn(birthDate, practiceCalendar(deps).today);
}

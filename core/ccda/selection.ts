// The Health Records date choice (All time | Single date | Custom range) and which records it
// keeps. Days are read with core/clinical-dates.ts only: a record is on the day written in it, in
// its own offset, never moved into another zone.
//
// The rule, in two kinds of record:
// - Events (a vaccine given, a procedure done, a result, a vital sign, a visit, a smoking status
//   noted): kept when the day(s) they happened on meet the selection. A partial date ("2016-06")
//   covers its whole month or year, so it is kept when any of those days is selected.
// - States (problems, allergies, medications, care plans, goals, care teams): kept when the time
//   they were in force meets the selection. That time runs from the start (onset, recorded or
//   prescribed date) to the end (abatement, stop date); while the record is still active it runs
//   on to today, so an allergy found in 2010 and still active is in a summary of a 2024 visit —
//   which is what a receiving clinician needs. A record no longer active that has no end date is
//   taken to end on its start day (nothing tells us it lasted longer). An active state with no
//   start date is in every selection; any other record with no date at all is in All time only.
import { clinicalDaySpan, clinicalTime } from '../clinical-dates';

export type DateSelection =
  | { kind: 'all' }
  | { kind: 'date'; date: string }
  | { kind: 'range'; from: string; to: string };

/** From..To as YYYY-MM-DD; '' is open-ended. */
export interface DayBounds {
  from: string;
  to: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The selection as day bounds; throws on a day that is not YYYY-MM-DD or a range that runs backwards. */
export function boundsOf(selection: DateSelection): DayBounds {
  if (selection.kind === 'all') return { from: '', to: '' };
  const [from, to] =
    selection.kind === 'date' ? [selection.date, selection.date] : [selection.from, selection.to];
  for (const day of [from, to])
    if (!DAY.test(day) || !clinicalDaySpan(day)) throw new RangeError(`Not a calendar day: ${day}`);
  if (from > to) throw new RangeError(`The range ends (${to}) before it starts (${from})`);
  return { from, to };
}

export const isAllTime = (bounds: DayBounds): boolean => bounds.from === '' && bounds.to === '';

/** An event on `value` (FHIR date/dateTime/instant) is kept when its days meet the bounds. */
export function eventKept(value: string | undefined, bounds: DayBounds): boolean {
  if (isAllTime(bounds)) return true;
  const span = clinicalDaySpan(value);
  if (!span) return false;
  return span.last >= bounds.from && span.first <= bounds.to;
}

/** An event over a period (start..end, either may be missing) is kept when the period meets the bounds. */
export function periodKept(start: string | undefined, end: string | undefined, bounds: DayBounds): boolean {
  if (isAllTime(bounds)) return true;
  const first = clinicalDaySpan(start ?? end)?.first;
  const last = clinicalDaySpan(end ?? start)?.last;
  if (first === undefined || last === undefined) return false;
  return last >= bounds.from && first <= bounds.to;
}

/** A state in force from `start` to `end` (or on, while `ongoing`) is kept when that time meets the bounds. */
export function stateKept(
  start: string | undefined,
  end: string | undefined,
  ongoing: boolean,
  bounds: DayBounds,
): boolean {
  if (isAllTime(bounds)) return true;
  const startSpan = clinicalDaySpan(start);
  const endSpan = ongoing ? undefined : clinicalDaySpan(end ?? start);
  if (!ongoing && !startSpan && !endSpan) return false;
  const beginsInTime = startSpan === undefined || startSpan.first <= bounds.to;
  const lastsLongEnough = ongoing || endSpan === undefined || endSpan.last >= bounds.from;
  return beginsInTime && lastsLongEnough;
}

/** Newest first, undated last; a stable order for equal dates. */
export function newestFirst<T>(items: readonly T[], dateOf: (item: T) => string | undefined): T[] {
  const keyed = items.map((item, index) => ({ item, index, time: clinicalTime(dateOf(item)) }));
  keyed.sort((a, b) => {
    const at = Number.isNaN(a.time) ? -Infinity : a.time;
    const bt = Number.isNaN(b.time) ? -Infinity : b.time;
    return bt - at || a.index - b.index;
  });
  return keyed.map((k) => k.item);
}

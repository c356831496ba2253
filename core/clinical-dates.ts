// The one date rule for clinical data, used by every My Health view, filter, sort and trend, the
// billing statement, the C-CDA and every PDF: a FHIR date, dateTime or instant is read as the
// calendar date and clock time written in it, in the offset it carries, and never converted into
// another zone. A flu shot given at 02:24 +05:30 on 9 June was given on 9 June, wherever the
// practice or the phone is.
//
// Pure (Intl only), so the same rule runs in the browser offline, in the service worker and on
// the server.

export type ClinicalPrecision = 'year' | 'month' | 'day' | 'minute' | 'second';

/** A clinical date as written: its fields, and the offset it carried ('Z', '+05:30') if any. */
export interface ClinicalMoment {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  offset: string | undefined;
  precision: ClinicalPrecision;
}

// FHIR's date / dateTime / instant grammar; the offset is optional so that a time written without
// one (invalid FHIR, but seen in exports) still reads as the wall time it says.
const CLINICAL =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$/;

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The fields of a FHIR date, dateTime or instant, or undefined when it is not one. */
export function parseClinical(value: string | undefined | null): ClinicalMoment | undefined {
  if (typeof value !== 'string') return undefined;
  const match = CLINICAL.exec(value.trim());
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, fraction, offset] = match;
  const year = Number(y);
  const month = mo === undefined ? 1 : Number(mo);
  const day = d === undefined ? 1 : Number(d);
  const hour = h === undefined ? 0 : Number(h);
  const minute = mi === undefined ? 0 : Number(mi);
  const second = s === undefined ? 0 : Number(s);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  if (offset !== undefined && offset !== 'Z') {
    const [oh, om] = [Number(offset.slice(1, 3)), Number(offset.slice(-2))];
    if (oh > 14 || om > 59 || (oh === 14 && om > 0)) return undefined;
  }
  const precision: ClinicalPrecision =
    mo === undefined
      ? 'year'
      : d === undefined
        ? 'month'
        : h === undefined
          ? 'day'
          : s === undefined
            ? 'minute'
            : 'second';
  return {
    year,
    month,
    day,
    hour,
    minute,
    second,
    millisecond: fraction === undefined ? 0 : Math.floor(Number(`0${fraction}`) * 1000),
    offset: offset === undefined ? undefined : offset === 'Z' ? 'Z' : normaliseOffset(offset),
    precision,
  };
}

const normaliseOffset = (offset: string): string =>
  offset.includes(':') ? offset : `${offset.slice(0, 3)}:${offset.slice(3)}`;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * The written wall clock as milliseconds, read as if it were UTC: the number that sorts, groups
 * and places a clinical date on a chart in the order the patient reads the dates. NaN when the
 * value is not a date. A partial date counts from its first day.
 */
export function clinicalTime(value: string | undefined | null): number {
  const m = parseClinical(value);
  if (!m) return Number.NaN;
  return Date.UTC(m.year, m.month - 1, m.day, m.hour, m.minute, m.second, m.millisecond);
}

/** The calendar day written in the value, as YYYY-MM-DD ('' when it is not a date). */
export function clinicalDay(value: string | undefined | null): string {
  const m = parseClinical(value);
  return m ? `${pad(m.year, 4)}-${pad(m.month)}-${pad(m.day)}` : '';
}

/**
 * The days a value covers, as YYYY-MM-DD: one day for a date or dateTime, the whole month for
 * "2016-06", the whole year for "2016". Date filters keep a record whose days meet the filter's.
 */
export function clinicalDaySpan(
  value: string | undefined | null,
): { first: string; last: string } | undefined {
  const m = parseClinical(value);
  if (!m) return undefined;
  const first = `${pad(m.year, 4)}-${pad(m.month)}-${pad(m.day)}`;
  if (m.precision === 'year') return { first, last: `${pad(m.year, 4)}-12-31` };
  if (m.precision === 'month')
    return { first, last: `${pad(m.year, 4)}-${pad(m.month)}-${pad(daysIn(m.year, m.month))}` };
  return { first, last: first };
}

/** Whether the value's days meet From..To (YYYY-MM-DD, either may be empty for open-ended). */
export function clinicalDayWithin(value: string | undefined | null, from: string, to: string): boolean {
  const span = clinicalDaySpan(value);
  if (!span) return false;
  return (from === '' || span.last >= from) && (to === '' || span.first <= to);
}

// ---------------------------------------------------------------------------------------------
// In words. Every format reads the wall-clock number in UTC, which is what "never converted" means.

type Style = 'date' | 'dateTime' | 'month' | 'monthShort' | 'dayShort';
const STYLES: Record<Style, Intl.DateTimeFormatOptions> = {
  date: { dateStyle: 'medium' },
  dateTime: { dateStyle: 'medium', timeStyle: 'short' },
  month: { year: 'numeric', month: 'long' },
  monthShort: { year: 'numeric', month: 'short' },
  dayShort: { month: 'short', day: 'numeric' },
};
const formats = new Map<Style, Intl.DateTimeFormat>();
function format(style: Style): Intl.DateTimeFormat {
  let f = formats.get(style);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { ...STYLES[style], timeZone: 'UTC' });
    formats.set(style, f);
  }
  return f;
}

/** "Jun 9, 2016", "June 2016" or "2016"; an unreadable value as it is written. */
export function formatClinicalDate(value: string | undefined | null): string {
  if (!value) return '';
  const m = parseClinical(value);
  if (!m) return value;
  if (m.precision === 'year') return String(m.year);
  return format(m.precision === 'month' ? 'month' : 'date').format(clinicalTime(value));
}

/** "Jun 9, 2016, 2:24 AM" where the value has a time, else as formatClinicalDate. */
export function formatClinicalDateTime(value: string | undefined | null): string {
  if (!value) return '';
  const m = parseClinical(value);
  if (!m) return value;
  if (m.precision !== 'minute' && m.precision !== 'second') return formatClinicalDate(value);
  return format('dateTime').format(clinicalTime(value));
}

/** "Mar 1, 2020 – Apr 2, 2020", "Since Mar 1, 2020", "Until Apr 2, 2020", or ''. */
export function formatClinicalPeriod(period: { start?: string; end?: string } | undefined): string {
  const start = formatClinicalDate(period?.start);
  const end = formatClinicalDate(period?.end);
  if (start && end) return start === end ? start : `${start} – ${end}`;
  if (start) return `Since ${start}`;
  if (end) return `Until ${end}`;
  return '';
}

/** A clinicalTime() as a short chart label: "Jun 2016", or "Jun 9" when `withDay`. */
export function formatClinicalTimeShort(time: number, withDay = false): string {
  return format(withDay ? 'dayShort' : 'monthShort').format(time);
}

/**
 * A moment written in a zone's own offset ("2026-12-03T21:05:00-06:00"), the form clinical data
 * takes: shown by the rule above, it reads as the clocks there read (a summary made at 9:05 PM in
 * Chicago says 9:05 PM, not the 3:05 AM of UTC).
 */
export function instantIn(timeZone: string, at: Date): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    timeZoneName: 'longOffset',
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const offset = part('timeZoneName').replace('GMT', '') || '+00:00';
  return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}:${part('second')}${offset}`;
}

/**
 * The value as an HL7 V3 TS (C-CDA effectiveTime): "20160609022400+0530", "201606", "2016". The
 * written fields and their offset are kept, as the CDA expects; '' when it is not a date.
 */
export function cdaTimestamp(value: string | undefined | null): string {
  const m = parseClinical(value);
  if (!m) return '';
  const date = `${pad(m.year, 4)}${m.precision === 'year' ? '' : pad(m.month)}${
    m.precision === 'year' || m.precision === 'month' ? '' : pad(m.day)
  }`;
  if (m.precision !== 'minute' && m.precision !== 'second') return date;
  const time = `${pad(m.hour)}${pad(m.minute)}${m.precision === 'second' ? pad(m.second) : ''}`;
  const offset = m.offset === undefined ? '' : m.offset === 'Z' ? '+0000' : m.offset.replace(':', '');
  return `${date}${time}${offset}`;
}

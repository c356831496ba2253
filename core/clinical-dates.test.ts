// The clinical date rule at its edges: every offset from -12:00 to +14:00 around midnight,
// date-only values, partial dates, and whatever zone the device is in.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  cdaTimestamp,
  clinicalDay,
  clinicalDayWithin,
  clinicalTime,
  formatClinicalDate,
  formatClinicalDateTime,
  formatClinicalPeriod,
  formatClinicalTimeShort,
  instantIn,
  parseClinical,
} from './clinical-dates';

const OFFSETS = [
  '-12:00',
  '-11:00',
  '-10:00',
  '-09:30',
  '-08:00',
  '-07:00',
  '-05:00',
  '-03:30',
  '-01:00',
  'Z',
  '+00:00',
  '+01:00',
  '+03:00',
  '+05:30',
  '+05:45',
  '+08:00',
  '+09:30',
  '+12:00',
  '+12:45',
  '+13:00',
  '+14:00',
];

// core/ is compiled without Node's types; vitest runs these tests in Node, where TZ set at run
// time changes the zone Date and Intl use.
const env = (globalThis as unknown as { process: { env: Record<string, string | undefined> } }).process.env;
const originalZone = env.TZ;
afterEach(() => {
  if (originalZone === undefined) delete env.TZ;
  else env.TZ = originalZone;
});

/** Minutes behind UTC on 9 June 2016 at noon UTC, as Date.getTimezoneOffset() counts them. */
const zoneOffset = (zone: string) =>
  ({ 'Pacific/Kiritimati': -840, 'Etc/GMT+12': 720, 'America/Chicago': 300, 'Asia/Kolkata': -330, UTC: 0 })[
    zone
  ];

describe('a clinical date is the day written in it, in the offset it carries', () => {
  it('shows a flu shot given at 02:24 +05:30 on the day it was given', () => {
    expect(formatClinicalDate('2016-06-09T02:24:53+05:30')).toBe('Jun 9, 2016');
    expect(clinicalDay('2016-06-09T02:24:53+05:30')).toBe('2016-06-09');
    expect(formatClinicalDateTime('2016-06-09T02:24:53+05:30')).toBe('Jun 9, 2016, 2:24 AM');
  });

  it('keeps the written day just after and just before midnight at every offset', () => {
    for (const offset of OFFSETS) {
      expect(clinicalDay(`2024-10-31T00:00:00${offset}`), offset).toBe('2024-10-31');
      expect(formatClinicalDate(`2024-10-31T00:00:00${offset}`), offset).toBe('Oct 31, 2024');
      expect(clinicalDay(`2024-10-31T23:59:59.999${offset}`), offset).toBe('2024-10-31');
      expect(formatClinicalDateTime(`2024-10-31T23:59${offset}`), offset).toBe('Oct 31, 2024, 11:59 PM');
    }
  });

  it('does not depend on the zone of the device', () => {
    for (const zone of ['Pacific/Kiritimati', 'Etc/GMT+12', 'America/Chicago', 'Asia/Kolkata', 'UTC']) {
      env.TZ = zone;
      expect(new Date(Date.UTC(2016, 5, 9, 12)).getTimezoneOffset(), zone).toBe(zoneOffset(zone));
      expect(formatClinicalDate('2016-06-09T02:24:53+05:30'), zone).toBe('Jun 9, 2016');
      expect(formatClinicalDate('2016-06-09T23:30:00-12:00'), zone).toBe('Jun 9, 2016');
      expect(formatClinicalDate('2016-06-09'), zone).toBe('Jun 9, 2016');
    }
  });

  it('holds for any written date, time and offset', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1900-01-01T00:00:00Z'),
          max: new Date('2099-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        fc.constantFrom(...OFFSETS),
        (date, offset) => {
          const written = date.toISOString().slice(0, 19);
          const value = `${written}${offset}`;
          expect(clinicalDay(value)).toBe(written.slice(0, 10));
          expect(clinicalTime(value)).toBe(Date.parse(`${written}Z`));
        },
      ),
    );
  });

  it('shows a date as written and partial dates at their precision', () => {
    expect(formatClinicalDate('2020-03-10')).toBe('Mar 10, 2020');
    expect(formatClinicalDate('2016-06')).toBe('June 2016');
    expect(formatClinicalDate('2016')).toBe('2016');
    expect(formatClinicalDateTime('2016-06')).toBe('June 2016');
    expect(clinicalDay('2016')).toBe('2016-01-01');
    expect(clinicalDay('2016-06')).toBe('2016-06-01');
  });

  it('refuses what is not a date and shows it as written', () => {
    for (const bad of [
      '2016-13-01',
      '2016-02-30',
      '2016-06-09T24:00:00Z',
      '2016-06-09T10:00+15:00',
      'soon',
      '16-06-09',
    ])
      expect(parseClinical(bad), bad).toBeUndefined();
    expect(formatClinicalDate('soon')).toBe('soon');
    expect(clinicalDay('soon')).toBe('');
    expect(Number.isNaN(clinicalTime('soon'))).toBe(true);
    expect(formatClinicalDate(undefined)).toBe('');
    expect(parseClinical('2016-02-29')?.day).toBe(29);
  });

  it('sorts by the written wall clock, so a list reads in the order of its dates', () => {
    // 02:00 +05:30 on 9 June is an earlier instant than 23:00 -05:00 on 8 June, yet it is the later day.
    const ninth = '2016-06-09T02:00:00+05:30';
    const eighth = '2016-06-08T23:00:00-05:00';
    expect(Date.parse(ninth)).toBeLessThan(Date.parse(eighth));
    expect(clinicalTime(ninth)).toBeGreaterThan(clinicalTime(eighth));
  });

  it('shows both ends of a period by the same rule', () => {
    expect(
      formatClinicalPeriod({ start: '2016-06-09T02:24:00+05:30', end: '2016-06-10T01:00:00+05:30' }),
    ).toBe('Jun 9, 2016 – Jun 10, 2016');
    expect(
      formatClinicalPeriod({ start: '2016-06-09T02:24:00+05:30', end: '2016-06-09T03:00:00+05:30' }),
    ).toBe('Jun 9, 2016');
    expect(formatClinicalPeriod({ start: '2016-06-09T00:10:00-12:00' })).toBe('Since Jun 9, 2016');
    expect(formatClinicalPeriod({ end: '2016' })).toBe('Until 2016');
    expect(formatClinicalPeriod(undefined)).toBe('');
  });

  it('keeps a partial date in a From/To filter that meets its month or year', () => {
    expect(clinicalDayWithin('2016-06', '2016-06-15', '2016-06-15')).toBe(true);
    expect(clinicalDayWithin('2016', '2016-12-31', '')).toBe(true);
    expect(clinicalDayWithin('2016', '2017-01-01', '')).toBe(false);
    expect(clinicalDayWithin('2024-10-31T02:00:00+05:30', '2024-10-31', '2024-10-31')).toBe(true);
    expect(clinicalDayWithin('2024-10-31T23:00:00-12:00', '2024-11-01', '')).toBe(false);
    expect(clinicalDayWithin('not a date', '', '')).toBe(false);
  });

  it('labels a chart by the written day', () => {
    expect(formatClinicalTimeShort(clinicalTime('2016-06-09T02:24:00+05:30'), true)).toBe('Jun 9');
    expect(formatClinicalTimeShort(clinicalTime('2016-06-09T02:24:00+05:30'))).toBe('Jun 2016');
  });

  it('writes a moment in a zone’s own offset, so it reads as the clocks there did', () => {
    const at = new Date('2026-12-04T03:05:09Z');
    expect(instantIn('America/Chicago', at)).toBe('2026-12-03T21:05:09-06:00');
    expect(instantIn('Asia/Kolkata', at)).toBe('2026-12-04T08:35:09+05:30');
    expect(instantIn('UTC', at)).toBe('2026-12-04T03:05:09+00:00');
    expect(formatClinicalDateTime(instantIn('America/Chicago', at))).toBe('Dec 3, 2026, 9:05 PM');
    expect(Date.parse(instantIn('Pacific/Kiritimati', at))).toBe(at.getTime());
  });

  it('writes the C-CDA timestamp with the fields and offset of the source', () => {
    expect(cdaTimestamp('2016-06-09T02:24:53+05:30')).toBe('20160609022453+0530');
    expect(cdaTimestamp('2016-06-09T02:24-12:00')).toBe('201606090224-1200');
    expect(cdaTimestamp('2016-06-09T02:24:53Z')).toBe('20160609022453+0000');
    expect(cdaTimestamp('2016-06-09')).toBe('20160609');
    expect(cdaTimestamp('2016-06')).toBe('201606');
    expect(cdaTimestamp('2016')).toBe('2016');
    expect(cdaTimestamp('nope')).toBe('');
  });
});

// Age rules: birthdays count in the practice's time zone, and a 29 February birthday falls on
// 1 March in common years.
import { describe, expect, it } from 'vitest';
import { ageOn, parseIsoDate, registrationAgeRule, todayIn } from './ages';

describe('ages', () => {
  it('turns 13 on the birthday, not the day before', () => {
    expect(ageOn('2013-11-24', '2026-11-23')).toBe(12);
    expect(ageOn('2013-11-24', '2026-11-24')).toBe(13);
  });

  it('counts a 29 February birthday on 1 March in common years and on the day in leap years', () => {
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
    expect(ageOn('2012-02-29', '2028-02-28')).toBe(15);
    expect(ageOn('2012-02-29', '2028-02-29')).toBe(16);
  });

  it('uses the practice’s calendar day, not the server’s', () => {
    // 03:00 UTC on 24 November is still 23 November in Chicago.
    const instant = new Date('2026-11-24T03:00:00Z');
    expect(todayIn('America/Chicago', instant)).toBe('2026-11-23');
    expect(todayIn('Europe/Berlin', instant)).toBe('2026-11-24');
    expect(ageOn('2013-11-24', todayIn('America/Chicago', instant))).toBe(12);
  });

  it('refuses impossible dates', () => {
    expect(parseIsoDate('2025-02-29')).toBeNull();
    expect(parseIsoDate('2024-13-01')).toBeNull();
    expect(parseIsoDate('24-01-01')).toBeNull();
    expect(() => ageOn('2025-02-30', '2026-01-01')).toThrow(RangeError);
  });

  it('sorts people into the registration rules by age', () => {
    expect(registrationAgeRule(12)).toBe('too-young');
    expect(registrationAgeRule(13)).toBe('teen-needs-enrollment-code');
    expect(registrationAgeRule(17)).toBe('teen-needs-enrollment-code');
    expect(registrationAgeRule(18)).toBe('adult');
  });
});

// The age rules of family access, day by day: Full for a young child's parents, Billing only from
// the 13th birthday unless the teen chooses Full, the end at 18 unless the adult confirms, and
// 29 February birthdays counted on 1 March in common years.
import { describe, expect, it } from 'vitest';
import { birthdayOf, effectiveLevel, type GrantFacts } from './family';

const dateOf = (instant: string) => instant.slice(0, 10);
const guardianLink = (createdAt: string): GrantFacts => ({
  level: 'full',
  source: 'guardian',
  createdAt,
  fullChosenByPatientAt: null,
  confirmedAsAdultAt: null,
});

describe('family access age rules', () => {
  const birth = '2013-06-15';
  const link = guardianLink('2016-01-10T15:00:00Z');

  it('gives a parent Full access until the day before the 13th birthday, then Billing only', () => {
    expect(effectiveLevel(link, birth, '2026-06-14', dateOf)).toBe('full');
    expect(effectiveLevel(link, birth, '2026-06-15', dateOf)).toBe('billing');
  });

  it('gives Full again once the teen chooses it, and not for a choice made before 13', () => {
    const chosenAt12 = { ...link, fullChosenByPatientAt: '2026-06-01T10:00:00Z' };
    expect(effectiveLevel(chosenAt12, birth, '2026-07-01', dateOf)).toBe('billing');
    const chosenAt15 = { ...link, fullChosenByPatientAt: '2028-09-01T10:00:00Z' };
    expect(effectiveLevel(chosenAt15, birth, '2028-09-02', dateOf)).toBe('full');
    expect(effectiveLevel({ ...chosenAt15, level: 'billing' }, birth, '2028-09-02', dateOf)).toBe('billing');
  });

  it('ends access set up while a minor on the 18th birthday, unless the adult confirms it', () => {
    const teenGrant = { ...link, fullChosenByPatientAt: '2028-09-01T10:00:00Z' };
    expect(effectiveLevel(teenGrant, birth, '2031-06-14', dateOf)).toBe('full');
    expect(effectiveLevel(teenGrant, birth, '2031-06-15', dateOf)).toBe('none');
    const confirmed = { ...teenGrant, confirmedAsAdultAt: '2031-06-20T08:00:00Z' };
    expect(effectiveLevel(confirmed, birth, '2031-06-21', dateOf)).toBe('full');
    // A confirmation given before 18 does not count.
    const early = { ...teenGrant, confirmedAsAdultAt: '2031-06-01T08:00:00Z' };
    expect(effectiveLevel(early, birth, '2031-06-21', dateOf)).toBe('none');
  });

  it('leaves access an adult granted alone', () => {
    const invitation: GrantFacts = {
      level: 'full',
      source: 'invitation',
      createdAt: '2035-01-01T00:00:00Z',
      fullChosenByPatientAt: '2035-01-01T00:00:00Z',
      confirmedAsAdultAt: null,
    };
    expect(effectiveLevel(invitation, birth, '2040-01-01', dateOf)).toBe('full');
  });

  it('counts a 29 February birthday on 1 March in common years', () => {
    expect(birthdayOf('2012-02-29', 13)).toBe('2025-03-01');
    expect(birthdayOf('2012-02-29', 16)).toBe('2028-02-29');
    const leapling = guardianLink('2014-01-01T00:00:00Z');
    expect(effectiveLevel(leapling, '2012-02-29', '2025-02-28', dateOf)).toBe('full');
    expect(effectiveLevel(leapling, '2012-02-29', '2025-03-01', dateOf)).toBe('billing');
  });

  it('shows less when the birth date is unknown', () => {
    expect(effectiveLevel(link, null, '2026-01-01', dateOf)).toBe('billing');
  });
});

// Checks that a value read from the network or from storage really is a PracticeInfo, so a broken
// answer or an old cache format never reaches the screen.
import type { PracticeInfo, PracticeOffice } from '../../core/practice';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const hasStrings = (value: Record<string, unknown>, keys: readonly string[]): boolean =>
  keys.every((key) => typeof value[key] === 'string');

const PRACTICE_KEYS = [
  'name',
  'shortName',
  'timeZone',
  'supportPhone',
  'supportEmail',
  'supportHours',
  'billingPhone',
  'billingEmail',
  'feedbackEmail',
] as const;

const OFFICE_KEYS = ['id', 'name', 'address', 'phone'] as const;

const isOffice = (value: unknown): value is PracticeOffice =>
  isRecord(value) && hasStrings(value, OFFICE_KEYS);

export function isPracticeInfo(value: unknown): value is PracticeInfo {
  return (
    isRecord(value) &&
    hasStrings(value, PRACTICE_KEYS) &&
    (value.name as string).trim() !== '' &&
    Array.isArray(value.offices) &&
    value.offices.every(isOffice)
  );
}

// The activity history as a patient asks for it: calendar dates in the practice's time zone turned
// into UTC bounds, newest first. One query for two readers: an account's own history
// (/api/me/activity) and a patient's, as the patient or a family member with Full access reads it
// (/api/patients/:id/activity).
import type { ActivityEvent } from '../../../core/accounts';
import type { AppDeps } from '../../context';
import { type AccountRow, findAccountByPatient } from '../accounts/account-store';
import { type ActivityFilter, listActivity } from './audit';

/** Milliseconds the zone is ahead of UTC at `at`. */
function zoneOffset(timeZone: string, at: number): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(new Date(at))
      .map((p) => [p.type, p.value]),
  );
  const local = Date.UTC(
    +parts.year!,
    +parts.month! - 1,
    +parts.day!,
    +parts.hour!,
    +parts.minute!,
    +parts.second!,
  );
  return local - (at - (at % 1000));
}

/** The UTC instant at which a calendar date (YYYY-MM-DD) begins in the zone. */
export function startOfDayIn(date: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d);
  // Twice: the offset at the guess may differ from the offset at the answer around a DST change.
  const first = guess - zoneOffset(timeZone, guess);
  return new Date(guess - zoneOffset(timeZone, first));
}

function nextDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

export interface ActivityQuery {
  from?: string | undefined;
  to?: string | undefined;
  before?: string | undefined;
}

/** Whose history it is: the events to read, before the dates and paging of the query. */
export type ActivitySubject = Pick<ActivityFilter, 'accountId' | 'patientId' | 'thisPatientOnly'>;

/** The account's own history: its events (on any record) and every event on its own record. */
export function accountActivity(account: Pick<AccountRow, 'id' | 'patient_id'>): ActivitySubject {
  return { accountId: account.id, patientId: account.patient_id };
}

/**
 * The patient's history: every event on their record and, when they have an account, that
 * account's events (sign-ins, devices, settings) but none it left on other patients' records. For
 * a child without an account, the record's events alone: guardian links, age-rule changes, copies.
 */
export function patientActivity(deps: Pick<AppDeps, 'db'>, patientId: string): ActivitySubject {
  return {
    accountId: findAccountByPatient(deps.db, patientId)?.id ?? null,
    patientId,
    thisPatientOnly: true,
  };
}

export function activityFor(deps: AppDeps, subject: ActivitySubject, query: ActivityQuery): ActivityEvent[] {
  const zone = deps.config.practice.timeZone;
  const before =
    query.before !== undefined && /^\d{1,15}$/.test(query.before) ? Number(query.before) : undefined;
  return listActivity(deps.db, {
    ...subject,
    fromUtc: query.from ? startOfDayIn(query.from.trim(), zone).toISOString() : undefined,
    // "to" is inclusive: everything before the start of the next day.
    toUtc: query.to ? startOfDayIn(nextDay(query.to.trim()), zone).toISOString() : undefined,
    before,
  });
}

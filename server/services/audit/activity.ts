// The activity history as a patient asks for it: calendar dates in the practice's time zone turned
// into UTC bounds, newest first.
import type { ActivityEvent } from '../../../core/accounts';
import type { AppDeps } from '../../context';
import type { AccountRow } from '../auth/account-store';
import { listActivity } from './audit';

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

export function activityFor(deps: AppDeps, account: AccountRow, query: ActivityQuery): ActivityEvent[] {
  const zone = deps.config.practice.timeZone;
  const before =
    query.before !== undefined && /^\d{1,15}$/.test(query.before) ? Number(query.before) : undefined;
  return listActivity(deps.db, {
    accountId: account.id,
    patientId: account.patient_id,
    fromUtc: query.from ? startOfDayIn(query.from.trim(), zone).toISOString() : undefined,
    // "to" is inclusive: everything before the start of the next day.
    toUtc: query.to ? startOfDayIn(nextDay(query.to.trim()), zone).toISOString() : undefined,
    before,
  });
}

// The age rules on their own: at start and hourly, each grant whose effective level changed since
// last seen (13th birthday: Billing only; 18th: ended) goes to the patient's activity history.
import type { EffectiveLevel } from '../../../core/family';
import type { AppDeps } from '../../context';
import { errorFields } from '../../log';
import { allLiveGrants, type ProxyAccessRow, setLastEffectiveLevel } from '../access/proxy-access';
import { cardOf, grantLevelToday, type ReachDeps } from '../access/reach';
import { createAudit } from '../audit/audit';
import { auditFamily } from './family-audit';
import { familyMemberName } from './grant-view';

export const AGE_WATCH_INTERVAL_MS = 3600_000;

/**
 * Notes what a grant gives now, after a change the patient or the practice made (so the watch
 * does not report it as the age rules' doing); returns it.
 */
export function rememberLevel(
  deps: ReachDeps,
  row: ProxyAccessRow,
  birthDate: string | null,
): EffectiveLevel {
  const level = grantLevelToday(deps, row, birthDate);
  setLastEffectiveLevel(deps.db, row.id, level);
  return level;
}

/** One look at every live grant; returns how many changed. A grant seen the first time is only noted. */
export function runAgeWatch(deps: ReachDeps): number {
  const { db, now } = deps;
  const audit = createAudit(db, now);
  return db.transaction(() => {
    let changed = 0;
    for (const row of allLiveGrants(db)) {
      const card = cardOf(deps, row.patient_id);
      if (!card) continue;
      const level = grantLevelToday(deps, row, card.birthDate);
      if (level === row.last_effective_level) continue;
      setLastEffectiveLevel(db, row.id, level);
      if (row.last_effective_level === null) continue;
      changed += 1;
      auditFamily(db, audit, {
        action: 'family-access-changed',
        patientId: row.patient_id,
        actorAccountId: null,
        familyMember: familyMemberName(deps, row.account_id),
      });
    }
    return changed;
  })();
}

/** Runs the watch now and then every hour; the timer never keeps the process alive. Returns stop. */
export function startAgeWatch(deps: AppDeps, intervalMs = AGE_WATCH_INTERVAL_MS): () => void {
  const run = () => {
    try {
      const changed = runAgeWatch(deps);
      if (changed > 0) deps.log.info('family_access_age_rules_applied', { changed });
    } catch (error) {
      deps.log.error('family_access_age_watch_failed', errorFields(error));
    }
  };
  run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

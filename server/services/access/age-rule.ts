// The age rule on family access that exists today: a guardian link set up by the practice gives
// Full access only while the patient is under 13. From 13 it is Billing only unless the teen grants
// Full (an invitation or consent of their own, which is a row with another source).
import { ageOn, MIN_ACCOUNT_AGE, parseIsoDate } from '../../../core/ages';
import type { ProxyLevel, ProxySource } from './proxy-access';

/**
 * The level a stored access gives today. A birth date the practice does not have exactly (missing,
 * or only a year) counts as 13 or older: when in doubt, less is shown.
 */
export function levelToday(
  stored: { level: ProxyLevel; source: ProxySource },
  birthDate: string | null,
  today: string,
): ProxyLevel {
  if (stored.level !== 'full' || stored.source !== 'guardian') return stored.level;
  const underThirteen =
    birthDate !== null && parseIsoDate(birthDate) !== null && ageOn(birthDate, today) < MIN_ACCOUNT_AGE;
  return underThirteen ? 'full' : 'billing';
}

// The fingerprint of what a caller is shown of a record (ChangesPage.view). It changes when the
// rules change for rows a device's cursor has already passed, so the device knows to sync again.
import { createHash } from 'node:crypto';
import { RECORD_TYPES } from '../../../core/records';

/** Raise when the page builder starts showing or hiding something it did not before. */
// 2: questionnaire panels whose members are hidden are hidden too; new record types travel.
const RULES_VERSION = 2;

export function viewOf(access: 'self' | 'full', sensitiveCodes: ReadonlySet<string>): string {
  const hidden = access === 'full' ? [...sensitiveCodes].sort() : [];
  const rules = JSON.stringify({ version: RULES_VERSION, types: RECORD_TYPES, hidden });
  return createHash('sha256').update(rules).digest('base64url').slice(0, 16);
}

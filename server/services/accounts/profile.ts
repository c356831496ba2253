// "Update personal information": edits carry the version they were based on, so an edit made
// offline on an old version is refused with the current profile instead of overwriting it.
import type { Profile, ProfileFields } from '../../../core/accounts';
import { PROBLEM_TYPES, type Problem } from '../../../core/problem';
import type { AppDeps } from '../../context';
import { ProblemException } from '../../http/problem';
import { type AccountRow, findAccountById, profileOf, readProfileFields } from './account-store';
import { accountServices } from './index';

export function pendingEmailOf(deps: AppDeps, accountId: string): string | null {
  return (
    deps.db
      .prepare<[string, string], string>(
        'SELECT new_email FROM email_changes WHERE account_id = ? AND expires_at > ?',
      )
      .pluck()
      .get(accountId, deps.now().toISOString()) ?? null
  );
}

export function readProfile(deps: AppDeps, account: AccountRow): Profile {
  return profileOf(account, pendingEmailOf(deps, account.id));
}

export function updateProfile(
  deps: AppDeps,
  account: AccountRow,
  baseVersion: number,
  changes: Partial<ProfileFields>,
  device: string,
): Profile {
  const { db, now } = deps;
  const updated = db.transaction((): { conflict: AccountRow } | { saved: AccountRow } => {
    const current = findAccountById(db, account.id)!;
    if (current.profile_version !== baseVersion) return { conflict: current };
    const fields: ProfileFields = { ...readProfileFields(current), ...changes };
    // The version only moves when the row is still at the version read: no lost update.
    const changed = db
      .prepare(
        `UPDATE accounts SET profile_json = ?, profile_version = profile_version + 1, updated_at = ?
         WHERE id = ? AND profile_version = ?`,
      )
      .run(JSON.stringify(fields), now().toISOString(), account.id, baseVersion).changes;
    if (changed !== 1) return { conflict: findAccountById(db, account.id)! };
    accountServices(deps).audit({
      action: 'profile-changed',
      accountId: account.id,
      actorAccountId: account.id,
      patientId: account.patient_id,
      device,
    });
    return { saved: findAccountById(db, account.id)! };
  })();
  if ('conflict' in updated) {
    const problem: Problem & { current: Profile } = {
      type: PROBLEM_TYPES.editConflict,
      title: 'Your information was changed elsewhere',
      status: 409,
      detail:
        'Someone saved a newer version of this information. Compare it with your edit and choose what to keep.',
      current: readProfile(deps, updated.conflict),
    };
    throw new ProblemException(problem);
  }
  return readProfile(deps, updated.saved);
}

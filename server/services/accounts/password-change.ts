// Changing the password while signed in: the current password first, then the rule; every other
// session ends and the account's address is told.
import { PROBLEM_TYPES } from '../../../core/problem';
import type { AppDeps } from '../../context';
import { ProblemException } from '../../http/problem';
import { mails } from '../mail/messages';
import { type AccountRow, setPasswordHash } from './account-store';
import { accountServices } from './index';
import { hashPassword, verifyPassword } from './password-hash';
import { passwordProblem } from './password-rules';
import { accountProblems } from './problems';
import { signInKey } from './sign-in';
import { PER_ACCOUNT } from './throttle';

export async function changePassword(
  deps: AppDeps,
  account: AccountRow,
  sessionId: string,
  currentPassword: string,
  newPassword: string,
  device: string,
): Promise<void> {
  const { db, config, now, mailer } = deps;
  const { throttle, sessions, audit } = accountServices(deps);
  const key = signInKey(account.email);
  throttle.check([key]);
  const weak = passwordProblem(newPassword, [account.given_name, account.family_name, account.email]);
  if (weak) throw new ProblemException(accountProblems.weakPassword(weak, 'body.newPassword'));
  if (!(await verifyPassword(currentPassword, account.password_hash))) {
    throttle.fail([[key, PER_ACCOUNT]]);
    // 422, not 401: the session is fine, only this field is wrong.
    throw new ProblemException({
      type: PROBLEM_TYPES.invalidInput,
      status: 422,
      title: 'The current password is not right',
      detail: 'Type your current password again.',
      errors: { 'body.currentPassword': 'This is not your current password.' },
    });
  }
  const hash = await hashPassword(newPassword);
  db.transaction(() => {
    setPasswordHash(db, account.id, hash, now());
    sessions.revokeAll(account.id, 'password-changed', sessionId);
    audit({
      action: 'password-changed',
      accountId: account.id,
      actorAccountId: account.id,
      patientId: account.patient_id,
      device,
    });
  })();
  mailer.post({ to: account.email, ...mails.passwordChanged(config.practice) });
}

// An invitee without an account makes one from the invitation link: the invited address is its
// login, confirmed by the link. Accepting follows once the account has its security option.
import type { AppDeps } from '../../context';
import { ProblemException } from '../../http/problem';
import { type AccountRow, EMPTY_PROFILE, findAccountByEmail, insertAccount } from '../accounts/account-store';
import { accountServices } from '../accounts/index';
import { hashPassword } from '../accounts/password-hash';
import { passwordProblem } from '../accounts/password-rules';
import { accountProblems } from '../accounts/problems';
import { PER_ADDRESS } from '../accounts/throttle';
import { findInvitation } from './invitation-store';
import { usableInvitation } from './invitations';
import { familyProblems } from './problems';

export interface InviteeAccountInput {
  token: string;
  firstName: string;
  lastName: string;
  mobilePhone: string;
  password: string;
  passwordAgain: string;
}

export async function createInviteeAccount(
  deps: AppDeps,
  input: InviteeAccountInput,
  ip: string,
  device: string,
): Promise<AccountRow> {
  const { db, now } = deps;
  const { throttle, audit } = accountServices(deps);
  const ipKey = `family-invitee-account:ip:${ip}`;
  throttle.check([ipKey]);
  const { row } = usableInvitation(deps, input.token);
  if (input.password !== input.passwordAgain) throw new ProblemException(accountProblems.passwordsDiffer());
  const weak = passwordProblem(input.password, [input.firstName, input.lastName, row.email]);
  if (weak) throw new ProblemException(accountProblems.weakPassword(weak));
  if (findAccountByEmail(db, row.email))
    throw new ProblemException(familyProblems.invitedAddressHasAccount());
  // Each attempt that gets this far costs a slow hash: count it against the address.
  throttle.fail([[ipKey, PER_ADDRESS]]);
  const passwordHash = await hashPassword(input.password);
  const account = db.transaction((): AccountRow | null => {
    const fresh = findInvitation(db, row.id);
    if (fresh?.status !== 'pending' || findAccountByEmail(db, row.email)) return null;
    const created = insertAccount(
      db,
      {
        email: row.email,
        passwordHash,
        patientId: null,
        givenName: input.firstName.trim(),
        familyName: input.lastName.trim(),
        profile: { ...EMPTY_PROFILE, mobilePhone: input.mobilePhone.trim() },
      },
      now(),
    );
    const event = { accountId: created.id, actorAccountId: created.id, device };
    audit({ action: 'account-created', ...event });
    audit({ action: 'email-confirmed', ...event });
    return created;
  })();
  if (!account) throw new ProblemException(familyProblems.invitationGone());
  return account;
}

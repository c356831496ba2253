// `npm run staff-account -- --email <e-mail> --name "<name>"`: creates a staff account (the
// practice's side: it reads and answers every patient's secure messages) with a random temporary
// password, printed once. It has no security option, so its first sign-in must set up an
// authenticator app or recovery codes before anything else. With --reset instead of --name: a new
// temporary password for an existing staff account, whose signed-in devices are signed out.
import { parseArgs } from 'node:util';
import { emailSchema, personNameSchema } from '../core/accounts';
import { loadConfig } from '../server/config';
import { openDatabase } from '../server/db/database';
import { migrate } from '../server/db/migrate';
import {
  type AccountRow,
  EMPTY_PROFILE,
  findAccountByEmail,
  insertAccount,
  setPasswordHash,
} from '../server/services/accounts/account-store';
import { hashPassword } from '../server/services/accounts/password-hash';
import { passwordProblem } from '../server/services/accounts/password-rules';
import { readableSecret } from '../server/services/accounts/secrets';
import { createSessions } from '../server/services/accounts/sessions';
import { signInKey } from '../server/services/accounts/sign-in';
import { createThrottle } from '../server/services/accounts/throttle';
import { createAudit } from '../server/services/audit/audit';
import { holdsDemoPractice } from '../server/services/demo/accounts';

const USAGE = `Usage: npm run staff-account -- --email <e-mail> --name "<name shown to patients>"
       npm run staff-account -- --email <e-mail> --reset   # a new temporary password\n`;

/** What the audit trail shows as the device of changes made here. */
const DEVICE = 'Practice command line';

/** A temporary password the password rule accepts for this account (almost always the first one). */
function temporaryPassword(personal: string[]): string {
  for (;;) {
    const password = readableSecret(5);
    if (passwordProblem(password, personal) === null) return password;
  }
}

interface Request {
  email: string;
  name: string | null;
  reset: boolean;
}

/** The request, or the message explaining what is wrong with the arguments. */
function parse(args: string[]): Request | string {
  let values: { email?: string; name?: string; reset?: boolean };
  try {
    ({ values } = parseArgs({
      args: args.filter((arg) => arg !== '--'),
      options: { email: { type: 'string' }, name: { type: 'string' }, reset: { type: 'boolean' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  if (values.email === undefined) return 'Give the e-mail address with --email.';
  const email = emailSchema.safeParse(values.email);
  if (!email.success) return `${JSON.stringify(values.email)} is not a valid e-mail address.`;
  const reset = values.reset === true;
  if (reset && values.name !== undefined) return '--reset changes the password only: leave out --name.';
  if (reset) return { email: email.data, name: null, reset };
  if (values.name === undefined)
    return 'Give the name patients see on answers with --name, e.g. "Front desk".';
  const name = personNameSchema.safeParse(values.name);
  if (!name.success) return `--name: ${name.error.issues.map((i) => i.message).join(' ')}`;
  return { email: email.data, name: name.data, reset };
}

async function main(args: string[]): Promise<number> {
  const request = parse(args);
  if (typeof request === 'string') {
    process.stderr.write(`${request}\n${USAGE}`);
    return 2;
  }
  const config = loadConfig(process.env);
  const db = openDatabase(config.databasePath);
  try {
    migrate(db);
    const now = () => new Date();
    const audit = createAudit(db, now);
    const existing = findAccountByEmail(db, request.email);

    if (request.reset) {
      if (existing?.role !== 'staff') {
        process.stderr.write(
          existing
            ? `${request.email} is not a staff account; patients and family members reset their password with "Forgot your password?". Nothing was changed.\n`
            : `There is no account with the e-mail ${request.email} in ${config.databasePath}. Nothing was changed.\n`,
        );
        return 1;
      }
      const password = temporaryPassword([existing.given_name, existing.family_name, existing.email]);
      const hash = await hashPassword(password);
      const sessions = createSessions(db, now, config.auth.refreshTokenDays);
      const signedOut = db.transaction((account: AccountRow) => {
        setPasswordHash(db, account.id, hash, now());
        // Reset links sent before stop working, as after a reset by the person themselves.
        db.prepare('UPDATE password_resets SET used_at = ? WHERE account_id = ? AND used_at IS NULL').run(
          now().toISOString(),
          account.id,
        );
        const ended = sessions.revokeAll(account.id, 'password-reset');
        createThrottle(db, now).clear(signInKey(account.email));
        audit({ action: 'password-reset', accountId: account.id, device: DEVICE });
        return ended;
      })(existing);
      process.stdout.write(
        `New temporary password for the staff account ${existing.email}: ${password}\n` +
          `It is shown only this once and stored only as a hash: give it to them in person or by phone, not by e-mail.\n` +
          `${signedOut} signed-in ${signedOut === 1 ? 'device was' : 'devices were'} signed out. The security option (authenticator app or recovery codes) is unchanged.\n` +
          'They should choose a password of their own under Profile > Security settings > Change password.\n',
      );
      return 0;
    }

    if (existing) {
      const kind = existing.role === 'staff' ? 'a staff account' : 'an account';
      const hint =
        existing.role === 'staff'
          ? ' For a new temporary password, run it again with --reset instead of --name.'
          : ' Use another address for the staff account.';
      process.stderr.write(
        `There is already ${kind} with the e-mail ${existing.email}.${hint} Nothing was changed.\n`,
      );
      return 1;
    }
    const name = request.name!;
    const password = temporaryPassword([name, request.email]);
    const hash = await hashPassword(password);
    const account = db.transaction(() => {
      const created = insertAccount(
        db,
        {
          email: request.email,
          passwordHash: hash,
          patientId: null,
          givenName: name,
          familyName: '',
          role: 'staff',
          // None: the first sign-in leads to setting up an authenticator app or recovery codes, and
          // the API answers 403 security-option-required to everything else until then.
          securityOption: null,
          profile: EMPTY_PROFILE,
        },
        now(),
      );
      audit({ action: 'account-created', accountId: created.id, device: DEVICE });
      return created;
    })();
    process.stdout.write(
      `Created the staff account ${account.email} ("${name}") in ${config.databasePath}.\n` +
        `It reads and answers the secure messages of every patient (Practice inbox).\n` +
        `Temporary password: ${password}\n` +
        `It is shown only this once and stored only as a hash: give it to them in person or by phone, not by e-mail.\n` +
        'At the first sign-in the portal asks them to set up an authenticator app or recovery codes before anything else;\n' +
        'then they should choose a password of their own under Profile > Security settings > Change password.\n',
    );
    if (holdsDemoPractice(db))
      process.stderr.write(
        'Note: this database holds the demo practice, whose published sign-ins include a staff account that reads every patient’s messages. Use it for trying the portal only.\n',
      );
    return 0;
  } finally {
    db.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);

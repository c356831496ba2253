// The session's view of the record cache: signing in opens it, an offline unlock brings back who
// is signed in, a password change here re-wraps it, signing out leaves nothing behind.
import { describe, expect, it } from 'vitest';
import type { AccountSummary } from '../../../core/accounts';
import { recordsKeeper } from './password-keeper';
import { recordsDbName } from './records-db';
import { dumpDatabase, newAccountId, readableForms, testVault } from './test-support';

function account(id: string): AccountSummary {
  return {
    id,
    email: 'marisol.quintanilla@example.org',
    displayName: 'Marisol Quintanilla',
    patientId: 'pat-self',
    securityOption: 'totp',
    twoStepSignIn: false,
    role: 'user',
  };
}

describe('the session keeper of the record cache', () => {
  it('brings back the signed-in account on an offline unlock, and keeps its e-mail unreadable at rest', async () => {
    const vault = testVault();
    const keeper = recordsKeeper(vault);
    const id = newAccountId();
    await keeper.opened(account(id), 'my pass phrase');
    keeper.locked();
    const readable = readableForms((await dumpDatabase(recordsDbName(id))).values);
    expect(readable).not.toContain('marisol');
    expect(readable).not.toContain('example.org');

    expect(await keeper.unlockOffline(id, 'my pass phrase')).toEqual({
      kind: 'unlocked',
      account: account(id),
    });
    keeper.locked();
  });

  it('answers a wrong password, then the wait it earned', async () => {
    const vault = testVault();
    const keeper = recordsKeeper(vault);
    const id = newAccountId();
    await keeper.opened(account(id), 'my pass phrase');
    keeper.locked();
    expect(await keeper.unlockOffline(id, 'nope 1')).toEqual({ kind: 'wrong-password' });
    expect(await keeper.unlockOffline(id, 'nope 2')).toEqual({ kind: 'wrong-password' });
    expect(await keeper.unlockOffline(id, 'nope 3')).toEqual({
      kind: 'wrong-password',
      retryAfterSeconds: 8,
    });
    expect(await keeper.unlockOffline(id, 'my pass phrase')).toMatchObject({ kind: 'wait' });
  });

  it('says there is no copy on a device that never had this account', async () => {
    const keeper = recordsKeeper(testVault());
    expect(await keeper.unlockOffline(newAccountId(), 'anything')).toEqual({ kind: 'no-copy' });
  });

  it('opens with the new password after a change on this device', async () => {
    const vault = testVault();
    const keeper = recordsKeeper(vault);
    const id = newAccountId();
    await keeper.opened(account(id), 'old pass phrase');
    await keeper.changed('new pass phrase');
    keeper.locked();
    expect(await keeper.unlockOffline(id, 'old pass phrase')).toEqual({ kind: 'wrong-password' });
    expect(await keeper.unlockOffline(id, 'new pass phrase')).toMatchObject({ kind: 'unlocked' });
    keeper.locked();
  });

  it('leaves nothing of the account on the device after signing out', async () => {
    const vault = testVault();
    const keeper = recordsKeeper(vault);
    const id = newAccountId();
    await keeper.opened(account(id), 'my pass phrase');
    await keeper.signedOut(id);
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(recordsDbName(id));
    expect(await keeper.unlockOffline(id, 'my pass phrase')).toEqual({ kind: 'no-copy' });
  });
});

// The session and the record cache together, in Chromium's own IndexedDB: the password that signs
// in opens the records saved on the device, the same password unlocks them with no connection,
// a wrong one does not, and signing out leaves nothing of the account behind.
import { expect } from '@open-wc/testing';
import { granted, json, noContent, restoreApi, stubApi } from '../../test/api-stub';
import { Session } from '../session';
import { recordsKeeper } from './password-keeper';
import { recordsDbName } from './records-db';
import { newAccountId, testVault } from './test-support';

const PASSWORD = 'amber field compass 19';

function memoryStorage() {
  const map = new Map<string, string>();
  return {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
  };
}

const offline = () => {
  window.fetch = async () => {
    throw new TypeError('Failed to fetch');
  };
};

async function databaseExists(name: string): Promise<boolean> {
  return (await indexedDB.databases()).some((d) => d.name === name);
}

describe('Session with the record cache', () => {
  afterEach(restoreApi);

  it('opens the saved records with the sign-in password and unlocks them offline with it after a restart', async () => {
    const accountId = newAccountId();
    const vault = testVault();
    const storage = memoryStorage();
    const first = new Session(undefined, storage);
    first.keeper = recordsKeeper(vault);
    await first.accept(granted({ id: accountId, displayName: 'Ana López' }), PASSWORD);
    expect(vault.current?.accountId).to.equal(accountId);
    expect(await databaseExists(recordsDbName(accountId))).to.equal(true);

    // The app is closed and opened again with no connection: locked, and only the password opens it.
    vault.lock();
    offline();
    const again = new Session(undefined, storage);
    again.keeper = recordsKeeper(vault);
    await again.restore();
    expect(again.state).to.equal('locked');

    const wrong = await again.unlock('not the password at all');
    expect(wrong).to.deep.equal({ kind: 'offline-refused', reason: 'wrong-password' });
    expect(again.state).to.equal('locked');
    expect(vault.current).to.equal(null);

    const right = await again.unlock(PASSWORD);
    expect(right).to.deep.equal({ kind: 'offline-unlocked' });
    expect(again.state).to.equal('signed-in');
    expect(again.account?.displayName).to.equal('Ana López');
    expect(vault.current?.locked).to.equal(false);

    // Locking forgets the key at once.
    again.lock();
    expect(vault.current).to.equal(null);
  });

  it('opens the saved records of a signed-in account with the password: checked by the server online, by the device offline', async () => {
    const accountId = newAccountId();
    const vault = testVault();
    const s = new Session(undefined, memoryStorage());
    s.keeper = recordsKeeper(vault);
    await s.accept(granted({ id: accountId }), PASSWORD);
    vault.lock();

    const calls = stubApi({
      'POST /api/auth/confirm-password': (call) =>
        (call.body as { password: string }).password === PASSWORD
          ? noContent()
          : json({ type: '/problems/sign-in-failed', title: 'Sign-in failed', status: 401 }, 401),
    });
    expect((await s.openRecords('a wrong password here')).kind).to.equal('problem');
    expect(vault.current).to.equal(null);
    expect((await s.openRecords(PASSWORD)).kind).to.equal('ok');
    expect(vault.current?.locked).to.equal(false);
    expect(calls.map((c) => c.path)).to.deep.equal([
      '/api/auth/confirm-password',
      '/api/auth/confirm-password',
    ]);

    vault.lock();
    offline();
    expect(await s.openRecords(PASSWORD)).to.deep.equal({ kind: 'offline-unlocked' });
    expect(vault.current?.locked).to.equal(false);
  });

  it('can not unlock offline on a device where nothing of the account was saved', async () => {
    const storage = memoryStorage();
    storage.setItem('portal.had-session', newAccountId());
    const s = new Session(undefined, storage);
    s.keeper = recordsKeeper(testVault());
    await s.restore();
    offline();
    expect(await s.unlock(PASSWORD)).to.deep.equal({ kind: 'offline-refused', reason: 'no-copy' });
    expect(s.state).to.equal('locked');
  });

  it('deletes the records saved on this device when signing out', async () => {
    const accountId = newAccountId();
    const vault = testVault();
    stubApi({ 'POST /api/auth/sign-out': () => noContent(), 'POST /api/auth/refresh': () => json({}) });
    const s = new Session(undefined, memoryStorage());
    s.keeper = recordsKeeper(vault);
    await s.accept(granted({ id: accountId }), PASSWORD);
    expect(await databaseExists(recordsDbName(accountId))).to.equal(true);
    await s.signOut();
    expect(s.state).to.equal('signed-out');
    expect(vault.current).to.equal(null);
    expect(await databaseExists(recordsDbName(accountId))).to.equal(false);
  });
});

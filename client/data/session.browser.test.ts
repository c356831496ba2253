// The session layer: the token only in memory, restored from the refresh cookie, added to calls,
// refreshed once on a 401 and the call retried; locking forgets the token until the password.
import { expect } from '@open-wc/testing';
import { granted, json, noContent, problem, restoreApi, stubApi } from '../test/api-stub';
import { SESSION_CHANGE, Session } from './session';

const ended = () => problem({ type: '/problems/session-ended', title: 'Session ended', status: 401 });

function memoryStorage() {
  const map = new Map<string, string>();
  return {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
  };
}

describe('Session', () => {
  afterEach(restoreApi);

  it('starts locked on a device that had a session, online or not, and asks the server nothing', async () => {
    const calls = stubApi({ 'POST /api/auth/refresh': () => json(granted({}, 'restored-token')) });
    const storage = memoryStorage();
    storage.setItem('portal.had-session', 'acc-1');
    const s = new Session(undefined, storage);
    await s.restore();
    // The records saved here open only with the password: the app starts on the lock screen.
    expect(s.state).to.equal('locked');
    expect(s.lastAccountId).to.equal('acc-1');
    expect(calls).to.have.length(0);
  });

  it('keeps the token out of storage, remembering only which account had a session', async () => {
    stubApi({ 'POST /api/auth/unlock': () => json(granted({}, 'unlocked-token')) });
    const before = JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage });
    const s = new Session();
    s.accept(granted({}, 'signed-in-token'));
    s.lock();
    await s.unlock('my long password');
    expect(s.state).to.equal('signed-in');
    const after = JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage });
    for (const stored of [before, after]) {
      expect(stored).not.to.contain('signed-in-token');
      expect(stored).not.to.contain('unlocked-token');
      expect(stored).not.to.contain('my long password');
    }
    expect(localStorage.getItem('portal.had-session')).to.equal('acc-1');
    localStorage.clear();
  });

  it('locks after the idle time the practice configured, 15 minutes unless the server says otherwise', async () => {
    const s = new Session(undefined, memoryStorage());
    expect(s.idleLockMinutes).to.equal(15);
    await s.accept({ ...granted({}, 'token'), idleLockMinutes: 5 });
    expect(s.idleLockMinutes).to.equal(5);
  });

  it('is signed out when unlocking finds that the session on this device has ended', async () => {
    stubApi({ 'POST /api/auth/unlock': ended });
    const storage = memoryStorage();
    storage.setItem('portal.had-session', 'acc-1');
    const s = new Session(undefined, storage);
    await s.restore();
    await s.unlock('my long password');
    expect(s.state).to.equal('signed-out');
    expect(s.lastAccountId).to.equal(null);
  });

  it('does not ask the server on a device where nobody has signed in', async () => {
    const calls = stubApi({ 'POST /api/auth/refresh': ended });
    const s = new Session(undefined, memoryStorage());
    await s.restore();
    expect(s.state).to.equal('signed-out');
    expect(calls).to.have.length(0);
  });

  it('adds the bearer token, refreshes once on a 401 and retries with the new token', async () => {
    let profileCalls = 0;
    const calls = stubApi({
      'GET /api/me/profile': (call) => {
        profileCalls += 1;
        return call.headers.get('authorization') === 'Bearer fresh'
          ? json({ ok: true })
          : problem({ type: '/problems/unauthorized', title: 'Expired', status: 401 });
      },
      'POST /api/auth/refresh': () => json(granted({}, 'fresh')),
    });
    const s = new Session(undefined, memoryStorage());
    s.accept(granted({}, 'stale'));
    const outcome = await s.request<{ ok: boolean }>('/api/me/profile');
    expect(outcome.kind).to.equal('ok');
    expect(profileCalls).to.equal(2);
    expect(calls.map((c) => `${c.method} ${c.path} ${c.headers.get('authorization') ?? '-'}`)).to.deep.equal([
      'GET /api/me/profile Bearer stale',
      'POST /api/auth/refresh -',
      'GET /api/me/profile Bearer fresh',
    ]);
  });

  it('gives up after one refresh and becomes signed out when the session has ended', async () => {
    const calls = stubApi({
      'GET /api/me/profile': () => problem({ type: '/problems/unauthorized', title: 'Expired', status: 401 }),
      'POST /api/auth/refresh': ended,
    });
    const s = new Session(undefined, memoryStorage());
    s.accept(granted());
    const outcome = await s.request('/api/me/profile');
    expect(outcome.kind).to.equal('problem');
    expect(s.state).to.equal('signed-out');
    expect(calls.length).to.equal(2);
  });

  it('forgets the token when locked and only the password brings it back', async () => {
    const calls = stubApi({
      'POST /api/auth/unlock': () => json(granted({}, 'after-unlock')),
      'GET /api/me/profile': () => json({}),
    });
    const s = new Session(undefined, memoryStorage());
    s.accept(granted());
    s.lock();
    expect(s.state).to.equal('locked');
    expect((await s.request('/api/me/profile')).kind).to.equal('problem');
    expect(calls).to.deep.equal([]);
    await s.unlock('my long password');
    expect(s.state).to.equal('signed-in');
    await s.request('/api/me/profile');
    expect(calls.at(-1)!.headers.get('authorization')).to.equal('Bearer after-unlock');
  });

  it('announces the account again when it changed while the record cache was opening', async () => {
    stubApi({});
    const s = new Session(undefined, memoryStorage());
    let finishOpening = () => {};
    s.keeper = {
      opened: () => new Promise<void>((resolve) => (finishOpening = resolve)),
      changed: async () => {},
      unlockOffline: async () => ({ kind: 'no-copy' }),
      locked: () => {},
      signedOut: async () => {},
    };
    const signedUp = granted({ securityOption: null });
    const accepted = s.accept(signedUp, 'a long pass phrase');
    // The security option is set up before the cache (PBKDF2, slow on a phone) has opened.
    s.updateAccount({ ...signedUp.account, securityOption: 'totp' });
    const seen: Array<string | null> = [];
    s.addEventListener(SESSION_CHANGE, () => seen.push(s.account?.securityOption ?? null));
    finishOpening();
    await accepted;
    expect(seen).to.deep.equal(['totp']);
  });

  it('signs out on the server and here', async () => {
    const calls = stubApi({ 'POST /api/auth/sign-out': () => noContent() });
    const s = new Session(undefined, memoryStorage());
    s.accept(granted());
    await s.signOut();
    expect(s.state).to.equal('signed-out');
    expect(s.account).to.equal(null);
    expect(calls[0]!.path).to.equal('/api/auth/sign-out');
  });
});

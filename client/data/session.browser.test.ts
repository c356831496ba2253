// The session layer: the token only in memory, restored from the refresh cookie, added to calls,
// refreshed once on a 401 and the call retried; locking forgets the token until the password.
import { expect } from '@open-wc/testing';
import { granted, json, noContent, problem, restoreApi, stubApi } from '../test/api-stub';
import { Session } from './session';

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

  it('restores the session at start from the refresh cookie and keeps the token out of storage', async () => {
    stubApi({ 'POST /api/auth/refresh': () => json(granted({}, 'restored-token')) });
    localStorage.setItem('portal.had-session', '1');
    const before = JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage });
    const s = new Session();
    await s.restore();
    expect(s.state).to.equal('signed-in');
    expect(s.account?.displayName).to.equal('Ana López');
    const after = JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage });
    expect(after).not.to.contain('restored-token');
    expect(before).not.to.contain('restored-token');
    localStorage.clear();
  });

  it('locks after the idle time the practice configured, 15 minutes unless the server says otherwise', async () => {
    stubApi({
      'POST /api/auth/refresh': () => json({ ...granted({}, 'restored-token'), idleLockMinutes: 5 }),
    });
    const storage = memoryStorage();
    storage.setItem('portal.had-session', '1');
    const s = new Session(undefined, storage);
    expect(s.idleLockMinutes).to.equal(15);
    await s.restore();
    expect(s.idleLockMinutes).to.equal(5);
  });

  it('is signed out when the session on this device has ended', async () => {
    stubApi({ 'POST /api/auth/refresh': ended });
    const storage = memoryStorage();
    storage.setItem('portal.had-session', '1');
    const s = new Session(undefined, storage);
    await s.restore();
    expect(s.state).to.equal('signed-out');
  });

  it('does not ask the server on a device where nobody has signed in', async () => {
    const calls = stubApi({ 'POST /api/auth/refresh': ended });
    const s = new Session(undefined, memoryStorage());
    await s.restore();
    expect(s.state).to.equal('signed-out');
    expect(calls).to.have.length(0);
  });

  it('starts locked when offline on a device that had a session', async () => {
    window.fetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    const storage = memoryStorage();
    storage.setItem('portal.had-session', '1');
    const s = new Session(undefined, storage);
    await s.restore();
    expect(s.state).to.equal('locked');
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

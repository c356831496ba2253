// The outbox end to end: the client's queue (Dexie on fake-indexeddb) seals a profile edit or a
// message while offline, and replay against the real server delivers it exactly once, under the
// right account.
import 'fake-indexeddb/auto';
import { CompactEncrypt, importJWK } from 'jose';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type DeviceDb, openDeviceDb } from '../../client/data/device-db';
import { queueRequest } from '../../client/data/outbox/queue';
import { replayOutbox } from '../../client/data/outbox/replay';
import { sealingKey, sealRequest } from '../../client/data/outbox/seal';
import type { Profile } from '../../core/accounts';
import type { FamilySettings, PendingInvitation } from '../../core/family';
import { type MessagesAnswer, messagesPath, type ThreadView } from '../../core/messages';
import { SEAL_ALG, SEAL_ENC, type SealedRequestPayload } from '../../core/outbox';
import { hashPassword } from '../services/accounts/password-hash';
import { addPatient, call, createAccount, type SignedIn, signedIn } from '../test-support/accounts';
import { createTestApp, type TestApp } from '../test-support/test-app';

const PASSWORD = 'amber meadow violin 31';
let hash: string;
let t: TestApp;
let device: DeviceDb;
let rosa: SignedIn;
let rosaId: string;

beforeAll(async () => {
  hash = await hashPassword(PASSWORD);
});
beforeEach(async () => {
  t = await createTestApp();
  rosaId = createAccount(t, {
    email: 'rosa@example.com',
    passwordHash: hash,
    patientId: 'p-rosa',
    recoveryCodes: ['k7pq-m2xz-9rtw'],
  }).id;
  createAccount(t, { email: 'ben@example.com', passwordHash: hash, recoveryCodes: ['m2xz-k7pq-9rtw'] });
  rosa = await signedIn(
    await call(t, 'POST', '/api/auth/sign-in', { email: 'rosa@example.com', password: PASSWORD }),
  );
  device = openDeviceDb(`device-${crypto.randomUUID()}`);
});
afterEach(async () => {
  device.delete();
  t.cleanup();
});
afterAll(() => {});

/** The network as the page sees it: the real app, or nothing at all when offline. */
const online = (input: string, init?: RequestInit) => Promise.resolve(t.app.request(input, init));
const offline = () => Promise.reject(new TypeError('Failed to fetch'));
/** Rosa's device: requests go out with her access token. */
const asRosa = () => ({
  send: (path: string, init: RequestInit) =>
    online(path, {
      ...init,
      headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${rosa.token}` },
    }),
  accountId: async () => rosaId,
});
const rosaOffline = () => ({ ...asRosa(), send: offline });

async function profile(token = rosa.token): Promise<Profile> {
  return (await (await call(t, 'GET', '/api/me/profile', undefined, { token })).json()) as Profile;
}

async function queueNameChange(name: string, baseVersion = 1) {
  const key = await sealingKey(device, online);
  return queueRequest(
    device,
    {
      accountId: rosaId,
      kind: 'profile-edit',
      method: 'PATCH',
      path: '/api/me/profile',
      body: { baseVersion, changes: { preferredName: name } },
    },
    key,
    null,
  );
}

describe('the outbox', () => {
  it('keeps a profile edit queued while offline and sends it exactly once on reconnect', async () => {
    const item = await queueNameChange('Rosie');

    const whileOffline = await replayOutbox(device, rosaOffline());
    expect(whileOffline.waiting).toBe(1);
    expect(await device.outbox.count()).toBe(1);
    expect((await profile()).preferredName).toBe('');

    const back = await replayOutbox(device, asRosa());
    expect(back.outcomes).toHaveLength(1);
    expect(back.outcomes[0]?.status).toBe(200);
    expect(await device.outbox.count()).toBe(0);
    expect(await profile()).toMatchObject({ preferredName: 'Rosie', version: 2 });

    // The same sealed request again (a retry after a lost answer, or a copy someone kept) changes nothing.
    const again = await call(t, 'POST', '/api/outbox/replay', { sealed: item.sealed }, { token: rosa.token });
    expect(((await again.json()) as { status: number }).status).toBe(200);
    expect((await profile()).version).toBe(2);
  });

  it('keeps the queued change readable only by the server', async () => {
    const item = await queueNameChange('Rosie Secret-Name');
    const stored = JSON.stringify(await device.outbox.get(item.id));
    expect(stored).not.toContain('Rosie');
    expect(stored).not.toContain('preferredName');
  });

  it('marks a change the server refuses as failed, with its reason, and keeps it for the user', async () => {
    await queueNameChange('Rosie', 1);
    await call(
      t,
      'PATCH',
      '/api/me/profile',
      { baseVersion: 1, changes: { preferredLanguage: 'Spanish' } },
      { token: rosa.token },
    );
    const report = await replayOutbox(device, asRosa());
    expect(report.outcomes.filter((o) => o.failure)).toHaveLength(1);
    const [failed] = await device.outbox.toArray();
    expect(failed?.status).toBe('failed');
    expect(failed?.failure?.status).toBe(409);
    expect(failed?.failure?.title.length).toBeGreaterThan(0);
    expect((await profile()).preferredName).toBe('');
  });

  it('leaves another account’s queued change waiting instead of sending it as the wrong person', async () => {
    const item = await queueNameChange('Rosie');
    const ben = await signedIn(
      await call(t, 'POST', '/api/auth/sign-in', { email: 'ben@example.com', password: PASSWORD }),
    );
    const report = await replayOutbox(device, {
      send: (path, init) => online(path, { ...init, headers: { authorization: `Bearer ${ben.token}` } }),
      accountId: async () => ben.body.account.id,
    });
    expect(report.waiting).toBe(1);
    // Even sent by hand, the server refuses it.
    const res = await call(t, 'POST', '/api/outbox/replay', { sealed: item.sealed }, { token: ben.token });
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect((await profile()).preferredName).toBe('');
  });

  it('refuses a damaged, foreign or non-replayable sealed request with 422 and changes nothing', async () => {
    const item = await queueNameChange('Rosie');
    const damaged = `${item.sealed.slice(0, -6)}AAAAAA`;
    const { publicKey } = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, [
      'deriveBits',
    ]);
    const foreignJwk = await crypto.subtle.exportKey('jwk', publicKey);
    const foreign = await new CompactEncrypt(new TextEncoder().encode('{}'))
      .setProtectedHeader({ alg: SEAL_ALG, enc: SEAL_ENC })
      .encrypt(await importJWK({ ...foreignJwk, alg: SEAL_ALG }, SEAL_ALG));
    const passwordChange: SealedRequestPayload = {
      v: 1,
      method: 'POST',
      path: '/api/me/password',
      body: { currentPassword: PASSWORD, newPassword: 'a whole new secret 99' },
      idempotencyKey: crypto.randomUUID(),
      accountId: rosaId,
      createdAt: new Date().toISOString(),
    };
    const notReplayable = await sealRequest(passwordChange, await sealingKey(device, online));
    for (const sealed of [damaged, foreign, notReplayable, 'not a jwe at all']) {
      const res = await call(t, 'POST', '/api/outbox/replay', { sealed }, { token: rosa.token });
      expect(res.status, sealed.slice(0, 20)).toBe(422);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
    }
    expect((await profile()).version).toBe(1);
  });

  it('sends a message written offline once, however often its sealed request is replayed', async () => {
    addPatient(t, { id: 'p-rosa', given: 'Rosa', family: 'Kerluke', birthDate: '1980-04-02', zip: '60901' });
    const item = await queueRequest(
      device,
      {
        accountId: rosaId,
        kind: 'message',
        method: 'POST',
        path: messagesPath('p-rosa'),
        body: { subject: 'billing-question', body: 'Was my payment of last week received?' },
      },
      await sealingKey(device, online),
      null,
    );
    const replay = async () => {
      const res = await call(t, 'POST', '/api/outbox/replay', { sealed: item.sealed }, { token: rosa.token });
      expect(res.status).toBe(200);
      return (await res.json()) as { status: number; body: ThreadView };
    };
    const first = await replay();
    const second = await replay();
    expect(first.status).toBe(201);
    expect(second).toEqual(first);
    const list = await call(t, 'GET', messagesPath('p-rosa'), undefined, { token: rosa.token });
    const { threads } = (await list.json()) as MessagesAnswer;
    expect(threads.map((th) => [th.id, th.messages.length])).toEqual([[first.body.id, 1]]);
  });

  it('creates an invitation made offline once, however often its sealed request is replayed', async () => {
    addPatient(t, { id: 'p-rosa', given: 'Rosa', family: 'Kerluke', birthDate: '1980-04-02', zip: '60901' });
    const item = await queueRequest(
      device,
      {
        accountId: rosaId,
        kind: 'family-invitation',
        method: 'POST',
        path: '/api/family/invitations',
        body: {
          firstName: 'Marta',
          lastName: 'Díaz',
          email: 'marta@example.com',
          relationship: 'sibling',
          access: 'billing',
        },
      },
      await sealingKey(device, online),
      null,
    );
    const replay = async () => {
      const res = await call(t, 'POST', '/api/outbox/replay', { sealed: item.sealed }, { token: rosa.token });
      expect(res.status).toBe(200);
      return (await res.json()) as { status: number; body: PendingInvitation };
    };
    const first = await replay();
    const second = await replay();
    expect(first.status).toBe(201);
    expect(second).toEqual(first);
    const res = await call(t, 'GET', '/api/family', undefined, { token: rosa.token });
    const { invitations } = (await res.json()) as FamilySettings;
    expect(invitations.map((i) => [i.id, i.email])).toEqual([[first.body.id, 'marta@example.com']]);
  });

  it('needs a sign-in to replay anything', async () => {
    const item = await queueNameChange('Rosie');
    const res = await call(t, 'POST', '/api/outbox/replay', { sealed: item.sealed });
    expect(res.status).toBe(401);
  });
});

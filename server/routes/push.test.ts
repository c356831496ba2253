// /api/push on the demo practice: the VAPID key for anyone, a signed-in account subscribing a
// browser (upsert by endpoint) and taking its own off again. Only the browsers' push services are
// accepted as endpoints, so a subscription can never make the server call another address.
import { createECDH, randomBytes } from 'node:crypto';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { API } from '../../core/api-paths';
import { PROBLEM_TYPES } from '../../core/problem';
import { PUSH_PROBLEM_TYPES, type PushKeyAnswer } from '../../core/push';
import { findAccountByEmail } from '../services/accounts/account-store';
import { isPushServiceEndpoint } from '../services/notifications/push-endpoints';
import { MAX_PUSH_SUBSCRIPTIONS_PER_ACCOUNT } from '../services/notifications/push-store';
import { call } from '../test-support/accounts';
import {
  appFrom,
  DEMO_EMAIL,
  type DemoName,
  demoSignIn,
  demoTemplate,
  jsonOf,
  problemOf,
} from '../test-support/family';
import type { TestApp } from '../test-support/test-app';

let template: Buffer;
let t: TestApp;

beforeAll(async () => {
  template = await demoTemplate();
});
beforeEach(async () => {
  t = await appFrom(template);
});
afterEach(() => t.cleanup());

/** What PushSubscription.toJSON() gives in a browser, at this endpoint. */
function browserSubscription(endpoint: string) {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return {
    endpoint,
    expirationTime: null,
    keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') },
  };
}

const fcm = () => `https://fcm.googleapis.com/fcm/send/${randomBytes(12).toString('base64url')}`;
const subscribe = (token: string, body: unknown) => call(t, 'POST', API.push.subscriptions, body, { token });
const unsubscribe = (token: string, endpoint: string) =>
  call(t, 'DELETE', API.push.subscriptions, { endpoint }, { token });
const rows = () =>
  t.db
    .prepare('SELECT endpoint, account_id FROM push_subscriptions ORDER BY created_at, rowid')
    .all() as Array<{
    endpoint: string;
    account_id: string;
  }>;
const idOf = (who: DemoName) => findAccountByEmail(t.db, DEMO_EMAIL[who])!.id;

describe('the VAPID public key', () => {
  it('is given to anyone, as the 65-byte key browsers subscribe with', async () => {
    const res = await call(t, 'GET', API.push.key);
    const { publicKey } = await jsonOf<PushKeyAnswer>(res);
    expect(publicKey).toBe(t.deps.keys.webPush.publicKey);
    expect(Buffer.from(publicKey, 'base64url')).toHaveLength(65);
    expect(JSON.stringify(await (await call(t, 'GET', API.push.key)).json())).not.toContain(
      t.deps.keys.webPush.privateKey,
    );
  });
});

describe('subscribing a browser', () => {
  it('needs a sign-in', async () => {
    await problemOf(await call(t, 'POST', API.push.subscriptions, browserSubscription(fcm())), 401);
    expect(rows()).toEqual([]);
  });

  it('stores the subscription for the signed-in account, once per endpoint', async () => {
    const tobi = await demoSignIn(t, 'tobi');
    const subscription = browserSubscription(fcm());
    expect(await jsonOf(await subscribe(tobi, subscription), 201)).toEqual({ subscribed: true });
    // The browser sends it again (the page opened again, keys rotated): still one row.
    const rotated = { ...subscription, keys: browserSubscription(subscription.endpoint).keys };
    expect(await jsonOf(await subscribe(tobi, rotated), 200)).toEqual({ subscribed: true });
    expect(rows()).toEqual([{ endpoint: subscription.endpoint, account_id: idOf('tobi') }]);
    const stored = t.db.prepare('SELECT p256dh, auth FROM push_subscriptions').get();
    expect(stored).toEqual(rotated.keys);
  });

  it('moves a browser to the account that subscribed it last', async () => {
    const subscription = browserSubscription(fcm());
    await jsonOf(await subscribe(await demoSignIn(t, 'tobi'), subscription), 201);
    await jsonOf(await subscribe(await demoSignIn(t, 'daniel'), subscription), 201);
    expect(rows()).toEqual([{ endpoint: subscription.endpoint, account_id: idOf('daniel') }]);
  });

  it('accepts the push services of Chrome, Firefox, Edge and Safari', async () => {
    const tobi = await demoSignIn(t, 'tobi');
    for (const endpoint of [
      fcm(),
      'https://updates.push.services.mozilla.com/wpush/v2/gAAAAABk',
      'https://wns2-par02p.notify.windows.com/w/?token=BQYAAAD',
      'https://web.push.apple.com/QGuQyavXutnMH',
    ])
      await jsonOf(await subscribe(tobi, browserSubscription(endpoint)), 201);
    expect(rows()).toHaveLength(4);
  });

  it('refuses any other endpoint with 422 and stores nothing (no server-side request forgery)', async () => {
    const tobi = await demoSignIn(t, 'tobi');
    for (const endpoint of [
      'http://169.254.169.254/latest/meta-data/',
      'http://127.0.0.1:8787/api/me/profile',
      'https://localhost/push',
      'http://fcm.googleapis.com/fcm/send/abc',
      'https://fcm.googleapis.com:8443/fcm/send/abc',
      'https://fcm.googleapis.com.evil.example/fcm/send/abc',
      'https://evil.example/fcm.googleapis.com/abc',
      'https://notfcm.googleapis.com/fcm/send/abc',
      'https://user:secret@fcm.googleapis.com/fcm/send/abc',
      'https://push.apple.com.evil.example/abc',
    ]) {
      const problem = await problemOf(await subscribe(tobi, browserSubscription(endpoint)), 422);
      expect(problem.type, endpoint).toBe(PUSH_PROBLEM_TYPES.notAPushService);
      expect(Object.keys(problem.errors ?? {})).toEqual(['body.endpoint']);
    }
    for (const endpoint of ['file:///etc/passwd', 'gopher://fcm.googleapis.com/x', 'not a url']) {
      const problem = await problemOf(await subscribe(tobi, browserSubscription(endpoint)), 422);
      expect(problem.type, endpoint).toBe(PROBLEM_TYPES.invalidInput);
    }
    expect(rows()).toEqual([]);
  });

  it('refuses keys a payload cannot be encrypted to', async () => {
    const tobi = await demoSignIn(t, 'tobi');
    const good = browserSubscription(fcm());
    for (const [keys, field] of [
      [{ ...good.keys, p256dh: Buffer.alloc(65, 4).toString('base64url') }, 'body.keys.p256dh'],
      [{ ...good.keys, p256dh: 'short' }, 'body.keys.p256dh'],
      [{ ...good.keys, auth: 'short' }, 'body.keys.auth'],
    ] as const) {
      const problem = await problemOf(await subscribe(tobi, { ...good, keys }), 422);
      expect(Object.keys(problem.errors ?? {})).toEqual([field]);
    }
    expect(rows()).toEqual([]);
  });

  it(`keeps the ${MAX_PUSH_SUBSCRIPTIONS_PER_ACCOUNT} newest browsers of an account`, async () => {
    const tobi = await demoSignIn(t, 'tobi');
    const endpoints: string[] = [];
    for (let i = 0; i <= MAX_PUSH_SUBSCRIPTIONS_PER_ACCOUNT; i += 1) {
      t.clock.advance(1000);
      endpoints.push(fcm());
      await jsonOf(await subscribe(tobi, browserSubscription(endpoints.at(-1)!)), 201);
    }
    expect(rows().map((r) => r.endpoint)).toEqual(endpoints.slice(1));
  });
});

describe('unsubscribing a browser', () => {
  it("takes off the account's own subscription and leaves another account's untouched", async () => {
    const tobi = await demoSignIn(t, 'tobi');
    const daniel = await demoSignIn(t, 'daniel');
    const tobisPhone = browserSubscription(fcm());
    const danielsPhone = browserSubscription(fcm());
    await jsonOf(await subscribe(tobi, tobisPhone), 201);
    await jsonOf(await subscribe(daniel, danielsPhone), 201);

    // Tobi names Daniel's endpoint: the same answer, and Daniel's phone still gets notices.
    expect((await unsubscribe(tobi, danielsPhone.endpoint)).status).toBe(204);
    expect(rows()).toHaveLength(2);
    expect((await unsubscribe(tobi, tobisPhone.endpoint)).status).toBe(204);
    expect(rows()).toEqual([{ endpoint: danielsPhone.endpoint, account_id: idOf('daniel') }]);
    // Again: nothing left to take off, still 204.
    expect((await unsubscribe(tobi, tobisPhone.endpoint)).status).toBe(204);
  });

  it('needs a sign-in and an endpoint', async () => {
    await problemOf(await call(t, 'DELETE', API.push.subscriptions, { endpoint: fcm() }), 401);
    const tobi = await demoSignIn(t, 'tobi');
    await problemOf(await call(t, 'DELETE', API.push.subscriptions, {}, { token: tobi }), 422);
  });
});

describe('which endpoints are push services', () => {
  it('allows listed development origins exactly, and nothing else over http', () => {
    const extra = new Set(['http://127.0.0.1:9999']);
    expect(isPushServiceEndpoint('http://127.0.0.1:9999/ok/1', extra)).toBe(true);
    expect(isPushServiceEndpoint('http://127.0.0.1:9998/ok/1', extra)).toBe(false);
    expect(isPushServiceEndpoint('http://127.0.0.1:9999/ok/1', new Set())).toBe(false);
    expect(isPushServiceEndpoint('https://FCM.googleapis.com/fcm/send/x', new Set())).toBe(true);
    expect(isPushServiceEndpoint('https://fcm.googleapis.com:443/fcm/send/x', new Set())).toBe(true);
  });
});

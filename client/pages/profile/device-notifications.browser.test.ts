// "Notifications on this device" with a fake browser (its PushManager and permission) and the API
// stubbed: each state in plain words, turning on asks the browser's permission, subscribes with the
// server's key and tells the server; turning off tells the server and ends the subscription; offline,
// nothing can change. No accessibility violations.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { PUSH_PROBLEM_TYPES } from '../../../core/push';
import type { PushDevice } from '../../data/device-push';
import { session } from '../../data/session';
import { granted, json, noContent, problem, restoreApi, stubApi } from '../../test/api-stub';
import { axeViolations } from '../../test/axe';
import './device-notifications';
import type { DeviceNotifications } from './device-notifications';

/** A P-256 public key as the server gives it (base64url, 65 bytes). */
const SERVER_KEY = `BA${'A'.repeat(85)}`;
const ENDPOINT = 'https://fcm.googleapis.com/fcm/send/device-test';

class FakeSubscription {
  ended = false;
  constructor(
    readonly endpoint: string,
    private readonly owner: FakePushManager,
  ) {}
  toJSON() {
    return {
      endpoint: this.endpoint,
      expirationTime: null,
      keys: { p256dh: `BB${'B'.repeat(85)}`, auth: 'C'.repeat(22) },
    };
  }
  async unsubscribe() {
    this.ended = true;
    this.owner.current = null;
    return true;
  }
}

class FakePushManager {
  current: FakeSubscription | null = null;
  subscribedWith: PushSubscriptionOptionsInit[] = [];
  failSubscribe = false;
  async getSubscription() {
    return this.current as unknown as PushSubscription | null;
  }
  async subscribe(options: PushSubscriptionOptionsInit) {
    if (this.failSubscribe) throw new DOMException('Registration failed', 'AbortError');
    this.subscribedWith.push(options);
    this.current = new FakeSubscription(ENDPOINT, this);
    return this.current as unknown as PushSubscription;
  }
}

function fakeDevice(
  options: { supported?: boolean; permission?: NotificationPermission; answer?: NotificationPermission } = {},
) {
  const manager = new FakePushManager();
  let permission = options.permission ?? 'default';
  const asked: number[] = [];
  const device: PushDevice = {
    pushManager: async () => (options.supported === false ? null : manager),
    permission: () => permission,
    requestPermission: async () => {
      asked.push(1);
      if (permission === 'default') permission = options.answer ?? 'granted';
      return permission;
    },
  };
  return { device, manager, asked };
}

const root = (el: DeviceNotifications) => el.shadowRoot!;
const text = (el: DeviceNotifications) => root(el).textContent!.replace(/\s+/g, ' ');
const toggle = (el: DeviceNotifications) => root(el).querySelector<HTMLInputElement>('input[role="switch"]');

async function open(device: PushDevice): Promise<DeviceNotifications> {
  const el = await fixture<DeviceNotifications>(
    html`<device-notifications .device=${device}></device-notifications>`,
  );
  await waitUntil(() => el.state !== null, 'looked at the device');
  await el.updateComplete;
  return el;
}

describe('<device-notifications>', () => {
  beforeEach(() => session.accept(granted()));
  afterEach(async () => {
    restoreApi();
    window.dispatchEvent(new Event('online'));
    stubApi({ 'POST /api/auth/sign-out': () => noContent() });
    await session.signOut();
    restoreApi();
  });

  it('says when this browser cannot show notifications, and how to get them on an iPhone', async () => {
    const el = await open(fakeDevice({ supported: false }).device);
    expect(toggle(el)).to.equal(null);
    expect(text(el)).to.contain('This browser cannot show notifications from the portal');
    expect(text(el)).to.contain('Add to Home Screen');
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('says when notifications are blocked in the browser, and how to allow them', async () => {
    const { device } = fakeDevice({ permission: 'denied' });
    const el = await open(device);
    expect(toggle(el)).to.equal(null);
    expect(text(el)).to.contain("blocked in this browser's settings");
    expect(text(el)).to.contain('set Notifications to Allow');
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('turns on: asks the browser, subscribes with the server key, then tells the server', async () => {
    const calls = stubApi({
      'GET /api/push/key': () => json({ publicKey: SERVER_KEY }),
      'POST /api/push/subscriptions': () => json({ subscribed: true }, 201),
    });
    const { device, manager, asked } = fakeDevice();
    const el = await open(device);
    expect(toggle(el)!.checked).to.equal(false);
    expect(text(el)).to.contain('never who it is about or what it says');
    expect(await axeViolations(el)).to.deep.equal([]);

    toggle(el)!.click();
    await waitUntil(() => el.state === 'on', 'turned on');
    await el.updateComplete;
    expect(asked).to.have.length(1);
    expect(manager.subscribedWith).to.have.length(1);
    expect(manager.subscribedWith[0]!.userVisibleOnly).to.equal(true);
    const key = manager.subscribedWith[0]!.applicationServerKey as Uint8Array;
    expect(key.length).to.equal(65);
    expect(key[0]).to.equal(4);
    const post = calls.find((c) => c.method === 'POST' && c.path === '/api/push/subscriptions')!;
    expect((post.body as { endpoint: string }).endpoint).to.equal(ENDPOINT);
    expect(post.headers.get('authorization')).to.equal('Bearer token-1');
    expect(toggle(el)!.checked).to.equal(true);
    expect(text(el)).to.contain('Notifications are on for this device.');
  });

  it('turns off: tells the server, then ends the browser subscription', async () => {
    const calls = stubApi({ 'DELETE /api/push/subscriptions': () => noContent() });
    const { device, manager } = fakeDevice({ permission: 'granted' });
    await manager.subscribe({ userVisibleOnly: true });
    const subscription = manager.current!;
    const el = await open(device);
    expect(toggle(el)!.checked).to.equal(true);

    toggle(el)!.click();
    await waitUntil(() => el.state === 'off', 'turned off');
    await el.updateComplete;
    const removed = calls.find((c) => c.method === 'DELETE')!;
    expect(removed.body).to.deep.equal({ endpoint: ENDPOINT });
    expect(subscription.ended).to.equal(true);
    expect(toggle(el)!.checked).to.equal(false);
    expect(text(el)).to.contain('Notifications are off for this device.');
  });

  it('stays off, and says so, when the permission prompt gets no answer or the browser says no', async () => {
    const dismissed = fakeDevice({ answer: 'default' });
    let el = await open(dismissed.device);
    toggle(el)!.click();
    await waitUntil(() => text(el).includes('did not get an answer'), 'dismissed');
    expect(toggle(el)!.checked).to.equal(false);
    expect(dismissed.manager.subscribedWith).to.have.length(0);

    const refused = fakeDevice({ answer: 'denied' });
    el = await open(refused.device);
    toggle(el)!.click();
    await waitUntil(() => el.state === 'blocked', 'blocked');
    await el.updateComplete;
    expect(text(el)).to.contain("blocked in this browser's settings");
  });

  it('ends the new browser subscription when the server does not take it', async () => {
    stubApi({
      'GET /api/push/key': () => json({ publicKey: SERVER_KEY }),
      'POST /api/push/subscriptions': () =>
        problem({
          type: PUSH_PROBLEM_TYPES.notAPushService,
          title: 'This is not a push service',
          status: 422,
          detail: 'Notifications can only be sent through the push service of your browser.',
        }),
    });
    const { device, manager } = fakeDevice();
    const el = await open(device);
    toggle(el)!.click();
    await waitUntil(() => root(el).querySelector('[role="alert"]'), 'refused');
    expect(manager.current).to.equal(null);
    expect(el.state).to.equal('off');
    expect(text(el)).to.contain('only be sent through the push service of your browser');
  });

  it('asks for a connection to change anything while offline', async () => {
    const calls = stubApi({});
    const { device, asked } = fakeDevice();
    const el = await open(device);
    window.dispatchEvent(new Event('offline'));
    await el.updateComplete;
    expect(text(el)).to.contain('Connect to the internet to change this.');
    expect(toggle(el)!.disabled).to.equal(true);
    toggle(el)!.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(asked).to.have.length(0);
    expect(calls).to.have.length(0);
    expect(await axeViolations(el)).to.deep.equal([]);

    window.dispatchEvent(new Event('online'));
    await el.updateComplete;
    expect(toggle(el)!.disabled).to.equal(false);
    expect(text(el)).not.to.contain('Connect to the internet');
  });
});

// "Notifications on this device": whether this browser can show the portal's new-message
// notifications, and turning them on (the browser's permission, a push subscription with the
// server's key, then the server told) or off (the server told, then the subscription ended). The
// browser's parts come in as a PushDevice, so tests can play any browser.
import { pushSubscribeRequest } from '../../core/push';
import type { ApiOutcome } from './api-request';
import { getPushKey, subscribePush, unsubscribePush } from './push-api';

type Manager = Pick<PushManager, 'getSubscription' | 'subscribe'>;

/** What this feature needs of the browser. */
export interface PushDevice {
  /** The app's worker's PushManager; null when this browser (or this tab) cannot receive pushes. */
  pushManager(): Promise<Manager | null>;
  permission(): NotificationPermission;
  requestPermission(): Promise<NotificationPermission>;
}

export const browserPushDevice: PushDevice = {
  async pushManager() {
    if (!('serviceWorker' in navigator) || !('PushManager' in window) || !('Notification' in window))
      return null;
    const registration = await navigator.serviceWorker.getRegistration();
    return registration?.pushManager ?? null;
  },
  permission: () => Notification.permission,
  requestPermission: () => Notification.requestPermission(),
};

/**
 * 'unsupported': no push here (an older browser, Safari outside a home-screen app, the development
 * build without its worker). 'blocked': the user said no in the browser; only its settings undo that.
 */
export type DevicePushState = 'unsupported' | 'blocked' | 'on' | 'off';

export type DevicePushChange =
  | { kind: 'done'; state: DevicePushState }
  /** The permission prompt was closed without an answer: still off, ask again later. */
  | { kind: 'dismissed'; state: 'off' }
  /** The browser refused to subscribe (no push service reachable, storage full...). */
  | { kind: 'browser-failed'; state: DevicePushState }
  | { kind: 'server-failed'; state: DevicePushState; outcome: Exclude<ApiOutcome<unknown>, { kind: 'ok' }> };

export async function devicePushState(device: PushDevice = browserPushDevice): Promise<DevicePushState> {
  const manager = await device.pushManager().catch(() => null);
  if (!manager) return 'unsupported';
  const permission = device.permission();
  if (permission === 'denied') return 'blocked';
  const subscription = await manager.getSubscription().catch(() => null);
  return subscription && permission === 'granted' ? 'on' : 'off';
}

/** The VAPID key as PushManager.subscribe() wants it. */
function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '='));
  return Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
}

export async function turnOnDevicePush(device: PushDevice = browserPushDevice): Promise<DevicePushChange> {
  const manager = await device.pushManager().catch(() => null);
  if (!manager) return { kind: 'done', state: 'unsupported' };
  const permission = await device.requestPermission();
  if (permission === 'denied') return { kind: 'done', state: 'blocked' };
  if (permission !== 'granted') return { kind: 'dismissed', state: 'off' };
  const key = await getPushKey();
  if (key.kind !== 'ok') return { kind: 'server-failed', state: 'off', outcome: key };

  let subscription: PushSubscription;
  try {
    // One made with an earlier key of the server's would no longer be accepted: start afresh.
    await (await manager.getSubscription())?.unsubscribe();
    subscription = await manager.subscribe({
      userVisibleOnly: true,
      applicationServerKey: keyBytes(key.data.publicKey),
    });
  } catch {
    return { kind: 'browser-failed', state: 'off' };
  }
  const parsed = pushSubscribeRequest.safeParse(subscription.toJSON());
  if (!parsed.success) {
    await subscription.unsubscribe().catch(() => false);
    return { kind: 'browser-failed', state: 'off' };
  }
  const saved = await subscribePush(parsed.data);
  if (saved.kind !== 'ok') {
    // The server does not know it: a subscription nobody sends to would only mislead the switch.
    await subscription.unsubscribe().catch(() => false);
    return { kind: 'server-failed', state: 'off', outcome: saved };
  }
  return { kind: 'done', state: 'on' };
}

export async function turnOffDevicePush(device: PushDevice = browserPushDevice): Promise<DevicePushChange> {
  const manager = await device.pushManager().catch(() => null);
  if (!manager) return { kind: 'done', state: 'unsupported' };
  const subscription = await manager.getSubscription().catch(() => null);
  if (subscription) {
    const removed = await unsubscribePush(subscription.endpoint);
    // Offline, nothing changes: the server would go on pushing to a subscription about to end.
    if (removed.kind === 'offline') return { kind: 'server-failed', state: 'on', outcome: removed };
    // Any other answer: the browser ends it all the same; the push service then tells the server.
    await subscription.unsubscribe().catch(() => false);
  }
  return { kind: 'done', state: await devicePushState(device) };
}

/** Sign-out and "Forget this device": this browser stops getting the account's notifications (best effort). */
export async function forgetDevicePush(device: PushDevice = browserPushDevice): Promise<void> {
  try {
    const subscription = await (await device.pushManager())?.getSubscription();
    if (!subscription) return;
    await unsubscribePush(subscription.endpoint);
    await subscription.unsubscribe();
  } catch {
    // Nothing to undo: a subscription left behind ends at the push service's next 404 or 410.
  }
}

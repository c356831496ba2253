// "You have a new message" on the device: shows the notification a push asks for and, when it is
// tapped, brings the portal to Messages (an open window if there is one, else a new one). The
// handlers take the worker's parts as arguments, so tests drive them with fakes. A notification
// never says more than the push did, and the push says nothing about anyone's health.
/// <reference lib="WebWorker" />
import { NOTICE_TAG, readPushNotice } from '../core/push-notice';

/** The icon the installed app has (public/icons/). */
export const NOTICE_ICON = '/icons/icon-192.png';

/** What the handlers use of the service worker's global scope. */
export interface NoticeWorker {
  registration: Pick<ServiceWorkerRegistration, 'showNotification'>;
  clients: Pick<Clients, 'matchAll' | 'openWindow'>;
  /** The portal's origin (self.location.origin). */
  origin: string;
}

/** The push's JSON, or null when it carries none (a push service's test push) or not JSON. */
function payloadOf(data: Pick<PushMessageData, 'json'> | null): unknown {
  try {
    return data?.json() ?? null;
  } catch {
    return null;
  }
}

/** Shows the notice; anything odd in the payload falls back to the generic words. */
export function showPushNotice(
  worker: NoticeWorker,
  data: Pick<PushMessageData, 'json'> | null,
): Promise<void> {
  const notice = readPushNotice(payloadOf(data));
  return worker.registration.showNotification(notice.title, {
    body: notice.body,
    icon: NOTICE_ICON,
    // One notice at a time: the next replaces this one, quietly, instead of stacking.
    tag: NOTICE_TAG,
    data: { url: notice.url },
  });
}

/** Focuses a window of the portal and takes it to the notice's page, or opens one there. */
export async function openNoticeTarget(
  worker: NoticeWorker,
  notification: Pick<Notification, 'close' | 'data'>,
): Promise<void> {
  notification.close();
  const url = new URL(readPushNotice(notification.data).url, worker.origin).href;
  const windows = (await worker.clients.matchAll({
    type: 'window',
    includeUncontrolled: true,
  })) as WindowClient[];
  const portal = windows.find((w) => w.focused) ?? windows[0];
  if (portal) {
    try {
      const focused = await portal.focus();
      if (focused.url !== url) await focused.navigate(url);
      return;
    } catch {
      // A window this worker does not control cannot be navigated: open Messages beside it.
    }
  }
  await worker.clients.openWindow(url);
}

export function installPushNotices(scope: ServiceWorkerGlobalScope): void {
  const worker: NoticeWorker = {
    registration: scope.registration,
    clients: scope.clients,
    origin: scope.location.origin,
  };
  scope.addEventListener('push', (event) => event.waitUntil(showPushNotice(worker, event.data)));
  scope.addEventListener('notificationclick', (event) =>
    event.waitUntil(openNoticeTarget(worker, event.notification)),
  );
}

// The service worker: precaches the app shell so the portal opens with no network, answers page
// navigations (deep links included) with the shell, never serves /api from a cache, and shows
// "You have a new message" when a push comes.
/// <reference lib="WebWorker" />
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { installOutboxSync } from './outbox-sync';
import { installPushNotices } from './push-notices';
import { installRecordsSync } from './records-sync';

declare const self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: Array<{ url: string; revision: string | null }>;
};

/** Paths the server answers itself, even for navigations: the API and the manifest. */
const NOT_THE_SHELL = [/^\/api(\/|$)/, /^\/manifest\.webmanifest$/];

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: NOT_THE_SHELL }));

// A new version waits until the user chooses "Reload", so a page never runs against a worker
// from another version; the very first install takes control at once.
self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
clientsClaim();
installOutboxSync();
installRecordsSync();
installPushNotices(self);

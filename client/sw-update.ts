// Registers the service worker in production builds and runs the update prompt: when a new
// version is waiting, open <update-banner>; on Reload, let it take over and reload the page.
import type { UpdateBanner } from './components/update-banner';
import { RELOAD_EVENT } from './components/update-banner';

export async function registerServiceWorker(banner: UpdateBanner): Promise<void> {
  // Dev-mode workers differ from the built one and would cache stale modules: production only.
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const { Workbox } = await import('workbox-window');
  const wb = new Workbox('/sw.js', { scope: '/' });

  wb.addEventListener('waiting', () => {
    banner.open = true;
  });

  let reloading = false;
  banner.addEventListener(RELOAD_EVENT, () => {
    // Listen only after the user asked, so a takeover started elsewhere never reloads under them.
    wb.addEventListener('controlling', () => {
      if (reloading) return;
      reloading = true;
      window.location.reload();
    });
    wb.messageSkipWaiting();
  });

  await wb.register();

  // An installed app can stay open for days: look for a new version whenever it comes back.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void wb.update();
  });
}

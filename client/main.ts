// Entry point: global styles, the app shell, the update banner and service-worker registration.
import './zod-config';
import './styles/global.css';
import './app-shell/portal-app';
import './components/update-banner';
import { lazyRecordsKeeper } from './data/records-keeper';
import { session } from './data/session';
import { registerServiceWorker } from './sw-update';

// Every step that proves the password also opens (or wipes) the records saved on this device.
session.keeper = lazyRecordsKeeper;

const banner = document.querySelector('update-banner');
if (banner) {
  registerServiceWorker(banner).catch((error: unknown) => {
    // The app works without a worker (just not offline); say why in the console for support.
    console.warn('Service worker registration failed', error);
  });
}

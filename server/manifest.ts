// The web app manifest, built from the practice's configuration so each deployment installs
// under its own name. The icons and colours belong to the app itself (public/icons).
import type { PracticeInfo } from '../core/practice';
import { THEME } from '../core/theme';

export function webAppManifest(practice: PracticeInfo) {
  return {
    id: '/',
    name: `${practice.name} Patient Portal`,
    short_name: practice.shortName,
    description: `Your health record, messages and family access at ${practice.name}, also without a connection.`,
    lang: 'en',
    dir: 'ltr',
    start_url: '/?source=home-screen',
    scope: '/',
    display: 'standalone',
    orientation: 'any',
    theme_color: THEME.themeColor,
    background_color: THEME.backgroundColor,
    categories: ['health', 'medical'],
    icons: [
      { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
    shortcuts: [
      {
        name: 'Messages',
        short_name: 'Messages',
        url: '/messages',
        icons: [{ src: '/icons/icon-192.png', sizes: '192x192' }],
      },
      {
        name: 'My Health',
        short_name: 'My Health',
        url: '/my-health',
        icons: [{ src: '/icons/icon-192.png', sizes: '192x192' }],
      },
      {
        name: 'Health Records',
        short_name: 'Records',
        url: '/health-records',
        icons: [{ src: '/icons/icon-192.png', sizes: '192x192' }],
      },
      {
        name: 'Help',
        short_name: 'Help',
        url: '/help',
        icons: [{ src: '/icons/icon-192.png', sizes: '192x192' }],
      },
    ],
  };
}

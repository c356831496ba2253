// Which push endpoints the server will ever send to: the browsers' own push services, over https
// on the standard port, and nothing else, so a subscription cannot make the server call an
// address of the attacker's choosing (SSRF). PUSH_ENDPOINT_ORIGINS adds origins for tests and
// development only.

/** The push services of the browsers people use, by host; `subdomains` admits their regional hosts. */
const PUSH_SERVICES: ReadonlyArray<{ host: string; subdomains: boolean }> = [
  // Chrome, Edge on Android, Samsung Internet, Opera: Firebase Cloud Messaging.
  { host: 'fcm.googleapis.com', subdomains: false },
  // Firefox: Mozilla's autopush (updates.push.services.mozilla.com).
  { host: 'push.services.mozilla.com', subdomains: true },
  // Edge on Windows: Windows Push Notification Services (wns2-par02p.notify.windows.com...).
  { host: 'notify.windows.com', subdomains: true },
  // Safari on macOS and iOS (home-screen apps): web.push.apple.com.
  { host: 'push.apple.com', subdomains: true },
];

function parse(endpoint: string): URL | null {
  try {
    return new URL(endpoint);
  } catch {
    return null;
  }
}

const onPushService = (hostname: string): boolean =>
  PUSH_SERVICES.some(
    ({ host, subdomains }) => hostname === host || (subdomains && hostname.endsWith(`.${host}`)),
  );

/** True when the server may send pushes to this endpoint. */
export function isPushServiceEndpoint(endpoint: string, extraOrigins: ReadonlySet<string>): boolean {
  const url = parse(endpoint);
  if (url === null) return false;
  // Credentials in a push address are never real, and would ride along on every request.
  if (url.username !== '' || url.password !== '') return false;
  if (extraOrigins.has(url.origin)) return true;
  return url.protocol === 'https:' && url.port === '' && onPushService(url.hostname);
}

// Security headers for every response: a strict CSP with no inline script, HSTS behind https,
// and the usual hardening headers. One policy for the app, the API and static files alike; a
// response that sets a header itself keeps its own (an attachment's download is stricter still:
// http/file-download.ts).
import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { SUMMARY_STYLE } from '../../core/ccda/html';

/**
 * The Consolidated Clinical Summary's own stylesheet, allowed by its hash: the app shows the
 * summary in a sandboxed srcdoc frame, which inherits this policy, and nothing else inline may run.
 */
const SUMMARY_STYLE_HASH = `'sha256-${createHash('sha256').update(SUMMARY_STYLE).digest('base64')}'`;

export const CSP_REPORT_PATH = '/api/csp-reports';

export function securityHeaders(publicUrl: URL): MiddlewareHandler {
  const https = publicUrl.protocol === 'https:';
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      // Lit styles go through constructable stylesheets, which style-src 'self' does not block.
      styleSrc: ["'self'", SUMMARY_STYLE_HASH],
      imgSrc: ["'self'", 'data:', 'blob:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      workerSrc: ["'self'"],
      manifestSrc: ["'self'"],
      frameSrc: ["'self'", 'blob:'],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      reportUri: [CSP_REPORT_PATH],
      ...(https ? { upgradeInsecureRequests: [] } : {}),
    },
    strictTransportSecurity: https ? 'max-age=63072000; includeSubDomains' : false,
    xContentTypeOptions: 'nosniff',
    referrerPolicy: 'no-referrer',
    xFrameOptions: 'DENY',
    crossOriginOpenerPolicy: 'same-origin',
    crossOriginResourcePolicy: 'same-origin',
    permissionsPolicy: {
      camera: [],
      microphone: [],
      geolocation: [],
      payment: [],
      usb: [],
      bluetooth: [],
      serial: [],
      hid: [],
      magnetometer: [],
      gyroscope: [],
      accelerometer: [],
      browsingTopics: [],
    },
    removePoweredBy: true,
    overwrite: false,
  });
}

// The Web Push API contract: the subscription a browser hands over (PushSubscription.toJSON()),
// validated by the client before sending and by the server again, and the answers' shapes. Routes
// live in server/routes/push.ts; core/push-notice.ts has what a push carries.
import { z } from 'zod';

/** Unpadded base64url of `bytes` bytes; a trailing '=' padding is accepted and dropped. */
const base64url = (bytes: number, label: string) => {
  const chars = Math.ceil((bytes * 4) / 3);
  return z
    .string()
    .trim()
    .transform((value) => value.replace(/=+$/, ''))
    .pipe(z.string().regex(new RegExp(`^[A-Za-z0-9_-]{${chars}}$`), `Not a valid ${label}.`));
};

/** Push services' endpoints are long capability URLs; 2 kB is far above any real one. */
export const MAX_PUSH_ENDPOINT_LENGTH = 2048;

export const pushEndpointSchema = z
  .string()
  .trim()
  .max(MAX_PUSH_ENDPOINT_LENGTH, 'This push address is too long.')
  .pipe(z.url({ protocol: /^https?$/, error: 'Not a push service address.' }));

export const pushSubscribeRequest = z.object({
  endpoint: pushEndpointSchema,
  /** The browser's own expiry (PushSubscription.toJSON() sends it): accepted, not stored. */
  expirationTime: z.number().nullable().optional(),
  keys: z.object({
    /** The browser's P-256 public key, uncompressed (65 bytes). */
    p256dh: base64url(65, 'browser key'),
    /** The shared authentication secret (16 bytes). */
    auth: base64url(16, 'authentication secret'),
  }),
});
export type PushSubscribeRequest = z.input<typeof pushSubscribeRequest>;

export const pushUnsubscribeRequest = z.object({ endpoint: pushEndpointSchema });
export type PushUnsubscribeRequest = z.input<typeof pushUnsubscribeRequest>;

/** GET /api/push/key: the server's VAPID public key (base64url), the applicationServerKey. */
export interface PushKeyAnswer {
  publicKey: string;
}

/** POST /api/push/subscriptions: this device now gets the account's new-message notifications. */
export interface PushSubscribed {
  subscribed: true;
}

export const PUSH_PROBLEM_TYPES = {
  /** 422: the endpoint is not on a browser push service (nothing is stored, nothing is fetched). */
  notAPushService: '/problems/not-a-push-service',
} as const;

// Sends one Web Push message: web-push encrypts the payload (aes128gcm, RFC 8291) and signs the
// VAPID header (RFC 8292); the request itself goes out with fetch, to endpoints that
// push-endpoints.ts allows, without following redirects and with a deadline, so a slow or hostile
// push service can neither hold the server nor lead it elsewhere.
import webPush from 'web-push';
import type { PushNotice } from '../../../core/push-notice';
import type { AppDeps } from '../../context';
import { isPushServiceEndpoint } from './push-endpoints';
import type { PushSubscriptionRow } from './push-store';

/** A notice is worth showing for a day; after that the e-mail (if on) and the app's badge remain. */
export const PUSH_TTL_SECONDS = 24 * 60 * 60;
/** A push service that has not answered by then is given up on (the notice is best effort). */
export const PUSH_TIMEOUT_MS = 10_000;
/**
 * The Topic header: a notice still waiting at the push service (the device is off) is replaced by
 * the next one instead of queueing behind it. Base64url, at most 32 characters.
 */
export const PUSH_TOPIC = 'new-message';

/**
 * 'delivered': the push service took it (2xx). 'gone': the subscription no longer exists (404,
 * 410) and should be forgotten. 'failed': anything else, tried once. 'refused': not a push service.
 */
export type PushOutcome = 'delivered' | 'gone' | 'failed' | 'refused';

export interface PushSender {
  send(
    subscription: PushSubscriptionRow,
    notice: PushNotice,
  ): Promise<{ outcome: PushOutcome; status?: number }>;
}

export function createPushSender(deps: Pick<AppDeps, 'config' | 'keys'>): PushSender {
  const { config, keys } = deps;
  const vapidDetails = {
    // Push services contact this address about a sender that misbehaves.
    subject: `mailto:${config.practice.supportEmail}`,
    publicKey: keys.webPush.publicKey,
    privateKey: keys.webPush.privateKey,
  };
  return {
    async send(subscription, notice) {
      if (!isPushServiceEndpoint(subscription.endpoint, config.push.extraEndpointOrigins))
        return { outcome: 'refused' };
      const request = webPush.generateRequestDetails(
        { endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } },
        JSON.stringify(notice),
        { vapidDetails, TTL: PUSH_TTL_SECONDS, urgency: 'normal', topic: PUSH_TOPIC },
      );
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers)) {
        // fetch sets the length from the body itself.
        if (name.toLowerCase() !== 'content-length') headers[name] = String(value);
      }
      try {
        const response = await fetch(request.endpoint, {
          method: request.method,
          headers,
          body: request.body ? new Uint8Array(request.body) : undefined,
          redirect: 'manual',
          signal: AbortSignal.timeout(PUSH_TIMEOUT_MS),
        });
        await response.body?.cancel();
        const { status } = response;
        if (status >= 200 && status < 300) return { outcome: 'delivered', status };
        if (status === 404 || status === 410) return { outcome: 'gone', status };
        return { outcome: 'failed', status };
      } catch {
        return { outcome: 'failed' };
      }
    },
  };
}

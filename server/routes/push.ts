// /api/push: Web Push for "Notifications on this device". The server's VAPID public key (anyone:
// it is what browsers subscribe with), and the signed-in account subscribing a browser (upsert by
// endpoint) or taking it off (its own subscription only). Endpoints must be a push service's.
import { Hono } from 'hono';
import {
  type PushKeyAnswer,
  type PushSubscribed,
  pushSubscribeRequest,
  pushUnsubscribeRequest,
} from '../../core/push';
import type { AppDeps } from '../context';
import { type AuthEnv, requireAuth, requireSecurityOption } from '../http/auth';
import { jsonBody } from '../http/validate';
import { pushSubscriptionsOf } from '../services/notifications/push-subscriptions';

export function pushRoutes(deps: AppDeps) {
  const subscriptions = pushSubscriptionsOf(deps);
  const signedIn = requireAuth(deps);

  return new Hono<AuthEnv>()
    .get('/key', (c) => {
      // Stable, but a new key (a restored data folder) must reach devices without waiting a day.
      c.header('cache-control', 'no-cache');
      return c.json({ publicKey: deps.keys.webPush.publicKey } satisfies PushKeyAnswer, 200);
    })
    .post('/subscriptions', signedIn, requireSecurityOption, jsonBody(pushSubscribeRequest), (c) => {
      const created = subscriptions.subscribe(c.var.account, c.req.valid('json'));
      return c.json({ subscribed: true } satisfies PushSubscribed, created ? 201 : 200);
    })
    .delete('/subscriptions', signedIn, requireSecurityOption, jsonBody(pushUnsubscribeRequest), (c) => {
      // The same answer whether or not there was one: an endpoint tells nothing about anyone.
      subscriptions.unsubscribe(c.var.account, c.req.valid('json').endpoint);
      return c.body(null, 204);
    });
}

// "Notifications on this device": the signed-in account subscribes a browser (its endpoint must be
// a push service's) or takes it off again. Subscribing is the consent to pushes; the profile's
// e-mail setting governs e-mail only.
import { ECDH } from 'node:crypto';
import type { z } from 'zod';
import type { pushSubscribeRequest } from '../../../core/push';
import type { AppDeps } from '../../context';
import { ProblemException, problems } from '../../http/problem';
import type { AccountRow } from '../accounts/account-store';
import { perApp } from '../per-app';
import { pushProblems } from './problems';
import { isPushServiceEndpoint } from './push-endpoints';
import { createPushStore, type PushStore } from './push-store';

export interface PushSubscriptions {
  /** True when this browser was not yet subscribed for this account. */
  subscribe(account: AccountRow, request: z.output<typeof pushSubscribeRequest>): boolean;
  unsubscribe(account: AccountRow, endpoint: string): void;
  store: PushStore;
}

/** A P-256 point the payload can be encrypted to (a browser's key always is one). */
function isP256PublicKey(base64url: string): boolean {
  try {
    ECDH.convertKey(Buffer.from(base64url, 'base64url'), 'prime256v1');
    return true;
  } catch {
    return false;
  }
}

export const pushSubscriptionsOf = perApp((deps: AppDeps): PushSubscriptions => {
  const store = createPushStore(deps.db);
  return {
    store,
    subscribe(account, request) {
      if (!isPushServiceEndpoint(request.endpoint, deps.config.push.extraEndpointOrigins))
        throw new ProblemException(pushProblems.notAPushService());
      if (!isP256PublicKey(request.keys.p256dh))
        throw new ProblemException(problems.invalidInput({ 'body.keys.p256dh': 'Not a valid browser key.' }));
      return store.save({
        endpoint: request.endpoint,
        account_id: account.id,
        p256dh: request.keys.p256dh,
        auth: request.keys.auth,
        created_at: deps.now().toISOString(),
      });
    },
    unsubscribe(account, endpoint) {
      store.remove(account.id, endpoint);
    },
  };
});

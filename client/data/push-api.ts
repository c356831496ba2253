// Typed calls to /api/push (core/push.ts has the shapes), at the paths of core/api-paths.ts.
import { API } from '../../core/api-paths';
import type { PushKeyAnswer, PushSubscribed, PushSubscribeRequest } from '../../core/push';
import { type ApiOutcome, apiRequest, globalFetch } from './api-request';
import { session } from './session';

/** The server's VAPID public key; anyone may read it. */
export const getPushKey = (): Promise<ApiOutcome<PushKeyAnswer>> =>
  apiRequest<PushKeyAnswer>(globalFetch, API.push.key);

/** This browser gets the signed-in account's new-message notifications from now on. */
export const subscribePush = (subscription: PushSubscribeRequest) =>
  session.request<PushSubscribed>(API.push.subscriptions, { method: 'POST', body: subscription });

/** This browser no longer does (the account's own subscription at this endpoint). */
export const unsubscribePush = (endpoint: string) =>
  session.request<null>(API.push.subscriptions, { method: 'DELETE', body: { endpoint } });

// What the accounts routes need to know about the caller's request: a device summary for the
// history and the client's address for rate limits.
import type { Context } from 'hono';
import type { Config } from '../config';
import { clientAddress } from '../services/accounts/client-address';
import { summariseDevice } from '../services/accounts/device';

export function deviceOf(c: Context): string {
  return summariseDevice(c.req.header('user-agent'));
}

export function addressOf(c: Context, config: Config): string {
  return clientAddress(c, config.trustProxy);
}

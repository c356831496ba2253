// The push_subscriptions table: the browsers that get an account's new-message notifications.
// An endpoint belongs to one browser, so it has one row, for the account that subscribed it last.
import type { Db } from '../../db/database';

export interface PushSubscriptionRow {
  endpoint: string;
  account_id: string;
  p256dh: string;
  auth: string;
  created_at: string;
}

/** More browsers than anyone uses; past it the oldest subscription of the account goes. */
export const MAX_PUSH_SUBSCRIPTIONS_PER_ACCOUNT = 10;

export interface PushStore {
  /** Adds or refreshes the browser's subscription for this account; true when it was new to it. */
  save(row: PushSubscriptionRow): boolean;
  /** Removes the account's own subscription at this endpoint; another account's stays. */
  remove(accountId: string, endpoint: string): boolean;
  /** The push service said the subscription is gone (404, 410). */
  forget(endpoint: string): void;
  ofAccount(accountId: string): PushSubscriptionRow[];
}

export function createPushStore(db: Db): PushStore {
  const ownerOf = db
    .prepare<[string], string>('SELECT account_id FROM push_subscriptions WHERE endpoint = ?')
    .pluck();
  const upsert = db.prepare<PushSubscriptionRow>(
    `INSERT INTO push_subscriptions (endpoint, account_id, p256dh, auth, created_at)
     VALUES (@endpoint, @account_id, @p256dh, @auth, @created_at)
     ON CONFLICT (endpoint) DO UPDATE SET account_id = excluded.account_id, p256dh = excluded.p256dh,
       auth = excluded.auth, created_at = excluded.created_at`,
  );
  const trim = db.prepare<[string, string, number]>(
    `DELETE FROM push_subscriptions WHERE account_id = ? AND endpoint NOT IN (
       SELECT endpoint FROM push_subscriptions WHERE account_id = ?
       ORDER BY created_at DESC, rowid DESC LIMIT ?)`,
  );
  const removeOwn = db.prepare<[string, string]>(
    'DELETE FROM push_subscriptions WHERE account_id = ? AND endpoint = ?',
  );
  const removeAny = db.prepare<[string]>('DELETE FROM push_subscriptions WHERE endpoint = ?');
  const list = db.prepare<[string], PushSubscriptionRow>(
    'SELECT * FROM push_subscriptions WHERE account_id = ? ORDER BY created_at, rowid',
  );
  const save = db.transaction((row: PushSubscriptionRow): boolean => {
    const isNew = ownerOf.get(row.endpoint) !== row.account_id;
    upsert.run(row);
    trim.run(row.account_id, row.account_id, MAX_PUSH_SUBSCRIPTIONS_PER_ACCOUNT);
    return isNew;
  });
  return {
    save,
    remove: (accountId, endpoint) => removeOwn.run(accountId, endpoint).changes > 0,
    forget: (endpoint) => {
      removeAny.run(endpoint);
    },
    ofAccount: (accountId) => list.all(accountId),
  };
}

// The device's own IndexedDB database, shared by the app and the service worker. It holds only
// what is safe unencrypted: queued requests sealed to the server (unreadable here) and the
// server's public sealing key. Health records live in the per-user encrypted cache (records issue).
import { Dexie, type EntityTable } from 'dexie';
import type { OutboxItem } from '../../core/outbox';

export interface DeviceSetting {
  key: string;
  value: unknown;
}

export type DeviceDb = Dexie & {
  outbox: EntityTable<OutboxItem, 'id'>;
  settings: EntityTable<DeviceSetting, 'key'>;
};

export const DEVICE_DB_NAME = 'portal-device';

let shared: DeviceDb | null = null;

/** The page's one connection (the service worker opens its own for each run and closes it). */
export function sharedDeviceDb(): DeviceDb {
  shared ??= openDeviceDb();
  return shared;
}

export function openDeviceDb(name: string = DEVICE_DB_NAME): DeviceDb {
  const db = new Dexie(name) as DeviceDb;
  // Schema versions live here and only here; add a version, never edit an old one.
  db.version(1).stores({
    outbox: 'id, accountId, status, createdAt',
    settings: 'key',
  });
  return db;
}

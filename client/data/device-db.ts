// The device's own IndexedDB database, shared by the app and the service worker. It holds only
// what is safe unencrypted: queued requests sealed to the server (unreadable here), the files of
// messages being written or waiting to be sent, encrypted under keys only their message and the
// unlocked app hold (core/attachments.ts), and the server's public sealing key. Health records live
// in the per-user encrypted cache (records issue).
import { Dexie, type EntityTable } from 'dexie';
import type { OutboxItem } from '../../core/outbox';

export interface DeviceSetting {
  key: string;
  value: unknown;
}

/**
 * One file of a message being written or waiting to be sent: only its ciphertext (AES-256-GCM under
 * the file's own key, which the draft or the waiting message holds, sealed). Name and type are not
 * here: a file name can be health information.
 */
export interface DeviceFile {
  /** The upload id the server knows it by. */
  id: string;
  accountId: string;
  cipher: Uint8Array<ArrayBuffer>;
  createdAt: string;
}

export type DeviceDb = Dexie & {
  outbox: EntityTable<OutboxItem, 'id'>;
  files: EntityTable<DeviceFile, 'id'>;
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
  // Message attachments, before and while they wait to be sent.
  db.version(2).stores({ files: 'id, accountId' });
  return db;
}

// The server's public sealing key (fetched while online, kept for offline use) and the sealing of
// a queued request to it: ECDH-ES + A256GCM (jose), so only the server can read what waits.

import { CompactEncrypt, importJWK, type JWK } from 'jose';
import { API } from '../../../core/api-paths';
import {
  MAX_SEALED_REQUEST_BYTES,
  SEAL_ALG,
  SEAL_ENC,
  type SealedRequestPayload,
} from '../../../core/outbox';
import type { DeviceDb } from '../device-db';

const SEALING_KEY_SETTING = 'outbox-sealing-key';

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

export interface SealingKey {
  kid: string;
  jwk: JWK;
}

/** The server's public sealing key, fetched once while online and kept for offline use. */
export async function sealingKey(db: DeviceDb, fetchImpl: Fetch): Promise<SealingKey> {
  try {
    const response = await fetchImpl(API.outbox.key, { headers: { accept: 'application/json' } });
    if (response.ok) {
      const key = (await response.json()) as SealingKey;
      await db.settings.put({ key: SEALING_KEY_SETTING, value: key });
      return key;
    }
  } catch {
    // Offline: fall back to the copy below.
  }
  const cached = (await db.settings.get(SEALING_KEY_SETTING))?.value as SealingKey | undefined;
  if (!cached)
    throw new Error(
      'This device has not been online since the app was installed, so it cannot queue changes yet.',
    );
  return cached;
}

export async function sealRequest(payload: SealedRequestPayload, key: SealingKey): Promise<string> {
  const publicKey = await importJWK(key.jwk, SEAL_ALG);
  const plaintext = new TextEncoder().encode(JSON.stringify(payload));
  if (plaintext.byteLength > MAX_SEALED_REQUEST_BYTES)
    throw new RangeError('This change is too large to queue.');
  return new CompactEncrypt(plaintext)
    .setProtectedHeader({ alg: SEAL_ALG, enc: SEAL_ENC, kid: key.kid })
    .encrypt(publicKey);
}

// AES-GCM sealing of the cache's JSON values under the data key (WebCrypto only). Each value is
// bound to its row (additional authenticated data), so ciphertexts cannot be swapped between rows.
import type { AccessLevel } from '../../../core/records';

/** An AES-GCM ciphertext and its IV, as the cache's tables and the outbox's copies store them. */
export interface SealedBytes {
  iv: Uint8Array<ArrayBuffer>;
  data: Uint8Array<ArrayBuffer>;
}

const IV_BYTES = 12;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Additional data naming what a ciphertext is; JSON so that no two row identities encode alike. */
export type Aad = Uint8Array<ArrayBuffer>;

export function resourceAad(patientId: string, type: string, id: string, date: string): Aad {
  return encoder.encode(JSON.stringify(['resource/1', patientId, type, id, date]));
}

export function personAad(patientId: string, access: AccessLevel): Aad {
  return encoder.encode(JSON.stringify(['person/1', patientId, access]));
}

export function snapshotAad(patientId: string, kind: string): Aad {
  return encoder.encode(JSON.stringify(['snapshot/1', patientId, kind]));
}

/** Messages' copies keep the identity they had before copies had topics. */
export function waitingAad(id: string, patientId: string, topic = 'message'): Aad {
  const identity = topic === 'message' ? ['waiting/1', id, patientId] : ['waiting/2', id, patientId, topic];
  return encoder.encode(JSON.stringify(identity));
}

export function fileAad(patientId: string, id: string): Aad {
  return encoder.encode(JSON.stringify(['file/1', patientId, id]));
}

export function draftAad(id: string, patientId: string): Aad {
  return encoder.encode(JSON.stringify(['draft/1', id, patientId]));
}

export function accountAad(accountId: string): Aad {
  return encoder.encode(JSON.stringify(['account/1', accountId]));
}

export function keyCheckAad(accountId: string): Aad {
  return encoder.encode(JSON.stringify(['key-check/1', accountId]));
}

/** Encrypts a JSON value with a fresh random IV. */
export async function sealJson(key: CryptoKey, value: unknown, aad: Aad): Promise<SealedBytes> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const plaintext = encoder.encode(JSON.stringify(value));
  const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad }, key, plaintext);
  return { iv, data: new Uint8Array(data) };
}

/** Decrypts and parses; rejects when the key, the row identity or the bytes do not match. */
export async function openJson<T>(key: CryptoKey, sealed: SealedBytes, aad: Aad): Promise<T> {
  const plaintext = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: sealed.iv, additionalData: aad },
    key,
    sealed.data,
  );
  return JSON.parse(decoder.decode(plaintext)) as T;
}

/** Encrypts bytes (a message's file) with a fresh random IV. */
export async function sealBytes(
  key: CryptoKey,
  bytes: Uint8Array<ArrayBuffer>,
  aad: Aad,
): Promise<SealedBytes> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad }, key, bytes);
  return { iv, data: new Uint8Array(data) };
}

export async function openBytes(
  key: CryptoKey,
  sealed: SealedBytes,
  aad: Aad,
): Promise<Uint8Array<ArrayBuffer>> {
  const plain = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: sealed.iv, additionalData: aad },
    key,
    sealed.data,
  );
  return new Uint8Array(plain);
}

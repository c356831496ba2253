// The one encryption of an attachment (core/attachments.ts says why): AES-256-GCM under a fresh key
// and IV per file, with its SHA-256. WebCrypto only, so the app, the service worker, the server and
// the tests all use this same code.
import type { AttachmentRef } from './attachments';

export interface SealedAttachment {
  /** The file's bytes encrypted, the 16-byte GCM tag last: what is stored on the device and uploaded. */
  cipher: Uint8Array<ArrayBuffer>;
  key: string;
  iv: string;
  sha256: string;
}

export async function encryptAttachment(bytes: Uint8Array<ArrayBuffer>): Promise<SealedAttachment> {
  const rawKey = crypto.getRandomValues(new Uint8Array(32));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const key = await crypto.subtle.importKey('raw', rawKey, 'AES-GCM', false, ['encrypt']);
  const [cipher, digest] = await Promise.all([
    crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, bytes),
    crypto.subtle.digest('SHA-256', bytes),
  ]);
  return {
    cipher: new Uint8Array(cipher),
    key: toBase64Url(rawKey),
    iv: toBase64Url(iv),
    sha256: toHex(new Uint8Array(digest)),
  };
}

/** Opens an upload with the key its message carried; rejects when anything does not match. */
export async function decryptAttachment(
  cipher: Uint8Array<ArrayBuffer>,
  ref: Pick<AttachmentRef, 'key' | 'iv' | 'sha256'>,
): Promise<Uint8Array<ArrayBuffer>> {
  const key = await crypto.subtle.importKey('raw', fromBase64Url(ref.key), 'AES-GCM', false, ['decrypt']);
  const plain = new Uint8Array(
    await crypto.subtle.decrypt({ name: 'AES-GCM', iv: fromBase64Url(ref.iv) }, key, cipher),
  );
  const digest = toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', plain)));
  if (digest !== ref.sha256) throw new Error('The file does not match its checksum.');
  return plain;
}

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const toHex = (bytes: Uint8Array): string =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

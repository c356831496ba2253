// Opens an upload with the key its message carried: core/attachment-crypto.ts's AES-256-GCM (the
// tag is the last 16 bytes), then the SHA-256 the app sealed. node:crypto, synchronously, so the
// message's transaction never waits on a promise.
import { createDecipheriv, createHash } from 'node:crypto';
import { ATTACHMENT_CIPHER_OVERHEAD, type AttachmentRef } from '../../../../core/attachments';

export type Opened = { ok: true; bytes: Buffer } | { ok: false; why: 'key' | 'checksum' };

export function openUpload(cipher: Buffer, ref: Pick<AttachmentRef, 'key' | 'iv' | 'sha256'>): Opened {
  if (cipher.length < ATTACHMENT_CIPHER_OVERHEAD) return { ok: false, why: 'key' };
  const tagAt = cipher.length - ATTACHMENT_CIPHER_OVERHEAD;
  let bytes: Buffer;
  try {
    const decipher = createDecipheriv(
      'aes-256-gcm',
      Buffer.from(ref.key, 'base64url'),
      Buffer.from(ref.iv, 'base64url'),
      {
        authTagLength: ATTACHMENT_CIPHER_OVERHEAD,
      },
    );
    decipher.setAuthTag(cipher.subarray(tagAt));
    bytes = Buffer.concat([decipher.update(cipher.subarray(0, tagAt)), decipher.final()]);
  } catch {
    // A wrong key or IV, or bytes changed on the way: GCM's tag does not verify.
    return { ok: false, why: 'key' };
  }
  return sha256Hex(bytes) === ref.sha256 ? { ok: true, bytes } : { ok: false, why: 'checksum' };
}

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

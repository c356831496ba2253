// The data key and its wrapping: a random AES-GCM 256 key, wrapped with AES-KW under a key that
// PBKDF2-SHA-256 derives from the password. In use both keys are non-extractable CryptoKeys.

/** OWASP's 2023 figure for PBKDF2-HMAC-SHA-256; tests pass a small number to run fast. */
export const DEFAULT_PBKDF2_ITERATIONS = 600_000;
export const SALT_BYTES = 16;

const encoder = new TextEncoder();
const DATA_KEY_ALGORITHM: AesKeyGenParams = { name: 'AES-GCM', length: 256 };
const DATA_KEY_USAGES: KeyUsage[] = ['encrypt', 'decrypt'];

export function newSalt(): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(SALT_BYTES));
}

/** The key-encryption key. NFC as the server's password hashing does, so the same typing matches. */
export async function deriveWrappingKey(
  password: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
): Promise<CryptoKey> {
  const base = await crypto.subtle.importKey(
    'raw',
    encoder.encode(password.normalize('NFC')),
    'PBKDF2',
    false,
    ['deriveKey'],
  );
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    base,
    { name: 'AES-KW', length: 256 },
    false,
    ['wrapKey', 'unwrapKey'],
  );
}

/**
 * A new random data key: returns its wrapped bytes and a non-extractable copy for use. The
 * extractable original exists only inside this function, long enough to be wrapped.
 */
export async function createDataKey(
  wrappingKey: CryptoKey,
): Promise<{ key: CryptoKey; wrapped: Uint8Array<ArrayBuffer> }> {
  const extractable = await crypto.subtle.generateKey(DATA_KEY_ALGORITHM, true, DATA_KEY_USAGES);
  const wrapped = new Uint8Array(await crypto.subtle.wrapKey('raw', extractable, wrappingKey, 'AES-KW'));
  const key = await unwrapDataKey(wrapped, wrappingKey);
  if (!key) throw new Error('A new data key could not be unwrapped.');
  return { key, wrapped };
}

/** The data key, or null when this wrapping key (so this password) does not open it. */
export async function unwrapDataKey(
  wrapped: Uint8Array<ArrayBuffer>,
  wrappingKey: CryptoKey,
  extractable = false,
): Promise<CryptoKey | null> {
  try {
    return await crypto.subtle.unwrapKey(
      'raw',
      wrapped,
      wrappingKey,
      'AES-KW',
      DATA_KEY_ALGORITHM,
      extractable,
      DATA_KEY_USAGES,
    );
  } catch {
    // AES-KW's integrity check failed: another password (or damaged bytes).
    return null;
  }
}

/** The same data key wrapped under a new wrapping key (a password change on this device). */
export async function rewrapDataKey(
  wrapped: Uint8Array<ArrayBuffer>,
  oldWrappingKey: CryptoKey,
  newWrappingKey: CryptoKey,
): Promise<Uint8Array<ArrayBuffer>> {
  const extractable = await unwrapDataKey(wrapped, oldWrappingKey, true);
  if (!extractable) throw new Error('The data key no longer opens with the current password.');
  return new Uint8Array(await crypto.subtle.wrapKey('raw', extractable, newWrappingKey, 'AES-KW'));
}

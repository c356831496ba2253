// Random tokens and codes, and the one-way hashes they are stored as. High-entropy secrets (refresh
// tokens, links, recovery codes) need no slow hash: SHA-256 cannot be reversed for 128+ bits.
import { createHash, createHmac, randomBytes, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';

/** 32 random bytes as base64url (43 characters): refresh tokens, reset links, challenges. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** A code of `length` decimal digits, every digit uniformly random. */
export function randomDigits(length = 6): string {
  let code = '';
  for (let i = 0; i < length; i++) code += String(randomInt(10));
  return code;
}

/** Letters and digits without look-alikes (no 0/o, 1/l/i), as in recovery codes. */
const READABLE = 'abcdefghjkmnpqrstuvwxyz23456789';

/**
 * `groups` dash-joined groups of 4 readable characters, every character uniformly random (about
 * 19.8 bits a group): secrets a person types once, such as a temporary password.
 */
export function readableSecret(groups = 5): string {
  return Array.from({ length: groups }, () =>
    Array.from({ length: 4 }, () => READABLE[randomInt(READABLE.length)]).join(''),
  ).join('-');
}

export function newId(): string {
  return randomUUID();
}

/** Hex SHA-256; `scope` keeps a hash of one kind of secret from matching another kind. */
export function sha256(value: string, scope = ''): string {
  return createHash('sha256').update(`${scope}\u0000${value}`).digest('hex');
}

/** Hex HMAC-SHA256 under a server-held key: for low-entropy secrets such as 6-digit codes. */
export function keyedHash(key: Buffer, value: string, scope: string): string {
  return createHmac('sha256', key).update(`${scope}\u0000${value}`).digest('hex');
}

/** Compares two hex hashes without leaking, through timing, how much of them matched. */
export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}

// Password hashing with scrypt at the OWASP-recommended cost (N=2^17, r=8, p=1). The stored string
// names its parameters, so the cost can rise later and old hashes still verify.
import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';

export interface ScryptCost {
  /** log2 of N. */
  logN: number;
  r: number;
  p: number;
}

export const OWASP_SCRYPT_COST: ScryptCost = { logN: 17, r: 8, p: 1 };
const KEY_LENGTH = 32;
const PREFIX = 'scrypt';

function derive(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  const N = 2 ** cost.logN;
  // scrypt needs 128 * N * r bytes; Node's default cap (32 MiB) is below the OWASP cost.
  const options: ScryptOptions = { N, r: cost.r, p: cost.p, maxmem: 256 * N * cost.r };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** `scrypt$17$8$1$<salt>$<key>` (base64url). `cost` is for tests of old hashes; callers use the default. */
export async function hashPassword(password: string, cost: ScryptCost = OWASP_SCRYPT_COST): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, cost);
  return [PREFIX, cost.logN, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

function parse(stored: string): { cost: ScryptCost; salt: Buffer; key: Buffer } | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== PREFIX) return null;
  const [logN, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![logN, r, p].every((n) => Number.isInteger(n) && n > 0) || logN > 20) return null;
  return {
    cost: { logN, r, p },
    salt: Buffer.from(parts[4]!, 'base64url'),
    key: Buffer.from(parts[5]!, 'base64url'),
  };
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, parsed.cost);
  return key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
}

/** True when a hash was made at a lower cost than today's: rehash it at the next successful sign-in. */
export function needsRehash(stored: string): boolean {
  const parsed = parse(stored);
  return !parsed || parsed.cost.logN < OWASP_SCRYPT_COST.logN || parsed.cost.r < OWASP_SCRYPT_COST.r;
}

/**
 * A well-formed hash of no one's password at today's cost. Verifying against it when an e-mail is
 * unknown costs the same time as a real check, so the answer's timing reveals nothing.
 */
export const DUMMY_PASSWORD_HASH = `${PREFIX}$${OWASP_SCRYPT_COST.logN}$${OWASP_SCRYPT_COST.r}$${OWASP_SCRYPT_COST.p}$${randomBytes(16).toString('base64url')}$${randomBytes(KEY_LENGTH).toString('base64url')}`;

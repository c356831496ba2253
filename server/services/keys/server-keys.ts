// The server's long-lived secrets: the token signing key, the key that seals queued outbox
// requests to the server and the VAPID key of Web Push. Made on first start in the data folder
// (mode 0600), reused after.

import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import webPush from 'web-push';

export const TOKEN_SIGNING_ALG = 'ES256';

export interface ServerKeys {
  tokenSigning: { privateKey: CryptoKey; publicJwk: JWK; kid: string };
  outboxSealing: { privateKey: CryptoKey; publicJwk: JWK; kid: string };
  /**
   * Key of the HMAC under which short codes (6 digits) are stored: a plain hash of a million
   * possible codes would give them away to anyone holding a copy of the database.
   */
  codeHmacKey: Buffer;
  /**
   * The VAPID key pair (RFC 8292) that signs every Web Push request, as base64url strings: the
   * public key is the applicationServerKey browsers subscribe with. A new one would cut off every
   * device's subscription, so it is kept like the others.
   */
  webPush: { publicKey: string; privateKey: string };
}

interface StoredKey {
  kid: string;
  alg: string;
  privateJwk: JWK;
  publicJwk: JWK;
  createdAt: string;
}

const OWNER_ONLY = 0o600;

async function makeKey(alg: 'ES256' | 'ECDH-ES'): Promise<StoredKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true, crv: 'P-256' });
  const privateJwk = await exportJWK(privateKey);
  const publicJwk = await exportJWK(publicKey);
  const kid = crypto.randomUUID();
  return {
    kid,
    alg,
    privateJwk: { ...privateJwk, kid },
    publicJwk: { ...publicJwk, kid, alg },
    createdAt: new Date().toISOString(),
  };
}

async function loadOrCreate(path: string, alg: 'ES256' | 'ECDH-ES'): Promise<StoredKey> {
  try {
    const stored = JSON.parse(readFileSync(path, 'utf8')) as StoredKey;
    // A secret readable by others is tightened rather than trusted as is.
    if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, OWNER_ONLY);
    return stored;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      throw new Error(`Cannot read the key file ${path}: ${String(error)}`);
  }
  const created = await makeKey(alg);
  // 'wx' fails if another process created the file meanwhile, instead of overwriting its key.
  writeFileSync(path, JSON.stringify(created, null, 2), { mode: OWNER_ONLY, flag: 'wx' });
  return created;
}

function loadOrCreateSecret(path: string): Buffer {
  try {
    const secret = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64url');
    if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, OWNER_ONLY);
    if (secret.length >= 32) return secret;
    throw new Error(`The key file ${path} is too short; delete it to have a new one made.`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const secret = randomBytes(32);
  writeFileSync(path, secret.toString('base64url'), { mode: OWNER_ONLY, flag: 'wx' });
  return secret;
}

interface StoredVapidKeys {
  publicKey: string;
  privateKey: string;
  createdAt: string;
}

function loadOrCreateVapid(path: string): StoredVapidKeys {
  try {
    const stored = JSON.parse(readFileSync(path, 'utf8')) as StoredVapidKeys;
    if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, OWNER_ONLY);
    return stored;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      throw new Error(`Cannot read the key file ${path}: ${String(error)}`);
  }
  const created = { ...webPush.generateVAPIDKeys(), createdAt: new Date().toISOString() };
  writeFileSync(path, JSON.stringify(created, null, 2), { mode: OWNER_ONLY, flag: 'wx' });
  return created;
}

export async function ensureServerKeys(dataDir: string): Promise<ServerKeys> {
  const dir = join(dataDir, 'keys');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const codeHmacKey = loadOrCreateSecret(join(dir, 'code-hmac.key'));
  const signing = await loadOrCreate(join(dir, 'token-signing.json'), 'ES256');
  const sealing = await loadOrCreate(join(dir, 'outbox-sealing.json'), 'ECDH-ES');
  const vapid = loadOrCreateVapid(join(dir, 'web-push-vapid.json'));
  return {
    tokenSigning: {
      privateKey: (await importJWK(signing.privateJwk, TOKEN_SIGNING_ALG)) as CryptoKey,
      publicJwk: signing.publicJwk,
      kid: signing.kid,
    },
    outboxSealing: {
      privateKey: (await importJWK(sealing.privateJwk, 'ECDH-ES')) as CryptoKey,
      publicJwk: sealing.publicJwk,
      kid: sealing.kid,
    },
    codeHmacKey,
    webPush: { publicKey: vapid.publicKey, privateKey: vapid.privateKey },
  };
}

// Signing and sealing keys are created once, readable only by the server's user, and reused.
import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importJWK, jwtVerify, SignJWT } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureServerKeys, TOKEN_SIGNING_ALG } from './server-keys';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('server keys', () => {
  it('creates the keys on first start with mode 0600 and reuses them after a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'portal-keys-'));
    dirs.push(dir);
    const first = await ensureServerKeys(dir);
    for (const file of [
      'token-signing.json',
      'outbox-sealing.json',
      'code-hmac.key',
      'web-push-vapid.json',
    ]) {
      expect(statSync(join(dir, 'keys', file)).mode & 0o777).toBe(0o600);
    }
    const token = await new SignJWT({ sub: 'x' })
      .setProtectedHeader({ alg: TOKEN_SIGNING_ALG })
      .sign(first.tokenSigning.privateKey);
    const second = await ensureServerKeys(dir);
    expect(second.tokenSigning.kid).toBe(first.tokenSigning.kid);
    expect(second.codeHmacKey.equals(first.codeHmacKey)).toBe(true);
    expect(first.codeHmacKey.length).toBe(32);
    // A token signed before the restart still verifies with the reloaded public key.
    const publicKey = await importJWK(second.tokenSigning.publicJwk, TOKEN_SIGNING_ALG);
    await expect(jwtVerify(token, publicKey)).resolves.toBeTruthy();
    expect(second.outboxSealing.publicJwk.d).toBeUndefined();
    // Devices subscribed with the VAPID public key keep working after a restart.
    expect(second.webPush).toEqual(first.webPush);
    expect(Buffer.from(first.webPush.publicKey, 'base64url')).toHaveLength(65);
  });

  it('tightens a key file that others could read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'portal-keys-'));
    dirs.push(dir);
    await ensureServerKeys(dir);
    const file = join(dir, 'keys', 'token-signing.json');
    chmodSync(file, 0o644);
    await ensureServerKeys(dir);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});

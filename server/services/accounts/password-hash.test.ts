// Password hashes: scrypt at the OWASP cost by default, verifiable, and self-describing so a hash
// made at an older, lower cost still verifies and is marked for rehashing.
import { describe, expect, it } from 'vitest';
import { DUMMY_PASSWORD_HASH, hashPassword, needsRehash, verifyPassword } from './password-hash';

describe('password hashes', () => {
  it('are made at N=2^17, r=8, p=1 with a fresh salt, and verify only the right password', async () => {
    const hash = await hashPassword('river stone lantern 7');
    expect(hash).toMatch(/^scrypt\$17\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(await verifyPassword('river stone lantern 7', hash)).toBe(true);
    expect(await verifyPassword('river stone lantern 8', hash)).toBe(false);
    expect(needsRehash(hash)).toBe(false);
  });

  it('still verifies a hash made at a lower cost, and asks for a rehash', async () => {
    const old = await hashPassword('river stone lantern 7', { logN: 14, r: 8, p: 1 });
    expect(await verifyPassword('river stone lantern 7', old)).toBe(true);
    expect(needsRehash(old)).toBe(true);
  });

  it('never matches the stand-in hash used for unknown e-mails, nor garbage', async () => {
    expect(await verifyPassword('', DUMMY_PASSWORD_HASH)).toBe(false);
    expect(await verifyPassword('x', 'not-a-hash')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$40$8$1$aa$bb')).toBe(false);
  });
});

// One-time recovery codes like "k7pq-m2xz-9rtw": 12 characters from an alphabet without look-alikes
// (no 0/o, 1/l/i), about 59 bits each, stored as SHA-256 hashes and crossed out when used.
import { createHmac, randomInt } from 'node:crypto';
import type { Db } from '../../db/database';
import { sha256 } from './secrets';

const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const SCOPE = 'recovery-code';
export const RECOVERY_CODE_COUNT = 10;

function format(chars: string[]): string {
  return [chars.slice(0, 4), chars.slice(4, 8), chars.slice(8, 12)].map((g) => g.join('')).join('-');
}

export function newRecoveryCode(): string {
  return format(Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)]!));
}

/** A fixed code derived from a name, for the fictional demo accounts only (it is printed and public). */
export function demoRecoveryCode(seed: string): string {
  const bytes = createHmac('sha256', 'portal-demo-recovery-code').update(seed).digest();
  return format([...bytes.subarray(0, 12)].map((b) => ALPHABET[b % ALPHABET.length]!));
}

/** Users may type codes in capitals, with spaces or without dashes. */
export function normaliseRecoveryCode(input: string): string {
  return input.toLowerCase().replace(/[\s-]/g, '');
}

export function looksLikeRecoveryCode(input: string): boolean {
  const normal = normaliseRecoveryCode(input);
  return normal.length === 12 && [...normal].every((ch) => ALPHABET.includes(ch));
}

/** Replaces the account's codes with these (older ones stop working). */
export function storeRecoveryCodes(db: Db, accountId: string, codes: string[], at: Date): void {
  db.transaction(() => {
    db.prepare('DELETE FROM recovery_codes WHERE account_id = ?').run(accountId);
    const insert = db.prepare(
      'INSERT INTO recovery_codes (account_id, code_hash, created_at) VALUES (?, ?, ?)',
    );
    for (const code of codes)
      insert.run(accountId, sha256(normaliseRecoveryCode(code), SCOPE), at.toISOString());
  })();
}

/** Crosses out the code if it is one of the account's unused codes; true when it was. */
export function useRecoveryCode(db: Db, accountId: string, input: string, at: Date): boolean {
  if (!looksLikeRecoveryCode(input)) return false;
  const hash = sha256(normaliseRecoveryCode(input), SCOPE);
  // The lookup is by hash, so comparing it leaks nothing about the stored codes.
  return (
    db
      .prepare(
        'UPDATE recovery_codes SET used_at = ? WHERE account_id = ? AND code_hash = ? AND used_at IS NULL',
      )
      .run(at.toISOString(), accountId, hash).changes === 1
  );
}

// Sessions (one per sign-in chain) and their rotating refresh tokens, stored as SHA-256 hashes.
// A session lives REFRESH_TOKEN_DAYS after its last use; a rotated token used again ends the chain.
import type { DeviceSession } from '../../../core/accounts';
import type { Db } from '../../db/database';
import { newId, randomToken, sha256 } from './secrets';

const REFRESH_SCOPE = 'refresh';

export interface SessionRow {
  id: string;
  account_id: string;
  device: string;
  created_at: string;
  last_used_at: string;
  expires_at: string;
  revoked_at: string | null;
  revoked_reason: string | null;
  /** Last time the password was entered in this session; null means at sign-in (created_at). */
  password_confirmed_at: string | null;
}

export type RefreshOutcome =
  | { kind: 'rotated'; session: SessionRow; refreshToken: string }
  | { kind: 'ended' }
  /** The token was rotated a moment ago: the page and the service worker raced; retry with the new cookie. */
  | { kind: 'raced' }
  | { kind: 'reused'; session: SessionRow };

/**
 * The page and the service worker share the cookie and may refresh at the same instant; the loser
 * presents the token the winner just rotated. Within this window that is a race, not a theft: it
 * gets no token (only the new cookie works) but does not end the chain.
 */
export const REFRESH_RACE_MS = 10_000;

export type RevokeReason =
  | 'signed-out'
  | 'signed-out-everywhere'
  | 'revoked-by-user'
  | 'password-changed'
  | 'password-reset'
  | 'refresh-token-reuse';

export interface Sessions {
  start(accountId: string, device: string): { session: SessionRow; refreshToken: string };
  /** The live session a refresh token belongs to, without using the token up. */
  peek(refreshToken: string): SessionRow | undefined;
  rotate(refreshToken: string): RefreshOutcome;
  active(sessionId: string): SessionRow | undefined;
  /** Records that the password was just entered again in this session. */
  confirmPassword(sessionId: string): void;
  list(accountId: string, currentSessionId: string): DeviceSession[];
  revoke(sessionId: string, reason: RevokeReason): boolean;
  /** Ends every session of the account except `keep`; returns how many ended. */
  revokeAll(accountId: string, reason: RevokeReason, keep?: string): number;
}

export function createSessions(db: Db, now: () => Date, lifetimeDays: number): Sessions {
  const lifetimeMs = lifetimeDays * 24 * 3600 * 1000;
  const insertSession = db.prepare(
    `INSERT INTO sessions (id, account_id, device, created_at, last_used_at, expires_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const insertToken = db.prepare(
    'INSERT INTO refresh_tokens (token_hash, session_id, created_at) VALUES (?, ?, ?)',
  );
  const selectToken = db.prepare<[string], { session_id: string; rotated_at: string | null }>(
    'SELECT session_id, rotated_at FROM refresh_tokens WHERE token_hash = ?',
  );
  const markRotated = db.prepare(
    'UPDATE refresh_tokens SET rotated_at = ? WHERE token_hash = ? AND rotated_at IS NULL',
  );
  const selectSession = db.prepare<[string], SessionRow>('SELECT * FROM sessions WHERE id = ?');
  const touch = db.prepare('UPDATE sessions SET last_used_at = ?, expires_at = ? WHERE id = ?');
  const revokeOne = db.prepare(
    'UPDATE sessions SET revoked_at = ?, revoked_reason = ? WHERE id = ? AND revoked_at IS NULL',
  );
  const revokeMany = db.prepare(
    `UPDATE sessions SET revoked_at = ?, revoked_reason = ?
     WHERE account_id = ? AND revoked_at IS NULL AND id IS NOT ?`,
  );
  const selectLive = db.prepare<[string, string], SessionRow>(
    `SELECT * FROM sessions WHERE account_id = ? AND revoked_at IS NULL AND expires_at > ?
     ORDER BY last_used_at DESC`,
  );

  const isLive = (s: SessionRow | undefined, at: Date): s is SessionRow =>
    s !== undefined && s.revoked_at === null && Date.parse(s.expires_at) > at.getTime();

  const issueToken = (sessionId: string, at: Date): string => {
    const token = randomToken();
    insertToken.run(sha256(token, REFRESH_SCOPE), sessionId, at.toISOString());
    return token;
  };

  return {
    start: db.transaction((accountId: string, device: string) => {
      const at = now();
      const id = newId();
      insertSession.run(
        id,
        accountId,
        device,
        at.toISOString(),
        at.toISOString(),
        new Date(at.getTime() + lifetimeMs).toISOString(),
      );
      return { session: selectSession.get(id)!, refreshToken: issueToken(id, at) };
    }),
    peek(refreshToken) {
      const row = selectToken.get(sha256(refreshToken, REFRESH_SCOPE));
      if (!row || row.rotated_at !== null) return undefined;
      const session = selectSession.get(row.session_id);
      return isLive(session, now()) ? session : undefined;
    },
    rotate: db.transaction((refreshToken: string): RefreshOutcome => {
      const at = now();
      const hash = sha256(refreshToken, REFRESH_SCOPE);
      const row = selectToken.get(hash);
      if (!row) return { kind: 'ended' };
      const session = selectSession.get(row.session_id);
      if (!isLive(session, at)) return { kind: 'ended' };
      if (row.rotated_at !== null && at.getTime() - Date.parse(row.rotated_at) < REFRESH_RACE_MS)
        return { kind: 'raced' };
      if (row.rotated_at !== null) {
        // Someone holds an older token of this chain: it may have been stolen. End the chain.
        revokeOne.run(at.toISOString(), 'refresh-token-reuse', session.id);
        return { kind: 'reused', session };
      }
      markRotated.run(at.toISOString(), hash);
      touch.run(at.toISOString(), new Date(at.getTime() + lifetimeMs).toISOString(), session.id);
      return {
        kind: 'rotated',
        session: selectSession.get(session.id)!,
        refreshToken: issueToken(session.id, at),
      };
    }),
    confirmPassword(sessionId) {
      db.prepare('UPDATE sessions SET password_confirmed_at = ? WHERE id = ?').run(
        now().toISOString(),
        sessionId,
      );
    },
    active(sessionId) {
      const session = selectSession.get(sessionId);
      return isLive(session, now()) ? session : undefined;
    },
    list(accountId, currentSessionId) {
      return selectLive.all(accountId, now().toISOString()).map((s) => ({
        id: s.id,
        device: s.device,
        signedInAt: s.created_at,
        lastActiveAt: s.last_used_at,
        current: s.id === currentSessionId,
      }));
    },
    revoke(sessionId, reason) {
      return revokeOne.run(now().toISOString(), reason, sessionId).changes > 0;
    },
    revokeAll(accountId, reason, keep) {
      return revokeMany.run(now().toISOString(), reason, accountId, keep ?? null).changes;
    },
  };
}

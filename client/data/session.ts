// The signed-in session: the access token lives only in this object's memory (never in any
// storage), is restored at start from the HttpOnly refresh cookie, and is added to API calls.

import type { AccountSummary, SessionGranted } from '../../core/accounts';
import { API } from '../../core/api-paths';
import { PROBLEM_TYPES } from '../../core/problem';
import { DEFAULT_IDLE_LOCK_MINUTES } from '../../core/session-timing';
import { type ApiOutcome, type ApiRequest, apiRequest, type FetchLike, globalFetch } from './api-request';

export type SessionState = 'starting' | 'signed-out' | 'signed-in' | 'locked';

/** Fired on the session whenever state or account changes. */
export const SESSION_CHANGE = 'session-change';

/**
 * The id of the account that last had a session on this device, so a start (online or not) shows
 * the lock screen instead of "Sign in" and an offline unlock knows whose cache to open. A random
 * id: nothing personal and no token.
 */
export const SESSION_HINT_KEY = 'portal.had-session';

/** What an offline unlock got from the device's record cache. */
export type OfflineUnlock =
  | { kind: 'unlocked'; account: AccountSummary }
  | { kind: 'wrong-password' }
  | { kind: 'wait'; retryAfterSeconds: number }
  | { kind: 'no-copy' };

/**
 * The device's record cache, seen from the session: its key comes from the password, so every
 * step that proves the password opens it, and locking or signing out closes or wipes it.
 */
export interface PasswordKeeper {
  /** The password was just proven online (sign-in, unlock, reset, registration). */
  opened(account: AccountSummary, password: string): Promise<void>;
  /** The password was changed on this device: the cache's key is wrapped anew. */
  changed(password: string): Promise<void>;
  /** No connection: the password is checked against the cache on this device alone. */
  unlockOffline(accountId: string, password: string): Promise<OfflineUnlock>;
  locked(): void;
  /** Signed out, or the session ended: nothing of this account may stay on the device. */
  signedOut(accountId: string): Promise<void>;
}

/** What a password step answered: the server's outcome, or the device's when offline. */
export type UnlockOutcome =
  | ApiOutcome<unknown>
  | { kind: 'offline-unlocked' }
  | { kind: 'offline-refused'; reason: 'wrong-password' | 'no-copy' }
  | { kind: 'offline-wait'; retryAfterSeconds: number };

/** A password typed during registration opens the cache once the e-mail is confirmed. */
const HELD_PASSWORD_MS = 30 * 60_000;

const LOCKED_PROBLEM = {
  kind: 'problem',
  status: 401,
  problem: { type: PROBLEM_TYPES.locked, title: 'The portal is locked', status: 401 },
  retryAfterSeconds: null,
} as const;

/** Renewals lost to the service worker's at the same moment (409) before giving up for now. */
const REFRESH_RACE_RETRIES = 3;

export class Session extends EventTarget {
  state: SessionState = 'starting';
  account: AccountSummary | null = null;
  /** Set by the server with each sign-in (IDLE_LOCK_MINUTES). */
  idleLockMinutes: number = DEFAULT_IDLE_LOCK_MINUTES;
  /** Resolves when the start-up restore has settled (signed in, signed out or locked). */
  readonly ready: Promise<void>;
  /** Set by the app (the record cache); tests and pages without a cache leave it unset. */
  keeper: PasswordKeeper | null = null;
  #accessToken: string | null = null;
  #heldPassword: { password: string; until: number } | null = null;
  #refreshing: Promise<boolean> | null = null;
  #settle: () => void = () => {};

  constructor(
    private readonly fetchImpl: FetchLike = globalFetch,
    private readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null = safeLocalStorage(),
  ) {
    super();
    this.ready = new Promise((resolve) => {
      this.#settle = resolve;
    });
  }

  get signedIn(): boolean {
    return this.state === 'signed-in';
  }

  /**
   * At app start. A device where someone had a session starts locked, online or not: the records
   * saved here are encrypted under the password, so only the password opens them (and the server
   * checks it again when unlocking online). Elsewhere the visitor is signed out.
   */
  async restore(): Promise<void> {
    if (this.state === 'starting') this.#set(this.lastAccountId !== null ? 'locked' : 'signed-out');
    this.#settle();
  }

  /** The account that last had a session on this device, if any. */
  get lastAccountId(): string | null {
    return this.storage?.getItem(SESSION_HINT_KEY) ?? null;
  }

  /**
   * Takes a signed-in answer (sign-in, e-mail confirmation, reset, unlock, refresh). With the
   * password that was just proven, the device's record cache opens too.
   */
  async accept(granted: SessionGranted, password?: string): Promise<void> {
    this.#accessToken = granted.accessToken;
    this.account = granted.account;
    if (granted.idleLockMinutes) this.idleLockMinutes = granted.idleLockMinutes;
    this.storage?.setItem(SESSION_HINT_KEY, granted.account.id);
    const proven = password ?? this.#takeHeldPassword();
    this.#set('signed-in');
    this.#settle();
    // A cache that fails to open (storage trouble) must not fail the sign-in: My Health says so.
    if (proven === undefined) return;
    await this.keeper?.opened(granted.account, proven).catch(() => undefined);
    // The account changed while the cache was opening (the security option set up meanwhile):
    // the copy saved with it is older than the account now, so say so again and the newer one is
    // saved (app-records keeps the sealed copy current). Else an offline unlock brings back the old.
    if (this.account !== granted.account) this.#emit();
  }

  /** Registration: keeps the new password in memory until the e-mail code signs the user in. */
  holdPassword(password: string): void {
    this.#heldPassword = { password, until: Date.now() + HELD_PASSWORD_MS };
  }

  #takeHeldPassword(): string | undefined {
    const held = this.#heldPassword;
    this.#heldPassword = null;
    return held && held.until > Date.now() ? held.password : undefined;
  }

  /** The password was changed here: the record cache's key is wrapped under the new one. */
  async passwordChanged(password: string): Promise<void> {
    await this.keeper?.changed(password);
  }

  updateAccount(account: AccountSummary): void {
    this.account = account;
    this.#emit();
  }

  /** True until the account has chosen an authenticator app or recovery codes. */
  get needsSecurityOption(): boolean {
    return this.account !== null && this.account.securityOption === null;
  }

  /** One refresh at a time: parallel 401s share the same attempt. */
  refresh(): Promise<boolean> {
    this.#refreshing ??= this.#doRefresh().finally(() => {
      this.#refreshing = null;
    });
    return this.#refreshing;
  }

  async #doRefresh(): Promise<boolean> {
    let outcome = await apiRequest<SessionGranted>(this.fetchImpl, API.auth.refresh, { method: 'POST' });
    for (
      let race = 1;
      race <= REFRESH_RACE_RETRIES && outcome.kind === 'problem' && outcome.status === 409;
      race++
    ) {
      // The service worker refreshed at the same moment and the cookie now holds its new token.
      // A random extra wait keeps the two from meeting again on the retry.
      const waitMs = Math.min(outcome.retryAfterSeconds ?? 1, 5) * 1000 + Math.random() * 750;
      await new Promise((resolve) => setTimeout(resolve, waitMs));
      outcome = await apiRequest<SessionGranted>(this.fetchImpl, API.auth.refresh, { method: 'POST' });
    }
    if (outcome.kind === 'ok') {
      await this.accept(outcome.data);
      return true;
    }
    if (outcome.kind === 'problem' && outcome.status === 401) await this.#forget('signed-out');
    return false;
  }

  /** An authorised API call; on 401 it refreshes once and retries, then gives up as signed out. */
  async request<T>(path: string, init: ApiRequest = {}): Promise<ApiOutcome<T>> {
    if (this.state === 'locked') return LOCKED_PROBLEM;
    await this.#tokenAfterOfflineUnlock();
    const first = await this.#authorised<T>(path, init);
    if (first.kind !== 'problem' || first.status !== 401) return first;
    // A wrong password (confirming it, say) is not an expired token: nothing to refresh.
    if (first.problem.type === PROBLEM_TYPES.signInFailed) return first;
    if (!(await this.refresh())) return first;
    return this.#authorised<T>(path, init);
  }

  /** A raw request as the signed-in account, for callers that read the response themselves (outbox). */
  async fetchAsAccount(path: string, init: RequestInit): Promise<Response> {
    const send = () =>
      this.fetchImpl(path, {
        ...init,
        headers: {
          ...(init.headers as Record<string, string>),
          authorization: `Bearer ${this.#accessToken ?? ''}`,
        },
      });
    if (this.state !== 'signed-in') return new Response(null, { status: 401 });
    await this.#tokenAfterOfflineUnlock();
    const first = await send();
    if (first.status !== 401 || !(await this.refresh())) return first;
    return send();
  }

  /** Unlocked offline, the session has no token: the first call trades the refresh cookie for one
   * up front, rather than after a 401 the browser would log as an error. */
  async #tokenAfterOfflineUnlock(): Promise<void> {
    if (this.state === 'signed-in' && this.#accessToken === null) await this.refresh();
  }

  #authorised<T>(path: string, init: ApiRequest): Promise<ApiOutcome<T>> {
    const headers = { ...init.headers };
    if (this.#accessToken) headers.authorization = `Bearer ${this.#accessToken}`;
    return apiRequest<T>(this.fetchImpl, path, { ...init, headers });
  }

  /** Idle lock: forget the access token and the cache's key; only the password brings them back. */
  lock(): void {
    if (this.state !== 'signed-in') return;
    this.#accessToken = null;
    this.keeper?.locked();
    this.#set('locked');
  }

  /**
   * Online, the server checks the password and issues a new access token. Offline, the device's
   * record cache checks it, and the app opens on what is saved here; the first call once back
   * online trades the refresh cookie for a token.
   */
  async unlock(password: string): Promise<UnlockOutcome> {
    const outcome = await apiRequest<SessionGranted>(this.fetchImpl, API.auth.unlock, {
      method: 'POST',
      body: { password },
    });
    if (outcome.kind === 'ok') await this.accept(outcome.data, password);
    else if (outcome.kind === 'problem' && outcome.problem.type === PROBLEM_TYPES.sessionEnded) {
      await this.#forget('signed-out');
    } else if (outcome.kind === 'offline') {
      return this.#unlockOffline(password, outcome);
    }
    return outcome;
  }

  /**
   * Signed in, but the records saved here are not open (they could not open at sign-in, or a
   * registration outlived the password it held): the password opens them, checked by the server
   * when online and against the device's copy when not.
   */
  async openRecords(password: string): Promise<UnlockOutcome> {
    const { keeper, account } = this;
    if (!keeper || !account) return { kind: 'offline-refused', reason: 'no-copy' };
    const checked = await this.request<null>(API.auth.confirmPassword, {
      method: 'POST',
      body: { password },
    });
    if (checked.kind === 'ok') await keeper.opened(account, password);
    return checked.kind === 'offline' ? this.#unlockOffline(password, checked) : checked;
  }

  async #unlockOffline(password: string, offline: ApiOutcome<unknown>): Promise<UnlockOutcome> {
    const accountId = this.lastAccountId;
    if (!this.keeper || !accountId) return offline;
    // Storage trouble on the device reads as "nothing saved here": unlocking then needs a connection.
    const answer = await this.keeper
      .unlockOffline(accountId, password)
      .catch((): OfflineUnlock => ({ kind: 'no-copy' }));
    switch (answer.kind) {
      case 'unlocked':
        this.#accessToken = null;
        this.account = answer.account;
        this.#set('signed-in');
        return { kind: 'offline-unlocked' };
      case 'wait':
        return { kind: 'offline-wait', retryAfterSeconds: answer.retryAfterSeconds };
      default:
        return { kind: 'offline-refused', reason: answer.kind };
    }
  }

  /** Ends this device's session on the server (cookie or token) and forgets it here either way. */
  async signOut(): Promise<void> {
    // The browser's push subscription is the device's, not the account's: whoever signs in next
    // on it must not get this account's notices, nor see them as "on".
    if (this.state === 'signed-in' && typeof window !== 'undefined' && 'PushManager' in window)
      await import('./device-push').then((push) => push.forgetDevicePush()).catch(() => {});
    await this.#authorised<null>(API.auth.signOut, { method: 'POST' });
    await this.#forget('signed-out');
  }

  /** Ends every session of the account; kept signed in here if the server could not be reached. */
  async signOutEverywhere(): Promise<ApiOutcome<null>> {
    const outcome = await this.request<null>(API.auth.signOutEverywhere, { method: 'POST' });
    if (outcome.kind === 'ok') await this.#forget('signed-out');
    return outcome;
  }

  async #forget(state: SessionState): Promise<void> {
    const accountId = this.account?.id ?? this.lastAccountId;
    this.#accessToken = null;
    this.account = null;
    this.#heldPassword = null;
    this.storage?.removeItem(SESSION_HINT_KEY);
    this.#set(state);
    if (accountId) await this.keeper?.signedOut(accountId);
  }

  #set(state: SessionState): void {
    this.state = state;
    this.#emit();
  }

  #emit(): void {
    this.dispatchEvent(new Event(SESSION_CHANGE));
  }
}

function safeLocalStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** The app's one session. Pages and the shell share it; tests make their own Session. */
export const session = new Session();

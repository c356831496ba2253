// The signed-in session: the access token lives only in this object's memory (never in any
// storage), is restored at start from the HttpOnly refresh cookie, and is added to API calls.

import type { AccountSummary, SessionGranted } from '../../core/accounts';
import { DEFAULT_IDLE_LOCK_MINUTES } from '../../core/session-timing';
import { type ApiOutcome, type ApiRequest, apiRequest, type FetchLike, globalFetch } from './api-request';

export type SessionState = 'starting' | 'signed-out' | 'signed-in' | 'locked';

/** Fired on the session whenever state or account changes. */
export const SESSION_CHANGE = 'session-change';

/**
 * A yes/no note that this device had a session, so an offline start can show the lock screen
 * instead of "Sign in". It holds nothing personal and no token.
 */
export const SESSION_HINT_KEY = 'portal.had-session';

const LOCKED_PROBLEM = {
  kind: 'problem',
  status: 401,
  problem: { type: '/problems/locked', title: 'The portal is locked', status: 401 },
  retryAfterSeconds: null,
} as const;

export class Session extends EventTarget {
  state: SessionState = 'starting';
  account: AccountSummary | null = null;
  /** Set by the server with each sign-in (IDLE_LOCK_MINUTES). */
  idleLockMinutes: number = DEFAULT_IDLE_LOCK_MINUTES;
  /** Resolves when the start-up restore has settled (signed in, signed out or locked). */
  readonly ready: Promise<void>;
  #accessToken: string | null = null;
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

  /** At app start: trade the refresh cookie for an access token, if there is one. */
  async restore(): Promise<void> {
    // A device where nobody signed in has no cookie to trade; asking would only log a 401.
    const restored = this.#hint() ? await this.refresh() : false;
    if (!restored && this.state === 'starting') {
      // Offline with a session on this device: lock rather than pretend to be signed out.
      this.#set(this.#hint() ? 'locked' : 'signed-out');
    }
    this.#settle();
  }

  /** Takes a signed-in answer (sign-in, e-mail confirmation, reset, unlock, refresh). */
  accept(granted: SessionGranted): void {
    this.#accessToken = granted.accessToken;
    this.account = granted.account;
    if (granted.idleLockMinutes) this.idleLockMinutes = granted.idleLockMinutes;
    this.storage?.setItem(SESSION_HINT_KEY, '1');
    this.#set('signed-in');
    this.#settle();
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
    let outcome = await apiRequest<SessionGranted>(this.fetchImpl, '/api/auth/refresh', { method: 'POST' });
    if (outcome.kind === 'problem' && outcome.status === 409) {
      // The service worker refreshed at the same moment and the cookie now holds its new token.
      const waitSeconds = Math.min(outcome.retryAfterSeconds ?? 1, 5);
      await new Promise((resolve) => setTimeout(resolve, waitSeconds * 1000));
      outcome = await apiRequest<SessionGranted>(this.fetchImpl, '/api/auth/refresh', { method: 'POST' });
    }
    if (outcome.kind === 'ok') {
      this.accept(outcome.data);
      return true;
    }
    if (outcome.kind === 'problem' && outcome.status === 401) this.#forget('signed-out');
    return false;
  }

  /** An authorised API call; on 401 it refreshes once and retries, then gives up as signed out. */
  async request<T>(path: string, init: ApiRequest = {}): Promise<ApiOutcome<T>> {
    if (this.state === 'locked') return LOCKED_PROBLEM;
    const first = await this.#authorised<T>(path, init);
    if (first.kind !== 'problem' || first.status !== 401) return first;
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
    const first = await send();
    if (first.status !== 401 || !(await this.refresh())) return first;
    return send();
  }

  #authorised<T>(path: string, init: ApiRequest): Promise<ApiOutcome<T>> {
    const headers = { ...init.headers };
    if (this.#accessToken) headers.authorization = `Bearer ${this.#accessToken}`;
    return apiRequest<T>(this.fetchImpl, path, { ...init, headers });
  }

  /** Idle lock: forget the access token; only the password (POST /unlock) brings it back. */
  lock(): void {
    if (this.state !== 'signed-in') return;
    this.#accessToken = null;
    this.#set('locked');
  }

  async unlock(password: string): Promise<ApiOutcome<SessionGranted>> {
    const outcome = await apiRequest<SessionGranted>(this.fetchImpl, '/api/auth/unlock', {
      method: 'POST',
      body: { password },
    });
    if (outcome.kind === 'ok') this.accept(outcome.data);
    else if (outcome.kind === 'problem' && outcome.problem.type === '/problems/session-ended') {
      this.#forget('signed-out');
    }
    return outcome;
  }

  /** Ends this device's session on the server (cookie or token) and forgets it here either way. */
  async signOut(): Promise<void> {
    await this.#authorised<null>('/api/auth/sign-out', { method: 'POST' });
    this.#forget('signed-out');
  }

  /** Ends every session of the account; kept signed in here if the server could not be reached. */
  async signOutEverywhere(): Promise<ApiOutcome<null>> {
    const outcome = await this.request<null>('/api/auth/sign-out-everywhere', { method: 'POST' });
    if (outcome.kind === 'ok') this.#forget('signed-out');
    return outcome;
  }

  #forget(state: SessionState): void {
    this.#accessToken = null;
    this.account = null;
    this.storage?.removeItem(SESSION_HINT_KEY);
    this.#set(state);
  }

  #hint(): boolean {
    return this.storage?.getItem(SESSION_HINT_KEY) === '1';
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

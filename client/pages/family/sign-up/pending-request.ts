// Carries a family member's request from "Sign up today" across a reload of this tab: the request's
// opaque id and when its passcode expires survive (sessionStorage, this tab only); the names stay
// in memory, and the passcode is never stored anywhere.
const KEY = 'portal.family-request';

export interface PendingRequest {
  requestId: string;
  expiresAt: string | null;
  /** In memory only: gone after a reload. */
  patientName: string | null;
  requesterName: string | null;
  email: string | null;
}

let memory: PendingRequest | null = null;

export function rememberRequest(request: PendingRequest): void {
  memory = request;
  try {
    sessionStorage.setItem(
      KEY,
      JSON.stringify({ requestId: request.requestId, expiresAt: request.expiresAt }),
    );
  } catch {
    // Blocked storage: the request still works until the tab reloads.
  }
}

export function currentRequest(): PendingRequest | null {
  if (memory) return memory;
  try {
    const stored = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as {
      requestId?: unknown;
      expiresAt?: unknown;
    } | null;
    if (stored && typeof stored.requestId === 'string' && stored.requestId !== '') {
      return {
        requestId: stored.requestId,
        expiresAt: typeof stored.expiresAt === 'string' ? stored.expiresAt : null,
        patientName: null,
        requesterName: null,
        email: null,
      };
    }
  } catch {
    // Nothing readable stored.
  }
  return null;
}

export function forgetRequest(): void {
  memory = null;
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // Nothing stored.
  }
}

// The token of a family access invitation: taken from the e-mailed link's #token=… and removed from
// the address bar and history at once, then kept in this tab (memory, and sessionStorage so a
// reload during sign-in or sign-up keeps it) until it is accepted or found to be used.
const KEY = 'portal.family-invitation';

let memory: string | null = null;

export function takeInvitationToken(): string | null {
  const params = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  const fromLink = params.get('token');
  if (window.location.hash !== '') {
    window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
  }
  if (fromLink) {
    keep(fromLink);
    return fromLink;
  }
  if (memory) return memory;
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

function keep(token: string): void {
  memory = token;
  try {
    sessionStorage.setItem(KEY, token);
  } catch {
    // Blocked storage: memory carries it through a sign-in in this tab.
  }
}

export function forgetInvitationToken(): void {
  memory = null;
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // Nothing stored.
  }
}

/** Whether an invitation waits in this tab (after a sign-up, say), without touching the address. */
export function invitationWaiting(): boolean {
  if (memory) return true;
  try {
    return sessionStorage.getItem(KEY) !== null;
  } catch {
    return false;
  }
}

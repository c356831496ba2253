// Carries a registration from the sign-up form to the e-mail confirmation page. The attempt's
// opaque id survives a reload (sessionStorage, this tab only); the e-mail stays in memory.
const KEY = 'portal.registration-id';

let pendingEmail: string | null = null;

export function rememberRegistration(registrationId: string, email: string): void {
  pendingEmail = email;
  try {
    sessionStorage.setItem(KEY, registrationId);
  } catch {
    // Blocked storage: confirmation still works until the tab reloads.
    memoryId = registrationId;
  }
}

let memoryId: string | null = null;

export function currentRegistration(): { registrationId: string; email: string | null } | null {
  let id = memoryId;
  try {
    id = sessionStorage.getItem(KEY) ?? memoryId;
  } catch {
    // Fall back to the in-memory copy.
  }
  return id ? { registrationId: id, email: pendingEmail } : null;
}

export function forgetRegistration(): void {
  pendingEmail = null;
  memoryId = null;
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // Nothing stored.
  }
}

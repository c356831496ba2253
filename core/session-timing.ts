// How long an idle app stays unlocked. Kept apart from core/accounts.ts (which needs zod) so the
// app shell can use it without loading the form code. The server may configure another duration
// (IDLE_LOCK_MINUTES) and sends it with every sign-in.
export const DEFAULT_IDLE_LOCK_MINUTES = 15;
export const IDLE_WARNING_SECONDS = 60;

// The event the security option components send when the user has finished setting one up.
import type { AccountSummary } from '../../../core/accounts';

export const SECURITY_DONE_EVENT = 'security-done';

export type SecurityDoneEvent = CustomEvent<{ account: AccountSummary | null }>;

export function securityDone(source: EventTarget, account: AccountSummary | null): void {
  source.dispatchEvent(
    new CustomEvent(SECURITY_DONE_EVENT, { detail: { account }, bubbles: true, composed: true }),
  );
}

declare global {
  interface HTMLElementEventMap {
    [SECURITY_DONE_EVENT]: SecurityDoneEvent;
  }
}

// How a page asks the shell to open another page (after signing in, say) without knowing the
// router: a bubbling, composed event the shell's RouterController answers.
export const NAVIGATE_EVENT = 'portal-navigate';

export interface NavigateDetail {
  /** A path, optionally with a query ("/sign-in?next=/messages"); never anything personal. */
  to: string;
  replace?: boolean;
}

export type NavigateEvent = CustomEvent<NavigateDetail>;

export function navigateFrom(source: EventTarget, to: string, replace = false): void {
  source.dispatchEvent(
    new CustomEvent<NavigateDetail>(NAVIGATE_EVENT, {
      detail: { to, replace },
      bubbles: true,
      composed: true,
    }),
  );
}

declare global {
  interface HTMLElementEventMap {
    [NAVIGATE_EVENT]: NavigateEvent;
  }
}

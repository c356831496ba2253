// Client-side navigation with the History API: follows same-origin links to known pages without a
// reload, handles Back/Forward, and tells the host which path to show and why it changed.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { NAVIGATE_EVENT, type NavigateEvent } from './navigate';
import { findRoute, normalizePath } from './routes';

/** 'initial' is the first paint (no focus move); 'push' and 'pop' are the user's navigations. */
export type NavigationKind = 'initial' | 'push' | 'pop';

type Host = ReactiveControllerHost & HTMLElement;

export class RouterController implements ReactiveController {
  path = normalizePath(window.location.pathname);

  constructor(
    private readonly host: Host,
    private readonly onChange: (path: string, kind: NavigationKind) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('popstate', this.onPopState);
    // Clicks inside the shell's shadow root bubble (composed) to the host element.
    this.host.addEventListener('click', this.onClick);
    this.host.addEventListener(NAVIGATE_EVENT, this.onNavigateRequest);
    this.onChange(this.path, 'initial');
  }

  hostDisconnected(): void {
    window.removeEventListener('popstate', this.onPopState);
    this.host.removeEventListener('click', this.onClick);
    this.host.removeEventListener(NAVIGATE_EVENT, this.onNavigateRequest);
  }

  /**
   * Shows `url` (a path, optionally with a query such as ?next=/messages). `replace` swaps the
   * history entry, for redirects the user never chose (Back must not bounce them again).
   */
  navigate(url: string, { replace = false }: { replace?: boolean } = {}): void {
    const target = new URL(url, window.location.origin);
    const path = normalizePath(target.pathname);
    const address = path + target.search;
    if (address !== window.location.pathname + window.location.search) {
      window.history[replace ? 'replaceState' : 'pushState'](null, '', address);
    }
    this.path = path;
    this.onChange(path, 'push');
  }

  private readonly onPopState = (): void => {
    this.path = normalizePath(window.location.pathname);
    this.onChange(this.path, 'pop');
  };

  private readonly onClick = (event: MouseEvent): void => {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = event
      .composedPath()
      .find((node): node is HTMLAnchorElement => node instanceof HTMLAnchorElement);
    if (anchor === undefined) return;
    if (anchor.target !== '' || anchor.hasAttribute('download')) return;
    const url = new URL(anchor.href, window.location.href);
    // Only our own pages are handled here; files, the API and other sites load normally.
    if (url.origin !== window.location.origin || !findRoute(url.pathname)) return;
    event.preventDefault();
    this.navigate(url.pathname + url.search);
  };

  private readonly onNavigateRequest = (event: NavigateEvent): void => {
    event.stopPropagation();
    this.navigate(event.detail.to, { replace: event.detail.replace ?? false });
  };
}

// Client-side navigation with the History API: follows same-origin links to known pages without a
// reload, handles Back/Forward, and tells the host which path to show and why it changed.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
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
    this.onChange(this.path, 'initial');
  }

  hostDisconnected(): void {
    window.removeEventListener('popstate', this.onPopState);
    this.host.removeEventListener('click', this.onClick);
  }

  navigate(pathname: string): void {
    const path = normalizePath(pathname);
    if (path !== this.path) window.history.pushState(null, '', path);
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
    this.navigate(url.pathname);
  };
}

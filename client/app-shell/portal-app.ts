// <portal-app>: the app shell. Header (practice name, connection status), navigation, and the main
// area where the current page, loaded on demand, is shown.
import { html, LitElement, nothing } from 'lit';
import type { PracticeInfo } from '../../core/practice';
import '../components/connection-status';
import { icon, logo } from '../components/icons';
import { PracticeController } from '../data/practice-controller';
import { practiceName } from '../data/practice-labels';
import { type NavigationKind, RouterController } from '../router/router-controller';
import { type Route, resolveRoute, routes } from '../router/routes';
import { applyDocumentMeta } from './document-meta';
import { navList } from './nav-list';
import { shellStyles } from './shell-styles';

type LoadState = 'loading' | 'ready' | 'failed';

export class PortalApp extends LitElement {
  static override styles = shellStyles;

  static override properties = {
    route: { state: true },
    loadState: { state: true },
    menuOpen: { state: true },
  };

  declare route: Route;
  declare loadState: LoadState;
  declare menuOpen: boolean;

  /** Exposed so tests and later features (sign-in) can read or await the practice's details. */
  readonly practiceController = new PracticeController(this);
  readonly router: RouterController;
  private navToken = 0;

  constructor() {
    super();
    this.route = resolveRoute(window.location.pathname);
    this.loadState = 'loading';
    this.menuOpen = false;
    this.router = new RouterController(this, (path, kind) => void this.show(path, kind));
  }

  get practiceInfo(): PracticeInfo | null {
    return this.practiceController.value;
  }

  private async show(path: string, kind: NavigationKind): Promise<void> {
    const token = ++this.navToken;
    const route = resolveRoute(path);
    this.route = route;
    this.menuOpen = false;
    try {
      await route.load();
      if (token !== this.navToken) return;
      this.loadState = 'ready';
    } catch {
      // Offline before this page was ever saved, or a deploy replaced its file.
      if (token !== this.navToken) return;
      this.loadState = 'failed';
    }
    if (kind === 'initial') return;
    await this.updateComplete;
    window.scrollTo({ top: 0 });
    await this.focusHeading();
  }

  /** After a navigation, move focus to the new page's h1 so screen readers announce it. */
  private async focusHeading(): Promise<void> {
    const main = this.renderRoot.querySelector('main');
    const page = main?.firstElementChild;
    if (page instanceof LitElement) await page.updateComplete;
    const heading = page?.shadowRoot?.querySelector('h1') ?? main?.querySelector('h1') ?? main;
    heading?.focus();
  }

  override willUpdate(): void {
    applyDocumentMeta(this.route.label, this.practiceInfo);
  }

  private toggleMenu(): void {
    this.menuOpen = !this.menuOpen;
  }

  private onKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape' && this.menuOpen) {
      this.menuOpen = false;
      this.renderRoot.querySelector<HTMLButtonElement>('.menu-button')?.focus();
    }
  }

  private skipToContent(): void {
    // A button, not an "#main" link: fragment links can't reach ids inside a shadow root.
    this.renderRoot.querySelector('main')?.focus();
  }

  private renderPage() {
    if (this.loadState === 'ready') return this.route.render(this.practiceInfo);
    if (this.loadState === 'failed') {
      return html`<h1 tabindex="-1">${this.route.label}</h1>
        <p class="load-failed">
          This page has not been saved on this device yet, so it can't open while you're offline. It will
          open once you're connected again. <a href="/">Go to Home</a>
        </p>`;
    }
    return html`<p class="loading">Loading…</p>`;
  }

  override render() {
    return html`<button class="skip-link" type="button" @click=${this.skipToContent}>Skip to content</button>
      <header @keydown=${this.onKeydown}>
        <button
          class="menu-button"
          type="button"
          aria-expanded=${this.menuOpen ? 'true' : 'false'}
          aria-controls="main-nav"
          @click=${this.toggleMenu}
        >
          ${icon(this.menuOpen ? 'close' : 'menu')}<span>Menu</span>
        </button>
        <a class="brand" href="/">${logo()}<span>${practiceName(this.practiceInfo)}</span></a>
        <connection-status class="status"></connection-status>
      </header>
      <div class="layout" @keydown=${this.onKeydown}>
        <nav id="main-nav" class=${this.menuOpen ? 'open' : nothing} aria-label="Main">
          ${navList(routes, this.route.path)}
        </nav>
        <main id="main" tabindex="-1">${this.renderPage()}</main>
      </div>`;
  }
}

customElements.define('portal-app', PortalApp);

declare global {
  interface HTMLElementTagNameMap {
    'portal-app': PortalApp;
  }
}

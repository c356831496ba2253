// <portal-app>: the app shell. Header (practice name, connection status, account), navigation, the
// main area where the current page, loaded on demand, is shown, and the idle lock around it all.
import { html, LitElement, nothing } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import type { PracticeInfo } from '../../core/practice';
import '../components/account-switcher';
import '../components/connection-status';
import { icon, logo } from '../components/icons';
import { forgetPeople } from '../data/family-api';
import { type IdleClock, IdleLock, realClock } from '../data/idle-lock';
import { PracticeController } from '../data/practice-controller';
import { practiceName } from '../data/practice-labels';
import { forgetSelectedPatient } from '../data/records/selected-person';
import { loadAppRecords } from '../data/records-keeper';
import { session as appSession, SESSION_CHANGE, type Session } from '../data/session';
import { type NavigationKind, RouterController } from '../router/router-controller';
import { navRoutes, type Route, resolveRoute, safeNext, signInHref } from '../router/routes';
import { viewOf } from '../router/views';
import { applyDocumentMeta } from './document-meta';
import './idle-warning';
import { navList } from './nav-list';
import { shellStyles } from './shell-styles';

type LoadState = 'loading' | 'ready' | 'failed';

export class PortalApp extends LitElement {
  static override styles = shellStyles;

  static override properties = {
    route: { state: true },
    loadState: { state: true },
    menuOpen: { state: true },
    idleWarningSeconds: { state: true },
    lockScreenReady: { state: true },
  };

  declare route: Route;
  declare loadState: LoadState;
  declare menuOpen: boolean;
  /** Seconds left when the idle warning opened; null while it is closed. */
  declare idleWarningSeconds: number | null;
  declare lockScreenReady: boolean;

  /** Exposed so tests and later features (sign-in) can read or await the practice's details. */
  readonly practiceController = new PracticeController(this);
  readonly router: RouterController;
  /** Replaceable before connecting, so tests can drive the idle lock with a fake clock. */
  session: Session = appSession;
  idleClock: IdleClock = realClock;
  private idleLock: IdleLock | null = null;
  private navToken = 0;
  /** Counts the account switcher's choices: a page about the chosen person opens afresh on each. */
  private personPicks = 0;

  constructor() {
    super();
    this.route = resolveRoute(window.location.pathname);
    this.loadState = 'loading';
    this.menuOpen = false;
    this.idleWarningSeconds = null;
    this.lockScreenReady = false;
    this.router = new RouterController(this, (path, kind) => void this.show(path, kind));
  }

  get practiceInfo(): PracticeInfo | null {
    return this.practiceController.value;
  }

  override connectedCallback(): void {
    this.session.addEventListener(SESSION_CHANGE, this.onSessionChange);
    super.connectedCallback();
    if (this.session.state === 'starting') void this.session.restore();
    else this.onSessionChange();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.session.removeEventListener(SESSION_CHANGE, this.onSessionChange);
    this.idleLock?.stop();
    this.idleLock = null;
    this.stopOutbox?.();
    this.stopOutbox = null;
    this.stopRecordSync?.();
    this.stopRecordSync = null;
  }

  private readonly onSessionChange = (): void => {
    const state = this.session.state;
    if (state === 'signed-in') {
      this.startIdleLock();
      void this.startOutbox();
      if (this.session.keeper) void this.startRecordSync();
    } else {
      this.stopIdleLock();
      // Locked or signed out: the service worker still delivers queued changes in the background.
      this.stopOutbox?.();
      this.stopOutbox = null;
      this.stopRecordSync?.();
      this.stopRecordSync = null;
    }
    if (state === 'locked') void this.loadLockScreen();
    if (state === 'signed-out') {
      // Nobody's names or choice of person outlive the session in memory.
      forgetPeople();
      forgetSelectedPatient();
    }
    // A session that ended (elsewhere, or expired) must not leave an account page on screen.
    if (state === 'signed-out' && this.route.access === 'account') {
      this.router.navigate(signInHref(this.route.path), { replace: true });
    }
    this.requestUpdate();
  };

  private stopOutbox: (() => void) | null = null;

  /** Replays changes queued offline while someone is signed in; loaded on demand (Dexie, jose). */
  private async startOutbox(): Promise<void> {
    if (this.stopOutbox) return;
    const { startOutbox } = await import('../data/outbox');
    // A delivered change is brought into the device's copies by a sync, whichever page is open.
    const syncAfterDelivery = () => void loadAppRecords().then((records) => records.syncNow());
    if (this.session.state === 'signed-in' && !this.stopOutbox)
      this.stopOutbox = startOutbox(this.session, syncAfterDelivery);
  }

  private stopRecordSync: (() => void) | null = null;

  /** Keeps the records saved on this device in step with the server while signed in. */
  private async startRecordSync(): Promise<void> {
    if (this.stopRecordSync) return;
    const { startRecordSync } = await loadAppRecords();
    if (this.session.state === 'signed-in' && !this.stopRecordSync)
      this.stopRecordSync = startRecordSync(this.session);
  }

  private startIdleLock(): void {
    if (this.idleLock) return;
    this.idleLock = new IdleLock({
      clock: this.idleClock,
      lockAfterMs: this.session.idleLockMinutes * 60_000,
      onWarn: (seconds) => {
        this.idleWarningSeconds = seconds;
      },
      onLock: () => {
        this.idleWarningSeconds = null;
        this.session.lock();
      },
    });
    this.idleLock.start();
  }

  private stopIdleLock(): void {
    this.idleLock?.stop();
    this.idleLock = null;
    this.idleWarningSeconds = null;
  }

  private staySignedIn(): void {
    this.idleWarningSeconds = null;
    this.idleLock?.stayActive();
  }

  private async loadLockScreen(): Promise<void> {
    await import('../pages/lock/lock-screen');
    this.lockScreenReady = true;
  }

  /** Where this route sends the user instead, given the session; null to show it. */
  private redirectFor(route: Route): string | null {
    const { state } = this.session;
    if (route.access === 'account' && state === 'signed-out') return signInHref(route.path);
    if (route.access === 'account' && this.session.needsSecurityOption && route.path !== '/security-setup') {
      return '/security-setup';
    }
    if (route.access === 'guest' && state === 'signed-in') {
      return route.path === '/sign-in' ? safeNext(window.location.search) : '/';
    }
    return null;
  }

  private async show(path: string, kind: NavigationKind): Promise<void> {
    const token = ++this.navToken;
    const route = resolveRoute(path);
    this.route = route;
    this.menuOpen = false;
    if (route.access !== 'public' && this.session.state === 'starting') {
      this.loadState = 'loading';
      await this.session.ready;
      if (token !== this.navToken) return;
    }
    const redirect = this.redirectFor(route);
    if (redirect !== null) {
      this.router.navigate(redirect, { replace: true });
      return;
    }
    try {
      await viewOf(route).load();
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
    applyDocumentMeta(this.session.state === 'locked' ? 'Locked' : this.route.label, this.practiceInfo);
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

  private async signOut(): Promise<void> {
    await this.session.signOut();
    this.router.navigate('/sign-in');
  }

  private renderAccount() {
    const { state, account } = this.session;
    if (state === 'starting') return nothing;
    if (state === 'signed-out') {
      return this.route.path === '/sign-in'
        ? nothing
        : html`<a class="account-link" href=${signInHref(this.route.access === 'account' ? this.route.path : '/')}
            >Sign in</a
          >`;
    }
    return html`<div class="account">
      ${account ? html`<span class="account-name">${account.displayName}</span>` : nothing}
      <button class="account-link" type="button" @click=${this.signOut}>Sign out</button>
    </div>`;
  }

  private readonly onPersonPicked = (): void => {
    if (this.route.person) {
      this.personPicks += 1;
      this.requestUpdate();
    }
  };

  /** Signed in: whose record is open, when the account may see more than one person. */
  private renderSwitcher() {
    if (this.session.state !== 'signed-in') return nothing;
    return html`<account-switcher
      class="switcher"
      .session=${this.session}
      ?clinical=${this.route.person === 'clinical'}
      @person-picked=${this.onPersonPicked}
    ></account-switcher>`;
  }

  private renderPage() {
    if (this.session.state === 'locked') {
      return this.lockScreenReady
        ? html`<lock-screen .session=${this.session} .account=${this.session.account}></lock-screen>`
        : html`<p class="loading">Loading…</p>`;
    }
    if (this.loadState === 'ready') {
      const page = viewOf(this.route).render(this.practiceInfo);
      return this.route.person ? keyed(this.personPicks, page) : page;
    }
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
    const locked = this.session.state === 'locked';
    return html`<button class="skip-link" type="button" @click=${this.skipToContent}>Skip to content</button>
      <header @keydown=${this.onKeydown}>
        ${
          locked
            ? nothing
            : html`<button
              class="menu-button"
              type="button"
              aria-expanded=${this.menuOpen ? 'true' : 'false'}
              aria-controls="main-nav"
              @click=${this.toggleMenu}
            >
              ${icon(this.menuOpen ? 'close' : 'menu')}<span>Menu</span>
            </button>`
        }
        <a class="brand" href="/">${logo()}<span>${practiceName(this.practiceInfo)}</span></a>
        ${this.renderAccount()}
        <connection-status class="status"></connection-status>
        ${this.renderSwitcher()}
      </header>
      <div class="layout" @keydown=${this.onKeydown}>
        ${
          locked
            ? nothing
            : html`<nav id="main-nav" class=${this.menuOpen ? 'open' : nothing} aria-label="Main">
              ${navList(navRoutes, this.route.path, this.session.state === 'signed-out')}
            </nav>`
        }
        <main id="main" tabindex="-1">${this.renderPage()}</main>
      </div>
      <idle-warning
        .open=${this.idleWarningSeconds !== null}
        .seconds=${this.idleWarningSeconds ?? 60}
        @stay-signed-in=${this.staySignedIn}
      ></idle-warning>`;
  }
}

customElements.define('portal-app', PortalApp);

declare global {
  interface HTMLElementTagNameMap {
    'portal-app': PortalApp;
  }
}

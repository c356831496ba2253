// <home-page>: the welcome page, with the practice's name and a tile for every area of the portal.
import { css, html, LitElement } from 'lit';
import type { PracticeInfo } from '../../../core/practice';
import { icon } from '../../components/icons';
import { pageStyles } from '../../components/page-styles';
import { SessionController } from '../../data/session-controller';
import { findRoute, navRoutes, type Route } from '../../router/routes';
import './home-messages';

const summaries: Record<string, string> = {
  '/messages': 'Write securely to your providers',
  '/my-health': 'Medications, allergies, results and more',
  '/health-records': 'View, download or send your health record',
  '/billing': 'Statements and billing questions',
  '/family-access': 'Share access with family and caregivers',
  '/profile': 'Personal information and security',
  '/help': 'Contacts, offices and answers',
  '/practice/inbox': "Answer patients' messages",
};

/** Staff accounts answer patients' messages: their tile comes first. */
const practiceInbox = findRoute('/practice/inbox');

const tile = (route: Route) =>
  html`<li>
    <a class="tile" href=${route.path}
      >${icon(route.icon)}<span><strong>${route.label}</strong> <span>${summaries[route.path]}</span></span></a
    >
  </li>`;

export class HomePage extends LitElement {
  static override properties = { practice: { attribute: false } };

  static override styles = [
    ...pageStyles,
    css`
      ul.tiles {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr));
        gap: 0.75rem;
        margin: 1.5rem 0 0;
        padding: 0;
        list-style: none;
      }
      ul.tiles li {
        max-width: none;
        margin: 0;
      }
      .tile {
        display: flex;
        align-items: flex-start;
        gap: 0.875rem;
        height: 100%;
        min-height: 4.5rem;
        padding: 1rem;
        border: 1px solid var(--border);
        border-radius: var(--radius);
        background: var(--surface);
        color: var(--text);
        text-decoration: none;
      }
      .tile:hover {
        border-color: var(--accent);
        background: var(--accent-soft);
      }
      .tile .icon {
        flex: none;
        width: 2.5rem;
        height: 2.5rem;
        padding: 0.5rem;
        border-radius: 0.625rem;
        background: var(--accent-soft);
        color: var(--accent-strong);
      }
      .tile strong {
        display: block;
        color: var(--accent-strong);
        font-size: 1.0625rem;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.75rem;
      }
      .button {
        display: inline-flex;
        align-items: center;
        min-height: var(--tap);
        padding: 0 1.25rem;
        border: 2px solid var(--accent);
        border-radius: 0.5rem;
        background: var(--accent);
        color: #fff;
        font-weight: 700;
        text-decoration: none;
      }
      .button.secondary {
        background: var(--surface);
        color: var(--accent-strong);
      }
      .tile span span {
        color: var(--muted);
        font-size: 0.9375rem;
      }
    `,
  ];

  declare practice: PracticeInfo | null;
  private readonly sessionController = new SessionController(this);

  constructor() {
    super();
    this.practice = null;
  }

  override render() {
    const name = this.practice?.name;
    const { account, state } = this.sessionController.session;
    const staff = state === 'signed-in' && account?.role === 'staff';
    const greeting = account ? `Hello, ${account.displayName}` : name ? `Welcome to ${name}` : 'Welcome';
    return html`<h1 tabindex="-1">${greeting}</h1>
      <p class="lead">
        Your patient portal keeps your health information with you: read it on your phone or computer, also when
        you have no signal.
      </p>
      ${
        state === 'signed-out'
          ? html`<p class="actions">
            <a class="button" href="/sign-in">Sign in</a> <a class="button secondary" href="/sign-up">Sign up today</a>
          </p>`
          : ''
      }
      ${state === 'signed-in' && !staff ? html`<home-messages></home-messages>` : ''}
      <ul class="tiles">
        ${staff && practiceInbox ? tile(practiceInbox) : ''}
        ${navRoutes.filter((route) => route.path !== '/').map(tile)}
      </ul>`;
  }
}

customElements.define('home-page', HomePage);

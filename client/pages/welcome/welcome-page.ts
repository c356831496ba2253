// <welcome-page>: where registration ends: you are signed in, and what you can do next.
import { html, LitElement } from 'lit';
import type { PracticeInfo } from '../../../core/practice';
import { pageStyles } from '../../components/page-styles';
import { SessionController } from '../../data/session-controller';

export class WelcomePage extends LitElement {
  static override properties = { practice: { attribute: false } };
  static override styles = pageStyles;

  declare practice: PracticeInfo | null;
  private readonly sessionController = new SessionController(this);

  constructor() {
    super();
    this.practice = null;
  }

  override render() {
    const name = this.sessionController.session.account?.displayName;
    return html`<h1 tabindex="-1">Welcome${name ? `, ${name}` : ''}</h1>
      <p class="lead">
        Your account is ready and you are signed in to your ${this.practice?.name ?? 'patient'} portal.
      </p>
      <section class="card" aria-labelledby="next">
        <h2 id="next">What you can do next</h2>
        <ul>
          <li><a href="/my-health">See your health information</a>: medications, allergies, results and more.</li>
          <li><a href="/messages">Write securely to your care team</a>.</li>
          <li><a href="/health-records">View, download or send your health record</a>.</li>
          <li><a href="/profile">Update personal information</a> such as your address and phone numbers.</li>
          <li><a href="/family-access">Family access settings</a>: share access with people who help care for you.</li>
        </ul>
      </section>
      <p class="note">
        For your safety, the portal locks itself after 15 minutes without use. Your password unlocks it again.
      </p>
      <p><a href="/">Go to Home</a></p>`;
  }
}

customElements.define('welcome-page', WelcomePage);

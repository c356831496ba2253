// <profile-page>: "Update personal information", notifications on this device, the sign-in e-mail,
// security settings, and the ways to the activity history and Family access settings.
import { css, html, LitElement, nothing } from 'lit';
import type { Profile } from '../../../core/accounts';
import { failureText } from '../../components/forms/form-feedback';
import { formStyles } from '../../components/forms/form-styles';
import { pageStyles } from '../../components/page-styles';
import { getProfile } from '../../data/accounts-api';
import './device-notifications';
import './device-storage';
import './email-change';
import './profile-form';
import './security-settings';

export class ProfilePage extends LitElement {
  static override styles = [
    ...pageStyles,
    formStyles,
    css`
      section + section {
        margin-top: 2rem;
      }
      .profile-links {
        display: flex;
        flex-wrap: wrap;
        gap: 0 1.5rem;
        padding: 0;
        list-style: none;
      }
      .profile-links li + li {
        margin-top: 0;
      }
    `,
  ];

  static override properties = { profile: { state: true }, alert: { state: true } };
  declare profile: Profile | null;
  declare alert: string | null;

  constructor() {
    super();
    this.profile = null;
    this.alert = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    this.alert = null;
    const outcome = await getProfile();
    if (outcome.kind === 'ok') this.profile = outcome.data;
    else this.alert = failureText(outcome, 'Opening your profile');
  }

  private onSaved(event: CustomEvent<Profile>): void {
    this.profile = event.detail;
  }

  override render() {
    return html`<h1 tabindex="-1">Profile</h1>
      <p class="lead">Your personal information and the security of your account.</p>
      <ul class="profile-links">
        <li><a class="inline-link" href="/activity">See your activity history</a></li>
        <li><a class="inline-link" href="/family-access">Family access settings</a></li>
      </ul>
      ${
        this.alert
          ? html`<div class="alert" role="alert"><p>${this.alert}</p>
            <p><button class="button secondary" type="button" @click=${this.load}>Try again</button></p></div>`
          : nothing
      }
      ${
        this.profile
          ? html`<section aria-labelledby="personal">
              <h2 id="personal">Update personal information</h2>
              <profile-form .profile=${this.profile} @profile-saved=${this.onSaved}></profile-form>
            </section>
            <section aria-labelledby="device-notifications">
              <h2 id="device-notifications">Notifications on this device</h2>
              <device-notifications></device-notifications>
            </section>
            <section aria-labelledby="email">
              <h2 id="email">E-mail address</h2>
              <email-change .profile=${this.profile} @profile-saved=${this.onSaved}></email-change>
            </section>
            <section aria-labelledby="security">
              <h2 id="security">Security settings</h2>
              <security-settings></security-settings>
            </section>`
          : this.alert
            ? nothing
            : html`<p role="status">Loading your information…</p>`
      }
      <section aria-labelledby="this-device">
        <h2 id="this-device">This device</h2>
        <device-storage></device-storage>
      </section>`;
  }
}

customElements.define('profile-page', ProfilePage);

declare global {
  interface HTMLElementTagNameMap {
    'profile-page': ProfilePage;
  }
}

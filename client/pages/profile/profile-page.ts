// <profile-page>: the patient's personal details and account security. Says what the page will
// offer until accounts arrive in a later release.
import { LitElement } from 'lit';
import { comingSoon } from '../../components/coming-soon';
import { pageStyles } from '../../components/page-styles';

export class ProfilePage extends LitElement {
  static override styles = pageStyles;

  override render() {
    return comingSoon({
      title: 'Profile',
      intro: 'Your personal information and the security of your account.',
      features: [
        'Update personal information such as your address, phone number and e-mail',
        'Change your password',
        'Your security option: an authenticator app or one-time recovery codes',
        'Your activity history: every time your records were viewed, downloaded or sent',
        'Sign out, and remove your saved information from this device',
      ],
    });
  }
}

customElements.define('profile-page', ProfilePage);

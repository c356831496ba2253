// <family-access-page>: family access settings for caregivers. Says what the page will offer
// until it arrives in a later release.
import { LitElement } from 'lit';
import { comingSoon } from '../../components/coming-soon';
import { pageStyles } from '../../components/page-styles';

export class FamilyAccessPage extends LitElement {
  static override styles = pageStyles;

  override render() {
    return comingSoon({
      title: 'Family access',
      intro:
        'Family access settings let parents, guardians and caregivers see the records of the people they look after and write to their providers.',
      features: [
        'Invite Family Member: give someone Full access or Billing only access to your account',
        'Change a family member’s access level, or remove their access at any time',
        'The people whose records you may see, and switching between them',
        'Requests to see another person’s account: that person receives a temporary passcode, and sharing it with you is their consent',
      ],
      note: 'Age rules protect children: no one under 13 can have an account or be invited. From 13, a family member has Billing only access unless the teen grants Full access; from 18, the patient decides.',
    });
  }
}

customElements.define('family-access-page', FamilyAccessPage);

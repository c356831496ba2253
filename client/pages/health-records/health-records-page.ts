// <health-records-page>: view, download and send the Consolidated Clinical Summary. Says what the
// page will offer until it arrives in a later release.
import { LitElement } from 'lit';
import { comingSoon } from '../../components/coming-soon';
import { pageStyles } from '../../components/page-styles';

export class HealthRecordsPage extends LitElement {
  static override styles = pageStyles;

  override render() {
    return comingSoon({
      title: 'Health Records',
      intro:
        'Get a copy of your health record, the Consolidated Clinical Summary (C-CDA), to keep or to share with another provider.',
      features: [
        'Choose the dates: All time, a Single date (for example your last check-up) or a Custom date range',
        'Show Preview to read the summary on screen',
        'Download it as a .zip file',
        'Send via Email to another provider, with the address typed twice to avoid mistakes',
      ],
      note: 'E-mail is not encrypted, and a sent e-mail cannot be called back. Every view, download and send is listed in your activity history.',
    });
  }
}

customElements.define('health-records-page', HealthRecordsPage);

// <my-health-page>: the patient's health information. Says what the page will show until the
// records arrive in a later release.
import { LitElement } from 'lit';
import { comingSoon } from '../../components/coming-soon';
import { pageStyles } from '../../components/page-styles';

export class MyHealthPage extends LitElement {
  static override styles = pageStyles;

  override render() {
    return comingSoon({
      title: 'My Health',
      intro:
        'Your health information from the practice, saved on this device so you can read it without a signal.',
      features: [
        'Medications, current and past',
        'Allergies, current and past',
        'Problems (health conditions)',
        'Immunizations, with vaccine details and a printable PDF of your vaccination record',
        'Procedures',
        'Vitals such as blood pressure, weight and temperature',
        'Lab and imaging results',
        'Documents: care summaries, letters from your providers, lab results, imaging and diagnostic results, patient cases and health reminders',
      ],
    });
  }
}

customElements.define('my-health-page', MyHealthPage);

// <sign-up-family-page>: the "Patient's family member" path. Family access requests arrive with the
// family access feature; until then this page says plainly how they will work. No form yet.
import { html, LitElement } from 'lit';
import { COPPA_EXPLANATION } from '../../../core/ages';
import { pageStyles } from '../../components/page-styles';

export class SignUpFamilyPage extends LitElement {
  static override styles = pageStyles;

  override render() {
    return html`<h1 tabindex="-1">Sign up as a patient's family member</h1>
      <p class="lead">
        Family members, caregivers and guardians will be able to ask for access to a patient's portal account here.
        This part of the portal is not available yet.
      </p>
      <section class="card" aria-labelledby="how">
        <h2 id="how">How it will work</h2>
        <ol>
          <li>You tell us who you are and which patient you help care for.</li>
          <li>
            We send a temporary passcode to the patient, not to you. That way the patient knows you asked for
            access.
          </li>
          <li>
            If the patient agrees, they give you the passcode. Handing it over is their consent to your access.
          </li>
          <li>You enter the passcode, add your own details and choose a password. You then have your own account with access to the patient's record.</li>
        </ol>
      </section>
      <p class="note">${COPPA_EXPLANATION}</p>
      <p>
        Are you a patient of the practice yourself? <a href="/sign-up/patient">Sign up as a patient</a>, and once
        family access is available you can ask for access from your account.
      </p>
      <p>Already have an account? <a href="/sign-in">Sign in</a></p>`;
  }
}

customElements.define('sign-up-family-page', SignUpFamilyPage);

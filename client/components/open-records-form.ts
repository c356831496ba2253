// <open-records-form>: signed in, but the records saved on this device are not open (the cache
// could not open at sign-in, or a registration outlived the password it held). The password opens
// them: checked by the server when online, against the device's copy when not.
import { html, LitElement } from 'lit';
import { session } from '../data/session';
import { formStyles } from './forms/form-styles';
import { PasswordStep } from './forms/password-step';
import { pageStyles } from './page-styles';

export class OpenRecordsForm extends LitElement {
  static override styles = [...pageStyles, formStyles];
  private readonly step = new PasswordStep(this, {
    unlock: (password) => session.openRecords(password),
    unexpected: 'This device could not open your records. Try again, or sign out and in again.',
    forgetPassword: true,
  });

  override render() {
    return html`<section class="card" aria-labelledby="open-heading">
      <h2 id="open-heading">Open your records on this device</h2>
      <p>Your records are saved on this device in encrypted form. Enter your password to open them.</p>
      ${this.step.render({
        id: 'open-records-password',
        email: session.account?.email ?? '',
        button: 'Open my records',
        busyButton: 'Opening…',
      })}
    </section>`;
  }
}

customElements.define('open-records-form', OpenRecordsForm);

declare global {
  interface HTMLElementTagNameMap {
    'open-records-form': OpenRecordsForm;
  }
}

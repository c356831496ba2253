// <open-records-form>: signed in, but the records saved on this device are not open (the cache
// could not open at sign-in, or a registration outlived the password it held). The password opens
// them: checked by the server when online, against the device's copy when not.
import { html, LitElement, nothing } from 'lit';
import { session } from '../data/session';
import { textField } from './forms/fields';
import { focusFirstProblem } from './forms/form-feedback';
import { formStyles } from './forms/form-styles';
import { unlockProblem } from './forms/unlock-problem';
import { pageStyles } from './page-styles';

export class OpenRecordsForm extends LitElement {
  static override styles = [...pageStyles, formStyles];
  static override properties = {
    password: { state: true },
    error: { state: true },
    alert: { state: true },
    busy: { state: true },
  };

  declare password: string;
  declare error: string | undefined;
  declare alert: string | null;
  declare busy: boolean;

  constructor() {
    super();
    this.password = '';
    this.error = undefined;
    this.alert = null;
    this.busy = false;
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    this.alert = null;
    this.error = this.password === '' ? 'Enter your password.' : undefined;
    if (!this.error) {
      this.busy = true;
      const problem = await session.openRecords(this.password).then(
        unlockProblem,
        (): ReturnType<typeof unlockProblem> => ({
          alert: 'This device could not open your records. Try again, or sign out and in again.',
        }),
      );
      this.busy = false;
      this.password = '';
      if (!problem) return;
      this.error = problem.field;
      this.alert = problem.alert ?? null;
    }
    await this.updateComplete;
    focusFirstProblem(this.renderRoot);
  }

  override render() {
    return html`<section class="card" aria-labelledby="open-heading">
      <h2 id="open-heading">Open your records on this device</h2>
      <p>Your records are saved on this device in encrypted form. Enter your password to open them.</p>
      ${this.alert ? html`<div class="alert" role="alert" tabindex="-1"><p>${this.alert}</p></div>` : nothing}
      <form novalidate @submit=${this.submit}>
        <input type="email" name="username" autocomplete="username" .value=${session.account?.email ?? ''} hidden />
        ${textField({
          id: 'open-records-password',
          label: 'Password',
          type: 'password',
          autocomplete: 'current-password',
          value: this.password,
          error: this.error,
          onInput: (v) => {
            this.password = v;
          },
        })}
        <div class="actions">
          <button class="button" type="submit" ?disabled=${this.busy}>${this.busy ? 'Opening…' : 'Open my records'}</button>
        </div>
      </form>
    </section>`;
  }
}

customElements.define('open-records-form', OpenRecordsForm);

declare global {
  interface HTMLElementTagNameMap {
    'open-records-form': OpenRecordsForm;
  }
}

// <lock-screen>: shown instead of any page after the idle lock and when the app starts on a device
// that had a session. The password unlocks it: online the server checks it, offline the records
// saved on this device (their key is wrapped under the password).
import { html, LitElement, nothing } from 'lit';
import type { AccountSummary } from '../../../core/accounts';
import { textField } from '../../components/forms/fields';
import { focusFirstProblem } from '../../components/forms/form-feedback';
import { formStyles } from '../../components/forms/form-styles';
import { OnlineController } from '../../components/forms/online-controller';
import { OFFLINE_NOTE, unlockProblem } from '../../components/forms/unlock-problem';
import { pageStyles } from '../../components/page-styles';
import { session as appSession, type Session } from '../../data/session';
import { navigateFrom } from '../../router/navigate';

export class LockScreen extends LitElement {
  static override styles = [...pageStyles, formStyles];
  static override properties = {
    account: { attribute: false },
    password: { state: true },
    error: { state: true },
    alert: { state: true },
    busy: { state: true },
  };

  declare account: AccountSummary | null;
  declare password: string;
  declare error: string | undefined;
  declare alert: string | null;
  declare busy: boolean;
  session: Session = appSession;
  private readonly connection = new OnlineController(this);

  constructor() {
    super();
    this.account = null;
    this.password = '';
    this.error = undefined;
    this.alert = null;
    this.busy = false;
  }

  override firstUpdated(): void {
    this.renderRoot.querySelector('h1')?.focus();
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    this.alert = null;
    this.error = this.password === '' ? 'Enter your password.' : undefined;
    if (!this.error) {
      this.busy = true;
      const outcome = await this.session.unlock(this.password);
      this.busy = false;
      // A session that ended elsewhere signs out instead: the shell shows "Sign in".
      if (this.session.state !== 'locked') return;
      const problem = unlockProblem(outcome);
      if (!problem) return;
      this.error = problem.field;
      this.alert = problem.alert ?? null;
    }
    await this.updateComplete;
    focusFirstProblem(this.renderRoot);
  }

  private async signOut(): Promise<void> {
    await this.session.signOut();
    navigateFrom(this, '/sign-in');
  }

  override render() {
    const name = this.account?.displayName;
    return html`<h1 tabindex="-1">The portal is locked</h1>
      <p class="lead">
        For your safety the portal locks each time it opens and after a while without use.
        ${name ? html`Enter your password to continue, ${name}.` : 'Enter your password to continue.'}
      </p>
      ${this.connection.online ? nothing : html`<p class="offline" role="status">${OFFLINE_NOTE}</p>`}
      ${this.alert ? html`<div class="alert" role="alert" tabindex="-1"><p>${this.alert}</p></div>` : nothing}
      <form novalidate @submit=${this.submit}>
        <input type="email" name="username" autocomplete="username" .value=${this.account?.email ?? ''} hidden />
        ${textField({
          id: 'unlock-password',
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
          <button class="button" type="submit" ?disabled=${this.busy}>${this.busy ? 'Unlocking…' : 'Unlock'}</button>
          <button class="link-button" type="button" @click=${this.signOut}>Not you? Sign out</button>
        </div>
      </form>
      <p><a class="inline-link" href="/forgot-password">Forgot your password?</a></p>`;
  }
}

customElements.define('lock-screen', LockScreen);

declare global {
  interface HTMLElementTagNameMap {
    'lock-screen': LockScreen;
  }
}

// <lock-screen>: shown instead of any page after the idle lock and when the app starts on a device
// that had a session. The password unlocks it: online the server checks it, offline the records
// saved on this device (their key is wrapped under the password).
import { html, LitElement, nothing } from 'lit';
import type { AccountSummary } from '../../../core/accounts';
import { formStyles } from '../../components/forms/form-styles';
import { OnlineController } from '../../components/forms/online-controller';
import { PasswordStep } from '../../components/forms/password-step';
import { OFFLINE_NOTE } from '../../components/forms/unlock-problem';
import { pageStyles } from '../../components/page-styles';
import { session as appSession, type Session } from '../../data/session';
import { navigateFrom } from '../../router/navigate';

export class LockScreen extends LitElement {
  static override styles = [...pageStyles, formStyles];
  static override properties = {
    account: { attribute: false },
  };

  declare account: AccountSummary | null;
  session: Session = appSession;
  private readonly connection = new OnlineController(this);
  private readonly step = new PasswordStep(this, {
    unlock: async (password) => {
      const outcome = await this.session.unlock(password);
      // A session that ended elsewhere signs out instead: the shell shows "Sign in".
      return this.session.state === 'locked' ? outcome : null;
    },
  });

  constructor() {
    super();
    this.account = null;
  }

  override firstUpdated(): void {
    this.renderRoot.querySelector('h1')?.focus();
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
      ${this.step.render({
        id: 'unlock-password',
        email: this.account?.email ?? '',
        button: 'Unlock',
        busyButton: 'Unlocking…',
        actions: html`<button class="link-button" type="button" @click=${this.signOut}>Not you? Sign out</button>`,
      })}
      <p><a class="inline-link" href="/forgot-password">Forgot your password?</a></p>`;
  }
}

customElements.define('lock-screen', LockScreen);

declare global {
  interface HTMLElementTagNameMap {
    'lock-screen': LockScreen;
  }
}

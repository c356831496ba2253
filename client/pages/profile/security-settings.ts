// <security-settings>: change password, change the security option or get new recovery codes,
// turn two-step sign-in on or off. Signed-in devices are listed by <device-list>.
import { css, html, LitElement, nothing } from 'lit';
import { changePasswordRequest } from '../../../core/accounts';
import { textField } from '../../components/forms/fields';
import { FormController } from '../../components/forms/form-controller';
import { formStyles } from '../../components/forms/form-styles';
import { passwordProblem, passwordRules } from '../../components/forms/password-rules';
import { pageStyles } from '../../components/page-styles';
import { changePassword, confirmPassword, setTwoStep } from '../../data/accounts-api';
import { SessionController } from '../../data/session-controller';
import '../security-setup/recovery-codes-view';
import type { SecurityDoneEvent } from '../security-setup/security-events';
import '../security-setup/totp-setup';
import './device-list';

type Panel = 'none' | 'password' | 'confirm' | 'totp' | 'codes';
type PwField = 'currentPassword' | 'newPassword' | 'newPasswordAgain' | 'confirmPassword';

export class SecuritySettings extends LitElement {
  static override styles = [
    ...pageStyles,
    formStyles,
    css`
    h3 {
      margin-top: 1.5rem;
    }
  `,
  ];
  static override properties = {
    panel: { state: true },
    pw: { state: true },
    notice: { state: true },
  };

  declare panel: Panel;
  /** Where "Confirm your password" leads once the password is right. */
  private afterConfirm: 'totp' | 'codes' = 'totp';
  declare pw: Record<PwField, string>;
  declare notice: string | null;
  private readonly sessionController = new SessionController(this);
  private readonly form = new FormController<PwField>(this, { action: 'Changing your password' });

  constructor() {
    super();
    this.panel = 'none';
    this.pw = { currentPassword: '', newPassword: '', newPasswordAgain: '', confirmPassword: '' };
    this.notice = null;
  }

  private get session() {
    return this.sessionController.session;
  }

  private async open(panel: Panel): Promise<void> {
    // Replacing an existing security option needs the password again (the server insists too).
    if ((panel === 'totp' || panel === 'codes') && this.session.account?.securityOption) {
      this.afterConfirm = panel;
      panel = 'confirm';
    }
    this.panel = panel;
    this.notice = null;
    this.form.alert = null;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#panel-heading')?.focus();
  }

  private async done(notice: string): Promise<void> {
    this.panel = 'none';
    this.notice = notice;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.success')?.focus();
  }

  private submitPassword(event: Event): Promise<void> {
    event.preventDefault();
    return this.form.submit(async () => {
      const account = this.session.account;
      const weak = passwordProblem(this.pw.newPassword, [account?.displayName, account?.email]);
      const problems: Partial<Record<PwField, string>> = {};
      if (this.pw.currentPassword === '') problems.currentPassword = 'Enter your current password.';
      if (weak) problems.newPassword = weak;
      else if (this.pw.newPassword !== this.pw.newPasswordAgain)
        problems.newPasswordAgain = 'The two passwords are not the same.';
      const parsed = changePasswordRequest.safeParse(this.pw);
      if (Object.keys(problems).length > 0 || !parsed.success) return { problems };
      const outcome = await changePassword(parsed.data);
      if (outcome.kind === 'ok') {
        await this.session.passwordChanged(parsed.data.newPassword);
        this.pw = { ...this.pw, currentPassword: '', newPassword: '', newPasswordAgain: '' };
        await this.done('Your password is changed. Your other devices were signed out.');
        return;
      }
      if (outcome.kind === 'problem' && outcome.problem.errors) return this.form.explain(outcome);
      if (outcome.kind === 'problem' && (outcome.status === 401 || outcome.status === 403))
        return { problems: { currentPassword: 'Your current password is not right.' } };
      return { alert: this.form.failure(outcome) };
    });
  }

  private submitConfirm(event: Event): Promise<void> {
    event.preventDefault();
    return this.form.submit(async () => {
      if (this.pw.confirmPassword === '') return { problems: { confirmPassword: 'Enter your password.' } };
      const outcome = await confirmPassword(this.pw.confirmPassword);
      this.pw = { ...this.pw, confirmPassword: '' };
      if (outcome.kind === 'ok') {
        await this.open(this.afterConfirm);
        return;
      }
      if (outcome.kind === 'problem' && outcome.status === 401)
        return { problems: { confirmPassword: 'That password is not right.' } };
      return { alert: this.form.failure(outcome, 'Checking your password') };
    });
  }

  private toggleTwoStep(event: Event): Promise<void> {
    const box = event.target as HTMLInputElement;
    const enabled = box.checked;
    if (this.form.busy) {
      // A press while something else is sent changes nothing: the box shows what is saved.
      box.checked = !enabled;
      return Promise.resolve();
    }
    return this.form.submit(async () => {
      const outcome = await setTwoStep(enabled);
      if (outcome.kind === 'ok') {
        this.session.updateAccount(outcome.data);
        this.notice = enabled ? 'Two-step sign-in is on.' : 'Two-step sign-in is off.';
        return;
      }
      box.checked = !enabled;
      return { alert: this.form.failure(outcome, 'Changing two-step sign-in') };
    });
  }

  private onSecurityDone(event: SecurityDoneEvent): void {
    const account = event.detail.account;
    if (account) this.session.updateAccount(account);
    else if (this.session.account && this.session.account.securityOption === null) {
      this.session.updateAccount({ ...this.session.account, securityOption: 'recovery-codes' });
    }
    void this.done(
      account
        ? 'Your authenticator app is set up.'
        : 'Your new recovery codes are ready. Older codes no longer work.',
    );
  }

  private pwField(id: PwField, label: string, autocomplete: string, extra = {}) {
    return textField({
      id,
      label,
      type: 'password',
      autocomplete,
      value: this.pw[id],
      error: this.form.problem(id),
      onInput: (v) => {
        this.pw = { ...this.pw, [id]: v };
      },
      ...extra,
    });
  }

  private renderPanel() {
    switch (this.panel) {
      case 'none':
        return nothing;
      case 'password':
        return html`<section class="card" aria-labelledby="panel-heading">
          <h3 id="panel-heading" tabindex="-1">Change password</h3>
          <form novalidate @submit=${this.submitPassword}>
            <input type="email" name="username" autocomplete="username" .value=${this.session.account?.email ?? ''} hidden />
            ${this.pwField('currentPassword', 'Current password', 'current-password')}
            ${this.pwField('newPassword', 'New password', 'new-password', { describedBy: 'new-password-rules' })}
            ${passwordRules('new-password-rules', this.pw.newPassword, [this.session.account?.displayName, this.session.account?.email])}
            ${this.pwField('newPasswordAgain', 'New password again', 'new-password')}
            <div class="actions">
              <button class="button" type="submit">Change password</button>
              <button class="link-button" type="button" @click=${() => this.open('none')}>Cancel</button>
            </div>
          </form>
        </section>`;
      case 'confirm':
        return html`<section class="card" aria-labelledby="panel-heading">
          <h3 id="panel-heading" tabindex="-1">Confirm your password</h3>
          <p>To change how you prove who you are, enter your password again.</p>
          <form novalidate @submit=${this.submitConfirm}>
            <input type="email" name="username" autocomplete="username" .value=${this.session.account?.email ?? ''} hidden />
            ${this.pwField('confirmPassword', 'Password', 'current-password')}
            <div class="actions">
              <button class="button" type="submit">Continue</button>
              <button class="link-button" type="button" @click=${() => this.open('none')}>Cancel</button>
            </div>
          </form>
        </section>`;
      case 'totp':
        return html`<section class="card" aria-labelledby="panel-heading" @security-done=${this.onSecurityDone}>
          <h3 id="panel-heading" tabindex="-1">Set up an authenticator app</h3>
          <totp-setup></totp-setup>
        </section>`;
      case 'codes':
        return html`<section class="card" aria-labelledby="panel-heading" @security-done=${this.onSecurityDone}>
          <h3 id="panel-heading" tabindex="-1">New recovery codes</h3>
          <p class="note">Your older recovery codes stopped working when these were made.</p>
          <recovery-codes-view></recovery-codes-view>
        </section>`;
    }
  }

  override render() {
    const account = this.session.account;
    const option = account?.securityOption;
    return html`${this.notice ? html`<div class="success" role="status" tabindex="-1"><p>${this.notice}</p></div>` : nothing}
      ${this.form.alert ? html`<div class="alert" role="alert" tabindex="-1"><p>${this.form.alert}</p></div>` : nothing}
      <p>
        Your security option:
        <strong>${option === 'totp' ? 'Authenticator app' : option === 'recovery-codes' ? 'Recovery codes' : 'Not set up yet'}</strong>
      </p>
      <div class="actions">
        <button class="button secondary" type="button" @click=${() => this.open('password')}>Change password</button>
        <button class="button secondary" type="button" @click=${() => this.open('totp')}>
          ${option === 'totp' ? 'Use a new authenticator app' : 'Set up an authenticator app'}
        </button>
        <button class="button secondary" type="button" @click=${() => this.open('codes')}>Get new recovery codes</button>
      </div>
      ${this.renderPanel()}
      <label class="check"
        ><input type="checkbox" .checked=${account?.twoStepSignIn ?? false} ?disabled=${!option} @change=${this.toggleTwoStep} />Two-step
        sign-in: ask for a code from my security option when I sign in</label
      >
      <h3>Signed-in devices</h3>
      <device-list></device-list>`;
  }
}

customElements.define('security-settings', SecuritySettings);

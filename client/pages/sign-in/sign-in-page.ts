// <sign-in-page>: e-mail and password, then (when the account uses it) the two-step code from the
// authenticator app or a recovery code. Lands on the page the user wanted (?next=) or Home.
import { css, html, LitElement, nothing } from 'lit';
import {
  type SecurityOption,
  type SessionGranted,
  signInRequest,
  twoStepRequest,
} from '../../../core/accounts';
import { textField } from '../../components/forms/fields';
import { failureText, focusFirstProblem, offlineText } from '../../components/forms/form-feedback';
import { formStyles } from '../../components/forms/form-styles';
import { OnlineController } from '../../components/forms/online-controller';
import { zodFieldErrors } from '../../components/forms/zod-errors';
import { pageStyles } from '../../components/page-styles';
import { signIn, signInTwoStep } from '../../data/auth-api';
import { session } from '../../data/session';
import { navigateFrom } from '../../router/navigate';
import { safeNext } from '../../router/routes';

/** The same words for an unknown e-mail and a wrong password: the page reveals no accounts. */
export const SIGN_IN_FAILED_TEXT =
  'The e-mail address or password is not right. Check both and try again, or choose “Forgot your password?”.';
export const TWO_STEP_FAILED_TEXT = 'That code did not work. Check it and try again.';

type Step = 'credentials' | 'two-step';

export class SignInPage extends LitElement {
  static override styles = [
    ...pageStyles,
    formStyles,
    css`
      .two-step-intro {
        max-width: 32rem;
      }
      h2:focus {
        outline: none;
      }
    `,
  ];

  static override properties = {
    step: { state: true },
    email: { state: true },
    password: { state: true },
    code: { state: true },
    errors: { state: true },
    alert: { state: true },
    busy: { state: true },
  };

  declare step: Step;
  declare email: string;
  declare password: string;
  declare code: string;
  declare errors: Record<string, string>;
  declare alert: string | null;
  declare busy: boolean;
  private challenge = '';
  private method: SecurityOption = 'totp';
  private readonly connection = new OnlineController(this);

  constructor() {
    super();
    this.step = 'credentials';
    this.email = '';
    this.password = '';
    this.code = '';
    this.errors = {};
    this.alert = null;
    this.busy = false;
  }

  private async showProblems(): Promise<void> {
    await this.updateComplete;
    focusFirstProblem(this.renderRoot);
  }

  private async submitCredentials(event: Event): Promise<void> {
    event.preventDefault();
    this.alert = null;
    const parsed = signInRequest.safeParse({ email: this.email, password: this.password });
    if (!parsed.success) {
      this.errors = zodFieldErrors(parsed.error);
      if (this.errors.password === 'Required.') this.errors.password = 'Enter your password.';
      return this.showProblems();
    }
    this.errors = {};
    this.busy = true;
    const outcome = await signIn(parsed.data);
    this.busy = false;
    if (outcome.kind === 'ok') {
      if (outcome.data.status === 'two-step-required') {
        this.challenge = outcome.data.challenge;
        this.method = outcome.data.method;
        this.step = 'two-step';
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLElement>('#two-step-heading')?.focus();
        return;
      }
      return this.signedIn(outcome.data);
    }
    this.alert =
      outcome.kind === 'problem' && outcome.status === 401
        ? SIGN_IN_FAILED_TEXT
        : failureText(outcome, 'Signing in');
    return this.showProblems();
  }

  private async submitCode(event: Event): Promise<void> {
    event.preventDefault();
    this.alert = null;
    const parsed = twoStepRequest.safeParse({ challenge: this.challenge, code: this.code });
    if (!parsed.success) {
      this.errors = { code: 'Enter the code from your authenticator app or one of your recovery codes.' };
      return this.showProblems();
    }
    this.errors = {};
    this.busy = true;
    const outcome = await signInTwoStep(parsed.data);
    this.busy = false;
    if (outcome.kind === 'ok') return this.signedIn(outcome.data);
    if (outcome.kind === 'problem' && outcome.status === 401) {
      this.errors = { code: TWO_STEP_FAILED_TEXT };
    } else {
      this.alert = failureText(outcome, 'Signing in');
    }
    return this.showProblems();
  }

  private signedIn(granted: SessionGranted): void {
    // The password opens this device's saved records too; the page forgets it right after.
    void session.accept(granted, this.password);
    this.password = '';
    const to = granted.needsSecurityOption ? '/security-setup' : safeNext(window.location.search);
    navigateFrom(this, to, true);
  }

  private renderAlert() {
    return this.alert
      ? html`<div class="alert" role="alert" tabindex="-1"><p>${this.alert}</p></div>`
      : nothing;
  }

  private renderCredentials() {
    return html`<form novalidate @submit=${this.submitCredentials}>
        ${textField({
          id: 'email',
          label: 'E-mail address',
          type: 'email',
          autocomplete: 'username',
          value: this.email,
          error: this.errors.email,
          onInput: (v) => {
            this.email = v;
          },
        })}
        ${textField({
          id: 'password',
          label: 'Password',
          type: 'password',
          autocomplete: 'current-password',
          value: this.password,
          error: this.errors.password,
          onInput: (v) => {
            this.password = v;
          },
        })}
        <div class="actions">
          <button class="button" type="submit" ?disabled=${this.busy}>${this.busy ? 'Signing in…' : 'Sign in'}</button>
          <a class="inline-link" href="/forgot-password">Forgot your password?</a>
        </div>
      </form>
      <section class="card" aria-labelledby="new-here">
        <h2 id="new-here">New to the portal?</h2>
        <p>Create your account online in a few minutes. You'll need your e-mail and mobile phone.</p>
        <p><a class="button secondary" href="/sign-up">Sign up today</a></p>
      </section>`;
  }

  private renderTwoStep() {
    const app = this.method === 'totp';
    return html`<h2 id="two-step-heading" tabindex="-1">Two-step sign-in</h2>
      <p class="two-step-intro">
        ${
          app
            ? 'Open your authenticator app and enter the 6-digit code it shows for this portal. You can also use one of your recovery codes.'
            : 'Enter one of your recovery codes. Each code works once.'
        }
      </p>
      <form novalidate @submit=${this.submitCode}>
        ${textField({
          id: 'code',
          label: app ? 'Code from your authenticator app' : 'Recovery code',
          autocomplete: 'one-time-code',
          inputmode: app ? 'numeric' : 'text',
          value: this.code,
          error: this.errors.code,
          maxlength: 32,
          onInput: (v) => {
            this.code = v;
          },
        })}
        <div class="actions">
          <button class="button" type="submit" ?disabled=${this.busy}>${this.busy ? 'Checking…' : 'Continue'}</button>
          <button class="link-button" type="button" @click=${this.startOver}>Start again</button>
        </div>
      </form>`;
  }

  private readonly startOver = (): void => {
    this.step = 'credentials';
    this.code = '';
    this.errors = {};
    this.alert = null;
  };

  override render() {
    return html`<h1 tabindex="-1">Sign in</h1>
      ${this.connection.online ? nothing : html`<p class="offline" role="status">${offlineText('Signing in')}</p>`}
      ${this.renderAlert()} ${this.step === 'credentials' ? this.renderCredentials() : this.renderTwoStep()}`;
  }
}

customElements.define('sign-in-page', SignInPage);

declare global {
  interface HTMLElementTagNameMap {
    'sign-in-page': SignInPage;
  }
}

// <sign-in-page>: e-mail and password, then (when the account uses it) the two-step code from the
// authenticator app or a recovery code. Lands on the page the user wanted (?next=) or Home.
import { css, html, LitElement, nothing } from 'lit';
import {
  type SecurityOption,
  type SessionGranted,
  signInRequest,
  twoStepRequest,
} from '../../../core/accounts';
import { currentPasswordField, securityCodeField, textField } from '../../components/forms/fields';
import { FormController } from '../../components/forms/form-controller';
import { offlineText } from '../../components/forms/form-feedback';
import { formStyles } from '../../components/forms/form-styles';
import { OnlineController } from '../../components/forms/online-controller';
import { requiredAs, zodFieldErrors } from '../../components/forms/zod-errors';
import { pageStyles } from '../../components/page-styles';
import { signIn, signInTwoStep } from '../../data/accounts-api';
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
  };

  declare step: Step;
  declare email: string;
  declare password: string;
  declare code: string;
  private challenge = '';
  private method: SecurityOption = 'totp';
  private readonly connection = new OnlineController(this);
  private readonly form = new FormController(this, { action: 'Signing in' });

  constructor() {
    super();
    this.step = 'credentials';
    this.email = '';
    this.password = '';
    this.code = '';
  }

  private submitCredentials(event: Event): Promise<void> {
    event.preventDefault();
    return this.form.submit(async () => {
      const parsed = signInRequest.safeParse({ email: this.email, password: this.password });
      if (!parsed.success) {
        return { problems: requiredAs(zodFieldErrors(parsed.error), { password: 'Enter your password.' }) };
      }
      const outcome = await signIn(parsed.data);
      if (outcome.kind !== 'ok') {
        return {
          alert:
            outcome.kind === 'problem' && outcome.status === 401
              ? SIGN_IN_FAILED_TEXT
              : this.form.failure(outcome),
        };
      }
      if (outcome.data.status === 'two-step-required') {
        this.challenge = outcome.data.challenge;
        this.method = outcome.data.method;
        this.step = 'two-step';
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLElement>('#two-step-heading')?.focus();
        return;
      }
      this.signedIn(outcome.data);
    });
  }

  private submitCode(event: Event): Promise<void> {
    event.preventDefault();
    return this.form.submit(async () => {
      const parsed = twoStepRequest.safeParse({ challenge: this.challenge, code: this.code });
      if (!parsed.success) {
        return {
          problems: { code: 'Enter the code from your authenticator app or one of your recovery codes.' },
        };
      }
      const outcome = await signInTwoStep(parsed.data);
      if (outcome.kind === 'ok') {
        this.signedIn(outcome.data);
        return;
      }
      if (outcome.kind === 'problem' && outcome.status === 401)
        return { problems: { code: TWO_STEP_FAILED_TEXT } };
      return { alert: this.form.failure(outcome) };
    });
  }

  private signedIn(granted: SessionGranted): void {
    // The password opens this device's saved records too; the page forgets it right after.
    void session.accept(granted, this.password);
    this.password = '';
    const to = granted.needsSecurityOption ? '/security-setup' : safeNext(window.location.search);
    navigateFrom(this, to, true);
  }

  private renderAlert() {
    return this.form.alert
      ? html`<div class="alert" role="alert" tabindex="-1"><p>${this.form.alert}</p></div>`
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
          error: this.form.problem('email'),
          onInput: (v) => {
            this.email = v;
          },
        })}
        ${currentPasswordField({
          id: 'password',
          value: this.password,
          error: this.form.problem('password'),
          onInput: (v) => {
            this.password = v;
          },
        })}
        <div class="actions">
          <button class="button" type="submit" ?disabled=${this.form.busy}>${this.form.busy ? 'Signing in…' : 'Sign in'}</button>
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
        ${securityCodeField({
          app,
          value: this.code,
          error: this.form.problem('code'),
          onInput: (v) => {
            this.code = v;
          },
        })}
        <div class="actions">
          <button class="button" type="submit" ?disabled=${this.form.busy}>${this.form.busy ? 'Checking…' : 'Continue'}</button>
          <button class="link-button" type="button" @click=${this.startOver}>Start again</button>
        </div>
      </form>`;
  }

  private readonly startOver = (): void => {
    this.step = 'credentials';
    this.code = '';
    this.form.clear();
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

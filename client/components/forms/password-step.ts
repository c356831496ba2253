// The password step that opens the portal (the lock screen) or the records saved on this device
// ("Open your records on this device"): the same field, check and words; each says what the
// password opens (`unlock`) and what its button reads.
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { UnlockOutcome } from '../../data/session';
import { currentPasswordField } from './fields';
import { FormController } from './form-controller';
import { unlockProblem } from './unlock-problem';

export interface PasswordStepOptions {
  /** Opens with the password; null when there is nothing to tell (the session ended meanwhile). */
  unlock: (password: string) => Promise<UnlockOutcome | null>;
  /** The alert when `unlock` throws. */
  unexpected?: string;
  /** Empties the field after every try. */
  forgetPassword?: boolean;
}

export interface PasswordStepView {
  id: string;
  /** The account's address, for password managers (a hidden username field). */
  email: string;
  button: string;
  busyButton: string;
  /** More buttons beside the submit button ("Not you? Sign out"). */
  actions?: TemplateResult;
}

export class PasswordStep {
  password = '';
  readonly form: FormController<'password'>;
  readonly #host: ReactiveControllerHost;
  readonly #options: PasswordStepOptions;

  constructor(
    host: ReactiveControllerHost & { readonly renderRoot: ParentNode },
    options: PasswordStepOptions,
  ) {
    this.#host = host;
    this.#options = options;
    this.form = new FormController(host, {
      action: 'Unlocking',
      ...(options.unexpected ? { unexpected: options.unexpected } : {}),
    });
  }

  readonly #onInput = (value: string): void => {
    this.password = value;
    this.#host.requestUpdate();
  };

  readonly #submit = (event: Event): Promise<void> => {
    event.preventDefault();
    return this.form.submit(async () => {
      if (this.password === '') return { problems: { password: 'Enter your password.' } };
      try {
        const outcome = await this.#options.unlock(this.password);
        const problem = outcome ? unlockProblem(outcome) : null;
        if (!problem) return;
        return {
          ...(problem.field ? { problems: { password: problem.field } } : {}),
          alert: problem.alert ?? null,
        };
      } finally {
        if (this.#options.forgetPassword) this.password = '';
      }
    });
  };

  /** The alert and the form, rendered in the host's own shadow root. */
  render(view: PasswordStepView): TemplateResult {
    const { busy, alert } = this.form;
    return html`${alert ? html`<div class="alert" role="alert" tabindex="-1"><p>${alert}</p></div>` : nothing}
      <form novalidate @submit=${this.#submit}>
        <input type="email" name="username" autocomplete="username" .value=${view.email} hidden />
        ${currentPasswordField({ id: view.id, value: this.password, error: this.form.problem('password'), onInput: this.#onInput })}
        <div class="actions">
          <button class="button" type="submit" ?disabled=${busy}>${busy ? view.busyButton : view.button}</button>
          ${view.actions ?? nothing}
        </div>
      </form>`;
  }
}

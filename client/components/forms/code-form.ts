// The form that takes a 6-digit one-time code (from an e-mail or an authenticator app), shared by
// every code entry: it holds the code as typed, renders one field with the problem its page's
// FormController found, says "Checking…" while it is sent, and gives the same words for a
// missing or wrong code from an e-mail.
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { codeField } from './fields';

export const EMAIL_CODE_MISSING_TEXT = 'Enter the 6-digit code from the e-mail.';
export const EMAIL_CODE_WRONG_TEXT = 'That code is not right. Check the e-mail and try again.';

/** What the entry reads from the page's FormController: the code's problem and whether it sends. */
interface CodeProblems {
  readonly busy: boolean;
  problem(field: 'code'): string | undefined;
}

export interface CodeFormView {
  id: string;
  /** "6-digit code" unless the page says more ("Code from the app"). */
  label?: string;
  onSubmit: (event: Event) => void;
  /** The submit button ("Confirm"), and what it says while the code is checked ("Checking…"). */
  button?: string;
  busyButton?: string;
  /** More buttons beside it ("Send a new code"). */
  actions?: TemplateResult;
}

export class CodeEntry {
  code = '';
  readonly #host: ReactiveControllerHost;
  readonly #form: CodeProblems;

  constructor(host: ReactiveControllerHost, form: CodeProblems) {
    this.#host = host;
    this.#form = form;
  }

  readonly #onInput = (value: string): void => {
    this.code = value;
    this.#host.requestUpdate();
  };

  render(view: CodeFormView): TemplateResult {
    const { busy } = this.#form;
    return html`<form novalidate @submit=${view.onSubmit}>
      ${codeField({
        id: view.id,
        label: view.label ?? '6-digit code',
        value: this.code,
        error: this.#form.problem('code'),
        onInput: this.#onInput,
      })}
      <div class="actions">
        <button class="button" type="submit" ?disabled=${busy}>${busy ? (view.busyButton ?? 'Checking…') : (view.button ?? 'Confirm')}</button>
        ${view.actions ?? nothing}
      </div>
    </form>`;
  }
}

// <family-passcode-form>: the step after a request for access. The temporary passcode went to the
// patient, not to the requester; the patient handing it over is their consent. Checks the passcode
// with `send` and fires `passcode-accepted` (detail: the cleaned passcode and the answer).
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { PASSCODE_HOURS, passcodeSchema } from '../../../../core/family';
import { textField } from '../../../components/forms/fields';
import { FormController } from '../../../components/forms/form-controller';
import { formStyles } from '../../../components/forms/form-styles';
import { pageStyles } from '../../../components/page-styles';
import type { ApiOutcome } from '../../../data/api-request';
import { dateTimeText } from '../access/family-words';
import { passcodeFailure, type RequestAlert } from './request-words';

export interface PasscodeAcceptedDetail {
  passcode: string;
  answer: unknown;
}

export const PASSCODE_ACCEPTED_EVENT = 'passcode-accepted';
/** The request ended (or the user wants to change what they entered): back to the first step. */
export const START_AGAIN_EVENT = 'start-again';

export class FamilyPasscodeForm extends LitElement {
  static override styles = [
    ...pageStyles,
    formStyles,
    css`
      .step-heading:focus {
        outline: none;
      }
      .step-heading {
        margin-top: 0;
      }
      .alert .alert-title {
        margin: 0 0 0.375rem;
        font-size: 1.0625rem;
      }
    `,
  ];

  static override properties = {
    patientName: { attribute: false },
    expiresAt: { attribute: false },
    timeZone: { attribute: false },
    send: { attribute: false },
    nested: { type: Boolean },
    restartLabel: { attribute: false },
    error: { attribute: false },
    passcode: { state: true },
  };

  /** As the requester typed it; null after a reload (it is kept in memory only). */
  declare patientName: string | null;
  declare expiresAt: string | null;
  declare timeZone: string | undefined;
  declare send: (passcode: string) => Promise<ApiOutcome<unknown>>;
  /** Inside a page section that has its own h2: this step's headings are h3. */
  declare nested: boolean;
  /** The secondary button, which fires `start-again`. */
  declare restartLabel: string;
  /** A problem with the passcode found by a later step (it is no longer right). */
  declare error: string | undefined;
  declare passcode: string;
  private readonly form = new FormController<'passcode', RequestAlert>(this, {
    action: 'Checking the passcode',
    alert: (sentence) => ({ title: 'The passcode was not checked', body: html`<p>${sentence}</p>` }),
  });

  constructor() {
    super();
    this.patientName = null;
    this.expiresAt = null;
    this.timeZone = undefined;
    this.send = async () => ({ kind: 'offline' });
    this.nested = false;
    this.restartLabel = 'Change what I entered';
    this.passcode = '';
    this.error = undefined;
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('error')) this.form.problems = this.error ? { passcode: this.error } : {};
  }

  async focusHeading(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#passcode-heading')?.focus();
  }

  private submit(event: Event): Promise<void> {
    event.preventDefault();
    return this.form.submit(async () => {
      const parsed = passcodeSchema.safeParse(this.passcode);
      if (!parsed.success)
        return { problems: { passcode: 'Enter the passcode from the e-mail the patient received.' } };
      const outcome = await this.send(parsed.data);
      if (outcome.kind !== 'ok') return passcodeFailure(outcome);
      this.dispatchEvent(
        new CustomEvent<PasscodeAcceptedDetail>(PASSCODE_ACCEPTED_EVENT, {
          detail: { passcode: parsed.data, answer: outcome.data },
          bubbles: true,
          composed: true,
        }),
      );
    });
  }

  private startAgain(): void {
    this.dispatchEvent(new CustomEvent(START_AGAIN_EVENT, { bubbles: true, composed: true }));
  }

  override render() {
    const who = this.patientName ? html`the patient, <strong>${this.patientName}</strong>,` : 'the patient,';
    const until = this.expiresAt
      ? `until ${dateTimeText(this.expiresAt, this.timeZone)}`
      : `for ${PASSCODE_HOURS} hours`;
    const heading = 'Enter the temporary passcode';
    const { alert } = this.form;
    return html`${
      this.nested
        ? html`<h3 class="step-heading" id="passcode-heading" tabindex="-1">${heading}</h3>`
        : html`<h2 class="step-heading" id="passcode-heading" tabindex="-1">${heading}</h2>`
    }
      <p>
        We sent a temporary passcode to ${who} not to you. It went to the e-mail address the practice has for
        them, provided the details you entered match the practice's records. The e-mail says who asked for
        access.
      </p>
      <p class="note">
        If the patient agrees, they give you the passcode. By giving it to you, the patient consents to your
        access to their account. The passcode works once, ${until}.
      </p>
      ${
        alert
          ? html`<div class="alert" role="alert" tabindex="-1" aria-labelledby="passcode-alert-title">
            ${
              this.nested
                ? html`<h4 class="alert-title" id="passcode-alert-title">${alert.title}</h4>`
                : html`<h2 class="alert-title" id="passcode-alert-title">${alert.title}</h2>`
            }
            ${alert.body}
            ${
              alert.ended
                ? html`<p><button class="button secondary" type="button" @click=${this.startAgain}>Start again</button></p>`
                : nothing
            }
          </div>`
          : nothing
      }
      <form novalidate @submit=${this.submit}>
        ${textField({
          id: 'passcode',
          label: 'Temporary passcode',
          hint: 'Letters and digits; spaces and dashes don’t matter.',
          autocomplete: 'one-time-code',
          maxlength: 40,
          value: this.passcode,
          error: this.form.problem('passcode'),
          onInput: (value) => {
            this.passcode = value;
          },
        })}
        <div class="actions">
          <button class="button" type="submit" ?disabled=${this.form.busy}>${this.form.busy ? 'Checking…' : 'Continue'}</button>
          <button class="link-button" type="button" @click=${this.startAgain}>${this.restartLabel}</button>
        </div>
      </form>`;
  }
}

customElements.define('family-passcode-form', FamilyPasscodeForm);

declare global {
  interface HTMLElementTagNameMap {
    'family-passcode-form': FamilyPasscodeForm;
  }
}

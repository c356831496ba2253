// The reply form of a conversation, shared by the patient's Messages and the Practice inbox: the
// text, its check against core's rule before anything is sent, "Sending…", and the answer as a
// field error or an alert with focus moved to it. Each side sends its own way (`send`).
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { replyRequest } from '../../../core/messages';
import { focusFirstProblem } from '../../components/forms/form-feedback';
import { zodFieldErrors } from '../../components/forms/zod-errors';
import { messageBox } from './message-box';

/** What a send came to: done, or refused with a reason for the field or for an alert. */
export type ReplyOutcome = { kind: 'done' } | { kind: 'refused'; fieldError?: string; alert?: string };

type Host = ReactiveControllerHost &
  HTMLElement & { renderRoot: ParentNode; updateComplete: Promise<boolean> };

/** Holds the form's state for its host element, which it asks to update on every change. */
export class ReplyController {
  reply = '';
  error: string | undefined = undefined;
  alert: string | null = null;
  busy = false;
  readonly #host: Host;
  readonly #send: (body: string) => Promise<ReplyOutcome>;

  constructor(host: Host, send: (body: string) => Promise<ReplyOutcome>) {
    this.#host = host;
    this.#send = send;
  }

  readonly #submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (this.busy) return;
    this.alert = null;
    const parsed = replyRequest.safeParse({ body: this.reply });
    if (!parsed.success) {
      this.error = zodFieldErrors(parsed.error).body;
      await this.#showProblem();
      return;
    }
    this.error = undefined;
    this.busy = true;
    this.#host.requestUpdate();
    const outcome = await this.#send(parsed.data.body);
    this.busy = false;
    if (outcome.kind === 'done') {
      this.reply = '';
      this.#host.requestUpdate();
      return;
    }
    this.error = outcome.fieldError;
    this.alert = outcome.fieldError ? null : (outcome.alert ?? null);
    await this.#showProblem();
  };

  async #showProblem(): Promise<void> {
    this.#host.requestUpdate();
    await this.#host.updateComplete;
    focusFirstProblem(this.#host.renderRoot);
  }

  /** The form, rendered in the host's own shadow root (labels and descriptions stay in one tree). */
  render(hint: TemplateResult | typeof nothing = nothing): TemplateResult {
    return html`<form novalidate @submit=${this.#submit} aria-labelledby="reply-heading">
      <h2 id="reply-heading">Reply</h2>
      ${messageBox({
        id: 'reply',
        label: 'Your reply',
        value: this.reply,
        error: this.error,
        onInput: (value) => {
          this.reply = value;
          this.#host.requestUpdate();
        },
      })}
      ${hint}
      ${this.alert ? html`<div class="alert" role="alert" tabindex="-1"><p>${this.alert}</p></div>` : nothing}
      <div class="actions">
        <button class="button" type="submit" ?disabled=${this.busy}>${this.busy ? 'Sending…' : 'Send reply'}</button>
      </div>
    </form>`;
  }
}

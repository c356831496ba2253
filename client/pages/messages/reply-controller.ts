// The reply form of a conversation, shared by the patient's Messages and the Practice inbox: the
// text, "Attach files", its check against core's rule before anything is sent, "Sending…" with
// the upload's progress, and the answer as a field error or an alert with focus moved to it. Each
// side sends its own way (`send`).
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { AttachmentRef } from '../../../core/attachments';
import { replyRequest } from '../../../core/messages';
import { FormController } from '../../components/forms/form-controller';
import { zodFieldErrors } from '../../components/forms/zod-errors';
import type { UploadProgress } from '../../data/outbox/uploads';
import './attach-files';
import { uploadProgress } from './attachment-parts';
import { messageBox } from './message-box';

/** The reply's files, and where to report how their upload goes. */
export interface ReplyFiles {
  attachments: AttachmentRef[];
  onUploadProgress: (progress: UploadProgress) => void;
}

/** What a send came to: done, or refused with a reason for the field or for an alert. */
export type ReplyOutcome = { kind: 'done' } | { kind: 'refused'; fieldError?: string; alert?: string };

type Host = ReactiveControllerHost & HTMLElement & { renderRoot: ParentNode };

/** Holds the form's text for its host element, which it asks to update on every change. */
export class ReplyController {
  reply = '';
  readonly form: FormController<'body'>;
  readonly #host: Host;
  progress: UploadProgress | null = null;
  readonly #send: (body: string, files: ReplyFiles) => Promise<ReplyOutcome>;
  readonly #accountId: () => string;

  constructor(
    host: Host,
    send: (body: string, files: ReplyFiles) => Promise<ReplyOutcome>,
    accountId: () => string,
  ) {
    this.#host = host;
    this.#send = send;
    this.#accountId = accountId;
    this.form = new FormController(host, { action: 'Sending a reply' });
  }

  get #picker() {
    return this.#host.renderRoot.querySelector('attach-files');
  }

  readonly #submit = (event: Event): Promise<void> => {
    event.preventDefault();
    return this.form.submit(async () => {
      const picker = this.#picker;
      if (picker?.busy) return { alert: 'A file is still being prepared. Send again in a moment.' };
      const attachments = picker?.refs ?? [];
      const parsed = replyRequest.safeParse({ body: this.reply, attachments });
      if (!parsed.success) return { problems: { body: zodFieldErrors(parsed.error).body } };
      const outcome = await this.#send(parsed.data.body, {
        attachments,
        onUploadProgress: (progress) => {
          this.progress = progress;
          this.#host.requestUpdate();
        },
      });
      this.progress = null;
      if (outcome.kind === 'done') {
        this.reply = '';
        picker?.clear();
        return;
      }
      return outcome.fieldError
        ? { problems: { body: outcome.fieldError } }
        : { alert: outcome.alert ?? null };
    });
  };

  /** The form, rendered in the host's own shadow root (labels and descriptions stay in one tree). */
  render(hint: TemplateResult | typeof nothing = nothing): TemplateResult {
    return html`<form novalidate @submit=${this.#submit} aria-labelledby="reply-heading">
      <h2 id="reply-heading">Reply</h2>
      ${messageBox({
        id: 'reply',
        label: 'Your reply',
        value: this.reply,
        error: this.form.problem('body'),
        onInput: (value) => {
          this.reply = value;
          this.#host.requestUpdate();
        },
      })}
      <attach-files .accountId=${this.#accountId()} ?disabled=${this.form.busy}></attach-files>
      ${hint}
      ${this.form.busy ? uploadProgress(this.progress) : nothing}
      ${this.form.alert ? html`<div class="alert" role="alert" tabindex="-1"><p>${this.form.alert}</p></div>` : nothing}
      <div class="actions">
        <button class="button" type="submit" ?disabled=${this.form.busy}>${this.form.busy ? 'Sending…' : 'Send reply'}</button>
      </div>
    </form>`;
  }
}

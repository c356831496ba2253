// <practice-thread>: one waiting conversation as the practice reads it: whose record it is on,
// every message oldest first with who wrote it (a family member writing for the patient is named
// as such), and the practice's reply. Online only: the reply goes straight to the server.
import { css, html, LitElement, nothing } from 'lit';
import type { AttachmentView } from '../../../core/attachments';
import { MAX_MESSAGES_PER_THREAD, type MessageView, type StaffThreadView } from '../../../core/messages';
import { failureText, fieldErrors } from '../../components/forms/form-feedback';
import { formStyles } from '../../components/forms/form-styles';
import { pageStyles } from '../../components/page-styles';
import { saveFile } from '../../components/save-file';
import { session } from '../../data/session';
import { staffAttachment, staffReply } from '../../data/staff-api';
import { attachmentStyles } from '../messages/attachment-parts';
import { conversation, messageItem, withLine } from '../messages/conversation-parts';
import { conversationStyles } from '../messages/conversation-styles';
import { messageBoxStyles } from '../messages/message-box';
import { ReplyController, type ReplyFiles, type ReplyOutcome } from '../messages/reply-controller';

/** Fired when the reply reached the server. */
export interface ReplySentDetail {
  threadId: string;
  message: MessageView;
}

export class PracticeThread extends LitElement {
  static override styles = [
    ...pageStyles,
    formStyles,
    messageBoxStyles,
    conversationStyles,
    attachmentStyles,
    css`
      .side {
        color: var(--muted);
        font-weight: 400;
      }
    `,
  ];

  static override properties = {
    thread: { attribute: false },
    timeZone: { attribute: false },
    fileProblem: { state: true },
  };

  declare thread: StaffThreadView;
  declare timeZone: string;
  declare fileProblem: string;
  private readonly replyForm = new ReplyController(
    this,
    (body, files) => this.send(body, files),
    () => session.account?.id ?? '',
  );
  /** The last reply tried: sent again unchanged (its answer lost), it keeps its idempotency key. */
  private attempt: { threadId: string; sent: string; key: string } | null = null;

  constructor() {
    super();
    this.timeZone = 'UTC';
    this.fileProblem = '';
  }

  private keyFor(threadId: string, body: string, files: ReplyFiles): string {
    const sent = JSON.stringify([body, files.attachments.map((a) => a.uploadId)]);
    if (this.attempt?.threadId !== threadId || this.attempt.sent !== sent)
      this.attempt = { threadId, sent, key: crypto.randomUUID() };
    return this.attempt.key;
  }

  private async open(file: AttachmentView): Promise<void> {
    this.fileProblem = '';
    const blob = await staffAttachment(this.thread.id, file.id);
    if (blob) saveFile(blob, file.name);
    else this.fileProblem = `${file.name} could not be downloaded. Check the connection and try again.`;
  }

  private back(): void {
    this.dispatchEvent(
      new CustomEvent<string>('thread-back', { detail: this.thread.id, bubbles: true, composed: true }),
    );
  }

  /** Online only; the parent hears of each sent reply ('reply-sent'). */
  private async send(body: string, files: ReplyFiles): Promise<ReplyOutcome> {
    const threadId = this.thread.id;
    const outcome = await staffReply(
      threadId,
      body,
      this.keyFor(threadId, body, files),
      files.attachments,
      files.onUploadProgress,
    );
    if (outcome.kind === 'ok') {
      this.attempt = null;
      this.dispatchEvent(
        new CustomEvent<ReplySentDetail>('reply-sent', {
          detail: { threadId, message: outcome.data },
          bubbles: true,
          composed: true,
        }),
      );
      return { kind: 'done' };
    }
    return {
      kind: 'refused',
      fieldError: outcome.kind === 'problem' ? fieldErrors(outcome.problem).body : undefined,
      alert: failureText(outcome, 'Sending a reply'),
    };
  }

  private renderMessage(message: MessageView) {
    const side = message.from === 'practice' ? html`<span class="side"> · Practice</span>` : nothing;
    return messageItem(message, null, this.timeZone, (_, file) => void this.open(file), side);
  }

  private renderReply() {
    if (this.thread.messages.length >= MAX_MESSAGES_PER_THREAD) {
      return html`<p class="note">
        This conversation is full: it keeps at most ${MAX_MESSAGES_PER_THREAD} messages. The patient can start a
        new message.
      </p>`;
    }
    return this.replyForm.render(
      html`<p class="hint">
        The reply is signed with your name. Do not ask for credit card information: card numbers are refused.
      </p>`,
    );
  }

  override render() {
    const thread = this.thread;
    return conversation({
      back: '← Waiting conversations',
      onBack: () => this.back(),
      subject: thread.subject,
      meta: `Patient: ${thread.patientName || 'name not on file'} · ${withLine(thread)}`,
      items: thread.messages.map((message) => this.renderMessage(message)),
      after: html`${this.fileProblem ? html`<p class="alert" role="alert">${this.fileProblem}</p>` : nothing}
        ${this.renderReply()}`,
    });
  }
}

customElements.define('practice-thread', PracticeThread);

declare global {
  interface HTMLElementTagNameMap {
    'practice-thread': PracticeThread;
  }
}

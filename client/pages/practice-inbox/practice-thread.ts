// <practice-thread>: one waiting conversation as the practice reads it: whose record it is on,
// every message oldest first with who wrote it (a family member writing for the patient is named
// as such), and the practice's reply. Online only: the reply goes straight to the server.
import { css, html, LitElement, nothing } from 'lit';
import {
  MAX_MESSAGES_PER_THREAD,
  type MessageView,
  replyRequest,
  type StaffThreadView,
  subjectOf,
} from '../../../core/messages';
import { failureText, fieldErrors, focusFirstProblem } from '../../components/forms/form-feedback';
import { formStyles } from '../../components/forms/form-styles';
import { zodFieldErrors } from '../../components/forms/zod-errors';
import { pageStyles } from '../../components/page-styles';
import { staffReply } from '../../data/staff-api';
import { conversationStyles } from '../messages/conversation-styles';
import { messageBox, messageBoxStyles } from '../messages/message-box';
import { authorLine, when } from '../messages/message-words';

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
    reply: { state: true },
    error: { state: true },
    alert: { state: true },
    busy: { state: true },
  };

  declare thread: StaffThreadView;
  declare timeZone: string;
  declare reply: string;
  declare error: string | undefined;
  declare alert: string | null;
  declare busy: boolean;
  /** The last reply tried: sent again unchanged (its answer lost), it keeps its idempotency key. */
  private attempt: { threadId: string; body: string; key: string } | null = null;

  constructor() {
    super();
    this.timeZone = 'UTC';
    this.reply = '';
    this.error = undefined;
    this.alert = null;
    this.busy = false;
  }

  private keyFor(threadId: string, body: string): string {
    if (this.attempt?.threadId !== threadId || this.attempt.body !== body)
      this.attempt = { threadId, body, key: crypto.randomUUID() };
    return this.attempt.key;
  }

  private back(): void {
    this.dispatchEvent(
      new CustomEvent<string>('thread-back', { detail: this.thread.id, bubbles: true, composed: true }),
    );
  }

  private async onReply(event: Event): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    this.alert = null;
    const parsed = replyRequest.safeParse({ body: this.reply });
    if (!parsed.success) {
      this.error = zodFieldErrors(parsed.error).body;
      await this.updateComplete;
      focusFirstProblem(this.renderRoot);
      return;
    }
    this.error = undefined;
    this.busy = true;
    const threadId = this.thread.id;
    const outcome = await staffReply(threadId, parsed.data.body, this.keyFor(threadId, parsed.data.body));
    this.busy = false;
    if (outcome.kind === 'ok') {
      this.attempt = null;
      this.reply = '';
      this.dispatchEvent(
        new CustomEvent<ReplySentDetail>('reply-sent', {
          detail: { threadId, message: outcome.data },
          bubbles: true,
          composed: true,
        }),
      );
      return;
    }
    if (outcome.kind === 'problem') this.error = fieldErrors(outcome.problem).body;
    if (!this.error) this.alert = failureText(outcome, 'Sending a reply');
    await this.updateComplete;
    focusFirstProblem(this.renderRoot);
  }

  private renderMessage(message: MessageView) {
    return html`<li class=${message.from}>
      <p class="from">
        ${authorLine(message, null)}
        ${message.from === 'practice' ? html`<span class="side"> · Practice</span>` : nothing}
        <time datetime=${message.sentAt}> · ${when(message.sentAt, this.timeZone)}</time>
      </p>
      <p class="body">${message.body}</p>
    </li>`;
  }

  private renderReply() {
    if (this.thread.messages.length >= MAX_MESSAGES_PER_THREAD) {
      return html`<p class="note">
        This conversation is full: it keeps at most ${MAX_MESSAGES_PER_THREAD} messages. The patient can start a
        new message.
      </p>`;
    }
    return html`<form novalidate @submit=${this.onReply} aria-labelledby="reply-heading">
      <h2 id="reply-heading">Reply</h2>
      ${messageBox({
        id: 'reply',
        label: 'Your reply',
        value: this.reply,
        error: this.error,
        onInput: (value) => {
          this.reply = value;
        },
      })}
      <p class="hint">
        The reply is signed with your name. Do not ask for credit card information: card numbers are refused.
      </p>
      ${this.alert ? html`<div class="alert" role="alert" tabindex="-1"><p>${this.alert}</p></div>` : nothing}
      <div class="actions">
        <button class="button" type="submit" ?disabled=${this.busy}>${this.busy ? 'Sending…' : 'Send reply'}</button>
      </div>
    </form>`;
  }

  override render() {
    const thread = this.thread;
    return html`<button class="back" type="button" @click=${this.back}>← Waiting conversations</button>
      <h2 id="thread-heading" tabindex="-1">${subjectOf(thread.subject).label}</h2>
      <p class="meta">
        Patient: ${thread.patientName || 'name not on file'} · With ${thread.withName}${thread.locationName ? ` · ${thread.locationName}` : ''}
      </p>
      <ol aria-labelledby="thread-heading">
        ${thread.messages.map((message) => this.renderMessage(message))}
      </ol>
      ${this.renderReply()}`;
  }
}

customElements.define('practice-thread', PracticeThread);

declare global {
  interface HTMLElementTagNameMap {
    'practice-thread': PracticeThread;
  }
}

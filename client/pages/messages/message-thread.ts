// <message-thread>: one conversation, oldest message first, each saying who wrote it (a family
// member writing for the patient is named as such), messages still waiting on this device, and
// a reply form. Everything here comes from the device's sealed copy, so it reads offline too.
import { css, html, LitElement, nothing } from 'lit';
import { MAX_MESSAGES_PER_THREAD, replyRequest, subjectOf, type ThreadView } from '../../../core/messages';
import type { PersonInReach } from '../../../core/records';
import { fieldErrors, focusFirstProblem } from '../../components/forms/form-feedback';
import { formStyles } from '../../components/forms/form-styles';
import { zodFieldErrors } from '../../components/forms/zod-errors';
import { pageStyles } from '../../components/page-styles';
import { sendReply } from '../../data/messages/send-message';
import type { WaitingMessage } from '../../data/messages/waiting-messages';
import { conversationStyles } from './conversation-styles';
import { messageBox, messageBoxStyles } from './message-box';
import { authorLine, notSentText, when } from './message-words';

export class MessageThread extends LitElement {
  static override styles = [
    ...pageStyles,
    formStyles,
    messageBoxStyles,
    conversationStyles,
    css`
      ol > li.waiting {
        border-style: dashed;
      }
      .state {
        color: var(--muted);
        font-weight: 400;
      }
      .failed {
        color: var(--error);
        font-weight: 600;
      }
    `,
  ];

  static override properties = {
    thread: { attribute: false },
    waiting: { attribute: false },
    person: { attribute: false },
    readerAccountId: { attribute: false },
    timeZone: { attribute: false },
    reply: { state: true },
    error: { state: true },
    alert: { state: true },
    busy: { state: true },
  };

  declare thread: ThreadView;
  declare waiting: WaitingMessage[];
  declare person: PersonInReach;
  declare readerAccountId: string | null;
  declare timeZone: string;
  declare reply: string;
  declare error: string | undefined;
  declare alert: string | null;
  declare busy: boolean;

  constructor() {
    super();
    this.waiting = [];
    this.readerAccountId = null;
    this.timeZone = 'UTC';
    this.reply = '';
    this.error = undefined;
    this.alert = null;
    this.busy = false;
  }

  private back(): void {
    this.dispatchEvent(new CustomEvent('thread-back', { bubbles: true, composed: true }));
  }

  private discard(id: string): void {
    this.dispatchEvent(
      new CustomEvent<string>('discard-waiting', { detail: id, bubbles: true, composed: true }),
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
    const outcome = await sendReply(this.person.patientId, this.thread, parsed.data.body);
    this.busy = false;
    if (outcome.kind === 'sent' || outcome.kind === 'queued') {
      this.reply = '';
      this.alert = null;
      return;
    }
    if (outcome.kind === 'problem') {
      this.error = fieldErrors(outcome.problem).body;
      if (!this.error) this.alert = outcome.problem.detail ?? outcome.problem.title;
    } else {
      this.alert = outcome.reason;
    }
    await this.updateComplete;
    focusFirstProblem(this.renderRoot);
  }

  private renderWaiting(item: WaitingMessage) {
    return html`<li class="waiting">
      <p class="from">You <span class="state">· ${item.status === 'failed' ? 'Not sent' : 'Waiting to send'}</span></p>
      <p class="body">${item.body}</p>
      ${
        item.status === 'failed'
          ? html`<p class="failed">${notSentText(item.failure)}</p>
              <button class="back" type="button" @click=${() => this.discard(item.id)}>Delete this message</button>`
          : html`<p class="state">It goes out as soon as this device is connected.</p>`
      }
    </li>`;
  }

  private renderReply() {
    const count = this.thread.messages.length + this.waiting.length;
    if (count >= MAX_MESSAGES_PER_THREAD) {
      return html`<p class="note">This conversation is full. Please start a new message.</p>`;
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
      ${this.alert ? html`<div class="alert" role="alert" tabindex="-1"><p>${this.alert}</p></div>` : nothing}
      <div class="actions">
        <button class="button" type="submit" ?disabled=${this.busy}>${this.busy ? 'Sending…' : 'Send reply'}</button>
      </div>
    </form>`;
  }

  override render() {
    const thread = this.thread;
    return html`<button class="back" type="button" @click=${this.back}>← All messages</button>
      <h2 id="thread-heading" tabindex="-1">${subjectOf(thread.subject).label}</h2>
      <p class="meta">With ${thread.withName}${thread.locationName ? ` · ${thread.locationName}` : ''}</p>
      <ol aria-labelledby="thread-heading">
        ${thread.messages.map(
          (message) => html`<li class=${message.from}>
            <p class="from">
              ${authorLine(message, this.readerAccountId)}
              <time datetime=${message.sentAt}> · ${when(message.sentAt, this.timeZone)}</time>
            </p>
            <p class="body">${message.body}</p>
          </li>`,
        )}
        ${this.waiting.map((item) => this.renderWaiting(item))}
      </ol>
      ${this.renderReply()}`;
  }
}

customElements.define('message-thread', MessageThread);

declare global {
  interface HTMLElementTagNameMap {
    'message-thread': MessageThread;
  }
}

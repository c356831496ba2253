// <message-thread>: one conversation, oldest message first, each saying who wrote it (a family
// member writing for the patient is named as such), messages still waiting on this device, and
// a reply form. Everything here comes from the device's sealed copy, so it reads offline too.
import { css, html, LitElement } from 'lit';
import { MAX_MESSAGES_PER_THREAD, type ThreadView } from '../../../core/messages';
import type { PersonInReach } from '../../../core/records';
import { fieldErrors } from '../../components/forms/form-feedback';
import { formStyles } from '../../components/forms/form-styles';
import { pageStyles } from '../../components/page-styles';
import { sendReply } from '../../data/messages/send-message';
import type { WaitingMessage } from '../../data/messages/waiting-messages';
import { conversation, messageItem, withLine } from './conversation-parts';
import { conversationStyles } from './conversation-styles';
import { messageBoxStyles } from './message-box';
import { notSentText } from './message-words';
import { ReplyController, type ReplyOutcome } from './reply-controller';

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
  };

  declare thread: ThreadView;
  declare waiting: WaitingMessage[];
  declare person: PersonInReach;
  declare readerAccountId: string | null;
  declare timeZone: string;
  private readonly replyForm = new ReplyController(this, (body) => this.send(body));

  constructor() {
    super();
    this.waiting = [];
    this.readerAccountId = null;
    this.timeZone = 'UTC';
  }

  private back(): void {
    this.dispatchEvent(new CustomEvent('thread-back', { bubbles: true, composed: true }));
  }

  private discard(id: string): void {
    this.dispatchEvent(
      new CustomEvent<string>('discard-waiting', { detail: id, bubbles: true, composed: true }),
    );
  }

  /** Straight to the practice when connected, else into the outbox (shown as waiting). */
  private async send(body: string): Promise<ReplyOutcome> {
    const outcome = await sendReply(this.person.patientId, this.thread, body);
    if (outcome.kind === 'sent' || outcome.kind === 'queued') return { kind: 'done' };
    if (outcome.kind === 'problem')
      return {
        kind: 'refused',
        fieldError: fieldErrors(outcome.problem).body,
        alert: outcome.problem.detail ?? outcome.problem.title,
      };
    return { kind: 'refused', alert: outcome.reason };
  }

  private renderWaiting(item: WaitingMessage) {
    return html`<li class="waiting">
      <p class="from">You <span class="state">· ${item.status === 'failed' ? 'Not sent' : 'Waiting to send'}</span></p>
      <p class="body">${item.body}</p>
      ${
        item.status === 'failed'
          ? html`<p class="failed">${notSentText(item.failure)}</p>
              <button class="link-button" type="button" @click=${() => this.discard(item.id)}>Delete this message</button>`
          : html`<p class="state">It goes out as soon as this device is connected.</p>`
      }
    </li>`;
  }

  private renderReply() {
    const count = this.thread.messages.length + this.waiting.length;
    if (count >= MAX_MESSAGES_PER_THREAD) {
      return html`<p class="note">This conversation is full. Please start a new message.</p>`;
    }
    return this.replyForm.render();
  }

  override render() {
    const thread = this.thread;
    return conversation({
      back: '← All messages',
      onBack: () => this.back(),
      subject: thread.subject,
      meta: withLine(thread),
      items: [
        ...thread.messages.map((message) => messageItem(message, this.readerAccountId, this.timeZone)),
        ...this.waiting.map((item) => this.renderWaiting(item)),
      ],
      after: this.renderReply(),
    });
  }
}

customElements.define('message-thread', MessageThread);

declare global {
  interface HTMLElementTagNameMap {
    'message-thread': MessageThread;
  }
}

// <message-thread>: one conversation, oldest message first, each saying who wrote it (a family
// member writing for the patient is named as such), messages still waiting on this device, and
// a reply form, kept as a draft while typing (`draft` reopens one). Everything here comes from the
// device's sealed copy, so it reads offline too.
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import type { AttachmentView } from '../../../core/attachments';
import { MAX_MESSAGES_PER_THREAD, type MessageView, type ThreadView } from '../../../core/messages';
import type { PersonInReach } from '../../../core/records';
import { fieldErrors } from '../../components/forms/form-feedback';
import { formStyles } from '../../components/forms/form-styles';
import { pageStyles } from '../../components/page-styles';
import { saveFile } from '../../components/save-file';
import type { Draft, ReplyDraft } from '../../data/messages/drafts';
import { messageFile } from '../../data/messages/message-files';
import { sendReply } from '../../data/messages/send-message';
import type { WaitingMessage } from '../../data/messages/waiting-messages';
import { vault } from '../../data/records/app-records';
import { session } from '../../data/session';
import { attachmentStyles } from './attachment-parts';
import { conversation, messageItem, withLine } from './conversation-parts';
import { conversationStyles } from './conversation-styles';
import { DraftController } from './draft-controller';
import { messageBoxStyles } from './message-box';
import { notSentText } from './message-words';
import { ReplyController, type ReplyFiles, type ReplyOutcome } from './reply-controller';
import { waitingFileList } from './waiting-files';

export class MessageThread extends LitElement {
  static override styles = [
    ...pageStyles,
    formStyles,
    messageBoxStyles,
    conversationStyles,
    attachmentStyles,
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
    draft: { attribute: false },
    fileProblem: { state: true },
  };

  declare thread: ThreadView;
  declare waiting: WaitingMessage[];
  declare person: PersonInReach;
  declare readerAccountId: string | null;
  declare timeZone: string;
  /** The reply saved as a draft, to go on with. */
  declare draft: Draft | null;
  declare fileProblem: string;
  private readonly replyForm = new ReplyController(
    this,
    (body, files) => this.send(body, files),
    () => session.account?.id ?? '',
  );
  private readonly drafts = new DraftController(this, {
    patientId: () => this.person?.patientId ?? null,
    content: (): ReplyDraft => ({
      kind: 'reply',
      threadId: this.thread.id,
      body: this.replyForm.reply,
      attachments: this.renderRoot.querySelector('attach-files')?.refs ?? [],
    }),
  });

  constructor() {
    super();
    this.waiting = [];
    this.readerAccountId = null;
    this.timeZone = 'UTC';
    this.fileProblem = '';
    this.draft = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const draft = this.draft;
    if (!changed.has('draft') || !draft || draft.content.kind !== 'reply' || draft.id === this.drafts.id)
      return;
    if (draft.content.threadId !== this.thread.id) return;
    this.drafts.adopt(draft);
    this.replyForm.reply = draft.content.body;
    const { attachments } = draft.content;
    void this.updateComplete.then(() => this.renderRoot.querySelector('attach-files')?.restore(attachments));
  }

  /** The device's copy when there is one (offline too), else fetched while connected. */
  private async open(message: MessageView, file: AttachmentView): Promise<void> {
    this.fileProblem = '';
    const cache = vault.current;
    const blob =
      cache && !cache.locked
        ? await messageFile(
            cache,
            this.person.patientId,
            { ...file, threadId: this.thread.id, sentAt: message.sentAt },
            (path) => session.fetchAsAccount(path, { headers: { accept: '*/*' } }),
          ).catch(() => null)
        : null;
    if (blob) saveFile(blob, file.name);
    else
      this.fileProblem = navigator.onLine
        ? `${file.name} could not be opened. Try again in a moment.`
        : `${file.name} is not on this device yet. It opens once you're connected.`;
  }

  private async back(): Promise<void> {
    await this.drafts.flush();
    this.dispatchEvent(new CustomEvent('thread-back', { bubbles: true, composed: true }));
  }

  private discard(id: string): void {
    this.dispatchEvent(
      new CustomEvent<string>('discard-waiting', { detail: id, bubbles: true, composed: true }),
    );
  }

  /** Straight to the practice when connected, else into the outbox (shown as waiting). */
  private async send(body: string, files: ReplyFiles): Promise<ReplyOutcome> {
    const outcome = await sendReply(this.person.patientId, this.thread, body, files);
    if (outcome.kind === 'sent' || outcome.kind === 'queued') {
      // The reply's files are the message's now: the draft goes without them.
      await this.drafts.sent();
      return { kind: 'done' };
    }
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
      ${waitingFileList(item)}
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
      onBack: () => void this.back(),
      subject: thread.subject,
      meta: withLine(thread),
      items: [
        ...thread.messages.map((message) =>
          messageItem(message, this.readerAccountId, this.timeZone, (m, file) => void this.open(m, file)),
        ),
        ...this.waiting.map((item) => this.renderWaiting(item)),
      ],
      after: html`${this.fileProblem ? html`<p class="alert" role="alert">${this.fileProblem}</p>` : nothing}
        ${this.renderReply()}`,
    });
  }
}

customElements.define('message-thread', MessageThread);

declare global {
  interface HTMLElementTagNameMap {
    'message-thread': MessageThread;
  }
}

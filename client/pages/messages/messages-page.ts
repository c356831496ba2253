// <messages-page>: secure messages of the person chosen in the account switcher, read from the
// device's sealed copy (so they open offline), with "Send a message", each conversation, and what
// still waits on this device, and "Drafts": messages being written, to open again or discard. A
// family member writes on the patient's behalf, and it says so.
import { css, html, LitElement, nothing } from 'lit';
import {
  type MessageRecipients,
  type MessagesAnswer,
  subjectOf,
  type ThreadView,
} from '../../../core/messages';
import { OUTBOX_CHANGED_EVENT, type OutboxChangedDetail } from '../../../core/outbox';
import type { PracticeInfo } from '../../../core/practice';
import type { PersonInReach } from '../../../core/records';
import { formStyles } from '../../components/forms/form-styles';
import '../../components/open-records-form';
import { pageStyles } from '../../components/page-styles';
import '../../components/record-status';
import { composeContext } from '../../data/messages/compose-context';
import { type Draft, discardDraft, listDrafts } from '../../data/messages/drafts';
import { markThreadRead } from '../../data/messages/send-message';
import { type WaitingMessage, waitingMessages } from '../../data/messages/waiting-messages';
import { vault } from '../../data/records/app-records';
import { RecordsController } from '../../data/records/records-controller';
import type { RecordsReader } from '../../data/records/records-reader';
import { session } from '../../data/session';
import { conversationListStyles } from './conversation-styles';
import { draftList, draftListStyles } from './draft-list';
import './message-compose';
import type { ComposeCancelDetail, ComposeDoneDetail } from './message-compose';
import './message-thread';
import { when } from './message-words';

interface Loaded {
  person: PersonInReach | null;
  threads: ThreadView[];
  recipients: MessageRecipients | null;
  waiting: WaitingMessage[];
  /** Messages being written for the person, the latest saved first. */
  drafts: Draft[];
  fetchedAt: Date | null;
}

async function load(reader: RecordsReader): Promise<Loaded> {
  const { person, recipients } = await composeContext(reader);
  const cache = vault.current;
  if (!person || !cache)
    return { person, threads: [], recipients: null, waiting: [], drafts: [], fetchedAt: null };
  const [answer, waiting, drafts] = await Promise.all([
    reader.snapshot<MessagesAnswer>(person.patientId, 'messages'),
    waitingMessages(cache, person.patientId),
    listDrafts(cache, person.patientId),
  ]);
  return {
    person,
    // The server sends Billing only the billing threads; a copy from before a change of level
    // is dropped by the sync, and this keeps any care thread off screen until it is.
    threads: (answer?.value.threads ?? []).filter(
      (t) => person.access !== 'billing' || t.topic === 'billing',
    ),
    recipients,
    waiting,
    drafts,
    fetchedAt: answer ? new Date(answer.fetchedAt) : null,
  };
}

type View = { kind: 'list' } | { kind: 'compose'; draft?: Draft } | { kind: 'thread'; id: string };

const SAVED_NOTICE = "Your message is saved on this device. It will be sent as soon as you're connected.";

export class MessagesPage extends LitElement {
  static override styles = [
    ...pageStyles,
    formStyles,
    conversationListStyles,
    draftListStyles,
    css`
      .toolbar {
        margin: 0 0 1.25rem;
      }
      .start {
        min-height: var(--tap);
        padding: 0 1.25rem;
        border: 2px solid var(--accent);
        border-radius: 0.5rem;
        background: var(--accent);
        color: #fff;
        font: inherit;
        font-weight: 700;
        cursor: pointer;
      }
      .start:hover {
        background: var(--accent-strong);
      }
      .thread.unread {
        border-inline-start: 4px solid var(--accent-strong);
      }
      .thread .sub,
      .thread time {
        color: var(--muted);
        font-weight: 400;
      }
      .tag {
        display: inline-block;
        margin-inline-start: 0.5rem;
        padding: 0 0.5rem;
        border-radius: 999px;
        background: var(--accent-soft);
        color: var(--text);
        font-size: 0.875rem;
        font-weight: 700;
      }
      .waiting-new {
        padding: 0.75rem 1rem;
        border: 1px dashed var(--border);
        border-radius: var(--radius);
      }
      .waiting-new .failed {
        color: var(--error);
        font-weight: 600;
      }
    `,
  ];

  static override properties = {
    practice: { attribute: false },
    view: { state: true },
    notice: { state: true },
  };

  declare practice: PracticeInfo | null;
  declare view: View;
  declare notice: string;
  private readonly records = new RecordsController<Loaded>(this, { source: vault, load });

  constructor() {
    super();
    this.practice = null;
    this.view = { kind: 'list' };
    this.notice = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener(OUTBOX_CHANGED_EVENT, this.onReplayed);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener(OUTBOX_CHANGED_EVENT, this.onReplayed);
  }

  /** Something was queued, delivered or refused: draw the waiting messages as they are now. */
  private readonly onReplayed = (event: Event): void => {
    // "It will be sent as soon as you're connected" stops being true once it was.
    const { outcomes } = (event as CustomEvent<OutboxChangedDetail>).detail;
    if (this.notice === SAVED_NOTICE && outcomes.some((o) => o.kind === 'message' && !o.failure))
      this.notice = 'Your message was sent.';
    void this.records.reload();
  };

  private get timeZone(): string {
    return this.practice?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  }

  private async show(view: View, focus: string): Promise<void> {
    this.view = view;
    // Back on the list: the drafts as the form just left them.
    if (view.kind === 'list') await this.records.reload();
    await this.updateComplete;
    const target = this.renderRoot.querySelector<HTMLElement>(focus);
    const inner = target as (HTMLElement & { updateComplete?: Promise<unknown> }) | null;
    await inner?.updateComplete;
    (inner?.shadowRoot?.querySelector<HTMLElement>('h2, select, textarea') ?? target)?.focus();
  }

  private open(thread: ThreadView, person: PersonInReach): void {
    this.notice = '';
    void this.show({ kind: 'thread', id: thread.id }, 'message-thread');
    if (thread.unread) void markThreadRead(person.patientId, thread);
  }

  private onComposeDone(event: CustomEvent<ComposeDoneDetail>): void {
    const detail = event.detail;
    if ('sent' in detail) {
      this.notice = 'Message sent.';
      void this.show({ kind: 'thread', id: detail.sent.id }, 'message-thread');
    } else {
      this.notice = SAVED_NOTICE;
      void this.show({ kind: 'list' }, 'h1');
    }
  }

  private onComposeCancel(event: CustomEvent<ComposeCancelDetail>): void {
    this.notice = event.detail?.draftKept ? 'Your message is kept in Drafts.' : '';
    void this.show({ kind: 'list' }, 'h1');
  }

  private openDraft(draft: Draft, value: Loaded, person: PersonInReach): void {
    const content = draft.content;
    if (content.kind === 'new') {
      this.notice = '';
      void this.show({ kind: 'compose', draft }, 'message-compose');
      return;
    }
    // Its conversation opens with the reply as it was left (renderBody hands the draft over).
    const thread = value.threads.find((t) => t.id === content.threadId);
    if (thread) this.open(thread, person);
  }

  /** "Discard": the draft and its files leave the device; focus stays in the list. */
  private async discardDraft(draft: Draft): Promise<void> {
    const cache = vault.current;
    if (!cache || cache.locked) return;
    await discardDraft(cache, draft.id);
    this.notice = 'Draft deleted.';
    await this.records.reload();
    await this.updateComplete;
    const next =
      this.renderRoot.querySelector<HTMLElement>('.drafts button') ??
      this.renderRoot.querySelector<HTMLElement>('.start');
    next?.focus();
  }

  /** The newest saved reply to this conversation, to go on with. */
  private replyDraft(value: Loaded, threadId: string): Draft | null {
    return value.drafts.find((d) => d.content.kind === 'reply' && d.content.threadId === threadId) ?? null;
  }

  /** A refused message the user gave up on: gone from the outbox and from the device's copy. */
  private async discard(id: string): Promise<void> {
    const { discardChange } = await import('../../data/outbox');
    await discardChange(id);
  }

  private renderThreadItem(thread: ThreadView, person: PersonInReach) {
    const last = thread.messages[thread.messages.length - 1];
    return html`<li>
      <button class="thread ${thread.unread ? 'unread' : ''}" type="button" @click=${() => this.open(thread, person)}>
        <span class="top">
          <span>${subjectOf(thread.subject).label}${thread.unread ? html`<span class="tag">New reply</span>` : nothing}</span>
          <time datetime=${thread.lastMessageAt}>${when(thread.lastMessageAt, this.timeZone)}</time>
        </span>
        <span class="sub">With ${thread.withName}</span>
        ${last ? html`<span class="preview">${last.body}</span>` : nothing}
      </button>
    </li>`;
  }

  private renderWaitingNew(item: WaitingMessage) {
    return html`<li class="waiting-new">
      <strong>${item.subject ? subjectOf(item.subject).label : 'Message'}</strong> · to ${item.withName}
      <p>${item.status === 'failed' ? html`<span class="failed">Not sent: ${item.failure?.detail ?? item.failure?.title}</span>` : 'Waiting to send: it goes out as soon as this device is connected.'}</p>
      ${
        item.status === 'failed'
          ? html`<button class="link-button" type="button" @click=${() => this.discard(item.id)}>
              Delete this message
            </button>`
          : nothing
      }
    </li>`;
  }

  private renderList(value: Loaded, person: PersonInReach) {
    const newOnes = value.waiting.filter((w) => w.threadId === null);
    const empty = value.threads.length === 0 && newOnes.length === 0;
    return html`<div class="toolbar">
        <button class="start" type="button" @click=${() => this.show({ kind: 'compose' }, 'message-compose')}>
          Send a message
        </button>
      </div>
      ${draftList({
        drafts: value.drafts,
        threads: value.threads,
        recipients: value.recipients,
        timeZone: this.timeZone,
        onOpen: (draft) => this.openDraft(draft, value, person),
        onDiscard: (draft) => void this.discardDraft(draft),
      })}
      ${
        empty
          ? html`<p>${person.access === 'self' ? 'You have' : `${person.displayName} has`} no messages yet.</p>`
          : html`<ul class="threads" aria-label="Conversations">
              ${newOnes.map((item) => this.renderWaitingNew(item))}
              ${value.threads.map((thread) => this.renderThreadItem(thread, person))}
            </ul>`
      }
      ${
        person.access === 'billing'
          ? html`<p class="note">With Billing only access you see the billing conversations only.</p>`
          : nothing
      }`;
  }

  private renderBody(value: Loaded) {
    const person = value.person;
    if (!person) {
      return html`<p class="note">
        Your account is not linked to a patient record and nobody has given you family access yet, so there
        is nobody to write for. The practice's contacts are on the Help page.
      </p>`;
    }
    if (this.view.kind === 'compose') {
      return html`<message-compose
        .person=${person}
        .recipients=${value.recipients}
        .senderName=${session.account?.displayName ?? ''}
        .draft=${this.view.draft ?? null}
        @compose-done=${this.onComposeDone}
        @compose-cancel=${this.onComposeCancel}
      ></message-compose>`;
    }
    if (this.view.kind === 'thread') {
      const id = this.view.id;
      const thread = value.threads.find((t) => t.id === id);
      if (thread) {
        return html`<message-thread
          .thread=${thread}
          .waiting=${value.waiting.filter((w) => w.threadId === id)}
          .person=${person}
          .readerAccountId=${session.account?.id ?? null}
          .timeZone=${this.timeZone}
          .draft=${this.replyDraft(value, id)}
          @thread-back=${() => this.show({ kind: 'list' }, 'h1')}
          @discard-waiting=${(event: CustomEvent<string>) => this.discard(event.detail)}
        ></message-thread>`;
      }
    }
    if (!value.fetchedAt) {
      return html`<p class="note">
        Messages are not on this device yet. They are copied as soon as you're connected; use "Refresh" above
        to try now.
      </p>
        ${this.renderList(value, person)}`;
    }
    return this.renderList(value, person);
  }

  override render() {
    const { status, value, error } = this.records;
    const person = value?.person;
    return html`<h1 tabindex="-1">Messages</h1>
      ${person && person.access !== 'self' ? html`<p class="lead">Messages of ${person.displayName}</p>` : nothing}
      <record-status .lastSyncedAt=${value?.fetchedAt ?? null} .timeZone=${this.timeZone}></record-status>
      <p role="status">${this.notice}</p>
      ${
        status === 'locked'
          ? html`<open-records-form></open-records-form>`
          : status === 'error'
            ? html`<div class="alert" role="alert"><p>${error?.message}</p></div>`
            : value
              ? this.renderBody(value)
              : html`<p class="loading">Loading your messages…</p>`
      }`;
  }
}

customElements.define('messages-page', MessagesPage);

declare global {
  interface HTMLElementTagNameMap {
    'messages-page': MessagesPage;
  }
}

// <practice-inbox-page>: the practice's side of secure messages, for staff accounts: the
// conversations waiting for an answer (last message from the patient's side), oldest first, each
// opening to the whole thread and a reply. Online only and kept in memory only: the practice's
// devices are shared, so nothing of it goes to the record cache, the outbox or any storage, and it
// is dropped when the session locks, ends or changes account.
import { css, html, LitElement, nothing } from 'lit';
import { type StaffThreadView, subjectOf } from '../../../core/messages';
import type { PracticeInfo } from '../../../core/practice';
import { failureText, offlineText } from '../../components/forms/form-feedback';
import { formStyles } from '../../components/forms/form-styles';
import { OnlineController } from '../../components/forms/online-controller';
import { pageStyles } from '../../components/page-styles';
import { SessionController } from '../../data/session-controller';
import { staffInbox } from '../../data/staff-api';
import { conversationListStyles } from '../messages/conversation-styles';
import { when } from '../messages/message-words';
import { waitingCountText, waitingSince } from './inbox-words';
import './practice-thread';
import type { ReplySentDetail } from './practice-thread';

type View = { kind: 'list' } | { kind: 'thread'; id: string };

const OFFLINE_ACTION = 'Answering messages';

export class PracticeInboxPage extends LitElement {
  static override styles = [
    ...pageStyles,
    formStyles,
    conversationListStyles,
    css`
      .toolbar {
        margin: 0 0 1.25rem;
      }
      .thread .since,
      .thread .with {
        color: var(--muted);
        font-weight: 400;
      }
      .thread .subject,
      .thread .with {
        display: block;
      }
    `,
  ];

  static override properties = {
    practice: { attribute: false },
    threads: { state: true },
    view: { state: true },
    notice: { state: true },
    alert: { state: true },
    unreachable: { state: true },
    loading: { state: true },
  };

  declare practice: PracticeInfo | null;
  /** The waiting conversations, in memory only; null until the first answer. */
  declare threads: StaffThreadView[] | null;
  declare view: View;
  declare notice: string;
  declare alert: string | null;
  /** The last try found no connection. */
  declare unreachable: boolean;
  declare loading: boolean;
  private readonly sessionController = new SessionController(this);
  private readonly connection = new OnlineController(this);
  /** The staff account the data in memory belongs to. */
  private owner: string | null = null;

  constructor() {
    super();
    this.practice = null;
    this.threads = null;
    this.view = { kind: 'list' };
    this.notice = '';
    this.alert = null;
    this.unreachable = false;
    this.loading = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('online', this.onOnline);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('online', this.onOnline);
    this.owner = null;
    this.threads = null;
  }

  private get staffAccountId(): string | null {
    const { state, account } = this.sessionController.session;
    return state === 'signed-in' && account?.role === 'staff' ? account.id : null;
  }

  /** A new staff session loads the inbox; a lock, sign-out or other account drops what was shown. */
  protected override willUpdate(): void {
    const owner = this.staffAccountId;
    if (owner === this.owner) return;
    this.owner = owner;
    this.threads = null;
    this.view = { kind: 'list' };
    this.notice = '';
    this.alert = null;
    this.unreachable = false;
    if (owner) void this.load();
  }

  private readonly onOnline = (): void => {
    if (this.owner) void this.load();
  };

  private get timeZone(): string {
    return this.practice?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  }

  private async load(): Promise<void> {
    const owner = this.owner;
    this.loading = true;
    const outcome = await staffInbox();
    if (owner !== this.owner) return;
    this.loading = false;
    if (outcome.kind === 'ok') {
      this.threads = outcome.data.threads;
      this.alert = null;
      this.unreachable = false;
    } else if (outcome.kind === 'offline') {
      this.unreachable = true;
    } else {
      this.alert = failureText(outcome, OFFLINE_ACTION);
    }
  }

  private async show(view: View, focus: () => HTMLElement | null | undefined): Promise<void> {
    this.view = view;
    await this.updateComplete;
    const target = focus();
    await (target as (HTMLElement & { updateComplete?: Promise<unknown> }) | null)?.updateComplete;
    (target?.shadowRoot?.querySelector<HTMLElement>('#thread-heading') ?? target)?.focus();
  }

  private readonly heading = () => this.renderRoot.querySelector<HTMLElement>('h1');

  private open(thread: StaffThreadView): void {
    this.notice = '';
    void this.show({ kind: 'thread', id: thread.id }, () =>
      this.renderRoot.querySelector<HTMLElement>('practice-thread'),
    );
  }

  /** Back to the list, on the conversation that was open (or the heading when it has left). */
  private back(threadId: string): void {
    void this.show(
      { kind: 'list' },
      () =>
        [...this.renderRoot.querySelectorAll<HTMLElement>('button.thread')].find(
          (b) => b.dataset.thread === threadId,
        ) ?? this.heading(),
    );
  }

  private async onReplySent(event: CustomEvent<ReplySentDetail>): Promise<void> {
    const { threadId } = event.detail;
    // Answered: it waits no more. The reload also brings what came in meanwhile.
    this.threads = (this.threads ?? []).filter((t) => t.id !== threadId);
    this.notice = 'Reply sent.';
    await this.show({ kind: 'list' }, this.heading);
    await this.load();
  }

  private renderThreadItem(thread: StaffThreadView) {
    const last = thread.messages[thread.messages.length - 1];
    const since = waitingSince(thread);
    return html`<li>
      <button class="thread" type="button" data-thread=${thread.id} @click=${() => this.open(thread)}>
        <span class="top">
          <span>${thread.patientName || 'Patient (name not on file)'}</span>
          <span class="since">Waiting since <time datetime=${since}>${when(since, this.timeZone)}</time></span>
        </span>
        <span class="subject">${subjectOf(thread.subject).label}</span>
        <span class="with">With ${thread.withName}${thread.locationName ? ` · ${thread.locationName}` : ''}</span>
        ${last ? html`<span class="preview">${last.body}</span>` : nothing}
      </button>
    </li>`;
  }

  private renderList() {
    const threads = this.threads;
    return html`<div class="toolbar">
        <button class="button secondary" type="button" @click=${() => this.loading || this.load()}>
          ${this.loading && threads !== null ? 'Checking…' : 'Check for new messages'}
        </button>
      </div>
      ${
        threads === null
          ? this.unreachable || this.alert
            ? nothing
            : html`<p class="loading">Loading the waiting conversations…</p>`
          : html`<h2 id="waiting-heading">Waiting for an answer</h2>
            <p>${waitingCountText(threads.length)}</p>
            ${
              threads.length === 0
                ? nothing
                : html`<ul class="threads" aria-labelledby="waiting-heading">
                  ${threads.map((thread) => this.renderThreadItem(thread))}
                </ul>`
            }`
      }`;
  }

  private renderStaff() {
    const offline = !this.connection.online || this.unreachable;
    const view = this.view;
    const open = view.kind === 'thread' ? this.threads?.find((t) => t.id === view.id) : undefined;
    return html`<p class="lead">
        Patients' messages waiting for an answer from the practice. Nothing of them is kept on this device.
      </p>
      ${offline ? html`<p class="offline" role="status">${offlineText(OFFLINE_ACTION)}</p>` : nothing}
      <p role="status">${this.notice}</p>
      ${this.alert ? html`<div class="alert" role="alert"><p>${this.alert}</p></div>` : nothing}
      ${
        open
          ? html`<practice-thread
            .thread=${open}
            .timeZone=${this.timeZone}
            @thread-back=${(event: CustomEvent<string>) => this.back(event.detail)}
            @reply-sent=${this.onReplySent}
          ></practice-thread>`
          : this.renderList()
      }`;
  }

  override render() {
    return html`<h1 tabindex="-1">Practice inbox</h1>
      ${
        this.owner
          ? this.renderStaff()
          : html`<p>
              This page is for the practice's staff, to answer patients' messages. To write to your providers, use
              <a href="/messages">Messages</a>.
            </p>
            <p><a class="inline-link" href="/">Back to Home</a></p>`
      }`;
  }
}

customElements.define('practice-inbox-page', PracticeInboxPage);

declare global {
  interface HTMLElementTagNameMap {
    'practice-inbox-page': PracticeInboxPage;
  }
}

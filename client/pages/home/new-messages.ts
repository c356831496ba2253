// <new-messages>: in Home's Messages section, "New messages": each person with answers not read
// yet, from the device's copy (so it shows offline too), linking to their messages. Nothing while
// locked or when everything is read.
import { css, html, LitElement, nothing } from 'lit';
import { pageStyles } from '../../components/page-styles';
import type { UnreadForPerson } from '../../data/messages/unread';
import { RECORDS_CHANGED_EVENT, RECORDS_VAULT_EVENT, recordsEvents } from '../../data/records/records-events';
import { selectPatient } from '../../data/records/selected-person';

export class NewMessages extends LitElement {
  static override styles = [
    ...pageStyles,
    css`
      h3 {
        margin: 0;
      }
      ul {
        margin: 0;
        padding: 0;
        list-style: none;
      }
      a {
        display: inline-flex;
        align-items: center;
        min-height: var(--tap);
        font-weight: 600;
      }
    `,
  ];
  static override properties = { unread: { state: true } };

  declare unread: UnreadForPerson[];
  /** Settles once the newest count asked for is known (and rendered after updateComplete). */
  loaded: Promise<void> = Promise.resolve();
  #generation = 0;

  constructor() {
    super();
    this.unread = [];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    recordsEvents.addEventListener(RECORDS_CHANGED_EVENT, this.load);
    recordsEvents.addEventListener(RECORDS_VAULT_EVENT, this.load);
    this.loaded = this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    recordsEvents.removeEventListener(RECORDS_CHANGED_EVENT, this.load);
    recordsEvents.removeEventListener(RECORDS_VAULT_EVENT, this.load);
  }

  private readonly load = async (): Promise<void> => {
    const generation = ++this.#generation;
    try {
      const { unreadConversations } = await import('../../data/messages/unread');
      const unread = await unreadConversations();
      if (generation === this.#generation) this.unread = unread;
    } catch {
      // Locked mid-way or unreadable: Home shows no list rather than a wrong one.
      if (generation === this.#generation) this.unread = [];
    }
  };

  override render() {
    if (this.unread.length === 0) return nothing;
    return html`<section aria-labelledby="new-messages">
      <h3 id="new-messages">New messages</h3>
      <ul>
        ${this.unread.map(
          (u) => html`<li>
            <a href="/messages" @click=${() => selectPatient(u.patientId)}>
              ${u.conversations === 1 ? '1 conversation' : `${u.conversations} conversations`} with a new reply${u.self ? '' : ` for ${u.displayName}`}
            </a>
          </li>`,
        )}
      </ul>
    </section>`;
  }
}

customElements.define('new-messages', NewMessages);

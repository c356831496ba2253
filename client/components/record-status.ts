// <record-status>: how fresh the records on screen are. "Updated 3 min ago" while connected,
// "Offline — showing data from <time>" without a connection, and a failed sync in words the user
// can act on, with "Refresh" to try again.
import { css, html, LitElement, nothing } from 'lit';
import { SYNC_STATUS_EVENT, syncNow, syncStatus } from '../data/records/app-records';
import { recordsEvents } from '../data/records/records-events';
import { pageStyles } from './page-styles';

/** How often "3 min ago" is worked out again while the page is open. */
const TICK_MS = 30_000;

/** "just now", "3 min ago", "2 hours ago", or the date and time for anything older than a day. */
export function updatedAgo(at: Date, now: Date, timeZone: string): string {
  const minutes = Math.floor((now.getTime() - at.getTime()) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} ${hours === 1 ? 'hour' : 'hours'} ago`;
  return `on ${dateTime(at, timeZone)}`;
}

export function dateTime(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(at);
}

export class RecordStatus extends LitElement {
  static override styles = [
    ...pageStyles,
    css`
      :host {
        display: block;
        margin: 0 0 1rem;
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem 1rem;
      }
      .row p {
        margin: 0;
        color: var(--muted);
      }
      .row p.offline {
        color: var(--text);
        font-weight: 600;
      }
      button {
        min-height: var(--tap);
        padding: 0 1rem;
        border: 1px solid var(--accent-strong);
        border-radius: 999px;
        background: var(--surface);
        color: var(--accent-strong);
        font: inherit;
        font-weight: 600;
        cursor: pointer;
      }
      button[disabled] {
        opacity: 0.7;
        cursor: progress;
      }
      .alert {
        margin: 0.75rem 0 0;
        padding: 0.75rem 1rem;
        border-inline-start: 4px solid var(--error);
        border-radius: 0 0.5rem 0.5rem 0;
        background: var(--error-bg);
      }
      .alert p {
        margin: 0;
      }
    `,
  ];

  static override properties = {
    lastSyncedAt: { attribute: false },
    timeZone: { attribute: false },
  };

  /** When the records shown were last brought level with the server; null if never. */
  declare lastSyncedAt: Date | null;
  declare timeZone: string;
  private timer: number | undefined;

  constructor() {
    super();
    this.lastSyncedAt = null;
    this.timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    recordsEvents.addEventListener(SYNC_STATUS_EVENT, this.onStatus);
    this.timer = window.setInterval(() => this.requestUpdate(), TICK_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    recordsEvents.removeEventListener(SYNC_STATUS_EVENT, this.onStatus);
    window.clearInterval(this.timer);
  }

  private readonly onStatus = (): void => this.requestUpdate();

  private refresh(): void {
    void syncNow();
  }

  private freshness() {
    const at = this.lastSyncedAt;
    if (!syncStatus.online) {
      return html`<p class="offline">
        ${at ? `Offline — showing data from ${dateTime(at, this.timeZone)}` : 'Offline — nothing saved on this device yet'}
      </p>`;
    }
    if (syncStatus.state === 'syncing') return html`<p>Checking for new information…</p>`;
    return html`<p>${at ? `Updated ${updatedAgo(at, new Date(), this.timeZone)}` : 'Not copied to this device yet'}</p>`;
  }

  override render() {
    const { error, state, online } = syncStatus;
    // Offline is said once, by the line above; other failures get their own sentence.
    const failure = state === 'failed' && error && error.kind !== 'offline' && online ? error : null;
    return html`<div class="row" role="status">
        ${this.freshness()}
        ${
          online
            ? html`<button type="button" ?disabled=${state === 'syncing'} @click=${this.refresh}>
              ${state === 'syncing' ? 'Refreshing…' : 'Refresh'}
            </button>`
            : nothing
        }
      </div>
      ${failure ? html`<div class="alert" role="alert"><p>${failure.message}</p></div>` : nothing}`;
  }
}

customElements.define('record-status', RecordStatus);

declare global {
  interface HTMLElementTagNameMap {
    'record-status': RecordStatus;
  }
}

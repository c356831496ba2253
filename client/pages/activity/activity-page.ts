// <activity-page>: the patient's activity history (sign-ins, record views, downloads, sends,
// profile and family-access changes), newest first, with a From/To date filter; and, for each
// person the account has Full access to (a child without an account of their own, say), theirs.
import { css, html, LitElement, nothing } from 'lit';
import type { ActivityEvent } from '../../../core/accounts';
import type { PracticeInfo } from '../../../core/practice';
import type { PersonInReach } from '../../../core/records';
import { textField } from '../../components/forms/fields';
import { FormController } from '../../components/forms/form-controller';
import { formStyles } from '../../components/forms/form-styles';
import { pageStyles } from '../../components/page-styles';
import { listActivity } from '../../data/accounts-api';
import { knownPeople, PEOPLE_CHANGED_EVENT, peopleEvents, refreshPeople } from '../../data/family-api';
import { session } from '../../data/session';
import { actionWords, actorWords, newestFirst, whenWords } from './activity-words';

export class ActivityPage extends LitElement {
  static override styles = [
    ...pageStyles,
    formStyles,
    css`
      .whose {
        max-width: 24rem;
      }
      form.filter {
        display: flex;
        flex-wrap: wrap;
        align-items: flex-end;
        gap: 0 1rem;
        max-width: 42rem;
      }
      form.filter .field {
        flex: 1 1 10rem;
      }
      form.filter .actions {
        margin: 0 0 1.125rem;
      }
      ol.events {
        max-width: 46rem;
        padding: 0;
        list-style: none;
      }
      ol.events li {
        max-width: none;
        margin: 0;
        padding: 0.75rem 0;
        border-bottom: 1px solid var(--border);
      }
      .action {
        display: block;
        font-weight: 700;
      }
      .meta {
        color: var(--muted);
        font-size: 0.9375rem;
      }
    `,
  ];

  static override properties = {
    practice: { attribute: false },
    whose: { state: true },
    from: { state: true },
    to: { state: true },
    events: { state: true },
  };

  declare practice: PracticeInfo | null;
  /** '' for the account's own history, else the patient id of a person with Full access. */
  declare whose: string;
  declare from: string;
  declare to: string;
  declare events: ActivityEvent[] | null;
  private readonly form = new FormController<'to'>(this, { action: 'Showing the activity history' });

  constructor() {
    super();
    this.practice = null;
    this.whose = '';
    this.from = '';
    this.to = '';
    this.events = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    peopleEvents.addEventListener(PEOPLE_CHANGED_EVENT, this.onPeople);
    void refreshPeople();
    void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    peopleEvents.removeEventListener(PEOPLE_CHANGED_EVENT, this.onPeople);
  }

  private readonly onPeople = (): void => this.requestUpdate();

  /** People whose history the account may read besides its own: Full access (Billing only: no). */
  private get others(): PersonInReach[] {
    return (knownPeople(session.account?.id) ?? []).filter((p) => p.access === 'full');
  }

  /** Reads the history for the chosen person and dates; the alert when it could not. */
  private async read(): Promise<string | null> {
    const range = { from: this.from || undefined, to: this.to || undefined };
    const outcome = await listActivity(range, this.whose || undefined);
    if (outcome.kind !== 'ok') return this.form.failure(outcome);
    this.events = newestFirst(outcome.data.events);
    return null;
  }

  /** Reads without moving focus (on opening, on another person, on Clear). */
  private async load(): Promise<void> {
    this.form.alert = null;
    this.requestUpdate();
    const alert = await this.read();
    this.form.alert = alert;
    this.requestUpdate();
  }

  private choose(patientId: string): void {
    this.whose = patientId;
    this.events = null;
    void this.load();
  }

  private renderWhose() {
    const others = this.others;
    if (others.length === 0) return nothing;
    return html`<div class="field whose">
      <label for="whose">Whose activity</label>
      <select id="whose" @change=${(e: Event) => this.choose((e.target as HTMLSelectElement).value)}>
        <option value="" ?selected=${this.whose === ''}>Yours</option>
        ${others.map((p) => html`<option value=${p.patientId} ?selected=${this.whose === p.patientId}>${p.displayName}</option>`)}
      </select>
    </div>`;
  }

  private filter(event: Event): Promise<void> {
    event.preventDefault();
    return this.form.submit(async () => {
      if (this.from && this.to && this.from > this.to) {
        return { problems: { to: 'The To date must be on or after the From date.' } };
      }
      const alert = await this.read();
      return alert ? { alert } : undefined;
    });
  }

  private clear(): void {
    this.from = '';
    this.to = '';
    this.form.problems = {};
    void this.load();
  }

  private renderEvents() {
    if (this.events === null) return html`<p role="status">Loading your activity…</p>`;
    if (this.events.length === 0) return html`<p role="status">No activity in this period.</p>`;
    const zone = this.practice?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
    const me = session.account?.id ?? null;
    return html`<p role="status" class="visually-hidden">${this.events.length} events shown.</p>
      <ol class="events">
        ${this.events.map(
          (e) => html`<li>
            <span class="action">${actionWords(e)}</span>
            <span class="meta"
              ><time datetime=${e.at}>${whenWords(e.at, zone)}</time> · ${actorWords(e, me)}${e.device ? ` · ${e.device}` : ''}</span
            >
          </li>`,
        )}
      </ol>`;
  }

  override render() {
    const other = this.others.find((p) => p.patientId === this.whose);
    return html`<h1 tabindex="-1">Activity history</h1>
      <p class="lead">
        ${
          other
            ? `Everything that happened with ${other.displayName}'s record and account: who viewed, copied or sent it, and every change to family access. Newest first; times are the practice's local time.`
            : "Every sign-in, every time your record was viewed, downloaded or sent, and every change to your account, including what family members with access did. Newest first; times are the practice's local time."
        }
      </p>
      ${this.renderWhose()}
      <form class="filter" novalidate @submit=${this.filter}>
        ${textField({
          id: 'from',
          label: 'From',
          type: 'date',
          value: this.from,
          onInput: (v) => {
            this.from = v;
          },
        })}
        ${textField({
          id: 'to',
          label: 'To',
          type: 'date',
          value: this.to,
          error: this.form.problem('to'),
          onInput: (v) => {
            this.to = v;
          },
        })}
        <div class="actions">
          <button class="button" type="submit">Show</button>
          ${this.from || this.to ? html`<button class="link-button" type="button" @click=${this.clear}>Show all</button>` : nothing}
        </div>
      </form>
      ${this.form.alert ? html`<div class="alert" role="alert" tabindex="-1"><p>${this.form.alert}</p></div>` : nothing}
      ${this.renderEvents()}
      <p><a class="inline-link" href="/profile">Back to Profile</a></p>`;
  }
}

customElements.define('activity-page', ActivityPage);

declare global {
  interface HTMLElementTagNameMap {
    'activity-page': ActivityPage;
  }
}

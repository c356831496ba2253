// <account-switcher>: in the header, whose record is open ("Viewing: Maria López (Full access)")
// and a choice among everyone this account may see, with each one's access level. Lists come from
// GET /api/patients while online; offline it keeps the last list fetched in this tab, or hides.
import { css, html, LitElement, nothing } from 'lit';
import type { AccessLevel, PersonInReach } from '../../core/records';
import { knownPeople, PEOPLE_CHANGED_EVENT, peopleEvents, refreshPeople } from '../data/family-api';
import {
  SELECTED_PERSON_EVENT,
  selectedPatient,
  selectedPersonEvents,
  selectPatient,
} from '../data/records/selected-person';
import { session as appSession, SESSION_CHANGE, type Session } from '../data/session';
import { tokens } from '../styles/tokens';

/** Fired (bubbling, composed) when the user picks another person here, not when a page does. */
export const PERSON_PICKED_EVENT = 'person-picked';

const LEVEL_WORDS: Record<AccessLevel, string> = {
  self: 'you',
  full: 'Full access',
  billing: 'Billing only',
};

export const personLabel = (person: PersonInReach): string =>
  `${person.displayName} (${LEVEL_WORDS[person.access] ?? person.access})`;

export class AccountSwitcher extends LitElement {
  static override styles = [
    tokens,
    css`
      :host {
        display: block;
        color: inherit;
      }
      :host([hidden]) {
        display: none;
      }
      .switcher {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.25rem 0.625rem;
      }
      label {
        font-weight: 700;
      }
      select {
        /* On a phone the select takes its own line under the label, so names fit. */
        flex: 1 1 15rem;
        min-width: 0;
        max-width: 26rem;
        min-height: var(--tap);
        padding: 0 0.625rem;
        border: 1.5px solid rgb(255 255 255 / 0.7);
        border-radius: 0.5rem;
        background: var(--surface);
        color: var(--text);
        font: inherit;
        font-weight: 600;
        text-overflow: ellipsis;
      }
      select:focus-visible {
        outline: 3px solid #fff;
        outline-offset: 2px;
      }
      .note {
        max-width: 42rem;
        margin: 0.375rem 0 0;
        font-size: 0.9375rem;
      }
      .note a {
        color: inherit;
        font-weight: 700;
        text-underline-offset: 0.15em;
      }
      .note a:focus-visible {
        outline: 3px solid #fff;
        outline-offset: 2px;
        border-radius: 2px;
      }
    `,
  ];

  static override properties = {
    session: { attribute: false },
    clinical: { type: Boolean },
  };

  /** Replaceable in tests; the app's session otherwise. */
  declare session: Session;
  /** The open page shows clinical data, which Billing only access never does. */
  declare clinical: boolean;

  constructor() {
    super();
    this.session = appSession;
    this.clinical = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    peopleEvents.addEventListener(PEOPLE_CHANGED_EVENT, this.update_);
    selectedPersonEvents.addEventListener(SELECTED_PERSON_EVENT, this.update_);
    this.session.addEventListener(SESSION_CHANGE, this.onSession);
    window.addEventListener('online', this.fetch_);
    this.fetch_();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    peopleEvents.removeEventListener(PEOPLE_CHANGED_EVENT, this.update_);
    selectedPersonEvents.removeEventListener(SELECTED_PERSON_EVENT, this.update_);
    this.session.removeEventListener(SESSION_CHANGE, this.onSession);
    window.removeEventListener('online', this.fetch_);
  }

  private readonly update_ = (): void => this.requestUpdate();

  private readonly fetch_ = (): void => {
    if (navigator.onLine && this.session.signedIn) void refreshPeople(this.session);
  };

  private lastAccountId: string | undefined = undefined;
  private readonly onSession = (): void => {
    const accountId = this.session.account?.id;
    if (accountId !== this.lastAccountId) {
      this.lastAccountId = accountId;
      this.fetch_();
    }
    this.requestUpdate();
  };

  private get people(): PersonInReach[] {
    return knownPeople(this.session.account?.id) ?? [];
  }

  private onChange(event: Event): void {
    selectPatient((event.target as HTMLSelectElement).value);
    this.dispatchEvent(new CustomEvent(PERSON_PICKED_EVENT, { bubbles: true, composed: true }));
  }

  override render() {
    const people = this.people;
    this.hidden = people.length < 2;
    if (people.length < 2) return nothing;
    const selectedId = selectedPatient(people);
    const selected = people.find((p) => p.patientId === selectedId);
    const billingOnly = this.clinical && selected?.access === 'billing';
    return html`<div class="switcher">
        <label for="viewing">Viewing:</label>
        <select id="viewing" @change=${this.onChange}>
          ${people.map(
            (p) =>
              html`<option value=${p.patientId} ?selected=${p.patientId === selectedId}>${personLabel(p)}</option>`,
          )}
        </select>
      </div>
      <div role="status">
        ${
          billingOnly && selected
            ? html`<p class="note">
              With Billing only access, ${selected.displayName}'s health information is not shown.
              <a href="/billing">Billing</a> has their statements.
            </p>`
            : nothing
        }
      </div>`;
  }
}

customElements.define('account-switcher', AccountSwitcher);

declare global {
  interface HTMLElementTagNameMap {
    'account-switcher': AccountSwitcher;
  }
}

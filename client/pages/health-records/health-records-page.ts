// <health-records-page>: the Consolidated Clinical Summary (C-CDA) of the person chosen in the
// header: choose the dates (All time, Single date, Custom date range), Show Preview to read it,
// Download it as a .zip, or Send via Email to another provider or to oneself. Preview and Download
// are made on this device from its encrypted copy of the record, so they work offline; what was
// viewed, downloaded or sent reaches the activity history (through the outbox when offline).
import { css, html, LitElement, nothing } from 'lit';
import { todayIn } from '../../../core/ages';
import {
  type DateSelection,
  type HealthRecordEmailRequest,
  type HealthRecordLinkCreated,
  LINK_DAYS,
  SELECTION_LABELS,
  type SelectionProblems,
  SUMMARY_MEASURE,
  selectionProblems,
  selectionWords,
} from '../../../core/health-records';
import { OUTBOX_CHANGED_EVENT } from '../../../core/outbox';
import type { PracticeInfo } from '../../../core/practice';
import { type PersonInReach, seesClinicalData } from '../../../core/records';
import { documentFrameStyles } from '../../components/document-frame-styles';
import { formStyles } from '../../components/forms/form-styles';
import { withFramePolicy } from '../../components/frame-policy';
import '../../components/open-records-form';
import { pageStyles } from '../../components/page-styles';
import { saveFile } from '../../components/save-file';
import {
  emailHealthRecord,
  type MadeSummary,
  makeSummary,
  noteHealthRecordEvent,
  packageOf,
  recordOf,
  sendSecureLink,
  type WaitingEmail,
  waitingEmails,
} from '../../data/health-records';
import type { WaitingChange } from '../../data/outbox';
import type { SendOutcome } from '../../data/outbox/send-or-queue';
import { vault } from '../../data/records/app-records';
import { RecordsController } from '../../data/records/records-controller';
import { RecordsReader } from '../../data/records/records-reader';
import { selectedPatient } from '../../data/records/selected-person';

type Kind = DateSelection['kind'];
type EmailField = 'email' | 'confirmEmail';

interface Loaded {
  person: PersonInReach | null;
}

async function load(reader: RecordsReader): Promise<Loaded> {
  const people = await reader.people();
  const patientId = selectedPatient(people);
  return { person: people.find((p) => p.patientId === patientId) ?? null };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const NOT_MADE =
  'The summary could not be made on this device. Try again; if it keeps failing, call the practice for a copy.';
const MAKER_NOT_SAVED =
  'The part of the app that makes the summary has not been saved on this device yet; connect once and try again.';

export class HealthRecordsPage extends LitElement {
  static override styles = [
    ...pageStyles,
    formStyles,
    documentFrameStyles,
    css`
      .dates {
        display: grid;
        gap: 0 1rem;
        grid-template-columns: repeat(auto-fit, minmax(min(100%, 11rem), 1fr));
      }
      .dates .field {
        min-width: 0;
      }
      .dates input {
        width: 100%;
        box-sizing: border-box;
      }
      .warning {
        border-left: 4px solid var(--warning, #b45309);
        padding: 0.5rem 0.75rem;
        background: var(--surface-muted, #fff7ed);
      }
      .code {
        font-size: 1.5rem;
        letter-spacing: 0.15em;
      }
      .waiting li {
        margin-bottom: 0.5rem;
      }
    `,
  ];

  static override properties = {
    practice: { attribute: false },
    kind: { state: true },
    date: { state: true },
    from: { state: true },
    to: { state: true },
    problems: { state: true },
    summary: { state: true },
    previewOpen: { state: true },
    working: { state: true },
    notice: { state: true },
    alert: { state: true },
    recipient: { state: true },
    method: { state: true },
    linkSent: { state: true },
    email: { state: true },
    confirmEmail: { state: true },
    emailProblems: { state: true },
    sending: { state: true },
    sendNotice: { state: true },
    sendAlert: { state: true },
    waiting: { state: true },
  };

  declare practice: PracticeInfo | null;
  declare kind: Kind;
  declare date: string;
  declare from: string;
  declare to: string;
  declare problems: SelectionProblems;
  declare summary: MadeSummary | null;
  declare previewOpen: boolean;
  declare working: 'preview' | 'download' | null;
  declare notice: string;
  declare alert: string;
  declare recipient: 'provider' | 'self';
  /** A secure link (encrypted, the default) or the .zip attached to the e-mail. */
  declare method: 'link' | 'attachment';
  declare linkSent: HealthRecordLinkCreated | null;
  declare email: string;
  declare confirmEmail: string;
  declare emailProblems: Partial<Record<EmailField, string>>;
  declare sending: boolean;
  declare sendNotice: string;
  declare sendAlert: string;
  declare waiting: WaitingChange<WaitingEmail>[];

  private readonly records = new RecordsController<Loaded>(this, { source: vault, load });
  private shownFor: string | null = null;

  constructor() {
    super();
    this.practice = null;
    this.kind = 'all';
    this.date = '';
    this.from = '';
    this.to = '';
    this.problems = {};
    this.summary = null;
    this.previewOpen = false;
    this.working = null;
    this.notice = '';
    this.alert = '';
    this.recipient = 'provider';
    this.method = 'link';
    this.linkSent = null;
    this.email = '';
    this.confirmEmail = '';
    this.emailProblems = {};
    this.sending = false;
    this.sendNotice = '';
    this.sendAlert = '';
    this.waiting = [];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener(OUTBOX_CHANGED_EVENT, this.onOutbox);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener(OUTBOX_CHANGED_EVENT, this.onOutbox);
  }

  private readonly onOutbox = (): void => void this.loadWaiting();

  protected override updated(): void {
    // A new person chosen in the header: nothing made for the last one stays on screen.
    const patientId = this.records.value?.person?.patientId ?? null;
    if (patientId !== this.shownFor) {
      this.shownFor = patientId;
      this.summary = null;
      this.previewOpen = false;
      this.notice = '';
      void this.loadWaiting();
    }
  }

  private async loadWaiting(): Promise<void> {
    const patientId = this.records.value?.person?.patientId;
    this.waiting = patientId ? await waitingEmails(patientId).catch(() => []) : [];
  }

  private get today(): string {
    return todayIn(this.practice?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone);
  }

  private get selection(): DateSelection {
    if (this.kind === 'date') return { kind: 'date', date: this.date };
    if (this.kind === 'range') return { kind: 'range', from: this.from, to: this.to };
    return { kind: 'all' };
  }

  /** The choice of dates if it is a good one; else its problems are shown and focus goes to the first. */
  private async checkedSelection(): Promise<DateSelection | null> {
    const selection = this.selection;
    this.problems = selectionProblems(selection, this.today);
    const first = Object.keys(this.problems)[0];
    if (!first) return selection;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`#${first}`)?.focus();
    return null;
  }

  private choose(kind: Kind): void {
    this.kind = kind;
    this.problems = {};
    this.summary = null;
    this.previewOpen = false;
  }

  /** The summary for the chosen dates, made now unless the one on screen is already it. */
  private async summaryFor(selection: DateSelection, person: PersonInReach): Promise<MadeSummary | null> {
    if (this.summary && JSON.stringify(this.summary.selection) === JSON.stringify(selection))
      return this.summary;
    const cache = vault.current;
    if (!cache || cache.locked || !this.practice) return null;
    try {
      const started = performance.now();
      const resources = await recordOf(new RecordsReader(cache), person.patientId);
      this.summary = await makeSummary(resources, this.practice, selection);
      // For `npm run bench` and the browser's performance panel: counts only.
      performance.measure(SUMMARY_MEASURE, {
        start: started,
        detail: { resources: resources.length, xmlChars: this.summary.xml.length },
      });
      return this.summary;
    } catch (error) {
      this.alert = error instanceof TypeError && !navigator.onLine ? MAKER_NOT_SAVED : NOT_MADE;
      return null;
    }
  }

  private async togglePreview(person: PersonInReach): Promise<void> {
    if (this.previewOpen) {
      this.previewOpen = false;
      return;
    }
    const selection = await this.checkedSelection();
    if (!selection || this.working) return;
    this.working = 'preview';
    this.alert = '';
    try {
      const summary = await this.summaryFor(selection, person);
      if (!summary) return;
      this.previewOpen = true;
      void noteHealthRecordEvent(person.patientId, 'viewed', selection);
    } finally {
      this.working = null;
    }
  }

  private async download(person: PersonInReach): Promise<void> {
    const selection = await this.checkedSelection();
    if (!selection || this.working || !this.practice) return;
    this.working = 'download';
    this.alert = '';
    this.notice = '';
    try {
      const summary = await this.summaryFor(selection, person);
      if (!summary) return;
      const { blob, fileName } = await packageOf(summary, this.practice);
      saveFile(blob, fileName);
      this.notice = `Your summary is ready as ${fileName}. Look for it in your downloads.`;
      void noteHealthRecordEvent(person.patientId, 'downloaded', selection);
    } catch {
      this.alert = NOT_MADE;
    } finally {
      this.working = null;
    }
  }

  private async send(event: Event, person: PersonInReach): Promise<void> {
    event.preventDefault();
    if (this.sending) return;
    this.sendNotice = '';
    this.sendAlert = '';
    const problems: Partial<Record<EmailField, string>> = {};
    const email = this.email.trim();
    if (!EMAIL.test(email)) problems.email = 'Enter an e-mail address, like name@example.com.';
    if (email.toLowerCase() !== this.confirmEmail.trim().toLowerCase())
      problems.confirmEmail = 'The two e-mail addresses are not the same.';
    this.emailProblems = problems;
    const selection = await this.checkedSelection();
    const firstEmail = Object.keys(problems)[0];
    if (firstEmail) {
      await this.updateComplete;
      if (selection) this.renderRoot.querySelector<HTMLElement>(`#${firstEmail}`)?.focus();
      return;
    }
    if (!selection) return;
    this.sending = true;
    this.linkSent = null;
    const request = { email, confirmEmail: this.confirmEmail.trim(), recipient: this.recipient, selection };
    try {
      const outcome =
        this.method === 'link'
          ? await this.sendLink(person, request)
          : await emailHealthRecord(person.patientId, request);
      if (outcome.kind === 'link') {
        this.linkSent = outcome.created;
        this.email = '';
        this.confirmEmail = '';
      } else if (outcome.kind === 'sent') {
        this.sendNotice = `Sent to ${outcome.data.sentTo}. It is listed in the activity history.`;
        this.email = '';
        this.confirmEmail = '';
      } else if (outcome.kind === 'queued') {
        this.sendNotice = `Saved on this device: the summary (${selectionWords(selection)}) goes to ${email} as soon as you're connected.`;
        this.email = '';
        this.confirmEmail = '';
        void this.loadWaiting();
      } else if (outcome.kind === 'problem') {
        const errors = outcome.problem.errors ?? {};
        const fromServer: Partial<Record<EmailField, string>> = {};
        if (errors['body.email']) fromServer.email = errors['body.email'];
        if (errors['body.confirmEmail']) fromServer.confirmEmail = errors['body.confirmEmail'];
        this.emailProblems = fromServer;
        if (Object.keys(fromServer).length === 0)
          this.sendAlert = `${outcome.problem.title}. ${outcome.problem.detail ?? ''}`.trim();
      } else {
        this.sendAlert = outcome.reason;
      }
    } finally {
      this.sending = false;
    }
    if (this.sendAlert || Object.keys(this.emailProblems).length > 0) {
      await this.updateComplete;
      const first = Object.keys(this.emailProblems)[0];
      this.renderRoot.querySelector<HTMLElement>(first ? `#${first}` : '#send-alert')?.focus();
    }
  }

  /** A secure link needs the server's answer now: the code is shown to pass on. */
  private async sendLink(
    person: PersonInReach,
    request: HealthRecordEmailRequest,
  ): Promise<{ kind: 'link'; created: HealthRecordLinkCreated } | SendOutcome<never>> {
    const outcome = await sendSecureLink(person.patientId, request);
    if (outcome.kind === 'ok') return { kind: 'link', created: outcome.data };
    if (outcome.kind === 'problem') return { ...outcome, kind: 'problem' };
    return {
      kind: 'not-kept',
      reason:
        'A secure link needs a connection, so that you get the code to pass on. Connect and try again, or choose to attach the file to the e-mail.',
    };
  }

  private async discard(id: string): Promise<void> {
    const { discardChange } = await import('../../data/outbox');
    await discardChange(id);
  }

  private dateInput(id: 'date' | 'from' | 'to', label: string) {
    const error = this.problems[id];
    return html`<div class="field">
      <label for=${id}>${label}</label>
      ${error ? html`<p class="error" id=${`${id}-error`}>${error}</p>` : nothing}
      <input
        id=${id}
        type="date"
        max=${this.today}
        .value=${this[id]}
        aria-invalid=${error ? 'true' : nothing}
        aria-describedby=${error ? `${id}-error` : nothing}
        @input=${(e: Event) => {
          this[id] = (e.target as HTMLInputElement).value;
          this.summary = null;
          this.previewOpen = false;
        }}
      />
    </div>`;
  }

  private emailInput(id: EmailField, label: string) {
    const error = this.emailProblems[id];
    return html`<div class="field">
      <label for=${id}>${label}</label>
      ${error ? html`<p class="error" id=${`${id}-error`}>${error}</p>` : nothing}
      <input
        id=${id}
        type="email"
        autocomplete=${id === 'email' ? 'email' : 'off'}
        maxlength="254"
        .value=${this[id]}
        aria-invalid=${error ? 'true' : nothing}
        aria-describedby=${error ? `${id}-error` : nothing}
        @input=${(e: Event) => {
          this[id] = (e.target as HTMLInputElement).value;
        }}
      />
    </div>`;
  }

  private renderDates() {
    return html`<fieldset>
      <legend>Which records?</legend>
      ${(['all', 'date', 'range'] as const).map(
        (kind) => html`<label class="check">
          <input
            type="radio"
            name="dates"
            .checked=${this.kind === kind}
            @change=${() => this.choose(kind)}
          />
          ${SELECTION_LABELS[kind]}
        </label>`,
      )}
      <div class="dates">
        ${this.kind === 'date' ? this.dateInput('date', 'Date') : nothing}
        ${this.kind === 'range' ? html`${this.dateInput('from', 'From')}${this.dateInput('to', 'To')}` : nothing}
      </div>
    </fieldset>`;
  }

  private renderWaiting() {
    if (this.waiting.length === 0) return nothing;
    return html`<ul class="waiting" aria-label="E-mails waiting to send">
      ${this.waiting.map(
        (w) => html`<li>
          ${
            w.status === 'failed'
              ? html`Not sent to ${w.content?.email}: ${w.failure?.detail ?? w.failure?.title}
                  <button class="link-button" type="button" @click=${() => this.discard(w.id)}>Discard</button>`
              : html`Waiting to send to ${w.content?.email} (${w.content?.coverage}): it goes when this device is back
                  online.`
          }
        </li>`,
      )}
    </ul>`;
  }

  private renderSend(person: PersonInReach) {
    return html`<section class="card" aria-labelledby="send-heading">
      <h2 id="send-heading">Send via Email</h2>
      <p>Send the summary for the dates chosen above to another provider or to yourself.</p>
      <form novalidate @submit=${(e: Event) => this.send(e, person)}>
        <fieldset>
          <legend>How to send it</legend>
          <label class="check"
            ><input
              type="radio"
              name="method"
              .checked=${this.method === 'link'}
              @change=${() => (this.method = 'link')}
            />A secure link (encrypted)</label
          >
          <label class="check"
            ><input
              type="radio"
              name="method"
              .checked=${this.method === 'attachment'}
              @change=${() => (this.method = 'attachment')}
            />The file attached to the e-mail</label
          >
        </fieldset>
        ${
          this.method === 'link'
            ? html`<p>
                The e-mail holds only a link to this portal. The record opens once, within ${LINK_DAYS} days, for
                whoever enters the code you will see here: tell it to the recipient by phone or text, not by
                e-mail.
              </p>`
            : html`<p class="warning">
                E-mail is not encrypted: anyone who can read the mailbox on the way can read the record, and a
                sent e-mail cannot be called back. Check the address before you send.
              </p>`
        }
        <fieldset>
          <legend>Send to</legend>
          <label class="check"
            ><input
              type="radio"
              name="recipient"
              .checked=${this.recipient === 'provider'}
              @change=${() => (this.recipient = 'provider')}
            />Another provider</label
          >
          <label class="check"
            ><input
              type="radio"
              name="recipient"
              .checked=${this.recipient === 'self'}
              @change=${() => (this.recipient = 'self')}
            />Myself</label
          >
        </fieldset>
        ${this.emailInput('email', 'Email')} ${this.emailInput('confirmEmail', 'Confirm email')}
        ${this.sendAlert ? html`<div class="alert" role="alert" id="send-alert" tabindex="-1"><p>${this.sendAlert}</p></div>` : nothing}
        <div class="actions">
          <button class="button" type="submit" ?disabled=${this.sending}>${this.sending ? 'Sending…' : 'Send'}</button>
        </div>
        <p role="status">${this.sendNotice}</p>
        ${
          this.linkSent
            ? html`<div class="card" role="status">
                <p>A secure link went to ${this.linkSent.sentTo}. Tell them this code by phone or text:</p>
                <p class="code"><strong>${this.linkSent.code}</strong></p>
                <p>The link works once, until ${new Date(this.linkSent.expiresAt).toLocaleDateString('en-US', { dateStyle: 'medium' })}. This code is shown only now.</p>
              </div>`
            : nothing
        }
      </form>
      ${this.renderWaiting()}
    </section>`;
  }

  private renderFor(person: PersonInReach) {
    if (!seesClinicalData(person.access)) {
      return html`<p class="note">
        Your family access to ${person.displayName} covers billing only, so their health record is not shown.
        ${person.displayName} can give you Full access in Family access settings.
      </p>`;
    }
    return html`<p>
        The Consolidated Clinical Summary is a standard medical record (C-CDA) that other providers' systems can
        read. It is made on this device from ${person.access === 'self' ? 'your' : `${person.displayName}'s`} record
        as last copied here, so it works offline too.
      </p>
      ${this.renderDates()}
      <div class="actions">
        <button
          class="button secondary"
          type="button"
          aria-expanded=${this.previewOpen ? 'true' : 'false'}
          aria-controls="preview"
          ?disabled=${this.working !== null}
          @click=${() => this.togglePreview(person)}
        >
          ${this.working === 'preview' ? 'Preparing…' : this.previewOpen ? 'Hide Preview' : 'Show Preview'}
        </button>
        <button class="button" type="button" ?disabled=${this.working !== null} @click=${() => this.download(person)}>
          ${this.working === 'download' ? 'Preparing…' : 'Download (.zip)'}
        </button>
      </div>
      <p role="status">${this.notice}</p>
      ${this.alert ? html`<div class="alert" role="alert"><p>${this.alert}</p></div>` : nothing}
      <div id="preview">
        ${
          this.previewOpen && this.summary
            ? html`<iframe
                class="preview"
                title="Preview of the Consolidated Clinical Summary"
                sandbox=""
                referrerpolicy="no-referrer"
                .srcdoc=${withFramePolicy(this.summary.html)}
              ></iframe>`
            : nothing
        }
      </div>
      ${this.renderSend(person)}`;
  }

  override render() {
    const { status, value, error } = this.records;
    const person = value?.person ?? null;
    return html`<h1 tabindex="-1">Health Records</h1>
      ${person && person.access !== 'self' ? html`<p class="lead">The record of ${person.displayName}</p>` : nothing}
      ${
        status === 'locked'
          ? html`<open-records-form></open-records-form>`
          : status === 'error'
            ? html`<div class="alert" role="alert"><p>${error?.message}</p></div>`
            : !value
              ? html`<p class="loading">Loading…</p>`
              : person
                ? this.renderFor(person)
                : html`<p class="note">
                    Your account is not linked to a patient record, and nobody has given you family access yet, so
                    there is no health record to show.
                  </p>`
      }`;
  }
}

customElements.define('health-records-page', HealthRecordsPage);

declare global {
  interface HTMLElementTagNameMap {
    'health-records-page': HealthRecordsPage;
  }
}

// <billing-page>: what the person chosen in the account switcher owes the practice, and the
// statements behind it, read from the device's sealed copy (so it works offline), plus the
// billing office's contacts. Open to billing-only family members, who see nothing clinical here.
// "Download statement (PDF)" makes the statement on the device from that same copy; the PDF maker
// (jspdf, in ./statement-pdf) is loaded only when the button is pressed.
import { css, html, LitElement, nothing } from 'lit';
import { type BillingStatementLine, type BillingSummary, formatMoney } from '../../../core/billing';
import type { PracticeInfo } from '../../../core/practice';
import type { PersonInReach } from '../../../core/records';
import { emailLink, phoneLink } from '../../components/contact-links';
import { formStyles } from '../../components/forms/form-styles';
import '../../components/open-records-form';
import { pageStyles } from '../../components/page-styles';
import { saveFile } from '../../components/save-file';
import '../../components/record-status';
import { syncStatus, vault } from '../../data/records/app-records';
import { RecordsController } from '../../data/records/records-controller';
import type { RecordsReader } from '../../data/records/records-reader';
import { selectedPatient } from '../../data/records/selected-person';
import { STATUS_WORDS, serviceDay, whereParts } from './billing-words';

/** Statements shown at first and added by each "Show more". */
const PAGE = 20;

interface Loaded {
  person: PersonInReach | null;
  billing: BillingSummary | null;
  fetchedAt: Date | null;
}

async function load(reader: RecordsReader): Promise<Loaded> {
  const people = await reader.people();
  const patientId = selectedPatient(people);
  const person = people.find((p) => p.patientId === patientId) ?? null;
  if (!person) return { person: null, billing: null, fetchedAt: null };
  const snapshot = await reader.snapshot<BillingSummary>(person.patientId, 'billing');
  return {
    person,
    billing: snapshot?.value ?? null,
    fetchedAt: snapshot ? new Date(snapshot.fetchedAt) : null,
  };
}

/** Offline, and the PDF maker's code was never stored by the service worker. */
const PDF_MAKER_NOT_SAVED =
  'The PDF maker has not been saved on this device yet; connect once and try again.';
/** Online, yet the code did not load (a dropped connection, or a newer version of the app). */
const PDF_MAKER_NOT_LOADED =
  'The PDF maker could not be loaded. Check your connection, or close and reopen the app, and try again.';
const PDF_NOT_MADE =
  'The statement could not be made on this device. Try again, or call the billing office for a copy.';

export class BillingPage extends LitElement {
  static override styles = [
    ...pageStyles,
    formStyles,
    css`
      .balance {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        gap: 0.25rem 1rem;
        margin: 0 0 0.75rem;
      }
      .balance strong {
        font-size: 2rem;
        line-height: 1.1;
      }
      .statements {
        margin: 0;
        padding: 0;
        list-style: none;
      }
      .statements > li {
        max-width: none;
      }
      .statements > li + li {
        margin-top: 0.75rem;
      }
      .line-head {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        gap: 0.25rem 1rem;
      }
      .line-head h3 {
        margin: 0;
      }
      .status {
        color: var(--muted);
        font-weight: 600;
      }
      .where {
        margin: 0.25rem 0 0.75rem;
        color: var(--muted);
      }
      dl {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(8.5rem, 1fr));
        gap: 0.5rem 1rem;
        margin: 0;
      }
      dt {
        color: var(--muted);
        font-size: 0.9375rem;
      }
      dd {
        margin: 0;
        font-weight: 600;
        font-variant-numeric: tabular-nums;
      }
      .owes dd {
        font-size: 1.125rem;
      }
      .cancelled dd {
        text-decoration: line-through;
      }
      .statement-pdf {
        margin-top: 1rem;
      }
      .statement-pdf .pdf-status {
        margin: 0.5rem 0 0;
      }
      .statement-pdf .pdf-status:empty {
        margin: 0;
      }
      .statement-pdf .alert {
        margin: 0.75rem 0 0;
      }
      .more {
        min-height: var(--tap);
        margin-top: 1rem;
        padding: 0 1.25rem;
        border: 1px solid var(--accent-strong);
        border-radius: 999px;
        background: var(--surface);
        color: var(--accent-strong);
        font: inherit;
        font-weight: 600;
        cursor: pointer;
      }
    `,
  ];
  static override properties = {
    practice: { attribute: false },
    shown: { state: true },
    preparing: { state: true },
    pdfReady: { state: true },
    pdfError: { state: true },
  };

  /** Loads the PDF maker, with jspdf, as its own chunk; a test can stand in a load that fails. */
  static loadPdfMaker = (): Promise<typeof import('./statement-pdf')> => import('./statement-pdf');

  declare practice: PracticeInfo | null;
  declare shown: number;
  /** While the statement PDF is being made. */
  declare preparing: boolean;
  /** Said once the PDF has been handed to the browser as a download. */
  declare pdfReady: string | null;
  declare pdfError: string | null;
  private readonly records = new RecordsController<Loaded>(this, { source: vault, load });

  constructor() {
    super();
    this.practice = null;
    this.shown = PAGE;
    this.preparing = false;
    this.pdfReady = null;
    this.pdfError = null;
  }

  private get timeZone(): string {
    return this.practice?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  }

  private renderContacts() {
    const practice = this.practice;
    const contacts = practice
      ? html`<p>Call ${phoneLink(practice.billingPhone)} or write to ${emailLink(practice.billingEmail)}, or
          <a href="/messages">send the billing office a message</a>.</p>`
      : html`<p>The billing office's phone number and e-mail address will show here once this device has been
          online. You can also <a href="/messages">send the billing office a message</a>.</p>`;
    return html`<section class="card" aria-labelledby="billing-questions">
      <h2 id="billing-questions">Questions about a bill?</h2>
      ${contacts}
      <p>To pay by card, call the billing office. Never send card numbers or pictures of cards through the
        portal.</p>
    </section>`;
  }

  private renderLine(line: BillingStatementLine, currency: string) {
    const money = (cents: number) => formatMoney(cents, line.currency || currency);
    return html`<li class="card ${line.status === 'cancelled' ? 'cancelled' : ''}">
      <div class="line-head">
        <h3>Visit on ${serviceDay(line.serviceDate)}</h3>
        <span class="status">${STATUS_WORDS[line.status]}</span>
      </div>
      <p class="where">${whereParts(line).join(' · ')}${line.insurer ? html` · ${line.insurer}` : nothing}</p>
      <dl>
        <div><dt>Charged</dt><dd>${money(line.chargedCents)}</dd></div>
        ${
          line.status === 'pending'
            ? html`<div class="owes"><dt>You may owe</dt><dd>Not known yet</dd></div>`
            : html`<div><dt>Insurance paid</dt><dd>${money(line.insurancePaidCents)}</dd></div>
                <div><dt>Adjustments</dt><dd>${money(line.adjustmentCents)}</dd></div>
                <div><dt>You paid</dt><dd>${money(line.patientPaidCents)}</dd></div>
                <div class="owes"><dt>You owe</dt><dd>${money(line.patientOwesCents)}</dd></div>`
        }
      </dl>
    </li>`;
  }

  private renderStatementPdf() {
    return html`<div class="statement-pdf">
      <button class="button" type="button" ?disabled=${this.preparing} @click=${this.downloadStatement}>
        ${this.preparing ? 'Preparing…' : 'Download statement (PDF)'}
      </button>
      <p class="pdf-status" role="status">${this.preparing ? 'Preparing your statement…' : (this.pdfReady ?? '')}</p>
      ${this.pdfError ? html`<div class="alert" role="alert"><p>${this.pdfError}</p></div>` : nothing}
    </div>`;
  }

  /** Makes the statement PDF on the device and hands it to the browser as a download. */
  private async downloadStatement(event: Event): Promise<void> {
    const value = this.records.value;
    if (this.preparing || !value?.person || !value.billing) return;
    const { person, billing } = value;
    const button = event.currentTarget as HTMLButtonElement;
    // A disabled button loses focus; it gets it back when the statement is done.
    const hadFocus = this.renderRoot instanceof ShadowRoot && this.renderRoot.activeElement === button;
    this.preparing = true;
    this.pdfReady = null;
    this.pdfError = null;
    try {
      let maker: typeof import('./statement-pdf');
      try {
        maker = await BillingPage.loadPdfMaker();
      } catch {
        this.pdfError = syncStatus.online && navigator.onLine ? PDF_MAKER_NOT_LOADED : PDF_MAKER_NOT_SAVED;
        return;
      }
      const madeAt = new Date();
      let blob: Blob;
      try {
        blob = maker.statementPdf({
          practice: this.practice,
          personName: person.displayName,
          self: person.access === 'self',
          billing,
          fetchedAt: value.fetchedAt ?? new Date(billing.asOf),
          madeAt,
          timeZone: this.timeZone,
          offline: !syncStatus.online,
        });
      } catch {
        this.pdfError = PDF_NOT_MADE;
        return;
      }
      const fileName = maker.statementFileName(madeAt, this.timeZone);
      saveFile(blob, fileName);
      this.pdfReady = `Your statement is ready as ${fileName}. Look for it in your downloads.`;
    } finally {
      this.preparing = false;
      if (hadFocus) {
        await this.updateComplete;
        button.focus();
      }
    }
  }

  private renderBilling(value: Loaded) {
    const { person, billing } = value;
    if (!person) {
      return html`<p class="note">
        Your account is not linked to a patient record, and nobody has given you family access yet, so there
        are no bills to show.
      </p>`;
    }
    const whose = person.access === 'self' ? 'You owe' : `${person.displayName} owes`;
    if (!billing) {
      return html`<p class="note">
        ${person.access === 'self' ? 'Your' : `${person.displayName}'s`} statements are not on this device yet.
        They are copied as soon as you're connected; use "Refresh" above to try now.
      </p>`;
    }
    const lines = billing.statements;
    return html`<section class="card" aria-labelledby="balance-heading">
        <h2 id="balance-heading">Amount due</h2>
        <p class="balance">
          <strong>${formatMoney(billing.balanceCents, billing.currency)}</strong>
          <span>${billing.balanceCents > 0 ? `${whose} the practice` : 'Nothing is owed right now'}</span>
        </p>
        <p>Amounts waiting for the insurer are added once it has answered.</p>
        ${this.renderStatementPdf()}
      </section>
      <h2 id="statements-heading">Statements</h2>
      ${
        lines.length === 0
          ? html`<p>There are no statements yet.</p>`
          : html`<ul class="statements" aria-labelledby="statements-heading">
              ${lines.slice(0, this.shown).map((line) => this.renderLine(line, billing.currency))}
            </ul>
            ${
              lines.length > this.shown
                ? html`<button class="more" type="button" @click=${() => (this.shown += PAGE)}>
                    Show ${Math.min(PAGE, lines.length - this.shown)} more of ${lines.length - this.shown}
                  </button>`
                : nothing
            }`
      }`;
  }

  override render() {
    const { status, value, error } = this.records;
    const subtitle =
      value?.person && value.person.access !== 'self'
        ? html`<p class="lead">Bills for ${value.person.displayName}</p>`
        : nothing;
    return html`<h1 tabindex="-1">Billing</h1>
      ${subtitle}
      <record-status .lastSyncedAt=${value?.fetchedAt ?? null} .timeZone=${this.timeZone}></record-status>
      ${
        status === 'locked'
          ? html`<open-records-form></open-records-form>`
          : status === 'error'
            ? html`<div class="alert" role="alert"><p>${error?.message}</p></div>`
            : value
              ? this.renderBilling(value)
              : html`<p class="loading">Loading your statements…</p>`
      }
      ${this.renderContacts()}`;
  }
}

customElements.define('billing-page', BillingPage);

declare global {
  interface HTMLElementTagNameMap {
    'billing-page': BillingPage;
  }
}

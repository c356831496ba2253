// The Billing page for the person chosen: what they owe, each statement with money figures only,
// read from the device's sealed copy (no request is made), and the billing office's contacts; the
// statement PDF made on the device from that copy, its download and its pages.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { BillingStatementLine, BillingSummary } from '../../../core/billing';
import { syncStatus } from '../../data/records/app-records';
import type { RecordsCache } from '../../data/records/records-cache';
import { selectPatient } from '../../data/records/selected-person';
import { restoreApi, stubApi } from '../../test/api-stub';
import { axeViolations } from '../../test/axe';
import { TEST_PRACTICE } from '../../test/practice';
import { closeFilledCache, openFilledCache, person } from '../../test/records-fixture';
import './billing-page';
import { catchDownloads } from '../../test/downloads';
import { BillingPage } from './billing-page';
import { statementPdf } from './statement-pdf';

const SELF = 'pat-parent';
const TEEN = 'pat-teen';

function line(i: number, overrides: Partial<BillingStatementLine> = {}): BillingStatementLine {
  return {
    id: `eob-${i}`,
    serviceDate: `2025-${String(12 - (i % 12)).padStart(2, '0')}-0${1 + (i % 9)}`,
    facility: 'Riverside Family Practice',
    billedBy: 'Dr. Adaeze Okonkwo',
    insurer: 'Blue Cross',
    currency: 'USD',
    chargedCents: 18_000,
    insurancePaidCents: 12_500,
    adjustmentCents: 2_000,
    patientPaidCents: 1_000,
    patientOwesCents: 2_500,
    status: 'processed',
    ...overrides,
  };
}

function summary(patientId: string, statements: BillingStatementLine[]): BillingSummary {
  const balanceCents = statements
    .filter((s) => s.status !== 'cancelled')
    .reduce((sum, s) => sum + s.patientOwesCents, 0);
  return { patientId, currency: 'USD', balanceCents, statements, asOf: new Date().toISOString() };
}

const text = (el: BillingPage) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');

/** A PDF's bytes as written: jspdf leaves text uncompressed, so "(Page 1 of 2) Tj" reads as is. */
async function pdfText(blob: Blob): Promise<string> {
  return new TextDecoder('latin1').decode(await blob.arrayBuffer());
}

const pdfButton = (el: BillingPage) =>
  [...el.shadowRoot!.querySelectorAll('button')].find((b) =>
    /statement \(PDF\)|Preparing/.test(b.textContent!),
  )!;

describe('<billing-page>', () => {
  let cache: RecordsCache | null = null;
  const realLoad = BillingPage.loadPdfMaker;
  afterEach(async () => {
    BillingPage.loadPdfMaker = realLoad;
    restoreApi();
    if (cache) await closeFilledCache(cache);
    cache = null;
  });

  it("shows a billing-only family member what the teen owes and each visit's figures, with nothing clinical and no request", async () => {
    const calls = stubApi({});
    cache = await openFilledCache(
      [person(SELF, 'Daniel Okafor', 'self'), person(TEEN, 'Tobi Okafor', 'billing')],
      [
        {
          patientId: TEEN,
          kind: 'billing',
          value: summary(TEEN, [
            line(1),
            line(2, { status: 'pending', patientOwesCents: 0, insurancePaidCents: 0 }),
            line(3, { status: 'cancelled', patientOwesCents: 9_900 }),
          ]),
        },
      ],
    );
    selectPatient(TEEN);
    const el = await fixture<BillingPage>(html`<billing-page .practice=${TEST_PRACTICE}></billing-page>`);
    await waitUntil(() => el.shadowRoot!.querySelector('.statements'), 'statements', { timeout: 5000 });
    const shown = text(el);
    expect(shown).to.contain('Bills for Tobi Okafor');
    expect(shown).to.contain('$25.00');
    expect(shown).to.contain('Tobi Okafor owes the practice');
    expect(shown).to.contain('Waiting for the insurer');
    expect(shown).to.contain('Not known yet');
    expect(shown).to.contain('Cancelled');
    expect(shown).to.contain('Riverside Family Practice · Dr. Adaeze Okonkwo · Blue Cross');
    // A processed visit adds up: charged = insurance + adjustments + paid + still owed.
    const first = el.shadowRoot!.querySelector('.statements > li dl')!.textContent!.replace(/\s+/g, ' ');
    expect(first).to.match(/Charged\s*\$180\.00/);
    expect(first).to.match(/Insurance paid\s*\$125\.00/);
    expect(first).to.match(/Adjustments\s*\$20\.00/);
    expect(first).to.match(/You paid\s*\$10\.00/);
    expect(first).to.match(/You owe\s*\$25\.00/);
    expect(el.shadowRoot!.querySelectorAll('.statements > li')).to.have.length(3);
    expect(calls).to.deep.equal([]);
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('lists 20 statements at first and more on request', async () => {
    stubApi({});
    const many = Array.from({ length: 27 }, (_, i) => line(i));
    cache = await openFilledCache(
      [person(SELF, 'Daniel Okafor', 'self')],
      [{ patientId: SELF, kind: 'billing', value: summary(SELF, many) }],
    );
    selectPatient(SELF);
    const el = await fixture<BillingPage>(html`<billing-page .practice=${TEST_PRACTICE}></billing-page>`);
    await waitUntil(() => el.shadowRoot!.querySelector('.statements'), 'statements', { timeout: 5000 });
    expect(el.shadowRoot!.querySelectorAll('.statements > li')).to.have.length(20);
    const more = el.shadowRoot!.querySelector<HTMLButtonElement>('button.more')!;
    expect(more.textContent!.trim()).to.equal('Show 7 more of 7');
    more.click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelectorAll('.statements > li')).to.have.length(27);
    expect(text(el)).to.contain('You owe the practice');
  });

  it('says the statements are not on the device yet before the first sync, and gives the contacts', async () => {
    stubApi({});
    cache = await openFilledCache([person(SELF, 'Daniel Okafor', 'self')]);
    selectPatient(SELF);
    const el = await fixture<BillingPage>(html`<billing-page .practice=${TEST_PRACTICE}></billing-page>`);
    await waitUntil(() => text(el).includes('not on this device yet'), 'empty note', { timeout: 5000 });
    expect(text(el)).to.contain(TEST_PRACTICE.billingEmail);
    expect(text(el)).to.contain('Never send card numbers');
  });

  it('makes the statement PDF on the device and offers it as a download, named by date and not by person', async function () {
    this.timeout(20_000);
    const calls = stubApi({});
    cache = await openFilledCache(
      [person(SELF, 'Daniel Okafor', 'self'), person(TEEN, 'Tobi Okafor', 'billing')],
      [
        {
          patientId: TEEN,
          kind: 'billing',
          value: summary(TEEN, [
            line(1),
            line(2, { status: 'pending', patientOwesCents: 0, insurancePaidCents: 0, chargedCents: 31_415 }),
            line(3, { status: 'cancelled', patientOwesCents: 9_900 }),
          ]),
        },
      ],
    );
    selectPatient(TEEN);
    const el = await fixture<BillingPage>(html`<billing-page .practice=${TEST_PRACTICE}></billing-page>`);
    await waitUntil(() => el.shadowRoot!.querySelector('.statements'), 'statements', { timeout: 5000 });
    const downloads = catchDownloads();
    try {
      const button = pdfButton(el);
      expect(button.type).to.equal('button');
      expect(button.textContent!.trim()).to.equal('Download statement (PDF)');
      button.focus();
      button.click();
      await el.updateComplete;
      expect(button.disabled).to.equal(true);
      expect(button.textContent!.trim()).to.equal('Preparing…');
      await waitUntil(() => downloads.caught.length > 0, 'download', { timeout: 15_000 });
      await waitUntil(() => !button.disabled, 'button back', { timeout: 5000 });

      const [file] = downloads.caught;
      expect(downloads.caught).to.have.length(1);
      expect(file!.fileName).to.match(/^statement-\d{4}-\d{2}-\d{2}\.pdf$/);
      expect(file!.fileName).not.to.contain('Tobi');
      expect(file!.fileName).not.to.contain('Okafor');
      expect(file!.url).to.match(/^blob:/);
      const response = await fetch(file!.url);
      expect(response.headers.get('content-type')).to.equal('application/pdf');
      const pdf = await pdfText(await response.blob());
      expect(pdf.startsWith('%PDF-')).to.equal(true);
      expect(pdf).to.contain('(Maple Grove Clinic)');
      expect(pdf).to.contain(TEST_PRACTICE.billingPhone);
      expect(pdf).to.contain(TEST_PRACTICE.billingEmail);
      expect(pdf).to.contain('(Statement for Tobi Okafor)');
      expect(pdf).to.match(/\(Figures as of [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2} [AP]M E[SD]T\)/);
      // The amount due, and the first line's figures.
      expect(pdf).to.contain('(Amount due)');
      expect(pdf).to.contain('($25.00)');
      expect(pdf).to.contain('(Tobi Okafor owes the practice.)');
      for (const figure of ['$180.00', '$125.00', '$20.00', '$10.00']) expect(pdf).to.contain(`(${figure})`);
      // The pending line: charged, and the words the page uses.
      expect(pdf).to.contain('($314.15)');
      expect(pdf).to.contain('(Not known yet)');
      expect(pdf).to.match(/\(Waiting for the\)|\(Waiting for the insurer\)/);
      expect(pdf).to.contain('(Cancelled)');
      expect(pdf).to.contain('(Page 1 of 1)');
      // The document's properties don't name the person either.
      expect(pdf).to.contain('/Title (Billing statement)');

      expect(text(el)).to.contain(`Your statement is ready as ${file!.fileName}`);
      expect(el.shadowRoot!.activeElement).to.equal(button);
      expect(calls).to.deep.equal([]);
      expect(await axeViolations(el)).to.deep.equal([]);
    } finally {
      downloads.stop();
    }
  });

  it('says the PDF maker is not on the device yet when it cannot be loaded offline', async () => {
    stubApi({});
    cache = await openFilledCache(
      [person(SELF, 'Daniel Okafor', 'self')],
      [{ patientId: SELF, kind: 'billing', value: summary(SELF, [line(1)]) }],
    );
    selectPatient(SELF);
    BillingPage.loadPdfMaker = () =>
      Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
    const wasOnline = syncStatus.online;
    syncStatus.online = false;
    const downloads = catchDownloads();
    try {
      const el = await fixture<BillingPage>(html`<billing-page .practice=${TEST_PRACTICE}></billing-page>`);
      await waitUntil(() => el.shadowRoot!.querySelector('.statements'), 'statements', { timeout: 5000 });
      const button = pdfButton(el);
      button.focus();
      button.click();
      await waitUntil(() => el.shadowRoot!.querySelector('.statement-pdf [role="alert"]'), 'alert', {
        timeout: 5000,
      });
      await waitUntil(() => !button.disabled, 'button back', { timeout: 5000 });
      expect(el.shadowRoot!.querySelector('.statement-pdf [role="alert"]')!.textContent!.trim()).to.equal(
        'The PDF maker has not been saved on this device yet; connect once and try again.',
      );
      expect(button.textContent!.trim()).to.equal('Download statement (PDF)');
      expect(el.shadowRoot!.activeElement).to.equal(button);
      expect(downloads.caught).to.deep.equal([]);
    } finally {
      syncStatus.online = wasOnline;
      downloads.stop();
    }
  });

  it('puts a long statement on several numbered pages, each with the table heading', async function () {
    this.timeout(20_000);
    const many = Array.from({ length: 27 }, (_, i) => line(i));
    const blob = statementPdf({
      practice: TEST_PRACTICE,
      personName: 'Harold Whitfield',
      self: true,
      billing: summary(SELF, many),
      fetchedAt: new Date('2026-11-28T15:00:00Z'),
      madeAt: new Date('2026-12-01T15:00:00Z'),
      timeZone: TEST_PRACTICE.timeZone,
      offline: true,
    });
    expect(blob.type).to.equal('application/pdf');
    const pdf = await pdfText(blob);
    const pages = pdf.match(/\/Type \/Page\b/g) ?? [];
    expect(pages.length).to.be.greaterThan(1);
    expect(pdf).to.contain(`(Page 2 of ${pages.length})`);
    expect(pdf).to.contain(`(Page ${pages.length} of ${pages.length})`);
    expect(pdf).not.to.contain('(Page 1 of 1)');
    // The table heading is repeated on each page.
    expect(pdf.match(/\(Date of service\)/g)).to.have.length(pages.length);
    expect(pdf).to.contain('(Figures as of Nov 28, 2026, 10:00 AM EST)');
    expect(pdf).to.contain('(Made on Dec 1, 2026, 10:00 AM EST)');
    expect(pdf).to.contain('(You owe the practice.)');
    expect(pdf).to.contain('This device was offline');
    expect(pdf).to.contain(`(${'$675.00'})`);
  });
});

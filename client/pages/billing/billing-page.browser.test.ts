// The Billing page for the person chosen: what they owe, each statement with money figures only,
// read from the device's sealed copy (no request is made), and the billing office's contacts.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { BillingStatementLine, BillingSummary } from '../../../core/billing';
import type { RecordsCache } from '../../data/records/records-cache';
import { selectPatient } from '../../data/records/selected-person';
import { restoreApi, stubApi } from '../../test/api-stub';
import { axeViolations } from '../../test/axe';
import { TEST_PRACTICE } from '../../test/practice';
import { closeFilledCache, openFilledCache, person } from '../../test/records-fixture';
import './billing-page';
import type { BillingPage } from './billing-page';

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

describe('<billing-page>', () => {
  let cache: RecordsCache | null = null;
  afterEach(async () => {
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
});

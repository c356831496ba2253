// Searching the record: typing sends one 'search' event once the typing pauses (Enter at once),
// and the matches the page passes back are listed by kind with short labels.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { AnyResource, RecordResource } from '../../../core/fhir/types';
import { axeViolations } from '../../test/axe';
import './record-search-view';
import type { RecordSearchView } from './record-search-view';
import { CHOLESTEROL, lab, loinc, visibleText, vital } from './test-records';

const MATCHES: (RecordResource | AnyResource)[] = [
  lab('chol', CHOLESTEROL, 231, 'mg/dL', '2024-03-04T08:10:00-05:00', {
    interpretation: [{ coding: [{ code: 'H' }] }],
  }),
  {
    resourceType: 'Condition',
    id: 'c1',
    clinicalStatus: { coding: [{ code: 'active' }] },
    code: { text: 'High cholesterol' },
    onsetDateTime: '2021-02-01',
  },
  {
    resourceType: 'MedicationRequest',
    id: 'm1',
    status: 'active',
    medicationCodeableConcept: { text: 'Atorvastatin 20 MG Oral Tablet (for cholesterol)' },
    authoredOn: '2021-02-01',
  },
  vital('w', loinc('29463-7', 'Body Weight'), 80, 'kg', '2024-03-04T08:10:00-05:00'),
  { resourceType: 'Claim', id: 'not-shown' },
];

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function typeSlowly(input: HTMLInputElement, text: string) {
  for (let i = 1; i <= text.length; i++) {
    input.value = text.slice(0, i);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }
}

describe('<record-search-view>', () => {
  it('sends one search once typing pauses, with the words typed', async () => {
    const el = await fixture<RecordSearchView>(html`<record-search-view debounce="60"></record-search-view>`);
    const sent: string[] = [];
    el.addEventListener('search', (e) => sent.push(e.detail.query));
    const input = el.shadowRoot!.querySelector('input')!;
    expect(el.shadowRoot!.querySelector(`label[for="${input.id}"]`)!.textContent).to.equal(
      'Search your health record',
    );
    typeSlowly(input, 'chol ');
    expect(sent).to.deep.equal([]);
    await pause(150);
    expect(sent).to.deep.equal(['chol']);
  });

  it('sends at once on Enter, and not again for the same words', async () => {
    const el = await fixture<RecordSearchView>(html`<record-search-view debounce="60"></record-search-view>`);
    const sent: string[] = [];
    el.addEventListener('search', (e) => sent.push(e.detail.query));
    const input = el.shadowRoot!.querySelector('input')!;
    typeSlowly(input, 'flu');
    const event = oneEvent(el, 'search');
    el.shadowRoot!.querySelector('form')!.requestSubmit();
    expect((await event).detail.query).to.equal('flu');
    await pause(150);
    expect(sent).to.deep.equal(['flu']);
  });

  it('lists the matches by kind, each with a short label, the words highlighted', async () => {
    const el = await fixture<RecordSearchView>(
      html`<record-search-view .resources=${MATCHES} query="cholesterol"></record-search-view>`,
    );
    const r = el.shadowRoot!;
    expect(r.querySelector('input')!.value).to.equal('cholesterol');
    expect(r.querySelector('[role="status"]')!.textContent!.trim()).to.equal('4 matches for “cholesterol”.');
    const groups = [...r.querySelectorAll('section.group')].map((s) => visibleText(s));
    expect(groups).to.deep.equal([
      'Problems (1 on record) High cholesterol Active · Feb 1, 2021',
      'Medications (1 on record) Atorvastatin 20 MG Oral Tablet (for cholesterol) Active · Feb 1, 2021',
      'Vital signs (1 on record) Body Weight: 80 kg Mar 4, 2024',
      'Test results (1 on record) Cholesterol [Mass/volume] in Serum or Plasma: 231 mg/dL Mar 4, 2024 · High',
    ]);
    expect([...r.querySelectorAll('mark')].map((m) => m.textContent)).to.deep.equal([
      'cholesterol',
      'cholesterol',
      'Cholesterol',
    ]);
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('says when nothing matches, and when a search is still running', async () => {
    const el = await fixture<RecordSearchView>(
      html`<record-search-view .resources=${[]} query="xyz"></record-search-view>`,
    );
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent!.trim()).to.equal(
      'Nothing in your record matches “xyz”.',
    );
    el.searching = true;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent!.trim()).to.equal('Searching…');
  });

  it('tells the page which record was chosen when results are selectable', async () => {
    const el = await fixture<RecordSearchView>(
      html`<record-search-view selectable .resources=${MATCHES} query="cholesterol"></record-search-view>`,
    );
    const event = oneEvent(el, 'record-select');
    el.shadowRoot!.querySelector<HTMLButtonElement>('section.group button')!.click();
    expect((await event).detail).to.deep.equal({ resourceType: 'Condition', id: 'c1', kind: 'problems' });
  });
});

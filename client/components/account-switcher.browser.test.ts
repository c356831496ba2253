// The account switcher: lists the people this account may see with their access levels, records
// the choice the record pages follow, follows a choice made on a page, says what Billing only
// leaves out on clinical pages, and stays hidden for an account that sees only itself.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { PersonInReach } from '../../core/records';
import { forgetPeople, knownPeople } from '../data/family-api';
import {
  forgetSelectedPatient,
  SELECTED_PERSON_EVENT,
  selectedPatient,
  selectedPersonEvents,
  selectPatient,
} from '../data/records/selected-person';
import { session } from '../data/session';
import { granted, json, noContent, restoreApi, stubApi } from '../test/api-stub';
import { axeViolations } from '../test/axe';
import './account-switcher';
import { type AccountSwitcher, PERSON_PICKED_EVENT } from './account-switcher';

const PEOPLE: PersonInReach[] = [
  {
    patientId: 'pat-1',
    displayName: 'Ana López',
    birthDate: '1980-01-01',
    access: 'self',
    relationship: 'self',
  },
  {
    patientId: 'pat-2',
    displayName: 'Leo López',
    birthDate: '2010-05-05',
    access: 'full',
    relationship: 'parent',
  },
  {
    patientId: 'pat-3',
    displayName: 'Elena Ruiz',
    birthDate: '1950-05-05',
    access: 'billing',
    relationship: 'child',
  },
];

const root = (el: AccountSwitcher) => el.shadowRoot!;
const select = (el: AccountSwitcher) => root(el).querySelector<HTMLSelectElement>('select')!;

async function openSwitcher(people: PersonInReach[] = PEOPLE, clinical = false): Promise<AccountSwitcher> {
  stubApi({ 'GET /api/patients': () => json({ people }), 'POST /api/auth/sign-out': () => noContent() });
  const el = await fixture<AccountSwitcher>(
    html`<account-switcher ?clinical=${clinical}></account-switcher>`,
  );
  if (people.length > 1) await waitUntil(() => root(el).querySelector('select'), 'no list of people');
  return el;
}

describe('<account-switcher>', () => {
  beforeEach(() => session.accept(granted()));
  afterEach(async () => {
    await session.signOut();
    forgetPeople();
    forgetSelectedPatient();
    restoreApi();
  });

  it('lists yourself and each person you can see, with their access level', async () => {
    const el = await openSwitcher();
    const options = [...select(el).options].map((o) => o.textContent?.trim());
    expect(options).to.deep.equal([
      'Ana López (you)',
      'Leo López (Full access)',
      'Elena Ruiz (Billing only)',
    ]);
    expect(root(el).querySelector('label')!.textContent).to.equal('Viewing:');
    expect(select(el).value).to.equal('pat-1');
  });

  it('records the choice the record pages follow, and tells the shell', async () => {
    const el = await openSwitcher();
    const changed = oneEvent(selectedPersonEvents, SELECTED_PERSON_EVENT);
    const picked = oneEvent(el, PERSON_PICKED_EVENT);
    select(el).value = 'pat-2';
    select(el).dispatchEvent(new Event('change'));
    expect(((await changed) as CustomEvent<string>).detail).to.equal('pat-2');
    await picked;
    expect(selectedPatient(PEOPLE)).to.equal('pat-2');
  });

  it('follows a choice made on a page ("Whose record")', async () => {
    const el = await openSwitcher();
    selectPatient('pat-3');
    await el.updateComplete;
    expect(select(el).value).to.equal('pat-3');
  });

  it('says on clinical pages that Billing only access shows no health information', async () => {
    const el = await openSwitcher(PEOPLE, true);
    expect(root(el).querySelector('.note')).to.equal(null);
    select(el).value = 'pat-3';
    select(el).dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(root(el).querySelector('[role="status"] .note')!.textContent).to.contain(
      'Billing only access, Elena Ruiz',
    );
  });

  it('stays hidden for an account that sees only itself', async () => {
    const el = await openSwitcher([PEOPLE[0]!]);
    await waitUntil(() => knownPeople('acc-1') !== null);
    await el.updateComplete;
    expect(el.hidden).to.equal(true);
    expect(root(el).querySelector('select')).to.equal(null);
  });

  it('has no accessibility violations', async () => {
    const el = await openSwitcher(PEOPLE, true);
    select(el).value = 'pat-3';
    select(el).dispatchEvent(new Event('change'));
    await el.updateComplete;
    // The header's colours are the shell's: check it on the accent background it sits on.
    el.style.background = '#0b6b72';
    el.style.color = '#fff';
    expect(await axeViolations(el)).to.deep.equal([]);
  });
});

// The account switcher in the app's header: shown once signed in to an account that sees more than
// one person; a page about the chosen person opens afresh for the new choice, other pages stay.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../app-shell/portal-app';
import type { PortalApp } from '../app-shell/portal-app';
import { forgetPeople } from '../data/family-api';
import { forgetSelectedPatient } from '../data/records/selected-person';
import { session } from '../data/session';
import { granted, json, noContent, restoreApi, stubApi } from '../test/api-stub';
import { TEST_PRACTICE } from '../test/practice';

const startUrl = window.location.href;

const PEOPLE = [
  {
    patientId: 'pat-1',
    displayName: 'Ana López',
    birthDate: '1980-01-01',
    access: 'self',
    relationship: 'self',
  },
  {
    patientId: 'pat-3',
    displayName: 'Elena Ruiz',
    birthDate: '1950-05-05',
    access: 'billing',
    relationship: 'child',
  },
];

async function openShell(path: string): Promise<PortalApp> {
  window.history.replaceState(null, '', path);
  const el = await fixture<PortalApp>(html`<portal-app></portal-app>`);
  // A page's module loads on first visit: give it time under the test server.
  await waitUntil(
    () => el.shadowRoot!.querySelector('main')!.firstElementChild?.shadowRoot?.querySelector('h1'),
    'the page did not open',
    { timeout: 4000 },
  );
  await waitUntil(
    () => el.shadowRoot!.querySelector('header account-switcher')?.shadowRoot?.querySelector('select'),
    'no switcher in the header',
  );
  return el;
}

const page = (el: PortalApp) => el.shadowRoot!.querySelector('main')!.firstElementChild!;

function pick(el: PortalApp, patientId: string): void {
  const select = el.shadowRoot!.querySelector('account-switcher')!.shadowRoot!.querySelector('select')!;
  select.value = patientId;
  select.dispatchEvent(new Event('change'));
}

describe('<account-switcher> in the shell', () => {
  beforeEach(async () => {
    stubApi({
      'GET /api/practice': () => json(TEST_PRACTICE),
      'GET /api/patients': () => json({ people: PEOPLE }),
      'GET /api/family': () =>
        json({ canShare: true, canGrantFull: true, grants: [], invitations: [], requests: [] }),
      'POST /api/auth/sign-out': () => noContent(),
    });
    await session.accept(granted());
  });

  afterEach(async () => {
    await session.signOut();
    forgetPeople();
    forgetSelectedPatient();
    restoreApi();
    window.history.replaceState(null, '', startUrl);
  });

  it('opens a page about the chosen person afresh for a new choice', async () => {
    const el = await openShell('/billing');
    const before = page(el);
    pick(el, 'pat-3');
    await waitUntil(() => page(el) !== before && page(el)?.tagName === 'BILLING-PAGE');
  });

  it('keeps other pages as they are', async () => {
    const el = await openShell('/family-access');
    const before = page(el);
    pick(el, 'pat-3');
    await el.updateComplete;
    expect(page(el)).to.equal(before);
  });

  it('forgets the people and the choice when the session ends', async () => {
    const el = await openShell('/billing');
    pick(el, 'pat-3');
    await session.signOut();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('account-switcher')).to.equal(null);
  });
});

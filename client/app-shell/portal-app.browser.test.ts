// The app shell as a patient meets it: the practice's name, all destinations, the current page
// marked, client-side navigation with focus on the new heading, and a friendly unknown page.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { PRACTICE_CACHE_KEY } from '../data/practice-store';
import { session } from '../data/session';
import { granted } from '../test/api-stub';
import { axeViolations } from '../test/axe';
import { restoreFetch, stubPracticeApi, TEST_PRACTICE } from '../test/practice';
import './portal-app';
import type { PortalApp } from './portal-app';

const NAV_NAMES = [
  'Home',
  'Messages',
  'My Health',
  'Health Records',
  'Billing',
  'Family access',
  'Profile',
  'Help',
];

const startUrl = window.location.href;

async function openShell(path: string): Promise<PortalApp> {
  window.history.replaceState(null, '', path);
  const el = await fixture<PortalApp>(html`<portal-app></portal-app>`);
  // The first visit to a page loads its module, which takes a while on a busy machine.
  await waitUntil(
    () => el.shadowRoot!.querySelector('main')!.firstElementChild?.shadowRoot?.querySelector('h1'),
    'the page',
    { timeout: 5000 },
  );
  return el;
}

const root = (el: PortalApp) => el.shadowRoot!;
const navLinks = (el: PortalApp) => [...root(el).querySelectorAll<HTMLAnchorElement>('nav a')];
/** While a page is still loading, main holds a "Loading…" paragraph without a shadow root. */
const pageHeading = (el: PortalApp) =>
  root(el).querySelector('main')!.firstElementChild?.shadowRoot?.querySelector('h1') ?? null;

describe('<portal-app>', () => {
  // Signed in, so the account areas open; signed-out behaviour is in idle-lock.browser.test.ts.
  before(() => session.accept(granted()));

  beforeEach(() => {
    localStorage.removeItem(PRACTICE_CACHE_KEY);
    stubPracticeApi(TEST_PRACTICE);
  });

  afterEach(() => {
    restoreFetch();
    localStorage.removeItem(PRACTICE_CACHE_KEY);
    window.history.replaceState(null, '', startUrl);
  });

  it("shows the practice's name in the header and the page title", async () => {
    const el = await openShell('/my-health');
    // The practice arrives from the (stubbed) server; a busy machine may take more than a second.
    await waitUntil(() => root(el).querySelector('.brand')!.textContent!.includes('Maple Grove Clinic'), '', {
      timeout: 5000,
    });
    await waitUntil(() => document.title === 'My Health · Maple Grove Clinic', document.title, {
      timeout: 5000,
    });
  });

  it('remembers the practice, so its name still shows when the server cannot be reached', async () => {
    localStorage.setItem(PRACTICE_CACHE_KEY, JSON.stringify(TEST_PRACTICE));
    stubPracticeApi(null);
    const el = await openShell('/');
    expect(root(el).querySelector('.brand')!.textContent).to.contain('Maple Grove Clinic');
  });

  it('says "Patient portal" and invents no practice when it never reached the server', async () => {
    stubPracticeApi(null);
    const el = await openShell('/');
    await el.practiceController.refresh();
    expect(root(el).querySelector('.brand')!.textContent?.trim()).to.equal('Patient portal');
    expect(document.title).to.equal('Home · Patient portal');
  });

  it('offers all eight destinations as named links', async () => {
    const el = await openShell('/');
    const links = navLinks(el);
    expect(links.map((a) => a.textContent?.trim())).to.deep.equal(NAV_NAMES);
    expect(root(el).querySelector('nav')!.getAttribute('aria-label')).to.equal('Main');
  });

  it('marks the current page with aria-current', async () => {
    const el = await openShell('/help');
    const current = navLinks(el).filter((a) => a.getAttribute('aria-current') === 'page');
    expect(current.map((a) => a.textContent?.trim())).to.deep.equal(['Help']);
  });

  it('moves to a page without reloading and puts focus on its heading', async () => {
    const el = await openShell('/');
    navLinks(el)
      .find((a) => a.textContent?.trim() === 'Family access')!
      .click();
    await waitUntil(() => pageHeading(el)?.textContent === 'Family access', '', { timeout: 5000 });
    await waitUntil(() => el.shadowRoot!.activeElement?.tagName === 'FAMILY-ACCESS-PAGE', '', {
      timeout: 5000,
    });
    expect(window.location.pathname).to.equal('/family-access');
    expect(pageHeading(el)!.matches(':focus')).to.equal(true);
    await waitUntil(() => document.title === 'Family access · Maple Grove Clinic', document.title, {
      timeout: 5000,
    });
    const current = navLinks(el).find((a) => a.getAttribute('aria-current') === 'page');
    expect(current?.textContent?.trim()).to.equal('Family access');
  });

  it('shows a friendly Page not found for an unknown address', async () => {
    const el = await openShell('/no-such-page');
    expect(pageHeading(el)!.textContent).to.equal('Page not found');
    expect(navLinks(el).some((a) => a.hasAttribute('aria-current'))).to.equal(false);
  });

  it('opens and closes the navigation from the Menu button on a phone', async () => {
    const el = await openShell('/');
    const button = root(el).querySelector<HTMLButtonElement>('.menu-button')!;
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    button.click();
    await el.updateComplete;
    expect(button.getAttribute('aria-expanded')).to.equal('true');
  });

  it('has no accessibility violations', async () => {
    const el = await openShell('/');
    expect(await axeViolations(el)).to.deep.equal([]);
  });
});

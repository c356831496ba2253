// The automatic lock as a user meets it: a warning a minute before, "Stay signed in" postpones
// it, then the lock screen, which the password unlocks (POST /api/auth/unlock). Time is faked.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { Session } from '../data/session';
import { granted, json, noContent, problem, restoreApi, stubApi, type } from '../test/api-stub';
import { FakeClock } from '../test/fake-clock';
import { TEST_PRACTICE } from '../test/practice';
import './portal-app';
import type { PortalApp } from './portal-app';

const MINUTE = 60_000;
const startUrl = window.location.href;

const dialog = (el: PortalApp) =>
  el.shadowRoot!.querySelector('idle-warning')!.shadowRoot!.querySelector('dialog')!;
const lockScreen = (el: PortalApp) => el.shadowRoot!.querySelector('lock-screen');

async function openSignedIn(clock: FakeClock, s: Session): Promise<PortalApp> {
  window.history.replaceState(null, '', '/help');
  s.accept(granted());
  const el = await fixture<PortalApp>(html`<portal-app .session=${s} .idleClock=${clock}></portal-app>`);
  await waitUntil(() => el.shadowRoot!.querySelector('help-page'));
  return el;
}

describe('automatic lock', () => {
  let calls: ReturnType<typeof stubApi>;
  beforeEach(() => {
    calls = stubApi({
      'GET /api/practice': () => json(TEST_PRACTICE),
      'POST /api/auth/unlock': (call) =>
        (call.body as { password: string }).password === 'my long password'
          ? json(granted({}, 'unlocked'))
          : problem({ type: '/problems/sign-in-failed', title: 'Wrong password', status: 401 }),
      'POST /api/auth/sign-out': () => noContent(),
    });
  });
  afterEach(() => {
    restoreApi();
    localStorage.clear();
    window.history.replaceState(null, '', startUrl);
  });

  it('warns a minute before locking, and "Stay signed in" postpones the lock', async () => {
    const clock = new FakeClock();
    const s = new Session();
    const el = await openSignedIn(clock, s);

    clock.advance(14 * MINUTE - 1000);
    await el.updateComplete;
    expect(dialog(el).open).to.equal(false);

    clock.advance(1000);
    await el.updateComplete;
    await el.shadowRoot!.querySelector('idle-warning')!.updateComplete;
    expect(dialog(el).open).to.equal(true);
    expect(dialog(el).textContent).to.contain('You will be signed out for your safety in 60 seconds');
    const stay = dialog(el).querySelector('button')!;
    expect(el.shadowRoot!.querySelector('idle-warning')!.shadowRoot!.activeElement).to.equal(stay);
    expect(stay.textContent).to.equal('Stay signed in');

    stay.click();
    await el.updateComplete;
    await el.shadowRoot!.querySelector('idle-warning')!.updateComplete;
    expect(dialog(el).open).to.equal(false);
    clock.advance(10 * MINUTE);
    expect(s.state).to.equal('signed-in');

    clock.advance(5 * MINUTE);
    expect(s.state).to.equal('locked');
    await waitUntil(() => lockScreen(el));
    expect(el.shadowRoot!.querySelector('help-page')).to.equal(null);
    expect(el.shadowRoot!.querySelector('nav')).to.equal(null);
  });

  it('unlocks with the password through /api/auth/unlock', async () => {
    const clock = new FakeClock();
    const s = new Session();
    const el = await openSignedIn(clock, s);
    clock.advance(15 * MINUTE);
    await waitUntil(() => lockScreen(el)?.shadowRoot?.querySelector('form'));
    const lock = lockScreen(el)!;
    const r = lock.shadowRoot!;
    expect(r.querySelector('h1')!.textContent).to.equal('The portal is locked');

    type(r, '#unlock-password', 'wrong one');
    await lock.updateComplete;
    r.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitUntil(() => r.querySelector('#unlock-password-error'));
    expect(s.state).to.equal('locked');

    type(r, '#unlock-password', 'my long password');
    await lock.updateComplete;
    r.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitUntil(() => el.shadowRoot!.querySelector('help-page'));
    expect(s.state).to.equal('signed-in');
    expect(calls.filter((c) => c.path === '/api/auth/unlock').length).to.equal(2);
  });

  it('sends a signed-out visitor from an account page to sign-in, with the path only', async () => {
    stubApi({
      'GET /api/practice': () => json(TEST_PRACTICE),
      'POST /api/auth/refresh': () =>
        problem({ type: '/problems/session-ended', title: 'Ended', status: 401 }),
    });
    window.history.replaceState(null, '', '/messages');
    const el = await fixture<PortalApp>(html`<portal-app .session=${new Session()}></portal-app>`);
    await waitUntil(() => el.shadowRoot!.querySelector('sign-in-page'), 'sign-in page shown', {
      timeout: 4000,
    });
    expect(window.location.pathname + window.location.search).to.equal('/sign-in?next=/messages');
    const nav = [...el.shadowRoot!.querySelectorAll<HTMLAnchorElement>('nav a')].map((a) =>
      a.getAttribute('href'),
    );
    expect(nav).to.include('/sign-in?next=/my-health');
    expect(nav).to.include('/help');
  });
});

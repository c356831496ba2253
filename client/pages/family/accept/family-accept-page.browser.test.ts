// Accepting a family access invitation: the token leaves the address bar at once, the invitee sees
// who invites them and with which level, signs in first when needed (the token stays in the tab),
// and a used or expired link says so plainly.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { knownPeople } from '../../../data/family-api';
import { session } from '../../../data/session';
import { NAVIGATE_EVENT } from '../../../router/navigate';
import { granted, json, noContent, problem, restoreApi, stubApi, type } from '../../../test/api-stub';
import { axeViolations } from '../../../test/axe';
import { TEST_PRACTICE } from '../../../test/practice';
import './family-accept-page';
import type { FamilyAcceptPage } from './family-accept-page';
import { forgetInvitationToken } from './invitation-token';

const TOKEN = 'inv_0123456789abcdefghijklmnop';
const PREVIEW = {
  inviterName: 'Ana López',
  access: 'full',
  relationship: 'spouse',
  expiresAt: '2099-01-15T12:00:00Z',
};

const startUrl = window.location.href;
const root = (el: FamilyAcceptPage) => el.shadowRoot!;

async function openFromLink(hash = `#token=${TOKEN}`): Promise<FamilyAcceptPage> {
  window.history.replaceState(null, '', `/family/accept${hash}`);
  return fixture<FamilyAcceptPage>(
    html`<family-accept-page .practice=${TEST_PRACTICE}></family-accept-page>`,
  );
}

describe('<family-accept-page>', () => {
  afterEach(async () => {
    forgetInvitationToken();
    if (session.signedIn) {
      stubApi({ 'POST /api/auth/sign-out': () => noContent() });
      await session.signOut();
    }
    restoreApi();
    window.history.replaceState(null, '', startUrl);
  });

  it('removes the token from the address bar at once and shows who invites you', async () => {
    const calls = stubApi({ 'POST /api/family/invitations/check': () => json(PREVIEW) });
    const el = await openFromLink();
    expect(window.location.hash).to.equal('');
    expect(window.location.href).not.to.contain(TOKEN);
    await waitUntil(() => root(el).querySelector('#invitation-heading'));
    expect(calls[0]!.body).to.deep.equal({ token: TOKEN });
    expect(root(el).querySelector('#invitation-heading')!.textContent).to.contain(
      'Ana López invites you to see their record',
    );
    expect(root(el).textContent).to.contain('Full access');
    expect(root(el).textContent).to.contain('as their spouse');
  });

  it('asks a signed-out invitee to sign in or sign up, and keeps the invitation for the way back', async () => {
    stubApi({ 'POST /api/family/invitations/check': () => json(PREVIEW) });
    const el = await openFromLink();
    await waitUntil(() => root(el).querySelector('#invitation-heading'));
    const hrefs = [...root(el).querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(hrefs).to.include('/sign-in?next=/family/accept');
    expect([...root(el).querySelectorAll('button')].map((b) => b.textContent?.trim())).to.include(
      'Sign up today',
    );
    expect([...root(el).querySelectorAll('button')].some((b) => b.textContent?.includes('Accept'))).to.equal(
      false,
    );

    // Back from signing in: no token in the address any more, the tab still has it.
    el.remove();
    stubApi({ 'POST /api/family/invitations/check': () => json(PREVIEW) });
    const again = await openFromLink('');
    await waitUntil(() => root(again).querySelector('#invitation-heading'));
  });

  it('accepts once signed in, and the account switcher then lists the patient', async () => {
    await session.accept(
      granted({ id: 'acc-2', displayName: 'Carlos López', email: 'carlos@example.com', patientId: null }),
    );
    const calls = stubApi({
      'POST /api/family/invitations/check': () => json(PREVIEW),
      'POST /api/family/invitations/accept': () =>
        json({ status: 'access-granted', patientId: 'pat-1', displayName: 'Ana López', access: 'full' }),
      'GET /api/patients': () =>
        json({
          people: [
            {
              patientId: 'pat-1',
              displayName: 'Ana López',
              birthDate: '1980-01-01',
              access: 'full',
              relationship: 'spouse',
            },
          ],
        }),
    });
    const el = await openFromLink();
    await waitUntil(() => root(el).querySelector('#invitation-heading'));
    expect(root(el).textContent).to.contain('Carlos López');
    [...root(el).querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Accept')!.click();
    await waitUntil(() => root(el).querySelector('.success'));
    expect(calls.find((c) => c.path === '/api/family/invitations/accept')!.body).to.deep.equal({
      token: TOKEN,
    });
    expect(root(el).activeElement).to.equal(root(el).querySelector('.success'));
    expect(root(el).querySelector('.success')!.textContent).to.contain('Ana López');
    await waitUntil(() => knownPeople('acc-2')?.some((p) => p.displayName === 'Ana López'));
    expect(sessionStorage.getItem('portal.family-invitation')).to.equal(null);
  });

  it('lets a newcomer create an account for the invited address, then choose a security option', async () => {
    const calls = stubApi({
      'POST /api/family/invitations/check': () => json(PREVIEW),
      'POST /api/family/invitations/account': () =>
        json(granted({ id: 'acc-7', displayName: 'Carlos López', patientId: null, securityOption: null })),
    });
    const el = await openFromLink();
    await waitUntil(() => root(el).querySelector('#invitation-heading'));
    [...root(el).querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Sign up today')!.click();
    await el.updateComplete;
    expect(root(el).activeElement?.id).to.equal('account-heading');
    const form = root(el).querySelector('family-invitee-account')!;
    await form.updateComplete;
    const f = form.shadowRoot!;
    type(f, '#account-firstName', 'Carlos');
    type(f, '#account-lastName', 'López');
    type(f, '#account-mobilePhone', '(555) 010-3333');
    type(f, '#account-password', 'lantern harbor quietly');
    type(f, '#account-passwordAgain', 'lantern harbor quietly');
    await form.updateComplete;
    const navigated = oneEvent(el, NAVIGATE_EVENT);
    f.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    expect((await navigated).detail.to).to.equal('/security-setup?next=/family/accept');
    expect(calls.find((c) => c.path === '/api/family/invitations/account')!.body).to.deep.equal({
      token: TOKEN,
      firstName: 'Carlos',
      lastName: 'López',
      mobilePhone: '(555) 010-3333',
      password: 'lantern harbor quietly',
      passwordAgain: 'lantern harbor quietly',
    });
    expect(session.signedIn).to.equal(true);
    // Kept for the Accept once the security option is set.
    expect(sessionStorage.getItem('portal.family-invitation')).to.equal(TOKEN);
  });

  it('says a used or expired link can no longer be used', async () => {
    stubApi({
      'POST /api/family/invitations/check': () =>
        problem({ type: '/problems/expired', title: 'This invitation was used or has expired', status: 410 }),
    });
    const el = await openFromLink();
    await waitUntil(() => root(el).querySelector('[role="alert"]'));
    expect(root(el).querySelector('[role="alert"]')!.textContent).to.contain('already used or has expired');
    expect(root(el).querySelector('button')).to.equal(null);
    expect(sessionStorage.getItem('portal.family-invitation')).to.equal(null);
  });

  it('says a link with no token is not complete, without asking the server', async () => {
    const calls = stubApi({});
    const el = await openFromLink('#token=short');
    await waitUntil(() => root(el).querySelector('[role="alert"]'));
    expect(root(el).querySelector('[role="alert"]')!.textContent).to.contain('not complete');
    expect(calls).to.deep.equal([]);
  });

  it('has no accessibility violations', async () => {
    stubApi({ 'POST /api/family/invitations/check': () => json(PREVIEW) });
    const el = await openFromLink();
    await waitUntil(() => root(el).querySelector('#invitation-heading'));
    expect(await axeViolations(el)).to.deep.equal([]);
  });
});

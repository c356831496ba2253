// Signing in as a patient meets it: two-step when the account uses it, a generic failure that
// reveals no accounts, when to try again after too many tries, and no accessibility problems.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { session } from '../../data/session';
import { NAVIGATE_EVENT } from '../../router/navigate';
import { granted, json, noContent, problem, restoreApi, stubApi, type } from '../../test/api-stub';
import { axeViolations } from '../../test/axe';
import './sign-in-page';
import { SIGN_IN_FAILED_TEXT, type SignInPage } from './sign-in-page';

const root = (el: SignInPage) => el.shadowRoot!;
const text = (el: SignInPage) => root(el).textContent ?? '';

async function fillAndSubmit(el: SignInPage): Promise<void> {
  type(root(el), '#email', 'ana.lopez@example.com');
  type(root(el), '#password', 'correct horse battery');
  await el.updateComplete;
  root(el).querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
}

describe('<sign-in-page>', () => {
  afterEach(async () => {
    stubApi({ 'POST /api/auth/sign-out': () => noContent() });
    await session.signOut();
    restoreApi();
  });

  it('asks for the two-step code when the account uses it, then signs in', async () => {
    const calls = stubApi({
      'POST /api/auth/sign-in': () =>
        json({ status: 'two-step-required', challenge: 'c'.repeat(32), method: 'totp' }),
      'POST /api/auth/sign-in/two-step': () => json(granted()),
    });
    const el = await fixture<SignInPage>(html`<sign-in-page></sign-in-page>`);
    await fillAndSubmit(el);
    await waitUntil(() => root(el).querySelector('#two-step-heading'));
    expect(root(el).activeElement?.id).to.equal('two-step-heading');

    type(root(el), '#code', '123456');
    await el.updateComplete;
    const navigated = oneEvent(el, NAVIGATE_EVENT);
    root(el).querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    const event = await navigated;
    expect(event.detail.to).to.equal('/');
    expect(session.state).to.equal('signed-in');
    expect(session.account?.displayName).to.equal('Ana López');
    expect(calls.map((c) => c.path)).to.deep.equal(['/api/auth/sign-in', '/api/auth/sign-in/two-step']);
    expect(calls[1]!.body).to.deep.equal({ challenge: 'c'.repeat(32), code: '123456' });
  });

  it('shows the same generic message for any wrong e-mail or password', async () => {
    stubApi({
      'POST /api/auth/sign-in': () =>
        problem({ type: '/problems/sign-in-failed', title: 'Sign-in failed', status: 401 }),
    });
    const el = await fixture<SignInPage>(html`<sign-in-page></sign-in-page>`);
    await fillAndSubmit(el);
    await waitUntil(() => root(el).querySelector('[role="alert"]'));
    expect(text(el)).to.contain(SIGN_IN_FAILED_TEXT);
    expect(root(el).activeElement?.classList.contains('alert')).to.equal(true);
    expect(session.state).not.to.equal('signed-in');
  });

  it('says when to try again after too many attempts', async () => {
    stubApi({
      'POST /api/auth/sign-in': () =>
        problem(
          { type: '/problems/too-many-attempts', title: 'Too many attempts', status: 429 },
          { 'retry-after': '300' },
        ),
    });
    const el = await fixture<SignInPage>(html`<sign-in-page></sign-in-page>`);
    await fillAndSubmit(el);
    await waitUntil(() => root(el).querySelector('[role="alert"]'));
    expect(text(el)).to.contain('Too many attempts');
    expect(text(el)).to.contain('try again in 5 minutes');
  });

  it('checks the fields before asking the server', async () => {
    const calls = stubApi({});
    const el = await fixture<SignInPage>(html`<sign-in-page></sign-in-page>`);
    type(root(el), '#email', 'not-an-address');
    await el.updateComplete;
    root(el).querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitUntil(() => root(el).querySelector('#email-error'));
    expect(root(el).activeElement?.id).to.equal('email');
    expect(root(el).querySelector('#email')!.getAttribute('aria-describedby')).to.contain('email-error');
    expect(calls).to.deep.equal([]);
  });

  it('offers Forgot your password? and Sign up today', async () => {
    const el = await fixture<SignInPage>(html`<sign-in-page></sign-in-page>`);
    const links = [...root(el).querySelectorAll('a')].map((a) => [
      a.textContent?.trim(),
      a.getAttribute('href'),
    ]);
    expect(links).to.deep.include(['Forgot your password?', '/forgot-password']);
    expect(links).to.deep.include(['Sign up today', '/sign-up']);
  });

  it('has no accessibility violations, also with an error shown', async () => {
    stubApi({
      'POST /api/auth/sign-in': () =>
        problem({ type: '/problems/sign-in-failed', title: 'Sign-in failed', status: 401 }),
    });
    const el = await fixture<SignInPage>(html`<sign-in-page></sign-in-page>`);
    expect(await axeViolations(el)).to.deep.equal([]);
    await fillAndSubmit(el);
    await waitUntil(() => root(el).querySelector('[role="alert"]'));
    expect(await axeViolations(el)).to.deep.equal([]);
  });
});

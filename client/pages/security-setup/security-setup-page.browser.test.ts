// Setting up the security option: the authenticator app's QR code and readable key, and recovery
// codes that can be downloaded and must be confirmed as saved before going on.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { session } from '../../data/session';
import { NAVIGATE_EVENT } from '../../router/navigate';
import { granted, json, noContent, restoreApi, stubApi, TEST_ACCOUNT, type } from '../../test/api-stub';
import { axeViolations } from '../../test/axe';
import './security-setup-page';
import type { SecuritySetupPage } from './security-setup-page';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DP';
const CODES = Array.from({ length: 10 }, (_, i) => `ABCD-EF${String(i).padStart(2, '0')}`);

function stubSecurityApi() {
  return stubApi({
    'POST /api/auth/security/totp': () =>
      json({ secret: SECRET, otpauthUri: `otpauth://totp/Portal:ana?secret=${SECRET}&issuer=Portal` }),
    'POST /api/auth/security/totp/confirm': () => json({ ...TEST_ACCOUNT, securityOption: 'totp' }),
    'POST /api/auth/security/recovery-codes': () => json({ codes: CODES }),
    'POST /api/auth/sign-out': () => noContent(),
  });
}

const inner = (el: SecuritySetupPage, tag: string) => el.shadowRoot!.querySelector(tag)!.shadowRoot!;
const option = (el: SecuritySetupPage, name: string) =>
  [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button.option')].find((b) =>
    b.textContent?.includes(name),
  )!;

describe('<security-setup-page>', () => {
  beforeEach(() => session.accept(granted({ securityOption: null })));
  afterEach(async () => {
    await session.signOut();
    restoreApi();
  });

  it('draws the QR code as an SVG with an accessible name and writes the key out in groups', async () => {
    const calls = stubSecurityApi();
    const el = await fixture<SecuritySetupPage>(html`<security-setup-page></security-setup-page>`);
    option(el, 'Authenticator app').click();
    await waitUntil(() => el.shadowRoot!.querySelector('totp-setup')?.shadowRoot?.querySelector('svg'));
    const r = inner(el, 'totp-setup');
    const svg = r.querySelector('svg')!;
    expect(svg.getAttribute('role')).to.equal('img');
    expect(svg.getAttribute('aria-label')).to.contain('QR code');
    expect(svg.querySelector('path')!.getAttribute('d')!.length).to.be.greaterThan(100);
    expect(r.querySelector('[data-testid="totp-key"]')!.textContent).to.equal(
      'JBSW Y3DP EHPK 3PXP JBSW Y3DP',
    );
    expect(el.shadowRoot!.activeElement?.id).to.equal('step-heading');

    type(r, '#totp-code', '123456');
    await el.shadowRoot!.querySelector('totp-setup')!.updateComplete;
    const navigated = oneEvent(el, NAVIGATE_EVENT);
    r.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    expect((await navigated).detail.to).to.equal('/welcome');
    expect(session.account?.securityOption).to.equal('totp');
    expect(calls.at(-1)!.headers.get('authorization')).to.equal('Bearer token-1');
  });

  it('offers the recovery codes as a downloadable text file and waits for "I saved my codes"', async () => {
    stubSecurityApi();
    const el = await fixture<SecuritySetupPage>(html`<security-setup-page></security-setup-page>`);
    option(el, 'Recovery codes').click();
    await waitUntil(() =>
      el.shadowRoot!.querySelector('recovery-codes-view')?.shadowRoot?.querySelector('ol'),
    );
    const r = inner(el, 'recovery-codes-view');
    expect([...r.querySelectorAll('ol.codes li')].map((li) => li.textContent)).to.deep.equal(CODES);
    const download = r.querySelector<HTMLAnchorElement>('a[download]')!;
    expect(download.textContent?.trim()).to.equal('Download');
    expect(download.href).to.match(/^blob:/);
    const text = await (await fetch(download.href)).text();
    expect(text).to.contain(CODES[9]);

    const proceed = [...r.querySelectorAll<HTMLButtonElement>('button')].find((b) =>
      b.textContent?.includes('Continue'),
    )!;
    expect(proceed.disabled).to.equal(true);
    r.querySelector<HTMLInputElement>('input[type="checkbox"]')!.click();
    await el.shadowRoot!.querySelector('recovery-codes-view')!.updateComplete;
    expect(proceed.disabled).to.equal(false);
    const navigated = oneEvent(el, NAVIGATE_EVENT);
    proceed.click();
    expect((await navigated).detail.to).to.equal('/welcome');
    expect(session.account?.securityOption).to.equal('recovery-codes');
  });

  it('has no accessibility violations', async () => {
    stubSecurityApi();
    const el = await fixture<SecuritySetupPage>(html`<security-setup-page></security-setup-page>`);
    expect(await axeViolations(el)).to.deep.equal([]);
    option(el, 'Authenticator app').click();
    await waitUntil(() => el.shadowRoot!.querySelector('totp-setup')?.shadowRoot?.querySelector('svg'));
    expect(await axeViolations(el)).to.deep.equal([]);
    option(el, 'Recovery codes').click();
    await waitUntil(() =>
      el.shadowRoot!.querySelector('recovery-codes-view')?.shadowRoot?.querySelector('ol'),
    );
    expect(await axeViolations(el)).to.deep.equal([]);
  });
});

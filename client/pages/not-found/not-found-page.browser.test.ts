// Unknown addresses get a friendly page with a way home.
import { expect, fixture, html } from '@open-wc/testing';
import './not-found-page';

describe('<not-found-page>', () => {
  it('says Page not found and links back to Home', async () => {
    const el = await fixture(html`<not-found-page></not-found-page>`);
    expect(el.shadowRoot!.querySelector('h1')!.textContent).to.equal('Page not found');
    expect(el.shadowRoot!.querySelector('a[href="/"]')).to.exist;
  });
});

// "Who will use this account?" offers Patient and Patient's family member as large choices.
import { expect, fixture, html } from '@open-wc/testing';
import { axeViolations } from '../../test/axe';
import './sign-up-page';

describe('<sign-up-page>', () => {
  it('asks who will use the account and leads to each path', async () => {
    const el = await fixture(html`<sign-up-page></sign-up-page>`);
    expect(el.shadowRoot!.querySelector('h2')!.textContent).to.equal('Who will use this account?');
    const choices = [...el.shadowRoot!.querySelectorAll<HTMLAnchorElement>('a.choice')];
    expect(choices.map((a) => a.querySelector('strong')!.textContent)).to.deep.equal([
      'Patient',
      "Patient's family member",
    ]);
    expect(choices.map((a) => a.getAttribute('href'))).to.deep.equal([
      '/sign-up/patient',
      '/sign-up/family-member',
    ]);
  });

  it('has no accessibility violations', async () => {
    const el = await fixture(html`<sign-up-page></sign-up-page>`);
    expect(await axeViolations(el)).to.deep.equal([]);
  });
});

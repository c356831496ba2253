// The Help page shows the configured contacts as tappable links, and the offices.
import { expect, fixture, html } from '@open-wc/testing';
import { axeViolations } from '../../test/axe';
import { TEST_PRACTICE } from '../../test/practice';
import './help-page';
import type { HelpPage } from './help-page';

const hrefs = (el: HelpPage) => [...el.shadowRoot!.querySelectorAll('a')].map((a) => a.getAttribute('href'));

describe('<help-page>', () => {
  it('offers the support and billing phone numbers and e-mail addresses as tel: and mailto: links', async () => {
    const el = await fixture<HelpPage>(html`<help-page .practice=${TEST_PRACTICE}></help-page>`);
    const links = hrefs(el);
    expect(links).to.include('tel:5550102000');
    expect(links).to.include('mailto:help@maplegrove.example');
    expect(links).to.include('tel:+15550102010');
    expect(links).to.include('mailto:billing@maplegrove.example');
    expect(links).to.include('mailto:ideas@maplegrove.example');
    expect(el.shadowRoot!.textContent).to.contain('Weekdays, 9 am to 5 pm');
  });

  it('lists every office with its address and phone number', async () => {
    const el = await fixture<HelpPage>(html`<help-page .practice=${TEST_PRACTICE}></help-page>`);
    const text = el.shadowRoot!.textContent ?? '';
    for (const office of TEST_PRACTICE.offices) {
      expect(text).to.contain(office.name);
      expect(text).to.contain(office.address);
    }
    expect(hrefs(el)).to.include.members(['tel:5550102001', 'tel:5550102002']);
  });

  it('answers the common questions and explains how to install the app', async () => {
    const el = await fixture<HelpPage>(html`<help-page .practice=${TEST_PRACTICE}></help-page>`);
    const questions = [...el.shadowRoot!.querySelectorAll('summary')].map((s) => s.textContent ?? '');
    expect(questions.length).to.be.greaterThanOrEqual(5);
    expect(el.shadowRoot!.textContent).to.contain('Add to Home Screen');
  });

  it('invents no contacts before the practice is known', async () => {
    const el = await fixture<HelpPage>(html`<help-page></help-page>`);
    const contactLinks = hrefs(el).filter((h) => h?.startsWith('tel:') || h?.startsWith('mailto:'));
    expect(contactLinks).to.deep.equal([]);
  });

  it('has no accessibility violations', async () => {
    const el = await fixture<HelpPage>(html`<help-page .practice=${TEST_PRACTICE}></help-page>`);
    for (const details of el.shadowRoot!.querySelectorAll('details')) details.open = true;
    expect(await axeViolations(el)).to.deep.equal([]);
  });
});

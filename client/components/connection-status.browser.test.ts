// The header's connection indicator follows the browser's online/offline events.
import { expect, fixture, html } from '@open-wc/testing';
import './connection-status';
import type { ConnectionStatus } from './connection-status';

describe('<connection-status>', () => {
  it('switches to Offline on an offline event and back to Online when the connection returns', async () => {
    const el = await fixture<ConnectionStatus>(html`<connection-status></connection-status>`);
    const status = () => el.shadowRoot!.querySelector('[role="status"]')!;
    expect(status().textContent?.trim()).to.equal('Online');

    window.dispatchEvent(new Event('offline'));
    await el.updateComplete;
    expect(status().textContent?.trim()).to.equal('Offline — showing saved pages');
    expect(el.online).to.equal(false);

    window.dispatchEvent(new Event('online'));
    await el.updateComplete;
    expect(status().textContent?.trim()).to.equal('Online');
  });

  it('is a polite live region, so the change is announced without interrupting', async () => {
    const el = await fixture<ConnectionStatus>(html`<connection-status></connection-status>`);
    const region = el.shadowRoot!.querySelector('[role="status"]')!;
    expect(region.getAttribute('aria-live')).to.equal('polite');
  });
});

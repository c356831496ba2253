// The update prompt: hidden until a new version waits, then a status message with a Reload button.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import './update-banner';
import type { UpdateBanner } from './update-banner';

describe('<update-banner>', () => {
  it('shows nothing until a new version is waiting', async () => {
    const el = await fixture<UpdateBanner>(html`<update-banner></update-banner>`);
    expect(el.getAttribute('role')).to.equal('status');
    expect(el.shadowRoot!.textContent?.trim()).to.equal('');
  });

  it('says a new version is available and calls the handler when Reload is pressed', async () => {
    let reloads = 0;
    const el = await fixture<UpdateBanner>(
      html`<update-banner open @update-reload=${() => reloads++}></update-banner>`,
    );
    expect(el.shadowRoot!.textContent).to.contain('A new version is available');
    const button = el.shadowRoot!.querySelector('button')!;
    expect(button.textContent?.trim()).to.equal('Reload');

    setTimeout(() => button.click());
    await oneEvent(el, 'update-reload');
    expect(reloads).to.equal(1);
  });
});

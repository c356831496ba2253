// FormController as a user meets it, through a small form of the portal's kind (two fields, one
// button, posting JSON): one request however often the button is pressed, the server's field
// problems on their fields with focus on the first, a sentence for anything else, and a button
// that works again after a failure.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { LitElement, nothing } from 'lit';
import { apiRequest, globalFetch } from '../../data/api-request';
import { json, problem, restoreApi, stubApi, type } from '../../test/api-stub';
import { textField } from './fields';
import { FormController, UNEXPECTED_TEXT } from './form-controller';

type Field = 'name' | 'email';

class TestContactForm extends LitElement {
  static override properties = { values: { state: true } };
  declare values: Record<Field, string>;
  /** What the button runs; a test may make it throw. */
  send = (): Promise<unknown> =>
    apiRequest(globalFetch, '/api/test/contact', { method: 'POST', body: this.values });
  readonly form = new FormController<Field>(this, { action: 'Saving your contact details' });

  constructor() {
    super();
    this.values = { name: '', email: '' };
  }

  private submit(event: Event): Promise<void> {
    event.preventDefault();
    return this.form.submit(async () => {
      const outcome = (await this.send()) as Awaited<ReturnType<typeof apiRequest>>;
      if (outcome.kind === 'ok') this.values = { name: '', email: '' };
      return outcome;
    });
  }

  override render() {
    const field = (id: Field, label: string) =>
      textField({
        id,
        label,
        value: this.values[id],
        error: this.form.problem(id),
        onInput: (value) => {
          this.values = { ...this.values, [id]: value };
        },
      });
    return html`${this.form.alert ? html`<div class="alert" role="alert" tabindex="-1"><p>${this.form.alert}</p></div>` : nothing}
      <form novalidate @submit=${this.submit}>
        ${field('name', 'Name')} ${field('email', 'E-mail address')}
        <button type="submit" ?disabled=${this.form.busy}>${this.form.busy ? 'Saving…' : 'Save'}</button>
      </form>`;
  }
}
customElements.define('test-contact-form', TestContactForm);

const root = (el: TestContactForm) => el.shadowRoot!;
const button = (el: TestContactForm) => root(el).querySelector('button')!;
const press = (el: TestContactForm) =>
  root(el)
    .querySelector('form')!
    .dispatchEvent(new Event('submit', { cancelable: true }));

async function openForm(): Promise<TestContactForm> {
  const el = await fixture<TestContactForm>(html`<test-contact-form></test-contact-form>`);
  type(root(el), '#name', 'Ana López');
  type(root(el), '#email', 'ana@example');
  await el.updateComplete;
  return el;
}

describe('FormController', () => {
  afterEach(restoreApi);

  it('sends once when the button is pressed again while sending, and says "Saving…" meanwhile', async () => {
    let answer!: () => void;
    const calls = stubApi({
      'POST /api/test/contact': () =>
        new Promise<Response>((resolve) => {
          answer = () => resolve(json({ saved: true }));
        }),
    });
    const el = await openForm();
    press(el);
    await el.updateComplete;
    expect(button(el).disabled).to.equal(true);
    expect(button(el).textContent).to.equal('Saving…');
    press(el);
    press(el);
    await waitUntil(() => calls.length > 0);
    answer();
    await waitUntil(() => !el.form.busy);
    await el.updateComplete;
    expect(calls).to.have.length(1);
    expect(button(el).textContent).to.equal('Save');
    expect(root(el).querySelector('[role="alert"]')).to.equal(null);
  });

  it('shows the problems the server found on their fields, with focus on the first', async () => {
    stubApi({
      'POST /api/test/contact': () =>
        problem({
          type: '/problems/validation',
          title: 'Check the form',
          status: 422,
          errors: {
            'body.name': 'Enter your full name.',
            'body.email': 'Enter an e-mail address like name@example.com.',
          },
        }),
    });
    const el = await openForm();
    press(el);
    await waitUntil(() => root(el).querySelector('#email-error'));
    expect(root(el).querySelector('#name-error')!.textContent).to.equal('Enter your full name.');
    expect(root(el).querySelector('#email-error')!.textContent).to.equal(
      'Enter an e-mail address like name@example.com.',
    );
    expect(root(el).querySelector('#name')!.getAttribute('aria-invalid')).to.equal('true');
    expect(root(el).querySelector('#name')!.getAttribute('aria-describedby')).to.equal('name-error');
    expect(root(el).activeElement).to.equal(root(el).querySelector('#name'));
    expect(root(el).querySelector('[role="alert"]')).to.equal(null);
  });

  it('says in a sentence what to do when the portal fails, with focus on it, and lets the user try again', async () => {
    let fail = true;
    const calls = stubApi({
      'POST /api/test/contact': () =>
        fail ? problem({ type: 'about:blank', title: 'Internal error', status: 500 }) : json({ saved: true }),
    });
    const el = await openForm();
    press(el);
    await waitUntil(() => root(el).querySelector('[role="alert"]'));
    const alert = root(el).querySelector<HTMLElement>('[role="alert"]')!;
    expect(alert.textContent).to.contain(
      'The portal is having trouble right now. Nothing was lost: please try again in a few minutes.',
    );
    expect(root(el).activeElement).to.equal(alert);
    expect(el.form.busy).to.equal(false);
    expect(button(el).disabled).to.equal(false);
    expect(button(el).textContent).to.equal('Save');

    fail = false;
    press(el);
    await waitUntil(() => calls.length === 2 && !el.form.busy);
    await el.updateComplete;
    expect(root(el).querySelector('[role="alert"]')).to.equal(null);
    expect((root(el).querySelector('#name') as HTMLInputElement).value).to.equal('');
  });

  it('says the device could not do it when sending throws, and the button works again', async () => {
    const el = await openForm();
    el.send = () => Promise.reject(new Error('IndexedDB is gone'));
    press(el);
    await waitUntil(() => root(el).querySelector('[role="alert"]'));
    expect(root(el).querySelector('[role="alert"]')!.textContent).to.contain(UNEXPECTED_TEXT);
    expect(root(el).activeElement).to.equal(root(el).querySelector('[role="alert"]'));
    expect(button(el).disabled).to.equal(false);
  });

  it('says offline what needs a connection, in the words of the form', async () => {
    const el = await openForm();
    el.send = () => Promise.resolve({ kind: 'offline' });
    press(el);
    await waitUntil(() => root(el).querySelector('[role="alert"]'));
    expect(root(el).querySelector('[role="alert"]')!.textContent).to.contain(
      "You're offline. Saving your contact details needs a connection.",
    );
  });
});

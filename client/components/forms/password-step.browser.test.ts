// The password step of the lock screen and of "Open your records on this device", as a user meets
// it: the same checks and words on both, each opening its own thing (here a stub that says what the
// portal or the device answered).
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { LitElement } from 'lit';
import type { UnlockOutcome } from '../../data/session';
import { type } from '../../test/api-stub';
import { PasswordStep, type PasswordStepOptions } from './password-step';
import { NO_OFFLINE_COPY_TEXT } from './unlock-problem';

class TestPasswordStep extends LitElement {
  tries: string[] = [];
  answer: () => Promise<UnlockOutcome | null> = async () => ({ kind: 'offline-unlocked' });
  forgetPassword = false;
  step!: PasswordStep;

  override connectedCallback(): void {
    const options: PasswordStepOptions = {
      unlock: (password) => {
        this.tries.push(password);
        return this.answer();
      },
      unexpected: 'This device could not open your records. Try again, or sign out and in again.',
      forgetPassword: this.forgetPassword,
    };
    this.step ??= new PasswordStep(this, options);
    super.connectedCallback();
  }

  override render() {
    return this.step.render({
      id: 'pw',
      email: 'ana@example.com',
      button: 'Unlock',
      busyButton: 'Unlocking…',
    });
  }
}
customElements.define('test-password-step', TestPasswordStep);

const wrongPassword: UnlockOutcome = {
  kind: 'problem',
  status: 401,
  problem: { type: '/problems/sign-in-failed', title: 'Wrong password', status: 401 },
  retryAfterSeconds: null,
};

async function open(forgetPassword = false): Promise<TestPasswordStep> {
  return fixture<TestPasswordStep>(
    html`<test-password-step .forgetPassword=${forgetPassword}></test-password-step>`,
  );
}
const r = (el: TestPasswordStep) => el.shadowRoot!;
const submit = (el: TestPasswordStep) =>
  r(el).querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
const input = (el: TestPasswordStep) => r(el).querySelector<HTMLInputElement>('#pw')!;

describe('the password step', () => {
  it('asks for the password when the field is empty, without trying it', async () => {
    const el = await open();
    submit(el);
    await waitUntil(() => r(el).querySelector('#pw-error'));
    expect(r(el).querySelector('#pw-error')!.textContent).to.equal('Enter your password.');
    expect(r(el).activeElement).to.equal(input(el));
    expect(el.tries).to.deep.equal([]);
  });

  it('says a wrong password on the field, with focus there, and keeps what was typed', async () => {
    const el = await open();
    el.answer = async () => wrongPassword;
    type(r(el), '#pw', 'not it');
    await el.updateComplete;
    submit(el);
    await waitUntil(() => r(el).querySelector('#pw-error'));
    expect(r(el).querySelector('#pw-error')!.textContent).to.equal('That password is not right. Try again.');
    expect(r(el).activeElement).to.equal(input(el));
    expect(input(el).value).to.equal('not it');
    expect(r(el).querySelector('[role="alert"]')).to.equal(null);
  });

  it('tries the password once however often the button is pressed while it is checked', async () => {
    const el = await open();
    let answer!: (outcome: UnlockOutcome) => void;
    el.answer = () =>
      new Promise((resolve) => {
        answer = resolve;
      });
    type(r(el), '#pw', 'my long password');
    await el.updateComplete;
    submit(el);
    await el.updateComplete;
    const button = r(el).querySelector<HTMLButtonElement>('button[type="submit"]')!;
    expect(button.disabled).to.equal(true);
    expect(button.textContent).to.equal('Unlocking…');
    submit(el);
    answer({ kind: 'offline-unlocked' });
    await waitUntil(() => !el.step.form.busy);
    expect(el.tries).to.deep.equal(['my long password']);
  });

  it('says offline, with nothing saved on this device, that it needs a connection', async () => {
    const el = await open();
    el.answer = async () => ({ kind: 'offline-refused', reason: 'no-copy' });
    type(r(el), '#pw', 'my long password');
    await el.updateComplete;
    submit(el);
    await waitUntil(() => r(el).querySelector('[role="alert"]'));
    expect(r(el).querySelector('[role="alert"]')!.textContent).to.contain(NO_OFFLINE_COPY_TEXT);
    expect(r(el).activeElement).to.equal(r(el).querySelector('.alert'));
  });

  it('empties the field after a try where the form asks it, and says so when the device fails', async () => {
    const el = await open(true);
    el.answer = () => Promise.reject(new Error('IndexedDB is gone'));
    type(r(el), '#pw', 'my long password');
    await el.updateComplete;
    submit(el);
    await waitUntil(() => r(el).querySelector('[role="alert"]'));
    expect(r(el).querySelector('[role="alert"]')!.textContent).to.contain(
      'This device could not open your records. Try again, or sign out and in again.',
    );
    expect(input(el).value).to.equal('');
    expect(r(el).querySelector<HTMLButtonElement>('button[type="submit"]')!.disabled).to.equal(false);
  });
});

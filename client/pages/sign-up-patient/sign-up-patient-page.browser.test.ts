// Signing up as a patient: under-13 is refused with the COPPA text before anything is sent, the
// server's field errors land next to their fields with focus on the first, and refusals read plainly.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { COPPA_EXPLANATION } from '../../../core/ages';
import { NAVIGATE_EVENT } from '../../router/navigate';
import { json, problem, restoreApi, stubApi, type } from '../../test/api-stub';
import { axeViolations } from '../../test/axe';
import { TEST_PRACTICE } from '../../test/practice';
import './sign-up-patient-page';
import type { SignUpPatientPage } from './sign-up-patient-page';

const root = (el: SignUpPatientPage) => el.shadowRoot!;

/** A birth date `years` ago (minus a day, so the birthday has passed) in YYYY-MM-DD. */
function yearsAgo(years: number): string {
  const d = new Date();
  d.setFullYear(d.getFullYear() - years);
  d.setDate(d.getDate() - 2);
  return d.toISOString().slice(0, 10);
}

async function fill(el: SignUpPatientPage, birthDate: string): Promise<void> {
  const r = root(el);
  type(r, '#firstName', 'Ana');
  type(r, '#lastName', 'López');
  type(r, '#birthDate', birthDate);
  type(r, '#legalSex', 'female');
  type(r, '#zip', '60901');
  type(r, '#email', 'ana.l@example.com');
  type(r, '#mobilePhone', '(555) 010-1234');
  type(r, '#password', 'quiet river morning tea');
  type(r, '#passwordAgain', 'quiet river morning tea');
  await el.updateComplete;
}

const submit = (el: SignUpPatientPage) =>
  root(el).querySelector<HTMLButtonElement>('button[type="submit"]')!.click();

describe('<sign-up-patient-page>', () => {
  afterEach(restoreApi);

  it('refuses an under-13 birth date with the COPPA explanation, without calling the server', async () => {
    const calls = stubApi({});
    const el = await fixture<SignUpPatientPage>(
      html`<sign-up-patient-page .practice=${TEST_PRACTICE}></sign-up-patient-page>`,
    );
    await fill(el, yearsAgo(12));
    submit(el);
    await waitUntil(() => root(el).querySelector('[role="alert"]'));
    expect(root(el).querySelector('[role="alert"]')!.textContent).to.contain(COPPA_EXPLANATION);
    expect(root(el).activeElement?.classList.contains('alert')).to.equal(true);
    expect(calls).to.deep.equal([]);
  });

  it('asks 13 to 17 year olds for the enrollment code and explains it', async () => {
    const el = await fixture<SignUpPatientPage>(
      html`<sign-up-patient-page .practice=${TEST_PRACTICE}></sign-up-patient-page>`,
    );
    expect(root(el).querySelector('#enrollmentCode')).to.equal(null);
    await fill(el, yearsAgo(15));
    expect(root(el).querySelector('#enrollmentCode')).not.to.equal(null);
    expect(root(el).textContent).to.contain('enrollment code from the office');
  });

  it('shows field errors from a 422 next to the fields and moves focus to the first', async () => {
    stubApi({
      'POST /api/auth/register': () =>
        problem({
          type: '/problems/invalid-input',
          title: 'Some of the information sent is not valid',
          status: 422,
          errors: {
            'body.zip': 'Enter a 5-digit ZIP code.',
            'body.mobilePhone': 'Enter a phone number with area code.',
          },
        }),
    });
    const el = await fixture<SignUpPatientPage>(
      html`<sign-up-patient-page .practice=${TEST_PRACTICE}></sign-up-patient-page>`,
    );
    await fill(el, yearsAgo(30));
    submit(el);
    await waitUntil(() => root(el).querySelector('#zip-error'));
    expect(root(el).querySelector('#zip-error')!.textContent).to.contain('Enter a 5-digit ZIP code.');
    expect(root(el).querySelector('#mobilePhone-error')!.textContent).to.contain('area code');
    expect(root(el).querySelector('#zip')!.getAttribute('aria-describedby')).to.contain('zip-error');
    expect(root(el).activeElement?.id).to.equal('zip');
  });

  it('asks to call the office when the identity is not matched, naming no field', async () => {
    stubApi({
      'POST /api/auth/register': () =>
        problem({ type: '/problems/identity-not-matched', title: 'Not matched', status: 422 }),
    });
    const el = await fixture<SignUpPatientPage>(
      html`<sign-up-patient-page .practice=${TEST_PRACTICE}></sign-up-patient-page>`,
    );
    await fill(el, yearsAgo(30));
    submit(el);
    await waitUntil(() => root(el).querySelector('[role="alert"]'));
    const alert = root(el).querySelector('[role="alert"]')!;
    expect(alert.textContent).to.contain('call the office');
    expect(alert.querySelector('a[href="tel:5550102000"]')).not.to.equal(null);
    expect(root(el).querySelector('[aria-invalid="true"]')).to.equal(null);
  });

  it('sends an already registered patient to sign in or Forgot your password?', async () => {
    stubApi({
      'POST /api/auth/register': () =>
        problem({ type: '/problems/already-registered', title: 'Already registered', status: 409 }),
    });
    const el = await fixture<SignUpPatientPage>(
      html`<sign-up-patient-page .practice=${TEST_PRACTICE}></sign-up-patient-page>`,
    );
    await fill(el, yearsAgo(30));
    submit(el);
    await waitUntil(() => root(el).querySelector('[role="alert"]'));
    const hrefs = [...root(el).querySelectorAll('[role="alert"] a')].map((a) => a.getAttribute('href'));
    expect(hrefs).to.include.members(['/sign-in', '/forgot-password']);
  });

  it('goes on to the e-mail confirmation when the server accepts', async () => {
    const calls = stubApi({
      'POST /api/auth/register': () =>
        json({ status: 'check-your-email', registrationId: 'reg-123456789' }, 202),
    });
    const el = await fixture<SignUpPatientPage>(
      html`<sign-up-patient-page .practice=${TEST_PRACTICE}></sign-up-patient-page>`,
    );
    await fill(el, yearsAgo(30));
    const navigated = oneEvent(el, NAVIGATE_EVENT);
    submit(el);
    expect((await navigated).detail.to).to.equal('/confirm-email');
    expect(calls[0]!.body).to.include({ firstName: 'Ana', zip: '60901', legalSex: 'female' });
    expect(calls[0]!.body).not.to.have.property('passwordAgain');
  });

  it('has no accessibility violations', async () => {
    const el = await fixture<SignUpPatientPage>(
      html`<sign-up-patient-page .practice=${TEST_PRACTICE}></sign-up-patient-page>`,
    );
    await fill(el, yearsAgo(15));
    expect(await axeViolations(el)).to.deep.equal([]);
  });
});

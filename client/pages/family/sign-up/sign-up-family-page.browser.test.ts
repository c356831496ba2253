// Signing up as a patient's family member: a child under 13 is refused before anything is sent;
// the passcode goes to the patient, a wrong one is named at the field and too many tries say when
// to try again; the account's address is confirmed with an e-mailed code (a wrong one named at the
// field, the address changeable, a new code on request), then the new account is signed in and goes
// on to its security option.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { session } from '../../../data/session';
import { NAVIGATE_EVENT } from '../../../router/navigate';
import { granted, json, noContent, problem, restoreApi, stubApi, type } from '../../../test/api-stub';
import { axeViolations } from '../../../test/axe';
import { TEST_PRACTICE } from '../../../test/practice';
import type { FamilyPasscodeForm } from '../request/passcode-form';
import { forgetRequest } from './pending-request';
import './sign-up-family-page';
import type { SignUpFamilyPage } from './sign-up-family-page';

const root = (el: SignUpFamilyPage) => el.shadowRoot!;

function yearsAgo(years: number): string {
  const d = new Date();
  d.setFullYear(d.getFullYear() - years);
  d.setDate(d.getDate() - 2);
  return d.toISOString().slice(0, 10);
}

async function open(): Promise<SignUpFamilyPage> {
  return fixture<SignUpFamilyPage>(
    html`<sign-up-family-page .practice=${TEST_PRACTICE}></sign-up-family-page>`,
  );
}

async function fillDetails(el: SignUpFamilyPage, birthDate = '1948-04-12'): Promise<void> {
  const r = root(el);
  type(r, '#requester-firstName', 'Pedro');
  type(r, '#requester-lastName', 'Ruiz');
  type(r, '#requester-email', 'pedro.ruiz@example.com');
  type(r, '#patient-firstName', 'Elena');
  type(r, '#patient-lastName', 'Ruiz');
  type(r, '#patient-birthDate', birthDate);
  type(r, '#patient-zip', '60901');
  type(r, '#relationship', 'child');
  await el.updateComplete;
}

const submit = (scope: ParentNode) =>
  scope.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
const passcodeStep = (el: SignUpFamilyPage) =>
  root(el).querySelector<FamilyPasscodeForm>('family-passcode-form');

const ACCEPTED = {
  status: 'passcode-sent-to-patient',
  requestId: 'req-abcdef123',
  expiresAt: '2099-01-04T12:00:00Z',
};

async function toPasscodeStep(el: SignUpFamilyPage): Promise<FamilyPasscodeForm> {
  await fillDetails(el);
  submit(root(el));
  await waitUntil(() => passcodeStep(el)?.shadowRoot?.querySelector('#passcode'), 'no passcode step');
  return passcodeStep(el)!;
}

async function enterPasscode(step: FamilyPasscodeForm, passcode: string): Promise<void> {
  type(step.shadowRoot!, '#passcode', passcode);
  await step.updateComplete;
  submit(step.shadowRoot!);
}

const CODE_SENT = {
  status: 'check-your-email',
  email: 'pedro.ruiz@example.com',
  expiresAt: '2099-01-01T12:30:00Z',
};
const PASSCODE_OK = () => json({ status: 'passcode-accepted', granted: false });
const buttonNamed = (el: SignUpFamilyPage, name: string) =>
  [...root(el).querySelectorAll('button')].find((b) => b.textContent?.trim() === name)!;

/** Through the passcode to step 3, its fields filled in. */
async function toAccountStep(el: SignUpFamilyPage): Promise<void> {
  const step = await toPasscodeStep(el);
  await enterPasscode(step, 'ABCD-EFGH-23');
  await waitUntil(() => root(el).querySelector('#mobilePhone'), 'no account step');
  type(root(el), '#mobilePhone', '(555) 010-4444');
  type(root(el), '#password', 'lantern harbor quietly');
  type(root(el), '#passwordAgain', 'lantern harbor quietly');
  await el.updateComplete;
}

/** "Create my account": the code is asked for next. */
async function toCodeStep(el: SignUpFamilyPage): Promise<void> {
  await toAccountStep(el);
  submit(root(el));
  await waitUntil(() => root(el).querySelector('#code'), 'no code step');
}

async function enterCode(el: SignUpFamilyPage, code: string): Promise<void> {
  type(root(el), '#code', code);
  await el.updateComplete;
  submit(root(el));
}

describe('<sign-up-family-page>', () => {
  beforeEach(forgetRequest);
  afterEach(async () => {
    forgetRequest();
    if (session.signedIn) {
      stubApi({ 'POST /api/auth/sign-out': () => noContent() });
      await session.signOut();
    }
    restoreApi();
  });

  it('refuses a patient under 13 with the COPPA explanation, without calling the server', async () => {
    const calls = stubApi({});
    const el = await open();
    await fillDetails(el, yearsAgo(9));
    expect(root(el).querySelector('#coppa-note')!.textContent).to.contain('COPPA');
    submit(root(el));
    await waitUntil(() => root(el).querySelector('[role="alert"]'));
    const alert = root(el).querySelector('[role="alert"]')!;
    expect(alert.textContent).to.contain('Children’s Online Privacy Protection Act');
    expect(alert.textContent).to.contain('The office links parents');
    expect(root(el).activeElement).to.equal(alert);
    expect(calls).to.deep.equal([]);
  });

  it('names each missing detail at its field and sends nothing', async () => {
    const calls = stubApi({});
    const el = await open();
    submit(root(el));
    await waitUntil(() => root(el).querySelector('#requester-firstName-error'));
    expect(root(el).querySelector('#requester-email-error')).not.to.equal(null);
    expect(root(el).querySelector('#patient-birthDate-error')!.textContent).to.contain('date of birth');
    expect(root(el).querySelector('#relationship-error')!.textContent).to.contain('related');
    expect(root(el).activeElement?.id).to.equal('requester-firstName');
    expect(calls).to.deep.equal([]);
  });

  it('sends the request, then says the passcode went to the patient, not to the requester', async () => {
    const calls = stubApi({ 'POST /api/family/requests': () => json(ACCEPTED, 202) });
    const el = await open();
    const step = await toPasscodeStep(el);
    expect(calls[0]!.body).to.deep.equal({
      requester: { firstName: 'Pedro', lastName: 'Ruiz', email: 'pedro.ruiz@example.com' },
      patient: { firstName: 'Elena', lastName: 'Ruiz', birthDate: '1948-04-12', zip: '60901' },
      relationship: 'child',
    });
    const text = step.shadowRoot!.textContent!;
    expect(text).to.contain('Elena Ruiz');
    expect(text).to.contain('not to you');
    expect(text).to.contain('By giving it to you, the patient consents');
    expect(step.shadowRoot!.activeElement?.id).to.equal('passcode-heading');
    expect(root(el).textContent).to.contain('Step 2 of 3');
    // Only the opaque id survives a reload; no names, and never the passcode.
    expect(sessionStorage.getItem('portal.family-request')).to.contain('req-abcdef123');
    expect(sessionStorage.getItem('portal.family-request')).not.to.contain('Elena');
  });

  it('says a wrong passcode is not right, at the field', async () => {
    stubApi({
      'POST /api/family/requests': () => json(ACCEPTED, 202),
      'POST /api/family/requests/req-abcdef123/passcode': () =>
        problem({ type: '/problems/wrong-code', title: 'Wrong passcode', status: 401 }),
    });
    const el = await open();
    const step = await toPasscodeStep(el);
    await enterPasscode(step, 'WRNG-PASS-22');
    await waitUntil(() => step.shadowRoot!.querySelector('#passcode-error'));
    expect(step.shadowRoot!.querySelector('#passcode-error')!.textContent).to.contain('not right');
    expect(step.shadowRoot!.activeElement?.id).to.equal('passcode');
    expect(root(el).textContent).to.contain('Step 2 of 3');
  });

  it('says when to try again after too many wrong passcodes', async () => {
    stubApi({
      'POST /api/family/requests': () => json(ACCEPTED, 202),
      'POST /api/family/requests/req-abcdef123/passcode': () =>
        problem(
          { type: '/problems/too-many-attempts', title: 'Too many attempts', status: 429 },
          { 'retry-after': '600' },
        ),
    });
    const el = await open();
    const step = await toPasscodeStep(el);
    await enterPasscode(step, 'ABCD-EFGH-23');
    await waitUntil(() => step.shadowRoot!.querySelector('[role="alert"]'));
    const alert = step.shadowRoot!.querySelector('[role="alert"]')!;
    expect(alert.textContent).to.contain('Too many tries');
    expect(alert.textContent).to.contain('10 minutes');
    expect(step.shadowRoot!.activeElement).to.equal(alert);
  });

  it('offers to start again when the request has ended', async () => {
    stubApi({
      'POST /api/family/requests': () => json(ACCEPTED, 202),
      'POST /api/family/requests/req-abcdef123/passcode': () =>
        problem({ type: '/problems/expired', title: 'Expired', status: 410 }),
    });
    const el = await open();
    const step = await toPasscodeStep(el);
    await enterPasscode(step, 'ABCD-EFGH-23');
    await waitUntil(() => step.shadowRoot!.querySelector('[role="alert"]'));
    [...step.shadowRoot!.querySelectorAll('button')]
      .find((b) => b.textContent?.trim() === 'Start again')!
      .click();
    await waitUntil(() => root(el).querySelector('#requester-firstName'));
    expect(sessionStorage.getItem('portal.family-request')).to.equal(null);
    // What was typed stays, to correct and send again.
    expect(root(el).querySelector<HTMLInputElement>('#patient-firstName')!.value).to.equal('Elena');
  });

  it('sends the details, asks for the code e-mailed to the address, then signs in and goes on to the security option', async () => {
    const calls = stubApi({
      'POST /api/family/requests': () => json(ACCEPTED, 202),
      'POST /api/family/requests/req-abcdef123/passcode': PASSCODE_OK,
      'POST /api/family/requests/req-abcdef123/account': () => json(CODE_SENT, 202),
      'POST /api/family/requests/req-abcdef123/account/confirm': () =>
        json(granted({ id: 'acc-9', displayName: 'Pedro Ruiz', patientId: null, securityOption: null })),
    });
    const el = await open();
    const step = await toPasscodeStep(el);
    await enterPasscode(step, 'abcd efgh 23');
    await waitUntil(() => root(el).querySelector('#mobilePhone'));
    expect(root(el).activeElement?.id).to.equal('step-heading');
    expect(root(el).textContent).to.contain('Step 3 of 3');
    expect(root(el).querySelector('#password-rules')).not.to.equal(null);
    // The address typed in step 1, to check (and correct) before the code goes to it.
    expect(root(el).querySelector<HTMLInputElement>('#email')!.value).to.equal('pedro.ruiz@example.com');

    // The password rules apply here too, and the two entries must match.
    type(root(el), '#mobilePhone', '(555) 010-4444');
    type(root(el), '#password', 'pedro ruiz pedro');
    await el.updateComplete;
    submit(root(el));
    await waitUntil(() => root(el).querySelector('#password-error'));

    type(root(el), '#password', 'lantern harbor quietly');
    type(root(el), '#passwordAgain', 'lantern harbor quietly');
    await el.updateComplete;
    submit(root(el));
    await waitUntil(() => root(el).querySelector('#code'));
    const account = calls.find((c) => c.path.endsWith('/account'))!;
    expect(account.body).to.deep.equal({
      passcode: 'ABCDEFGH23',
      email: 'pedro.ruiz@example.com',
      mobilePhone: '(555) 010-4444',
      password: 'lantern harbor quietly',
      passwordAgain: 'lantern harbor quietly',
    });
    // No account yet: the code step says where the code went.
    expect(session.signedIn).to.equal(false);
    expect(root(el).textContent).to.contain('We sent a 6-digit code to pedro.ruiz@example.com');
    expect(root(el).textContent).to.contain('Step 3 of 3');
    expect(root(el).activeElement?.id).to.equal('step-heading');
    const field = root(el).querySelector<HTMLInputElement>('#code')!;
    expect(field.autocomplete).to.equal('one-time-code');
    expect(field.inputMode).to.equal('numeric');

    // A code that is not 6 digits is named at the field, and nothing is sent.
    await enterCode(el, '12 34');
    await waitUntil(() => root(el).querySelector('#code-error'));
    expect(calls.some((c) => c.path.endsWith('/confirm'))).to.equal(false);

    const navigated = oneEvent(el, NAVIGATE_EVENT);
    await enterCode(el, ' 123456 ');
    expect((await navigated).detail.to).to.equal('/security-setup');
    expect(calls.find((c) => c.path.endsWith('/confirm'))!.body).to.deep.equal({ code: '123456' });
    expect(session.signedIn).to.equal(true);
    expect(session.account?.displayName).to.equal('Pedro Ruiz');
    expect(sessionStorage.getItem('portal.family-request')).to.equal(null);
  });

  it('says a wrong code is not right, at the field, and stays signed out', async () => {
    stubApi({
      'POST /api/family/requests': () => json(ACCEPTED, 202),
      'POST /api/family/requests/req-abcdef123/passcode': PASSCODE_OK,
      'POST /api/family/requests/req-abcdef123/account': () => json(CODE_SENT, 202),
      'POST /api/family/requests/req-abcdef123/account/confirm': () =>
        problem({ type: '/problems/wrong-code', title: 'That code is not right', status: 422 }),
    });
    const el = await open();
    await toCodeStep(el);
    await enterCode(el, '000000');
    await waitUntil(() => root(el).querySelector('#code-error'));
    expect(root(el).querySelector('#code-error')!.textContent).to.contain('not right');
    expect(root(el).activeElement?.id).to.equal('code');
    expect(session.signedIn).to.equal(false);
  });

  it('says when to try again after too many wrong codes, and offers a new code when one expired', async () => {
    let answer = problem(
      { type: '/problems/too-many-attempts', title: 'Too many attempts', status: 429 },
      { 'retry-after': '120' },
    );
    const calls = stubApi({
      'POST /api/family/requests': () => json(ACCEPTED, 202),
      'POST /api/family/requests/req-abcdef123/passcode': PASSCODE_OK,
      'POST /api/family/requests/req-abcdef123/account': () =>
        json({ ...CODE_SENT, expiresAt: '2099-01-01T13:00:00Z' }, 202),
      'POST /api/family/requests/req-abcdef123/account/confirm': () => answer,
    });
    const el = await open();
    await toCodeStep(el);
    await enterCode(el, '123456');
    await waitUntil(() => root(el).querySelector('[role="alert"]'));
    let alert = root(el).querySelector('[role="alert"]')!;
    expect(alert.textContent).to.contain('Too many tries');
    expect(alert.textContent).to.contain('2 minutes');
    expect(root(el).activeElement).to.equal(alert);

    answer = problem({ type: '/problems/expired', title: 'This code can no longer be used', status: 410 });
    await enterCode(el, '123456');
    await waitUntil(() => root(el).querySelector('[role="alert"]')?.textContent?.includes('no longer'));
    alert = root(el).querySelector('[role="alert"]')!;
    expect(alert.textContent).to.contain('Send a new code');

    // A new code: the same details sent again.
    buttonNamed(el, 'Send a new code').click();
    await waitUntil(() => root(el).querySelector('[role="status"]'));
    expect(root(el).querySelector('[role="status"]')!.textContent).to.contain(
      'We sent a new code to pedro.ruiz@example.com',
    );
    expect(root(el).querySelector('[role="alert"]')).to.equal(null);
    const sent = calls.filter((c) => c.path.endsWith('/account'));
    expect(sent).to.have.length(2);
    expect(sent[1]!.body).to.deep.equal(sent[0]!.body);
    expect(root(el).activeElement?.id).to.equal('code');
  });

  it('goes back to the details to change the e-mail address, and sends the code to the new one', async () => {
    const calls = stubApi({
      'POST /api/family/requests': () => json(ACCEPTED, 202),
      'POST /api/family/requests/req-abcdef123/passcode': PASSCODE_OK,
      'POST /api/family/requests/req-abcdef123/account': ({ body }) =>
        json({ ...CODE_SENT, email: (body as { email: string }).email.toLowerCase() }, 202),
    });
    const el = await open();
    await toCodeStep(el);
    buttonNamed(el, 'Change e-mail address').click();
    await waitUntil(() => root(el).querySelector('#mobilePhone'));
    // What was typed stays; the address is ready to correct.
    expect(root(el).activeElement?.id).to.equal('email');
    expect(root(el).querySelector<HTMLInputElement>('#mobilePhone')!.value).to.equal('(555) 010-4444');
    type(root(el), '#email', 'not an address');
    await el.updateComplete;
    submit(root(el));
    await waitUntil(() => root(el).querySelector('#email-error'));
    expect(calls.filter((c) => c.path.endsWith('/account'))).to.have.length(1);

    type(root(el), '#email', 'Pedro.Ruiz@example.org');
    await el.updateComplete;
    submit(root(el));
    await waitUntil(() => root(el).querySelector('#code'));
    const sent = calls.filter((c) => c.path.endsWith('/account'));
    expect((sent[1]!.body as { email: string }).email).to.equal('Pedro.Ruiz@example.org');
    expect(root(el).textContent).to.contain('We sent a 6-digit code to pedro.ruiz@example.org');
  });

  it('tells a requester whose address already has a login to sign in with it', async () => {
    stubApi({
      'POST /api/family/requests': () => json(ACCEPTED, 202),
      'POST /api/family/requests/req-abcdef123/passcode': PASSCODE_OK,
      'POST /api/family/requests/req-abcdef123/account': () =>
        problem({ type: '/problems/already-registered', title: 'Has an account', status: 409 }),
    });
    const el = await open();
    await toAccountStep(el);
    submit(root(el));
    await waitUntil(() => root(el).querySelector('[role="alert"]'));
    const alert = root(el).querySelector('[role="alert"]')!;
    expect(alert.textContent).to.contain('You already have an account');
    expect(alert.textContent).to.contain('pedro.ruiz@example.com');
    expect(alert.querySelector('a[href="/sign-in?next=/family-access"]')).not.to.equal(null);
    expect(root(el).querySelector('#code')).to.equal(null);
  });

  it('goes back to the passcode when the server no longer accepts it at the last step', async () => {
    stubApi({
      'POST /api/family/requests': () => json(ACCEPTED, 202),
      'POST /api/family/requests/req-abcdef123/passcode': () =>
        json({ status: 'passcode-accepted', granted: false }),
      'POST /api/family/requests/req-abcdef123/account': () =>
        problem({ type: '/problems/wrong-code', title: 'Wrong passcode', status: 401 }),
    });
    const el = await open();
    await toAccountStep(el);
    submit(root(el));
    await waitUntil(() => passcodeStep(el)?.shadowRoot?.querySelector('#passcode-error'));
    expect(session.signedIn).to.equal(false);
  });

  it('has no accessibility violations on each step', async () => {
    stubApi({
      'POST /api/family/requests': () => json(ACCEPTED, 202),
      'POST /api/family/requests/req-abcdef123/passcode': PASSCODE_OK,
      'POST /api/family/requests/req-abcdef123/account': () => json(CODE_SENT, 202),
    });
    const el = await open();
    await fillDetails(el, yearsAgo(9));
    expect(await axeViolations(el)).to.deep.equal([]);
    type(root(el), '#patient-birthDate', '1948-04-12');
    await el.updateComplete;
    const step = await toPasscodeStep(el);
    expect(await axeViolations(el)).to.deep.equal([]);
    await enterPasscode(step, 'ABCD-EFGH-23');
    await waitUntil(() => root(el).querySelector('#mobilePhone'));
    expect(await axeViolations(el)).to.deep.equal([]);
    type(root(el), '#mobilePhone', '(555) 010-4444');
    type(root(el), '#password', 'lantern harbor quietly');
    type(root(el), '#passwordAgain', 'lantern harbor quietly');
    await el.updateComplete;
    submit(root(el));
    await waitUntil(() => root(el).querySelector('#code'));
    expect(await axeViolations(el)).to.deep.equal([]);
  });
});

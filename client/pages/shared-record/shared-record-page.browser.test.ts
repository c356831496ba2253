// The page a secure link opens, for a recipient without an account: the code from the patient
// opens the record once, shown in a sandboxed frame and offered as the .zip; a wrong code is
// named on the field; a link cut short is explained.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { API } from '../../../core/api-paths';
import { PROBLEM_TYPES } from '../../../core/problem';
import { json, problem, type RecordedCall, restoreApi, stubApi, type } from '../../test/api-stub';
import { axeViolations } from '../../test/axe';
import './shared-record-page';
import type { SharedRecordPage } from './shared-record-page';

const TOKEN = 'Zk3v9QwErTy8uIoP1aSdFgHjKl2ZxCvBnM4qWeRtYuI';
const root = (el: SharedRecordPage) => el.shadowRoot!;
const text = (el: SharedRecordPage) => root(el).textContent!.replace(/\s+/g, ' ');
const submit = (el: SharedRecordPage) => root(el).querySelector<HTMLFormElement>('form')!.requestSubmit();

describe('<shared-record-page>', () => {
  let calls: RecordedCall[];
  const start = location.href;
  afterEach(() => {
    restoreApi();
    history.replaceState(null, '', start);
  });

  async function openWith(hash: string): Promise<SharedRecordPage> {
    history.replaceState(null, '', `${location.pathname}${location.search}${hash}`);
    return fixture<SharedRecordPage>(html`<shared-record-page></shared-record-page>`);
  }

  it('opens the record with the right code, shows it and offers the .zip, and forgets the link', async () => {
    calls = stubApi({
      [`POST ${API.sharedRecords.open}`]: (call) =>
        (call.body as { code: string }).code === '4821 0967'
          ? json({
              fileName: 'health-record-2026-12-04.zip',
              html: '<h1>Ana López</h1>',
              zipBase64: btoa('PK'),
            })
          : problem({
              type: PROBLEM_TYPES.wrongCode,
              title: 'That code is not right',
              status: 422,
              detail: 'Check the code the sender gave you and enter it again. 4 tries left.',
            }),
    });
    const el = await openWith(`#${TOKEN}`);
    expect(await axeViolations(el)).to.deep.equal([]);
    type(root(el), '#code', '1111 2222');
    submit(el);
    await waitUntil(() => root(el).querySelector('#code-error'), 'the wrong code');
    expect(root(el).querySelector('#code-error')!.textContent).to.contain('4 tries left');
    expect(root(el).activeElement?.id).to.equal('code');

    type(root(el), '#code', '4821 0967');
    submit(el);
    await waitUntil(() => root(el).querySelector('iframe'), 'the record');
    const frame = root(el).querySelector('iframe')!;
    expect(frame.getAttribute('sandbox')).to.equal('');
    expect(frame.srcdoc).to.contain('Ana López');
    expect(text(el)).to.contain('cannot be opened again');
    expect(location.hash).to.equal('');
    expect(calls.map((c) => (c.body as { token: string }).token)).to.deep.equal([TOKEN, TOKEN]);
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('says a used or expired link is over, in the server’s words', async () => {
    stubApi({
      [`POST ${API.sharedRecords.open}`]: () =>
        problem({
          type: '/problems/record-link-used',
          title: 'This link was already used',
          status: 410,
          detail: 'A secure link opens the record once.',
        }),
    });
    const el = await openWith(`#${TOKEN}`);
    type(root(el), '#code', '4821 0967');
    submit(el);
    await waitUntil(() => root(el).querySelector('.alert'), 'the alert');
    expect(text(el)).to.contain('This link was already used');
  });

  it('explains a link cut short before asking the server anything', async () => {
    calls = stubApi({});
    const el = await openWith('');
    type(root(el), '#code', '4821 0967');
    submit(el);
    await waitUntil(() => root(el).querySelector('.alert'), 'the alert');
    expect(text(el)).to.contain('does not hold a whole link');
    expect(calls).to.have.length(0);
  });
});

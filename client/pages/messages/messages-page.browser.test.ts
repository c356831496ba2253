// The Messages page for the person chosen: conversations read from the device's copy, a family
// member's messages named as written on the patient's behalf, the compose form's rules (billing
// subjects only for Billing only, no card numbers, 1000 characters), sending, and waiting offline.

import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { exportJWK, generateKeyPair } from 'jose';
import type { MessageRecipients, MessagesAnswer, ThreadView } from '../../../core/messages';
import { OUTBOX_CHANGED_EVENT, type OutboxChangedDetail } from '../../../core/outbox';
import { openDeviceDb } from '../../data/device-db';
import { sealingKey } from '../../data/outbox/seal';
import type { RecordsCache } from '../../data/records/records-cache';
import { selectPatient } from '../../data/records/selected-person';
import { session } from '../../data/session';
import { granted, json, problem, restoreApi, stubApi, type } from '../../test/api-stub';
import { axeViolations } from '../../test/axe';
import { TEST_PRACTICE } from '../../test/practice';
import { closeFilledCache, openFilledCache, person } from '../../test/records-fixture';
import type { MessageCompose } from './message-compose';
import type { MessageThread } from './message-thread';
import './messages-page';
import type { MessagesPage } from './messages-page';

const SELF = 'pat-parent';
const CHILD = 'pat-child';
const TEEN = 'pat-teen';
const ACCOUNT = 'acc-daniel';

const RECIPIENTS: MessageRecipients = {
  providers: [
    {
      id: 'dr-a',
      name: 'Dr. Adaeze Okonkwo',
      specialty: 'Pediatrics',
      locations: [
        { id: 'loc-1', name: 'Riverside office' },
        { id: 'loc-2', name: 'Hillcrest office' },
      ],
      careTeam: true,
    },
  ],
  billingOffice: true,
};

function thread(patientId: string, overrides: Partial<ThreadView> = {}): ThreadView {
  return {
    id: 'thread-1',
    patientId,
    topic: 'care',
    subject: 'medical-question',
    withName: 'Dr. Adaeze Okonkwo',
    locationName: 'Riverside office',
    startedAt: '2026-11-20T09:00:00Z',
    lastMessageAt: '2026-11-20T15:00:00Z',
    unread: true,
    messages: [
      {
        id: 'm-1',
        from: 'patient',
        authorName: 'Daniel Okafor',
        onBehalfOf: 'Amara Okafor',
        authorAccountId: ACCOUNT,
        sentAt: '2026-11-20T09:00:00Z',
        body: 'Amara has had a cough for a week.',
        attachments: [],
      },
      {
        id: 'm-2',
        from: 'practice',
        authorName: 'Dr. Adaeze Okonkwo',
        onBehalfOf: null,
        authorAccountId: null,
        sentAt: '2026-11-20T15:00:00Z',
        body: 'Please bring her in on Monday.',
        attachments: [],
      },
    ],
    ...overrides,
  };
}

const answer = (patientId: string, threads: ThreadView[]): MessagesAnswer => ({
  patientId,
  threads,
  asOf: new Date().toISOString(),
});

const root = (el: Element) => el.shadowRoot!;
const text = (el: Element) => root(el).textContent!.replace(/\s+/g, ' ');

async function openPage(): Promise<MessagesPage> {
  const el = await fixture<MessagesPage>(html`<messages-page .practice=${TEST_PRACTICE}></messages-page>`);
  await waitUntil(() => root(el).querySelector('.start'), 'the page', { timeout: 5000 });
  return el;
}

async function openCompose(el: MessagesPage): Promise<MessageCompose> {
  root(el).querySelector<HTMLButtonElement>('.start')!.click();
  await waitUntil(() => root(el).querySelector('message-compose'), 'the form');
  const form = root(el).querySelector<MessageCompose>('message-compose')!;
  await form.updateComplete;
  return form;
}

const options = (form: MessageCompose, id: string) =>
  [...root(form).querySelectorAll<HTMLOptionElement>(`#${id} option`)].map((o) => o.textContent!.trim());

describe('<messages-page>', () => {
  let cache: RecordsCache | null = null;
  beforeEach(async () => {
    stubApi({ 'POST /api/auth/sign-out': () => new Response(null, { status: 204 }) });
    await session.accept(granted({ id: ACCOUNT, displayName: 'Daniel Okafor', patientId: SELF }));
  });
  afterEach(async () => {
    restoreApi();
    if (cache) await closeFilledCache(cache);
    cache = null;
  });

  it("shows a parent's message for his daughter as his, on her behalf, and the provider's answer", async () => {
    cache = await openFilledCache(
      [person(SELF, 'Daniel Okafor', 'self'), person(CHILD, 'Amara Okafor', 'full')],
      [
        { patientId: CHILD, kind: 'messages', value: answer(CHILD, [thread(CHILD)]) },
        { patientId: CHILD, kind: 'recipients', value: RECIPIENTS },
      ],
    );
    selectPatient(CHILD);
    const calls = stubApi({
      'POST /api/patients/pat-child/messages/thread-1/read': () => new Response(null, { status: 204 }),
      'GET /api/patients/pat-child/messages': () => json(answer(CHILD, [thread(CHILD, { unread: false })])),
    });
    const el = await openPage();
    expect(text(el)).to.contain('Messages of Amara Okafor');
    expect(text(el)).to.contain('New reply');
    expect(await axeViolations(el)).to.deep.equal([]);

    root(el).querySelector<HTMLButtonElement>('.thread')!.click();
    await waitUntil(() => root(el).querySelector('message-thread'), 'the thread');
    const view = root(el).querySelector<MessageThread>('message-thread')!;
    await view.updateComplete;
    const authors = [...root(view).querySelectorAll('.from')].map((p) =>
      p.textContent!.replace(/\s+/g, ' ').trim(),
    );
    expect(authors[0]).to.match(/^You, on behalf of Amara Okafor · /);
    expect(authors[1]).to.match(/^Dr\. Adaeze Okonkwo · /);
    await waitUntil(() => calls.some((c) => c.path.endsWith('/thread-1/read')), 'marked read');
    expect(await axeViolations(view)).to.deep.equal([]);
  });

  it('offers a billing-only family member the billing subjects only, sent to the billing office', async () => {
    cache = await openFilledCache(
      [person(SELF, 'Daniel Okafor', 'self'), person(TEEN, 'Tobi Okafor', 'billing')],
      [
        { patientId: TEEN, kind: 'messages', value: answer(TEEN, []) },
        { patientId: TEEN, kind: 'recipients', value: { providers: [], billingOffice: true } },
      ],
    );
    selectPatient(TEEN);
    const el = await openPage();
    expect(text(el)).to.contain('Tobi Okafor has no messages yet');
    const form = await openCompose(el);
    expect(options(form, 'subject')).to.deep.equal([
      'Choose a subject',
      'Question about a bill',
      'Insurance and coverage',
    ]);
    type(root(form), '#subject', 'billing-question');
    await form.updateComplete;
    expect(root(form).querySelector('#providerId')).to.equal(null);
    expect(text(form)).to.contain('This goes to the billing office');
    expect(text(form)).to.contain('You are writing on behalf of Tobi Okafor');
    expect(await axeViolations(form)).to.deep.equal([]);
  });

  it('refuses a card number and an empty message before anything is sent', async () => {
    cache = await openFilledCache(
      [person(SELF, 'Daniel Okafor', 'self')],
      [
        { patientId: SELF, kind: 'messages', value: answer(SELF, []) },
        { patientId: SELF, kind: 'recipients', value: RECIPIENTS },
      ],
    );
    selectPatient(SELF);
    const calls = stubApi({});
    const el = await openPage();
    const form = await openCompose(el);
    root(form).querySelector<HTMLFormElement>('form')!.requestSubmit();
    await waitUntil(() => root(form).querySelector('#subject-error'), 'subject error');
    expect(root(form).querySelector('#body-error')!.textContent).to.contain('Write your message');
    expect(root(form).activeElement?.id).to.equal('subject');

    type(root(form), '#subject', 'appointments');
    await form.updateComplete;
    // The patient's own care team is named as such.
    expect(options(form, 'providerId')).to.include('Dr. Adaeze Okonkwo (Pediatrics), your care team');
    type(root(form), '#providerId', 'dr-a');
    await form.updateComplete;
    expect(options(form, 'locationId')).to.deep.equal([
      'Choose the office',
      'Riverside office',
      'Hillcrest office',
    ]);
    type(root(form), '#locationId', 'loc-2');
    type(root(form), '#body', 'Please charge my card 4111 1111 1111 1111 for the visit.');
    await form.updateComplete;
    expect(root(form).querySelector('#body-error')!.textContent).to.contain('card number');
    root(form).querySelector<HTMLFormElement>('form')!.requestSubmit();
    await form.updateComplete;
    expect(calls.filter((c) => c.method === 'POST')).to.deep.equal([]);

    type(root(form), '#body', 'x'.repeat(1001));
    await form.updateComplete;
    expect(text(form)).to.contain('1 character over the limit of 1000');
  });

  it('sends a message with an idempotency key and opens the new conversation', async () => {
    cache = await openFilledCache(
      [person(SELF, 'Daniel Okafor', 'self')],
      [
        { patientId: SELF, kind: 'messages', value: answer(SELF, []) },
        { patientId: SELF, kind: 'recipients', value: RECIPIENTS },
      ],
    );
    selectPatient(SELF);
    const created = thread(SELF, {
      id: 'thread-new',
      unread: false,
      subject: 'appointments',
      messages: [
        {
          id: 'm-9',
          from: 'patient',
          authorName: 'Daniel Okafor',
          onBehalfOf: null,
          authorAccountId: ACCOUNT,
          sentAt: new Date().toISOString(),
          body: 'Can I move my visit to Friday?',
          attachments: [],
        },
      ],
    });
    const calls = stubApi({
      'POST /api/patients/pat-parent/messages': () => json(created, 201),
      'GET /api/patients/pat-parent/messages': () => json(answer(SELF, [created])),
    });
    const el = await openPage();
    const form = await openCompose(el);
    type(root(form), '#subject', 'appointments');
    await form.updateComplete;
    type(root(form), '#providerId', 'dr-a');
    await form.updateComplete;
    type(root(form), '#locationId', 'loc-1');
    type(root(form), '#body', 'Can I move my visit to Friday?');
    root(form).querySelector<HTMLFormElement>('form')!.requestSubmit();
    await waitUntil(() => root(el).querySelector('message-thread'), 'the new thread', { timeout: 5000 });
    const sent = calls.find((c) => c.method === 'POST')!;
    expect(sent.body).to.deep.equal({
      subject: 'appointments',
      providerId: 'dr-a',
      locationId: 'loc-1',
      body: 'Can I move my visit to Friday?',
    });
    expect(sent.headers.get('idempotency-key')).to.match(/^[0-9a-f-]{36}$/);
    expect(text(el)).to.contain('Message sent.');
    const view = root(el).querySelector<MessageThread>('message-thread')!;
    await view.updateComplete;
    expect(text(view)).to.contain('Can I move my visit to Friday?');
  });

  it('keeps a reply written offline on the device as "Waiting to send"', async () => {
    cache = await openFilledCache(
      [person(SELF, 'Daniel Okafor', 'self')],
      [{ patientId: SELF, kind: 'messages', value: answer(SELF, [thread(SELF, { unread: false })]) }],
    );
    selectPatient(SELF);
    const { publicKey } = await generateKeyPair('ECDH-ES', { crv: 'P-256', extractable: true });
    const jwk = await exportJWK(publicKey);
    stubApi({ 'GET /api/outbox/key': () => json({ kid: 'test-key', jwk }) });
    // Signed in while online, the app fetched the server's sealing key (startOutbox does).
    await sealingKey(openDeviceDb(), (input, init) => fetch(input, init));
    const el = await openPage();
    root(el).querySelector<HTMLButtonElement>('.thread')!.click();
    await waitUntil(() => root(el).querySelector('message-thread'), 'the thread');
    const view = root(el).querySelector<MessageThread>('message-thread')!;
    await view.updateComplete;
    // The connection is gone: every request fails as it does offline.
    window.fetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    type(root(view), '#reply', 'She is better now, thank you.');
    root(view).querySelector<HTMLFormElement>('form')!.requestSubmit();
    await waitUntil(() => text(view).includes('Waiting to send'), 'waiting copy', { timeout: 5000 });
    expect(text(view)).to.contain('She is better now, thank you.');
    const stored = await openDeviceDb().outbox.where('accountId').equals(cache.accountId).toArray();
    expect(stored.map((item) => [item.kind, item.copy?.topic])).to.deep.equal([['message', 'message']]);
    expect(JSON.stringify(stored)).not.to.contain('She is better');
  });

  it('says a message written offline was sent once the outbox delivered it', async () => {
    cache = await openFilledCache(
      [person(SELF, 'Daniel Okafor', 'self')],
      [
        { patientId: SELF, kind: 'messages', value: answer(SELF, []) },
        { patientId: SELF, kind: 'recipients', value: RECIPIENTS },
      ],
    );
    selectPatient(SELF);
    const { publicKey } = await generateKeyPair('ECDH-ES', { crv: 'P-256', extractable: true });
    const jwk = await exportJWK(publicKey);
    stubApi({ 'GET /api/outbox/key': () => json({ kid: 'test-key', jwk }) });
    await sealingKey(openDeviceDb(), (input, init) => fetch(input, init));
    const el = await openPage();
    const form = await openCompose(el);
    window.fetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    type(root(form), '#subject', 'billing-question');
    await form.updateComplete;
    type(root(form), '#body', 'Was my payment received?');
    root(form).querySelector<HTMLFormElement>('form')!.requestSubmit();
    await waitUntil(() => text(el).includes("sent as soon as you're connected"), 'the notice', {
      timeout: 5000,
    });
    const [item] = await openDeviceDb().outbox.where('accountId').equals(cache.accountId).toArray();
    const delivered: OutboxChangedDetail = {
      outcomes: [{ id: item!.id, kind: 'message', patientId: SELF, status: 201, body: null }],
    };
    window.dispatchEvent(new CustomEvent(OUTBOX_CHANGED_EVENT, { detail: delivered }));
    await waitUntil(() => text(el).includes('Your message was sent.'), 'the sent notice');
    expect(text(el)).not.to.contain("sent as soon as you're connected");
  });

  it('explains a refusal by the server in words', async () => {
    cache = await openFilledCache(
      [person(SELF, 'Daniel Okafor', 'self')],
      [
        { patientId: SELF, kind: 'messages', value: answer(SELF, []) },
        { patientId: SELF, kind: 'recipients', value: RECIPIENTS },
      ],
    );
    selectPatient(SELF);
    stubApi({
      'POST /api/patients/pat-parent/messages': () =>
        problem({
          type: '/problems/unknown-recipient',
          title: 'Unknown recipient',
          status: 422,
          detail: 'Choose a provider you have seen from the list.',
        }),
    });
    const el = await openPage();
    const form = await openCompose(el);
    type(root(form), '#subject', 'billing-question');
    type(root(form), '#body', 'Why was I charged twice?');
    await form.updateComplete;
    root(form).querySelector<HTMLFormElement>('form')!.requestSubmit();
    await waitUntil(() => root(form).querySelector('.alert'), 'the alert', { timeout: 5000 });
    expect(text(form)).to.contain('Choose a provider you have seen from the list.');
  });
});

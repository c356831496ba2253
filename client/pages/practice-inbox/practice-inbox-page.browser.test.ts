// The practice inbox for staff accounts: the waiting conversations with whose record they are on,
// a family member's message named as written on the patient's behalf, replies checked before they
// go (no card numbers, not empty), sent with an idempotency key, and a personal account kept out.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { MessageView, StaffInboxAnswer, StaffThreadView } from '../../../core/messages';
import { session } from '../../data/session';
import {
  granted,
  json,
  noContent,
  problem,
  type RecordedCall,
  restoreApi,
  stubApi,
  type,
} from '../../test/api-stub';
import { axeViolations } from '../../test/axe';
import { TEST_PRACTICE } from '../../test/practice';
import { when } from '../messages/message-words';
import './practice-inbox-page';
import type { PracticeInboxPage } from './practice-inbox-page';
import type { PracticeThread } from './practice-thread';

const STAFF = { id: 'acc-staff', displayName: 'Nurse Priya Shah', patientId: null, role: 'staff' } as const;

function thread(id: string, overrides: Partial<StaffThreadView> = {}): StaffThreadView {
  return {
    id,
    patientId: 'pat-amara',
    patientName: 'Amara Okafor',
    topic: 'care',
    subject: 'medical-question',
    withName: 'Dr. Adaeze Okonkwo',
    locationName: 'Riverside office',
    startedAt: '2026-11-20T09:00:00Z',
    lastMessageAt: '2026-11-20T09:00:00Z',
    unread: true,
    messages: [
      {
        id: `${id}-m1`,
        from: 'patient',
        authorName: 'Daniel Okafor',
        onBehalfOf: 'Amara Okafor',
        authorAccountId: 'acc-daniel',
        sentAt: '2026-11-20T09:00:00Z',
        body: 'Amara has had a cough for a week.',
        attachments: [],
      },
    ],
    ...overrides,
  };
}

const BILLING = thread('thread-2', {
  patientId: 'pat-ana',
  patientName: 'Ana López',
  topic: 'billing',
  subject: 'billing-question',
  withName: 'Billing office',
  locationName: '',
  startedAt: '2026-11-21T14:00:00Z',
  lastMessageAt: '2026-11-21T14:00:00Z',
  messages: [
    {
      id: 'thread-2-m1',
      from: 'patient',
      authorName: 'Ana López',
      onBehalfOf: null,
      authorAccountId: 'acc-ana',
      sentAt: '2026-11-21T14:00:00Z',
      body: 'Why was I charged twice?',
      attachments: [],
    },
  ],
});

const inbox = (threads: StaffThreadView[]): StaffInboxAnswer => ({ threads, asOf: new Date().toISOString() });

const sent = (body: string): MessageView => ({
  id: 'm-new',
  from: 'practice',
  authorName: 'Nurse Priya Shah',
  onBehalfOf: null,
  authorAccountId: null,
  sentAt: new Date().toISOString(),
  body,
  attachments: [],
});

const root = (el: Element) => el.shadowRoot!;
const text = (el: Element) => root(el).textContent!.replace(/\s+/g, ' ');
const items = (el: PracticeInboxPage) =>
  [...root(el).querySelectorAll<HTMLButtonElement>('button.thread')].map((b) =>
    b.textContent!.replace(/\s+/g, ' ').trim(),
  );
const staffCalls = (calls: RecordedCall[]) => calls.filter((c) => c.path.startsWith('/api/staff'));

async function openPage(): Promise<PracticeInboxPage> {
  const el = await fixture<PracticeInboxPage>(
    html`<practice-inbox-page .practice=${TEST_PRACTICE}></practice-inbox-page>`,
  );
  await waitUntil(() => root(el).querySelector('#waiting-heading'), 'the inbox', { timeout: 5000 });
  return el;
}

async function openThread(el: PracticeInboxPage, index = 0): Promise<PracticeThread> {
  root(el).querySelectorAll<HTMLButtonElement>('button.thread')[index]!.click();
  await waitUntil(() => root(el).querySelector('practice-thread'), 'the thread');
  const view = root(el).querySelector<PracticeThread>('practice-thread')!;
  await view.updateComplete;
  await waitUntil(() => root(view).activeElement?.id === 'thread-heading', 'focus on the thread heading');
  return view;
}

async function submitReply(view: PracticeThread, body: string): Promise<void> {
  type(root(view), '#reply', body);
  await view.updateComplete;
  root(view).querySelector<HTMLFormElement>('form')!.requestSubmit();
}

describe('<practice-inbox-page>', () => {
  afterEach(async () => {
    stubApi({ 'POST /api/auth/sign-out': () => noContent() });
    await session.signOut();
    restoreApi();
  });

  describe('for a staff account', () => {
    beforeEach(() => session.accept(granted(STAFF)));

    it('lists the waiting conversations, oldest first, with the patient, subject, provider and time', async () => {
      stubApi({ 'GET /api/staff/messages': () => json(inbox([thread('thread-1'), BILLING])) });
      const el = await openPage();
      const list = items(el);
      expect(list).to.have.length(2);
      expect(list[0])
        .to.contain('Amara Okafor')
        .and.contain('Medical question')
        .and.contain('With Dr. Adaeze Okonkwo')
        .and.contain(`Waiting since ${when('2026-11-20T09:00:00Z', TEST_PRACTICE.timeZone)}`);
      expect(list[1])
        .to.contain('Ana López')
        .and.contain('Question about a bill')
        .and.contain('With Billing office');
      expect(text(el)).to.contain('2 conversations are waiting for an answer');
    });

    it("opens a thread on its heading, names a family member's message as on the patient's behalf, and goes back", async () => {
      stubApi({ 'GET /api/staff/messages': () => json(inbox([thread('thread-1'), BILLING])) });
      const el = await openPage();
      const view = await openThread(el);
      expect(text(view)).to.contain('Daniel Okafor, on behalf of Amara Okafor');
      expect(text(view)).to.contain('Amara has had a cough for a week.');
      expect(text(view)).to.contain('Patient: Amara Okafor');
      root(view).querySelector<HTMLButtonElement>('.back')!.click();
      await waitUntil(() => root(el).activeElement?.getAttribute('data-thread') === 'thread-1', 'focus back');
    });

    it('posts a reply with an idempotency key, says so, and the thread leaves the waiting list', async () => {
      let answered = false;
      const calls = stubApi({
        'GET /api/staff/messages': () => json(inbox(answered ? [BILLING] : [thread('thread-1'), BILLING])),
        'POST /api/staff/messages/thread-1/replies': (call) => {
          answered = true;
          return json(sent((call.body as { body: string }).body), 201);
        },
      });
      const el = await openPage();
      const view = await openThread(el);
      await submitReply(view, '  Please bring her in on Monday.  ');
      await waitUntil(() => root(el).querySelector('[role="status"]')?.textContent === 'Reply sent.', 'sent');
      const post = calls.find((c) => c.method === 'POST')!;
      expect(post.body).to.deep.equal({ body: 'Please bring her in on Monday.' });
      expect(post.headers.get('idempotency-key')).to.match(/^[0-9a-f-]{36}$/);
      await waitUntil(() => items(el).length === 1, 'the reloaded inbox');
      expect(items(el)[0]).to.contain('Ana López');
      expect(calls.filter((c) => c.method === 'GET')).to.have.length(2);
      expect(root(el).activeElement?.tagName).to.equal('H1');
    });

    it('sends a reply tried again after a lost connection with the same idempotency key', async () => {
      let tries = 0;
      const calls = stubApi({
        'GET /api/staff/messages': () => json(inbox([thread('thread-1')])),
        'POST /api/staff/messages/thread-1/replies': async (call) => {
          tries += 1;
          if (tries === 1) throw new TypeError('Failed to fetch');
          return json(sent((call.body as { body: string }).body), 201);
        },
      });
      const el = await openPage();
      const view = await openThread(el);
      await submitReply(view, 'Please bring her in on Monday.');
      await waitUntil(() => text(view).includes('Sending a reply needs a connection.'), 'the offline alert');
      root(view).querySelector<HTMLFormElement>('form')!.requestSubmit();
      await waitUntil(() => root(el).querySelector('[role="status"]')?.textContent === 'Reply sent.', 'sent');
      const keys = calls.filter((c) => c.method === 'POST').map((c) => c.headers.get('idempotency-key'));
      expect(keys).to.have.length(2);
      expect(keys[0]).to.equal(keys[1]);
    });

    it('refuses a card number or an empty reply before any request', async () => {
      const calls = stubApi({ 'GET /api/staff/messages': () => json(inbox([thread('thread-1')])) });
      const el = await openPage();
      const view = await openThread(el);
      await submitReply(view, '   ');
      await waitUntil(() => root(view).querySelector('#reply[aria-invalid="true"]'), 'the empty complaint');
      expect(text(view)).to.contain('Write your message.');
      expect(root(view).activeElement?.id).to.equal('reply');
      await submitReply(view, 'You can pay with 4111 1111 1111 1111 if you like.');
      await waitUntil(
        () => text(view).includes('looks like a credit or debit card number'),
        'the card complaint',
      );
      expect(calls.filter((c) => c.method === 'POST')).to.have.length(0);
    });

    it("shows the server's reason when the conversation is full (409), and keeps the draft", async () => {
      stubApi({
        'GET /api/staff/messages': () => json(inbox([thread('thread-1')])),
        'POST /api/staff/messages/thread-1/replies': () =>
          problem({
            type: '/problems/thread-full',
            title: 'This conversation is full',
            status: 409,
            detail: 'A conversation keeps at most 100 messages. Start a new message instead.',
          }),
      });
      const el = await openPage();
      const view = await openThread(el);
      await submitReply(view, 'Please call us.');
      await waitUntil(() => root(view).querySelector('.alert'), 'the alert', { timeout: 5000 });
      expect(text(view)).to.contain('A conversation keeps at most 100 messages.');
      expect(root(view).querySelector<HTMLTextAreaElement>('#reply')!.value).to.equal('Please call us.');
      expect(root(el).querySelector('[role="status"]')!.textContent).to.equal('');
    });

    it('shows a reply refused by the server next to the field (422)', async () => {
      stubApi({
        'GET /api/staff/messages': () => json(inbox([thread('thread-1')])),
        'POST /api/staff/messages/thread-1/replies': () =>
          problem({
            type: '/problems/invalid-input',
            title: 'Invalid input',
            status: 422,
            errors: { 'body.body': 'Use at most 1000 characters.' },
          }),
      });
      const el = await openPage();
      const view = await openThread(el);
      await submitReply(view, 'Fine.');
      await waitUntil(() => root(view).querySelector('#reply-error'), 'the field error', { timeout: 5000 });
      expect(root(view).querySelector('#reply-error')!.textContent).to.contain(
        'Use at most 1000 characters.',
      );
    });

    it('says that answering needs a connection when offline, and keeps nothing on the device', async () => {
      window.fetch = async () => {
        throw new TypeError('Failed to fetch');
      };
      const el = await fixture<PracticeInboxPage>(
        html`<practice-inbox-page .practice=${TEST_PRACTICE}></practice-inbox-page>`,
      );
      await waitUntil(() => root(el).querySelector('.offline'), 'the offline note');
      expect(text(el)).to.contain('Answering messages needs a connection.');
      expect(root(el).querySelector('button.thread')).to.equal(null);
    });

    it('has no accessibility violations in the list and the thread', async () => {
      stubApi({ 'GET /api/staff/messages': () => json(inbox([thread('thread-1'), BILLING])) });
      const el = await openPage();
      expect(await axeViolations(el)).to.deep.equal([]);
      const view = await openThread(el);
      await submitReply(view, '');
      await waitUntil(() => root(view).querySelector('#reply-error'), 'the field error');
      expect(await axeViolations(el)).to.deep.equal([]);
    });
  });

  describe('for a personal account', () => {
    beforeEach(() => session.accept(granted()));

    it("says the page is for the practice's staff and asks nothing of /api/staff", async () => {
      const calls = stubApi({ 'GET /api/staff/messages': () => json(inbox([thread('thread-1')])) });
      const el = await fixture<PracticeInboxPage>(
        html`<practice-inbox-page .practice=${TEST_PRACTICE}></practice-inbox-page>`,
      );
      await el.updateComplete;
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(text(el)).to.contain("This page is for the practice's staff");
      expect(root(el).querySelector<HTMLAnchorElement>('a[href="/"]')!.textContent).to.contain('Home');
      expect(staffCalls(calls)).to.have.length(0);
      expect(await axeViolations(el)).to.deep.equal([]);
    });
  });
});

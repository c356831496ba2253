// Drafts in a real Chromium with the app's own record cache: a message being written is kept while
// typing and at once when the page is hidden, listed on Messages under "Drafts", reopened with its
// subject, text and files, discarded with its files, and gone (its files kept) once it was sent.
// Home's "Send a message" keeps drafts too.

import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import { exportJWK, generateKeyPair } from 'jose';
import type { AttachmentRef } from '../../../core/attachments';
import type { MessageRecipients, MessagesAnswer, ThreadView } from '../../../core/messages';
import { openDeviceDb, sharedDeviceDb } from '../../data/device-db';
import { type Draft, listDrafts, saveDraft } from '../../data/messages/drafts';
import { prepareAttachment } from '../../data/messages/prepare-attachment';
import { sealingKey } from '../../data/outbox/seal';
import { vault } from '../../data/records/app-records';
import type { RecordsCache } from '../../data/records/records-cache';
import { selectPatient } from '../../data/records/selected-person';
import { session } from '../../data/session';
import { granted, json, restoreApi, stubApi, type } from '../../test/api-stub';
import { axeViolations } from '../../test/axe';
import { TEST_PRACTICE } from '../../test/practice';
import { closeFilledCache, openFilledCache, person } from '../../test/records-fixture';
import '../home/home-messages';
import type { HomeMessages } from '../home/home-messages';
import type { AttachFiles } from './attach-files';
import type { MessageCompose } from './message-compose';
import type { MessageThread } from './message-thread';
import './messages-page';
import type { MessagesPage } from './messages-page';

const SELF = 'pat-parent';
const ACCOUNT = 'acc-drafts';

const RECIPIENTS: MessageRecipients = {
  providers: [
    {
      id: 'dr-a',
      name: 'Dr. Adaeze Okonkwo',
      specialty: 'Pediatrics',
      locations: [{ id: 'loc-1', name: 'Riverside office' }],
      careTeam: true,
    },
  ],
  billingOffice: true,
};

const THREAD: ThreadView = {
  id: 'thread-1',
  patientId: SELF,
  topic: 'care',
  subject: 'medical-question',
  withName: 'Dr. Adaeze Okonkwo',
  locationName: 'Riverside office',
  startedAt: '2026-11-20T09:00:00Z',
  lastMessageAt: '2026-11-20T15:00:00Z',
  unread: false,
  messages: [
    {
      id: 'm-1',
      from: 'practice',
      authorName: 'Dr. Adaeze Okonkwo',
      onBehalfOf: null,
      authorAccountId: null,
      sentAt: '2026-11-20T15:00:00Z',
      body: 'How is the cough?',
      attachments: [],
    },
  ],
};

const answer = (threads: ThreadView[]): MessagesAnswer => ({
  patientId: SELF,
  threads,
  asOf: new Date().toISOString(),
});

const root = (el: Element) => el.shadowRoot!;
const text = (el: Element) => root(el).textContent!.replace(/\s+/g, ' ');
/** The Drafts list's words, as read out. */
const draftsText = (el: MessagesPage) => root(el).querySelector('.drafts')!.textContent!.replace(/\s+/g, ' ');

const pdf = (name: string) =>
  new File([new TextEncoder().encode('%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n')], name, {
    type: 'application/pdf',
  });

function choose(picker: AttachFiles, files: File[]): void {
  const input = root(picker).querySelector<HTMLInputElement>('#attach-input')!;
  const transfer = new DataTransfer();
  for (const file of files) transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  input.dispatchEvent(new Event('change'));
}

async function preparedRef(name: string): Promise<AttachmentRef> {
  const prepared = await prepareAttachment(pdf(name), ACCOUNT);
  if ('problem' in prepared) throw new Error(prepared.problem);
  return prepared.ref;
}

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

/** The drafts the cache holds for the patient now. */
const drafts = (): Promise<Draft[]> => listDrafts(vault.current!, SELF);

async function hidePage(): Promise<void> {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
  document.dispatchEvent(new Event('visibilitychange'));
  // The document's own answer again.
  delete (document as { visibilityState?: unknown }).visibilityState;
}

const draftButton = (el: MessagesPage, label: RegExp) =>
  [...root(el).querySelectorAll<HTMLButtonElement>('.drafts button')].find((b) =>
    label.test(b.getAttribute('aria-label') ?? ''),
  );

describe('message drafts', () => {
  let cache: RecordsCache | null = null;
  beforeEach(async () => {
    stubApi({ 'POST /api/auth/sign-out': () => new Response(null, { status: 204 }) });
    await session.accept(granted({ id: ACCOUNT, displayName: 'Daniel Okafor', patientId: SELF }));
    cache = await openFilledCache(
      [person(SELF, 'Daniel Okafor', 'self')],
      [
        { patientId: SELF, kind: 'messages', value: answer([THREAD]) },
        { patientId: SELF, kind: 'recipients', value: RECIPIENTS },
      ],
    );
    selectPatient(SELF);
  });
  afterEach(async () => {
    restoreApi();
    if (cache) await closeFilledCache(cache);
    cache = null;
    await sharedDeviceDb().files.where('accountId').equals(ACCOUNT).delete();
  });

  it('keeps a message while it is written and reopens it from Drafts with its subject, text and file', async () => {
    const el = await openPage();
    const form = await openCompose(el);
    type(root(form), '#subject', 'billing-question');
    await form.updateComplete;
    type(root(form), '#body', 'Was my payment of last week received by the billing office?');
    await waitUntil(async () => (await drafts()).length === 1, 'saved after a pause in typing', {
      timeout: 3000,
    });
    const picker = root(form).querySelector<AttachFiles>('attach-files')!;
    choose(picker, [pdf('bank receipt.pdf')]);
    await waitUntil(
      async () => (await drafts())[0]?.content.attachments.length === 1,
      'saved with its file',
      { timeout: 3000 },
    );

    // Cancel keeps it, and says so.
    [...root(form).querySelectorAll<HTMLButtonElement>('button')]
      .find((b) => b.textContent?.trim() === 'Cancel')!
      .click();
    await waitUntil(() => root(el).querySelector('.drafts'), 'the Drafts list');
    expect(text(el)).to.contain('Your message is kept in Drafts.');
    const item = draftsText(el);
    expect(item).to.contain('Question about a bill · to the billing office');
    expect(item).to.contain('Was my payment of last week received by the billing office?');
    expect(item).to.match(/Saved Today \d/);
    expect(item).to.contain('1 file');
    expect(await axeViolations(el)).to.deep.equal([]);

    draftButton(el, /^Open draft: Question about a bill/)!.click();
    await waitUntil(() => root(el).querySelector('message-compose'), 'the form again');
    const again = root(el).querySelector<MessageCompose>('message-compose')!;
    await again.updateComplete;
    const files = root(again).querySelector<AttachFiles>('attach-files')!;
    await waitUntil(() => files.refs.length === 1, 'the file restored');
    expect(root(again).querySelector<HTMLSelectElement>('#subject')!.value).to.equal('billing-question');
    expect(root(again).querySelector<HTMLTextAreaElement>('#body')!.value).to.equal(
      'Was my payment of last week received by the billing office?',
    );
    expect(text(files)).to.contain('bank receipt.pdf');
    // Going on with it writes into the same draft, not a second one.
    type(root(again), '#body', 'Was my payment received?');
    await waitUntil(async () => (await drafts())[0]?.content.body === 'Was my payment received?', 'saved');
    expect(await drafts()).to.have.length(1);
  });

  it('saves at once when the page is hidden, and the draft is there when the app opens again', async () => {
    const el = await openPage();
    const form = await openCompose(el);
    type(root(form), '#body', 'Typed just before switching apps');
    await hidePage();
    // Well before the pause after typing would have saved it.
    await waitUntil(async () => (await drafts()).length === 1, 'saved on hide', { timeout: 400 });

    type(root(form), '#body', 'Typed just before closing the tab');
    window.dispatchEvent(new Event('pagehide'));
    await waitUntil(
      async () => (await drafts())[0]?.content.body === 'Typed just before closing the tab',
      'saved on pagehide',
      { timeout: 400 },
    );

    fixtureCleanup();
    const reopened = await openPage();
    await waitUntil(() => root(reopened).querySelector('.drafts'), 'the Drafts list');
    expect(text(reopened)).to.contain('New message');
    expect(text(reopened)).to.contain('Typed just before closing the tab');
  });

  it('keeps nothing for a form left empty, and deletes the draft of a form emptied again', async () => {
    const el = await openPage();
    const form = await openCompose(el);
    type(root(form), '#body', 'x');
    await waitUntil(async () => (await drafts()).length === 1, 'saved');
    type(root(form), '#body', '');
    await waitUntil(async () => (await drafts()).length === 0, 'deleted');
    [...root(form).querySelectorAll<HTMLButtonElement>('button')]
      .find((b) => b.textContent?.trim() === 'Cancel')!
      .click();
    await waitUntil(() => !root(el).querySelector('message-compose'), 'back on the list');
    expect(root(el).querySelector('.drafts')).to.equal(null);
    expect(text(el)).not.to.contain('kept in Drafts');
  });

  it('reopens a reply in its conversation, and discards a draft with its files', async () => {
    const file = await preparedRef('cough diary.pdf');
    await saveDraft(vault.current!, {
      id: 'reply-1',
      patientId: SELF,
      content: { kind: 'reply', threadId: 'thread-1', body: 'Better since Sunday, thanks.', attachments: [] },
    });
    await saveDraft(vault.current!, {
      id: 'new-1',
      patientId: SELF,
      content: {
        kind: 'new',
        subject: 'test-results',
        providerId: 'dr-a',
        locationId: 'loc-1',
        body: 'About the blood test',
        attachments: [file],
      },
    });
    const el = await openPage();
    await waitUntil(() => root(el).querySelectorAll('.drafts > li').length === 2, 'both drafts');
    const list = draftsText(el);
    expect(list).to.contain('Reply to Medical question · to Dr. Adaeze Okonkwo');
    expect(list).to.contain('Question about a test result · to Dr. Adaeze Okonkwo');

    draftButton(el, /^Discard draft: Question about a test result/)!.click();
    await waitUntil(() => root(el).querySelectorAll('.drafts > li').length === 1, 'one left');
    expect(text(el)).to.contain('Draft deleted.');
    expect(await sharedDeviceDb().files.get(file.uploadId)).to.equal(undefined);
    // Focus stays in the list, on the next draft.
    expect(root(el).activeElement?.getAttribute('aria-label')).to.match(
      /^Open draft: Reply to Medical question/,
    );

    draftButton(el, /^Open draft: Reply to Medical question/)!.click();
    await waitUntil(() => root(el).querySelector('message-thread'), 'the conversation');
    const view = root(el).querySelector<MessageThread>('message-thread')!;
    await view.updateComplete;
    expect(root(view).querySelector<HTMLTextAreaElement>('#reply')!.value).to.equal(
      'Better since Sunday, thanks.',
    );
    type(root(view), '#reply', 'Better since Sunday, thank you.');
    root(view).querySelector<HTMLButtonElement>('.back')!.click();
    await waitUntil(() => root(el).querySelector('.drafts'), 'the list again');
    expect(draftsText(el)).to.contain('Better since Sunday, thank you.');
    expect((await drafts()).map((d) => d.id)).to.deep.equal(['reply-1']);
  });

  it('removes a draft once its message waits to be sent, and leaves its files to the message', async () => {
    const { publicKey } = await generateKeyPair('ECDH-ES', { crv: 'P-256', extractable: true });
    const jwk = await exportJWK(publicKey);
    stubApi({ 'GET /api/outbox/key': () => json({ kid: 'test-key', jwk }) });
    await sealingKey(openDeviceDb(), (input, init) => fetch(input, init));
    const file = await preparedRef('receipt.pdf');
    await saveDraft(vault.current!, {
      id: 'new-1',
      patientId: SELF,
      content: {
        kind: 'new',
        subject: 'billing-question',
        providerId: '',
        locationId: '',
        body: 'Was my payment received?',
        attachments: [file],
      },
    });
    const el = await openPage();
    await waitUntil(() => root(el).querySelector('.drafts'), 'the Drafts list');
    draftButton(el, /^Open draft:/)!.click();
    await waitUntil(() => root(el).querySelector('message-compose'), 'the form');
    const form = root(el).querySelector<MessageCompose>('message-compose')!;
    await waitUntil(
      () => root(form).querySelector<AttachFiles>('attach-files')?.refs.length === 1,
      'its file',
    );
    window.fetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    root(form).querySelector<HTMLFormElement>('form')!.requestSubmit();
    await waitUntil(() => text(el).includes("sent as soon as you're connected"), 'queued', { timeout: 5000 });
    expect(await drafts()).to.deep.equal([]);
    expect(root(el).querySelector('.drafts')).to.equal(null);
    const [item] = await openDeviceDb().outbox.where('accountId').equals(ACCOUNT).toArray();
    expect(item!.files).to.deep.equal([file.uploadId]);
    expect(await sharedDeviceDb().files.get(file.uploadId)).not.to.equal(undefined);
  });

  it("keeps what is written in Home's Send a message as a draft", async () => {
    const home = await fixture<HomeMessages>(html`<home-messages></home-messages>`);
    [...root(home).querySelectorAll<HTMLButtonElement>('button')]
      .find((b) => b.textContent?.trim() === 'Send a message')!
      .click();
    await waitUntil(
      () => root(home).querySelector('home-compose')?.shadowRoot?.querySelector('message-compose'),
      'the form on Home',
      { timeout: 5000 },
    );
    const compose = root(home).querySelector('home-compose')!;
    const form = root(compose).querySelector<MessageCompose>('message-compose')!;
    await form.updateComplete;
    type(root(form), '#body', 'Written on Home');
    [...root(form).querySelectorAll<HTMLButtonElement>('button')]
      .find((b) => b.textContent?.trim() === 'Cancel')!
      .click();
    await waitUntil(() => text(home).includes('kept in Drafts on the Messages page'), 'the notice');
    expect((await drafts()).map((d) => d.content.body)).to.deep.equal(['Written on Home']);
  });

  it('shows no drafts while the portal is locked', async () => {
    await saveDraft(vault.current!, {
      id: 'reply-1',
      patientId: SELF,
      content: { kind: 'reply', threadId: 'thread-1', body: 'Not for a locked screen', attachments: [] },
    });
    const el = await openPage();
    await waitUntil(() => root(el).querySelector('.drafts'), 'the Drafts list');
    vault.lock();
    await waitUntil(() => root(el).querySelector('open-records-form'), 'locked');
    expect(root(el).querySelector('.drafts')).to.equal(null);
    expect(text(el)).not.to.contain('Not for a locked screen');
  });
});

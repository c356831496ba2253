// Home's "New messages": who has an answer not read yet, from the device's copy, and a link that
// opens that person's messages; nothing while everything is read or the portal is locked.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { MessagesAnswer, ThreadView } from '../../../core/messages';
import { vault } from '../../data/records/app-records';
import type { RecordsCache } from '../../data/records/records-cache';
import { selectedPatient } from '../../data/records/selected-person';
import { axeViolations } from '../../test/axe';
import { closeFilledCache, openFilledCache, person } from '../../test/records-fixture';
import './new-messages';
import type { NewMessages } from './new-messages';

const thread = (patientId: string, id: string, unread: boolean): ThreadView => ({
  id,
  patientId,
  topic: 'care',
  subject: 'medical-question',
  withName: 'Dr. Example',
  locationName: 'Main office',
  startedAt: '2026-11-20T09:00:00Z',
  lastMessageAt: '2026-11-20T15:00:00Z',
  unread,
  messages: [],
});
const answer = (patientId: string, threads: ThreadView[]): MessagesAnswer => ({
  patientId,
  threads,
  asOf: new Date().toISOString(),
});

describe('<new-messages>', () => {
  let cache: RecordsCache | null = null;
  afterEach(async () => {
    if (cache) await closeFilledCache(cache);
    cache = null;
  });

  it("names whose conversations have a new reply and opens that person's messages", async () => {
    const people = [
      person('pat-parent', 'Daniel Okafor', 'self'),
      person('pat-child', 'Amara Okafor', 'full'),
    ];
    cache = await openFilledCache(people, [
      {
        patientId: 'pat-parent',
        kind: 'messages',
        value: answer('pat-parent', [thread('pat-parent', 't0', false)]),
      },
      {
        patientId: 'pat-child',
        kind: 'messages',
        value: answer('pat-child', [thread('pat-child', 't1', true), thread('pat-child', 't2', true)]),
      },
    ]);
    const el = await fixture<NewMessages>(html`<new-messages></new-messages>`);
    await waitUntil(() => el.shadowRoot!.querySelector('a'), 'the list', { timeout: 5000 });
    const links = [...el.shadowRoot!.querySelectorAll('a')];
    expect(links.map((a) => a.textContent!.replace(/\s+/g, ' ').trim())).to.deep.equal([
      '2 conversations with a new reply for Amara Okafor',
    ]);
    links[0]!.addEventListener('click', (e) => e.preventDefault());
    links[0]!.click();
    expect(selectedPatient(people)).to.equal('pat-child');
    expect(await axeViolations(el)).to.deep.equal([]);

    // Locked: nothing decrypted stays on screen.
    vault.lock();
    await waitUntil(() => el.shadowRoot!.querySelector('a') === null, 'emptied on lock');
  });

  it('shows nothing when every conversation is read', async () => {
    cache = await openFilledCache(
      [person('pat-parent', 'Daniel Okafor', 'self')],
      [
        {
          patientId: 'pat-parent',
          kind: 'messages',
          value: answer('pat-parent', [thread('pat-parent', 't0', false)]),
        },
      ],
    );
    const el = await fixture<NewMessages>(html`<new-messages></new-messages>`);
    await el.loaded;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('section')).to.equal(null);
  });
});

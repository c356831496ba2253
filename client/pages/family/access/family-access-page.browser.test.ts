// Family access settings as a patient uses them: who has access and what it gives today, inviting
// a family member, changing a level, removing access only after a confirm step, declining a
// request, asking for access to someone else's account with the passcode they hand over, and
// offline: the settings from the device's copy, changes waiting in the outbox until back online.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { exportJWK, generateKeyPair } from 'jose';
import type { FamilySettings } from '../../../../core/family';
import { OUTBOX_CHANGED_EVENT, type OutboxChangedDetail, type OutboxItem } from '../../../../core/outbox';
import { openDeviceDb } from '../../../data/device-db';
import { knownPeople } from '../../../data/family-api';
import { sealingKey } from '../../../data/outbox/seal';
import type { RecordsCache } from '../../../data/records/records-cache';
import { session } from '../../../data/session';
import { granted, json, noContent, problem, restoreApi, stubApi, type } from '../../../test/api-stub';
import { axeViolations } from '../../../test/axe';
import { TEST_PRACTICE } from '../../../test/practice';
import { closeFilledCache, openFilledCache, person } from '../../../test/records-fixture';
import { rememberRequest } from '../sign-up/pending-request';
import './family-access-page';
import type { FamilyAccessPage } from './family-access-page';
import type { FamilyGrantItem } from './grant-item';

const SETTINGS: FamilySettings = {
  canShare: true,
  canGrantFull: true,
  grants: [
    {
      id: 'g1',
      displayName: 'Carlos López',
      relationship: 'spouse',
      level: 'full',
      effective: 'full',
      source: 'invitation',
      since: '2024-03-02T15:00:00Z',
      needsAdultConfirmation: false,
    },
    {
      id: 'g2',
      displayName: 'Rosa López',
      relationship: 'parent',
      level: 'full',
      effective: 'billing',
      source: 'guardian',
      since: '2012-06-01T12:00:00Z',
      needsAdultConfirmation: false,
    },
  ],
  invitations: [
    {
      id: 'i1',
      displayName: 'Lucía Gómez',
      email: 'lucia@example.com',
      relationship: 'sibling',
      access: 'billing',
      expiresAt: '2099-01-15T12:00:00Z',
    },
  ],
  requests: [
    {
      id: 'r1',
      requesterName: 'Pedro Ruiz',
      relationship: 'caregiver',
      createdAt: '2099-01-01T12:00:00Z',
      expiresAt: '2099-01-04T12:00:00Z',
    },
  ],
};

const PEOPLE = {
  people: [
    {
      patientId: 'pat-1',
      displayName: 'Ana López',
      birthDate: '1980-01-01',
      access: 'self',
      relationship: 'self',
    },
  ],
};

const root = (el: FamilyAccessPage) => el.shadowRoot!;

async function openPage(): Promise<FamilyAccessPage> {
  const el = await fixture<FamilyAccessPage>(
    html`<family-access-page .practice=${TEST_PRACTICE}></family-access-page>`,
  );
  await waitUntil(() => root(el).querySelector('#others-heading'), 'settings not shown');
  return el;
}

/** Opens "Request access to a family member's account" and returns its form. */
async function openRequest(el: FamilyAccessPage) {
  root(el).querySelector<HTMLButtonElement>('#request-button')!.click();
  await el.updateComplete;
  expect(root(el).activeElement?.id).to.equal('request-heading');
  const request = root(el).querySelector('family-request-access')!;
  await request.updateComplete;
  return request;
}

function grantItem(el: FamilyAccessPage, name: string): FamilyGrantItem {
  const item = [...root(el).querySelectorAll('family-grant-item')].find((i) =>
    i.shadowRoot?.querySelector('h3')?.textContent?.includes(name),
  );
  if (!item) throw new Error(`No family member ${name}`);
  return item;
}

const buttonNamed = (scope: ParentNode, name: string): HTMLButtonElement => {
  const button = [...scope.querySelectorAll('button')].find((b) =>
    b.textContent?.replace(/\s+/g, ' ').trim().startsWith(name),
  );
  if (!button) throw new Error(`No button ${name}`);
  return button;
};

const routes = (settings: FamilySettings = SETTINGS) => ({
  'GET /api/family': () => json(settings),
  'GET /api/patients': () => json(PEOPLE),
  'POST /api/auth/sign-out': () => noContent(),
});

describe('<family-access-page>', () => {
  beforeEach(() => session.accept(granted()));
  afterEach(async () => {
    await session.signOut();
    restoreApi();
  });

  it('lists family members with their relationship, level, since when and what the age rules leave', async () => {
    stubApi(routes());
    const el = await openPage();
    const carlos = grantItem(el, 'Carlos López').shadowRoot!;
    expect(carlos.textContent).to.contain('Spouse');
    expect(carlos.textContent).to.contain('Full');
    expect(carlos.textContent).to.match(/since\s+Mar 2, 2024|since\s+2 Mar 2024/);
    const rosa = grantItem(el, 'Rosa López').shadowRoot!;
    expect(rosa.textContent).to.contain('this gives Billing only access today');
    expect(rosa.textContent).to.contain('linked by the office');
    expect(root(el).textContent).to.contain('Pedro Ruiz asked for access as your caregiver.');
    expect(root(el).textContent).to.contain('Lucía Gómez');
  });

  it('checks the invitation form before sending and moves focus to the first problem', async () => {
    const calls = stubApi(routes());
    const el = await openPage();
    buttonNamed(root(el), 'Invite Family Member').click();
    await el.updateComplete;
    expect(root(el).activeElement?.id).to.equal('invite-heading');
    const form = root(el).querySelector('family-invite-form')!;
    form.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitUntil(() => form.shadowRoot!.querySelector('#invite-firstName-error'));
    const r = form.shadowRoot!;
    expect(r.querySelector('#invite-firstName-error')!.textContent).to.contain('Enter their first name.');
    expect(r.querySelector('#invite-email-error')!.textContent).to.contain('Enter their e-mail address.');
    expect(r.querySelector('#invite-relationship-error')).not.to.equal(null);
    expect(r.querySelector('#invite-access-error')!.textContent).to.contain('Choose Full or Billing only.');
    expect(r.activeElement?.id).to.equal('invite-firstName');
    expect(calls.some((c) => c.path === '/api/family/invitations')).to.equal(false);

    // One's own address can't be shared: each person signs in with their own.
    type(r, '#invite-email', 'ana.lopez@example.com');
    await form.updateComplete;
    form.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitUntil(() => r.querySelector('#invite-email-error')?.textContent?.includes('your own'));
  });

  it('sends an invitation and says an e-mail with a link went to the family member', async () => {
    const calls = stubApi({
      ...routes(),
      'POST /api/family/invitations': () =>
        json(
          {
            id: 'i2',
            displayName: 'Marta Díaz',
            email: 'marta@example.com',
            relationship: 'partner',
            access: 'billing',
            expiresAt: '2099-02-01T12:00:00Z',
          },
          201,
        ),
    });
    const el = await openPage();
    buttonNamed(root(el), 'Invite Family Member').click();
    await el.updateComplete;
    const form = root(el).querySelector('family-invite-form')!;
    const r = form.shadowRoot!;
    type(r, '#invite-firstName', 'Marta');
    type(r, '#invite-lastName', 'Díaz');
    type(r, '#invite-email', 'Marta@Example.com');
    type(r, '#invite-relationship', 'partner');
    r.querySelector<HTMLInputElement>('#invite-access-billing')!.click();
    await form.updateComplete;
    expect(r.querySelector('#invite-access-full-hint')!.textContent).to.contain('write to your providers');
    r.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitUntil(() => root(el).querySelector('#invite-notice'));
    const post = calls.find((c) => c.path === '/api/family/invitations')!;
    expect(post.method).to.equal('POST');
    expect(post.body).to.deep.equal({
      firstName: 'Marta',
      lastName: 'Díaz',
      email: 'marta@example.com',
      relationship: 'partner',
      access: 'billing',
    });
    const notice = root(el).querySelector('#invite-notice')!;
    expect(notice.textContent).to.contain('marta@example.com');
    expect(notice.textContent).to.contain('link');
    expect(root(el).activeElement).to.equal(notice);
    expect(root(el).querySelector('#invitations-heading')!.closest('section')!.textContent).to.contain(
      'Marta Díaz',
    );
  });

  it('offers only Billing only, with the reason, when the age rules keep Full from this patient', async () => {
    stubApi(routes({ ...SETTINGS, canGrantFull: false }));
    const el = await openPage();
    buttonNamed(root(el), 'Invite Family Member').click();
    await el.updateComplete;
    const r = root(el).querySelector('family-invite-form')!.shadowRoot!;
    expect(r.querySelector<HTMLInputElement>('#invite-access-full')!.disabled).to.equal(true);
    expect(r.querySelector('#invite-access-full-hint')!.textContent).to.contain(
      'Billing only access for now',
    );
    expect(r.querySelector('fieldset legend')!.textContent).to.equal('Access level');
  });

  it('changes a family member’s access level', async () => {
    const calls = stubApi({
      ...routes(),
      'PATCH /api/family/grants/g1': () =>
        json({ ...SETTINGS.grants[0], level: 'billing', effective: 'billing' }),
    });
    const el = await openPage();
    const item = grantItem(el, 'Carlos López');
    buttonNamed(item.shadowRoot!, 'Change access level').click();
    await item.updateComplete;
    expect(item.shadowRoot!.activeElement?.id).to.equal('level-g1-full');
    const full = item.shadowRoot!.querySelector<HTMLInputElement>('#level-g1-full')!;
    expect(full.checked).to.equal(true);
    item.shadowRoot!.querySelector<HTMLInputElement>('#level-g1-billing')!.click();
    await item.updateComplete;
    buttonNamed(item.shadowRoot!, 'Save').click();
    await waitUntil(() => item.shadowRoot!.querySelector('.success'));
    const patch = calls.find((c) => c.method === 'PATCH')!;
    expect(patch.path).to.equal('/api/family/grants/g1');
    expect(patch.body).to.deep.equal({ access: 'billing' });
    expect(item.shadowRoot!.querySelector('.success')!.textContent).to.contain('Billing only');
    expect(item.shadowRoot!.querySelector('.meta .level')!.textContent).to.equal('Billing only');
  });

  it('removes access only after the confirm step, which says their devices delete the records', async () => {
    const calls = stubApi({ ...routes(), 'DELETE /api/family/grants/g1': () => noContent() });
    const el = await openPage();
    const item = grantItem(el, 'Carlos López');
    buttonNamed(item.shadowRoot!, 'Remove access').click();
    await item.updateComplete;
    const panel = item.shadowRoot!.querySelector('.panel')!;
    expect(panel.textContent).to.contain('Remove Carlos López');
    expect(panel.textContent).to.contain('the next time they sync');
    expect(calls.some((c) => c.method === 'DELETE')).to.equal(false);

    buttonNamed(panel, 'Keep access').click();
    await item.updateComplete;
    expect(item.shadowRoot!.querySelector('.panel')).to.equal(null);
    expect(item.shadowRoot!.activeElement?.id).to.equal('remove-button');

    buttonNamed(item.shadowRoot!, 'Remove access').click();
    await item.updateComplete;
    buttonNamed(item.shadowRoot!.querySelector('.panel')!, 'Remove access').click();
    await waitUntil(() => root(el).querySelector('#grants-notice'));
    expect(calls.find((c) => c.method === 'DELETE')!.path).to.equal('/api/family/grants/g1');
    expect(root(el).querySelectorAll('family-grant-item')).to.have.length(1);
    expect(root(el).querySelector('#grants-notice')!.textContent).to.contain('next time they sync');
    expect(root(el).activeElement?.id).to.equal('grants-notice');
  });

  it('declines a request for access', async () => {
    const calls = stubApi({ ...routes(), 'POST /api/family/requests/r1/decline': () => noContent() });
    const el = await openPage();
    buttonNamed(root(el), 'Decline').click();
    await waitUntil(() => root(el).querySelector('#requests-notice'));
    expect(calls.some((c) => c.method === 'POST' && c.path === '/api/family/requests/r1/decline')).to.equal(
      true,
    );
    expect(root(el).textContent).not.to.contain('asked for access as your caregiver');
    expect(root(el).querySelector('#requests-notice')!.textContent).to.contain('no longer works');
  });

  it('cancels an invitation', async () => {
    const calls = stubApi({ ...routes(), 'DELETE /api/family/invitations/i1': () => noContent() });
    const el = await openPage();
    buttonNamed(root(el), 'Cancel invitation').click();
    await waitUntil(() => root(el).querySelector('#invitations-notice'));
    expect(calls.some((c) => c.method === 'DELETE' && c.path === '/api/family/invitations/i1')).to.equal(
      true,
    );
    expect(root(el).querySelector('#invitations-notice')!.textContent).to.contain('Lucía Gómez');
  });

  it('asks an 18-year-old to confirm access set up while a minor', async () => {
    const grant = {
      ...SETTINGS.grants[1]!,
      effective: 'none' as const,
      level: 'billing' as const,
      needsAdultConfirmation: true,
    };
    const calls = stubApi({
      ...routes({ ...SETTINGS, grants: [grant] }),
      'POST /api/family/grants/g2/confirm': () =>
        json({ ...grant, effective: 'billing', needsAdultConfirmation: false }),
    });
    const el = await openPage();
    const item = grantItem(el, 'Rosa López');
    expect(item.shadowRoot!.textContent).to.contain('ends unless you confirm it');
    buttonNamed(item.shadowRoot!, 'Confirm access').click();
    await waitUntil(() => item.shadowRoot!.querySelector('.success'));
    expect(calls.some((c) => c.path === '/api/family/grants/g2/confirm')).to.equal(true);
    expect(item.shadowRoot!.textContent).not.to.contain('ends unless you confirm it');
  });

  it('shows an account that is not a patient only what applies to it', async () => {
    stubApi({
      ...routes({ canShare: false, canGrantFull: false, grants: [], invitations: [], requests: [] }),
      'GET /api/patients': () =>
        json({
          people: [
            {
              patientId: 'pat-9',
              displayName: 'Elena Ruiz',
              birthDate: '1950-01-01',
              access: 'full',
              relationship: 'child',
            },
          ],
        }),
    });
    const el = await openPage();
    await waitUntil(() => root(el).querySelector('#people'));
    expect(root(el).querySelector('#people')!.textContent).to.contain(
      'Elena Ruiz (Full access), as their adult child',
    );
    expect(root(el).querySelector('#invite-button')).to.equal(null);
    expect(root(el).querySelector('#grants-heading')).to.equal(null);
    expect(root(el).querySelector('#request-button')).not.to.equal(null);
  });

  it('says changes made while offline are sent once back online', async () => {
    stubApi(routes());
    const el = await openPage();
    window.dispatchEvent(new Event('offline'));
    await el.updateComplete;
    const offline = root(el).querySelector('.offline')!.textContent!;
    expect(offline).to.contain('Offline — showing your settings from');
    expect(offline).to.contain('sent when it is back online');
    window.dispatchEvent(new Event('online'));
    await el.updateComplete;
    expect(root(el).querySelector('.offline')).to.equal(null);
  });

  describe('offline, with the records of this device open', () => {
    let cache: RecordsCache | null = null;
    const text = (node: Element | ShadowRoot) => node.textContent!.replace(/\s+/g, ' ');

    /** The device's copy of the settings and the people list, as a sync made them. */
    async function openCache(saved: FamilySettings | null = null): Promise<RecordsCache> {
      cache = await openFilledCache(
        [person('pat-1', 'Ana López', 'self')],
        saved ? [{ patientId: 'pat-1', kind: 'family', value: saved }] : [],
      );
      return cache;
    }

    /** Signed in while online, the app fetched the server's sealing key (startOutbox does). */
    /** What the outbox holds for this account: requests and their readable copies, in one item each. */
    function waitingOf(cache: RecordsCache): Promise<OutboxItem[]> {
      return openDeviceDb().outbox.where('accountId').equals(cache.accountId).toArray();
    }

    async function primeSealingKey(): Promise<void> {
      const { publicKey } = await generateKeyPair('ECDH-ES', { crv: 'P-256', extractable: true });
      const jwk = await exportJWK(publicKey);
      stubApi({ 'GET /api/outbox/key': () => json({ kid: 'test-key', jwk }) });
      await sealingKey(openDeviceDb(), (input, init) => fetch(input, init));
    }

    /** The connection is gone: every request fails as it does offline. */
    function goOffline(): void {
      window.fetch = async () => {
        throw new TypeError('Failed to fetch');
      };
      window.dispatchEvent(new Event('offline'));
    }

    afterEach(async () => {
      stubApi({ 'POST /api/auth/sign-out': () => noContent() });
      await openDeviceDb().outbox.clear();
      if (cache) await closeFilledCache(cache);
      cache = null;
    });

    it('shows the settings saved on the device, and when they are from', async () => {
      await openCache(SETTINGS);
      goOffline();
      const el = await openPage();
      const offline = text(root(el).querySelector('.offline')!);
      expect(offline).to.contain('Offline — showing your settings from');
      expect(offline).not.to.contain('need a connection');
      expect(text(grantItem(el, 'Carlos López').shadowRoot!)).to.contain('Spouse');
      expect(text(root(el))).to.contain('Lucía Gómez');
    });

    it('keeps the settings fetched online on the device for next time', async () => {
      const saved = await openCache();
      stubApi(routes());
      const el = await openPage();
      await waitUntil(async () => (await saved.db.snapshots.get(['pat-1', 'family'])) !== undefined);
      expect(JSON.stringify(await saved.db.snapshots.toArray())).not.to.contain('Carlos');
      expect(root(el).querySelector('.offline')).to.equal(null);
    });

    it('queues an invitation made offline and shows it as waiting, unreadable in IndexedDB', async () => {
      const saved = await openCache(SETTINGS);
      await primeSealingKey();
      stubApi(routes());
      const el = await openPage();
      buttonNamed(root(el), 'Invite Family Member').click();
      await el.updateComplete;
      const form = root(el).querySelector('family-invite-form')!;
      goOffline();
      await form.updateComplete;
      const r = form.shadowRoot!;
      expect(text(r)).to.contain('the e-mail goes out when this device is back online');
      type(r, '#invite-firstName', 'Marta');
      type(r, '#invite-lastName', 'Díaz');
      type(r, '#invite-email', 'marta@example.com');
      type(r, '#invite-relationship', 'partner');
      r.querySelector<HTMLInputElement>('#invite-access-billing')!.click();
      await form.updateComplete;
      r.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
      await waitUntil(() => root(el).querySelector('#invite-notice'), 'the notice', { timeout: 5000 });
      expect(text(root(el).querySelector('#invite-notice')!)).to.contain('back online');
      await waitUntil(() => root(el).querySelector('.waiting-item'), 'the waiting invitation');
      const card = text(root(el).querySelector('.waiting-item')!);
      expect(card).to.contain('Marta Díaz');
      expect(card).to.contain('Waiting to send');
      // One outbox item holds the request and its copy, neither of them readable on the device.
      const rows = await waitingOf(saved);
      expect(rows).to.have.length(1);
      expect(JSON.stringify(rows)).not.to.contain('Marta');
      expect(JSON.stringify(rows)).not.to.contain('marta@example.com');
      expect(rows[0]!.kind).to.equal('family-invitation');
      expect(rows[0]!.copy?.topic).to.equal('family');
    });

    it('says a removal made offline happens once back online, and queues it', async () => {
      const saved = await openCache(SETTINGS);
      await primeSealingKey();
      stubApi(routes());
      const el = await openPage();
      goOffline();
      const item = grantItem(el, 'Carlos López');
      await item.updateComplete;
      buttonNamed(item.shadowRoot!, 'Remove access').click();
      await item.updateComplete;
      const panel = text(item.shadowRoot!.querySelector('.panel')!);
      expect(panel).to.contain('access is not removed now');
      expect(panel).to.contain('when this device is back online');
      buttonNamed(item.shadowRoot!.querySelector('.panel')!, 'Remove access when back online').click();
      await waitUntil(() => root(el).querySelector('#grants-notice'), 'the notice', { timeout: 5000 });
      expect(text(root(el).querySelector('#grants-notice')!)).to.contain(
        'It happens when this device is back online',
      );
      await waitUntil(() => text(root(el)).includes('Removal waiting to send'), 'the waiting removal');
      // Not removed yet: Carlos is still listed, with nothing more to change until it is sent.
      expect(grantItem(el, 'Carlos López').shadowRoot!.querySelector('#remove-button')).to.equal(null);
      const rows = await waitingOf(saved);
      expect(rows).to.have.length(1);
      expect(rows[0]!.kind).to.equal('family-change');
    });

    it('shows a change the server refused with its reason, and discards it', async () => {
      const saved = await openCache(SETTINGS);
      await primeSealingKey();
      stubApi(routes());
      const el = await openPage();
      goOffline();
      buttonNamed(root(el), 'Cancel invitation').click();
      await waitUntil(() => text(root(el)).includes('Cancellation waiting to send'), 'waiting', {
        timeout: 5000,
      });
      const [row] = await waitingOf(saved);
      await openDeviceDb().outbox.update(row!.id, {
        status: 'failed',
        failure: { status: 404, title: 'Not found', detail: 'This invitation was already accepted.' },
      });
      stubApi(routes());
      const refusal: OutboxChangedDetail = {
        outcomes: [
          {
            id: row!.id,
            kind: row!.kind,
            status: 404,
            body: null,
            failure: { status: 404, title: 'Not found' },
          },
        ],
      };
      window.dispatchEvent(new CustomEvent(OUTBOX_CHANGED_EVENT, { detail: refusal }));
      await waitUntil(() => text(root(el)).includes('Not sent: This invitation was already accepted.'));
      buttonNamed(root(el), 'Discard').click();
      await waitUntil(async () => (await openDeviceDb().outbox.get(row!.id)) === undefined, 'discarded');
      expect(await waitingOf(saved)).to.have.length(0);
    });
  });

  it('requests access to a family member’s account: passcode to the patient, wrong then right', async () => {
    let passcodes = 0;
    const calls = stubApi({
      ...routes(),
      'POST /api/family/requests/mine': () =>
        json(
          { status: 'passcode-sent-to-patient', requestId: 'req-12345', expiresAt: '2099-01-04T12:00:00Z' },
          202,
        ),
      'POST /api/family/requests/req-12345/passcode': () => {
        passcodes += 1;
        return passcodes === 1
          ? problem({ type: '/problems/wrong-code', title: 'Wrong passcode', status: 401 })
          : json({ status: 'passcode-accepted', granted: true, access: 'full' });
      },
      'GET /api/patients': () =>
        json({
          people: [
            ...PEOPLE.people,
            {
              patientId: 'pat-2',
              displayName: 'Elena López',
              birthDate: '1950-05-05',
              access: 'full',
              relationship: 'child',
            },
          ],
        }),
    });
    const el = await openPage();
    const request = await openRequest(el);
    const r = request.shadowRoot!;
    type(r, '#patient-firstName', 'Elena');
    type(r, '#patient-lastName', 'López');
    type(r, '#patient-birthDate', '1950-05-05');
    type(r, '#patient-zip', '60901');
    type(r, '#relationship', 'child');
    await request.updateComplete;
    r.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitUntil(() => r.querySelector('family-passcode-form')?.shadowRoot?.querySelector('#passcode'));
    expect(calls.find((c) => c.path === '/api/family/requests/mine')!.body).to.deep.equal({
      patient: { firstName: 'Elena', lastName: 'López', birthDate: '1950-05-05', zip: '60901' },
      relationship: 'child',
    });
    const step = r.querySelector('family-passcode-form')!;
    const p = step.shadowRoot!;
    expect(p.activeElement?.id).to.equal('passcode-heading');
    expect(p.textContent).to.contain('Elena López');
    expect(p.textContent).to.contain('not to you');
    expect(p.textContent).to.contain('consents');

    type(p, '#passcode', 'abcd-2345');
    await step.updateComplete;
    p.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitUntil(() => p.querySelector('#passcode-error'));
    expect(p.querySelector('#passcode-error')!.textContent).to.contain('not right');
    expect(p.activeElement?.id).to.equal('passcode');

    type(p, '#passcode', 'abcd-2346');
    await step.updateComplete;
    p.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitUntil(() => r.querySelector('.success'));
    const sent = calls.filter((c) => c.path === '/api/family/requests/req-12345/passcode');
    expect(sent[1]!.body).to.deep.equal({ passcode: 'ABCD2346' });
    expect(r.querySelector('.success')!.textContent).to.contain('Elena López');
    expect(r.activeElement).to.equal(r.querySelector('.success'));
    await waitUntil(() => knownPeople('acc-1')?.some((person) => person.patientId === 'pat-2'));
  });

  it('refuses to ask about a child under 13 without calling the server', async () => {
    const calls = stubApi(routes());
    const el = await openPage();
    const request = await openRequest(el);
    const r = request.shadowRoot!;
    const young = new Date();
    young.setFullYear(young.getFullYear() - 8);
    type(r, '#patient-firstName', 'Leo');
    type(r, '#patient-lastName', 'López');
    type(r, '#patient-birthDate', young.toISOString().slice(0, 10));
    type(r, '#patient-zip', '60901');
    type(r, '#relationship', 'parent');
    await request.updateComplete;
    r.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitUntil(() => r.querySelector('[role="alert"]'));
    expect(r.querySelector('[role="alert"]')!.textContent).to.contain('COPPA');
    expect(calls.some((c) => c.path.startsWith('/api/family/requests'))).to.equal(false);
  });

  it('finishes a request begun on Sign up today with an address that already had an account', async () => {
    rememberRequest({
      requestId: 'req-signup-1',
      expiresAt: '2099-01-04T12:00:00Z',
      patientName: 'Elena López',
      requesterName: 'Ana López',
      email: 'ana.lopez@example.com',
    });
    const calls = stubApi({
      ...routes(),
      'POST /api/family/requests/req-signup-1/passcode': () =>
        json({ status: 'passcode-accepted', granted: true, access: 'full' }),
    });
    const el = await openPage();
    const step = root(el)
      .querySelector('#pending-heading')!
      .closest('section')!
      .querySelector('family-passcode-form')!;
    await step.updateComplete;
    type(step.shadowRoot!, '#passcode', 'ABCD-EFGH-23');
    await step.updateComplete;
    step.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitUntil(() => root(el).querySelector('#pending-notice'));
    const sent = calls.find((c) => c.path === '/api/family/requests/req-signup-1/passcode')!;
    expect(sent.headers.get('authorization')).to.equal('Bearer token-1');
    expect(root(el).querySelector('#pending-notice')!.textContent).to.contain('Elena López');
    expect(sessionStorage.getItem('portal.family-request')).to.equal(null);
  });

  it('has no accessibility violations, with a panel open', async () => {
    stubApi(routes());
    const el = await openPage();
    buttonNamed(root(el), 'Invite Family Member').click();
    await openRequest(el);
    const item = grantItem(el, 'Carlos López');
    buttonNamed(item.shadowRoot!, 'Change access level').click();
    await el.updateComplete;
    await item.updateComplete;
    expect(await axeViolations(el)).to.deep.equal([]);
  });
});

// Profile: edits send only what changed with the version they were based on; a conflict shows
// both values and resends the user's choice on the new version; no accessibility violations.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { Profile } from '../../../core/accounts';
import { OUTBOX_CHANGED_EVENT, type OutboxChangedDetail } from '../../../core/outbox';
import { openDeviceDb } from '../../data/device-db';
import { session } from '../../data/session';
import { granted, json, noContent, problem, restoreApi, stubApi, type } from '../../test/api-stub';
import { axeViolations } from '../../test/axe';
import { TEST_PROFILE } from '../../test/profile';
import './profile-page';
import type { ProfilePage } from './profile-page';

const form = (el: ProfilePage) => el.shadowRoot!.querySelector('profile-form')!;

async function openProfile(): Promise<ProfilePage> {
  const el = await fixture<ProfilePage>(html`<profile-page></profile-page>`);
  await waitUntil(() => el.shadowRoot!.querySelector('profile-form')?.shadowRoot?.querySelector('form'));
  return el;
}

const baseRoutes = {
  'GET /api/me/profile': () => json(TEST_PROFILE),
  'GET /api/me/sessions': () =>
    json([
      {
        id: 's1',
        device: 'Chrome on Android',
        signedInAt: '2025-01-02T10:00:00Z',
        lastActiveAt: '2025-01-03T10:00:00Z',
        current: true,
      },
      {
        id: 's2',
        device: 'Safari on iPad',
        signedInAt: '2025-01-01T10:00:00Z',
        lastActiveAt: '2025-01-01T12:00:00Z',
        current: false,
      },
    ]),
  'POST /api/auth/sign-out': () => noContent(),
};

describe('<profile-page>', () => {
  beforeEach(() => session.accept(granted()));
  afterEach(async () => {
    await session.signOut();
    restoreApi();
  });

  it('sends only the changed fields with the version they were based on', async () => {
    const calls = stubApi({
      ...baseRoutes,
      'PATCH /api/me/profile': () => json({ ...TEST_PROFILE, preferredName: 'Annie', version: 4 }),
    });
    const el = await openProfile();
    const r = form(el).shadowRoot!;
    type(r, '#preferredName', 'Annie');
    await form(el).updateComplete;
    r.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitUntil(() => form(el).shadowRoot!.querySelector('.success'));
    const patch = calls.find((c) => c.method === 'PATCH')!;
    expect(patch.body).to.deep.equal({ baseVersion: 3, changes: { preferredName: 'Annie' } });
  });

  it('shows both values on a conflict and resubmits the choice on the new version', async () => {
    const current: Profile = {
      ...TEST_PROFILE,
      mobilePhone: '(555) 010-7777',
      preferredName: 'Ana',
      version: 5,
    };
    let patches = 0;
    const calls = stubApi({
      ...baseRoutes,
      'PATCH /api/me/profile': () => {
        patches += 1;
        return patches === 1
          ? problem({
              type: '/problems/edit-conflict',
              title: 'Edit conflict',
              status: 409,
              current,
            } as never)
          : json({ ...current, preferredName: 'Annie', version: 6 });
      },
    });
    const el = await openProfile();
    const r = form(el).shadowRoot!;
    type(r, '#preferredName', 'Annie');
    type(r, '#mobilePhone', '(555) 010-5555');
    await form(el).updateComplete;
    r.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();

    await waitUntil(() =>
      form(el).shadowRoot!.querySelector('profile-conflict')?.shadowRoot?.querySelector('form'),
    );
    const conflict = form(el).shadowRoot!.querySelector('profile-conflict')!;
    const c = conflict.shadowRoot!;
    // Only the mobile phone clashes: nobody else touched the preferred name.
    const legends = [...c.querySelectorAll('legend')].map((l) => l.textContent);
    expect(legends).to.deep.equal(['Mobile phone']);
    expect(c.textContent).to.contain('(555) 010-5555');
    expect(c.textContent).to.contain('(555) 010-7777');
    expect(c.activeElement?.tagName).to.equal('H2');

    // Keep the saved phone number; my preferred name goes through untouched.
    c.querySelector<HTMLInputElement>('input[name="mobilePhone"][value="server"]')!.click();
    await conflict.updateComplete;
    c.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitUntil(() => form(el).shadowRoot!.querySelector('.success'));
    const second = calls.filter((call) => call.method === 'PATCH')[1]!;
    expect(second.body).to.deep.equal({ baseVersion: 5, changes: { preferredName: 'Annie' } });
  });

  it('lists signed-in devices with Sign out on each other device', async () => {
    const calls = stubApi({ ...baseRoutes, 'DELETE /api/me/sessions/s2': () => noContent() });
    const el = await openProfile();
    const settings = el.shadowRoot!.querySelector('security-settings')!;
    await waitUntil(() => settings.shadowRoot!.querySelector('device-list')?.shadowRoot?.querySelector('li'));
    const list = settings.shadowRoot!.querySelector('device-list')!.shadowRoot!;
    const button = list.querySelector<HTMLButtonElement>('button[aria-label="Sign out Safari on iPad"]')!;
    button.click();
    await waitUntil(() => list.querySelectorAll('li').length === 1);
    expect(calls.some((c) => c.method === 'DELETE' && c.path === '/api/me/sessions/s2')).to.equal(true);
    expect(list.textContent).to.contain('Sign out of all devices');
  });

  it('has no accessibility violations', async () => {
    stubApi(baseRoutes);
    const el = await openProfile();
    const settings = el.shadowRoot!.querySelector('security-settings')!;
    await waitUntil(() => settings.shadowRoot!.querySelector('device-list')?.shadowRoot?.querySelector('li'));
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('keeps an edit made without a connection on the device, sealed, and shows it saved once delivered', async () => {
    // The server's sealing key, as GET /api/outbox/key serves it.
    const pair = (await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, [
      'deriveBits',
    ])) as CryptoKeyPair;
    const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
    stubApi({
      ...baseRoutes,
      'GET /api/outbox/key': () => json({ kid: 'test-key', jwk: { ...jwk, alg: 'ECDH-ES' } }),
      'PATCH /api/me/profile': () => Promise.reject(new TypeError('Failed to fetch')),
    });
    const device = openDeviceDb();
    await device.outbox.clear();
    const el = await openProfile();
    const r = form(el).shadowRoot!;
    type(r, '#preferredName', 'Annie Offline');
    await form(el).updateComplete;
    r.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitUntil(() => form(el).shadowRoot!.querySelector('.success'), 'no queued message', {
      timeout: 5000,
    });
    expect(form(el).shadowRoot!.querySelector('.success')!.textContent).to.contain('sent as soon as you');

    const waiting = await device.outbox.toArray();
    expect(waiting).to.have.length(1);
    expect(waiting[0]!.kind).to.equal('profile-edit');
    expect(JSON.stringify(waiting)).not.to.contain('Annie');

    const delivered: OutboxChangedDetail = {
      outcomes: [
        {
          id: waiting[0]!.id,
          kind: 'profile-edit',
          status: 200,
          body: { ...TEST_PROFILE, preferredName: 'Annie Offline', version: 4 },
        },
      ],
    };
    window.dispatchEvent(new CustomEvent(OUTBOX_CHANGED_EVENT, { detail: delivered }));
    await waitUntil(() =>
      form(el).shadowRoot!.querySelector('.success')?.textContent?.includes('Your information is saved'),
    );
    expect(form(el).shadowRoot!.querySelector<HTMLInputElement>('#preferredName')!.value).to.equal(
      'Annie Offline',
    );
    await device.outbox.clear();
    device.close();
  });
});

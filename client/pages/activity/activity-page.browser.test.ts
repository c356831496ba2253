// Activity history: newest first, in the practice's time zone, "You" for the account holder, and
// a From/To filter that asks the server for that period.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { ActivityEvent } from '../../../core/accounts';
import { session } from '../../data/session';
import { granted, json, noContent, restoreApi, stubApi, type } from '../../test/api-stub';
import { axeViolations } from '../../test/axe';
import { TEST_PRACTICE } from '../../test/practice';
import './activity-page';
import type { ActivityPage } from './activity-page';

const event = (
  id: string,
  at: string,
  action: ActivityEvent['action'],
  actor: [string | null, string | null],
): ActivityEvent => ({
  id,
  at,
  action,
  actorAccountId: actor[0],
  actorName: actor[1],
  patientId: 'pat-1',
  addressee: null,
  device: 'Chrome on Android',
});

const EVENTS: ActivityEvent[] = [
  event('1', '2025-03-01T15:00:00Z', 'sign-in', ['acc-1', 'Ana López']),
  event('3', '2025-03-20T14:30:00Z', 'record-viewed', ['acc-9', 'Luis López']),
  event('2', '2025-03-10T09:00:00Z', 'profile-changed', ['acc-1', 'Ana López']),
];

function stubActivity() {
  return stubApi({
    'GET /api/me/activity': (call) => {
      const url = new URL(call.path, 'http://x');
      const from = url.searchParams.get('from') ?? '0000';
      const to = url.searchParams.get('to') ?? '9999';
      return json({ events: EVENTS.filter((e) => e.at.slice(0, 10) >= from && e.at.slice(0, 10) <= to) });
    },
    'POST /api/auth/sign-out': () => noContent(),
  });
}

const rows = (el: ActivityPage) =>
  [...el.shadowRoot!.querySelectorAll('ol.events li')].map((li) =>
    li.textContent!.replace(/\s+/g, ' ').trim(),
  );

describe('<activity-page>', () => {
  beforeEach(() => session.accept(granted()));
  afterEach(async () => {
    await session.signOut();
    restoreApi();
  });

  it('lists events newest first, in the practice time zone, with who acted', async () => {
    stubActivity();
    const el = await fixture<ActivityPage>(html`<activity-page .practice=${TEST_PRACTICE}></activity-page>`);
    await waitUntil(() => rows(el).length === 3);
    const list = rows(el);
    expect(list[0]).to.contain('Health record viewed').and.contain('Luis López').and.contain('10:30 AM EDT');
    expect(list[1]).to.contain('Personal information updated').and.contain('You');
    expect(list[2]).to.contain('Signed in').and.contain('10:00 AM EST');
  });

  it('filters by date through the From and To fields', async () => {
    const calls = stubActivity();
    const el = await fixture<ActivityPage>(html`<activity-page .practice=${TEST_PRACTICE}></activity-page>`);
    await waitUntil(() => rows(el).length === 3);
    type(el.shadowRoot!, '#from', '2025-03-05');
    type(el.shadowRoot!, '#to', '2025-03-15');
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitUntil(() => rows(el).length === 1);
    expect(rows(el)[0]).to.contain('Personal information updated');
    expect(calls.at(-1)!.path).to.equal('/api/me/activity?from=2025-03-05&to=2025-03-15');
  });

  it("shows a parent his young daughter's history, and offers no one with Billing only", async () => {
    const daughter = [event('7', '2025-03-21T08:00:00Z', 'family-access-granted', [null, null])];
    const calls = stubApi({
      'GET /api/me/activity': () => json({ events: EVENTS }),
      'GET /api/patients': () =>
        json({
          people: [
            {
              patientId: 'pat-1',
              displayName: 'Ana López',
              birthDate: '1980-01-01',
              access: 'self',
              relationship: 'self',
            },
            {
              patientId: 'pat-kid',
              displayName: 'Mia López',
              birthDate: '2017-05-05',
              access: 'full',
              relationship: 'child',
            },
            {
              patientId: 'pat-teen',
              displayName: 'Leo López',
              birthDate: '2010-05-05',
              access: 'billing',
              relationship: 'child',
            },
          ],
        }),
      'GET /api/patients/pat-kid/activity': () => json({ events: daughter }),
      'POST /api/auth/sign-out': () => noContent(),
    });
    const el = await fixture<ActivityPage>(html`<activity-page .practice=${TEST_PRACTICE}></activity-page>`);
    await waitUntil(() => el.shadowRoot!.querySelector('#whose'), 'the choice');
    const options = [...el.shadowRoot!.querySelectorAll('#whose option')].map((o) => o.textContent!.trim());
    expect(options).to.deep.equal(['Yours', 'Mia López']);
    type(el.shadowRoot!, '#whose', 'pat-kid');
    await waitUntil(() => rows(el).length === 1, 'her history');
    expect(calls.at(-1)!.path).to.equal('/api/patients/pat-kid/activity');
    expect(el.shadowRoot!.querySelector('.lead')!.textContent).to.contain("Mia López's record");
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('has no accessibility violations', async () => {
    stubActivity();
    const el = await fixture<ActivityPage>(html`<activity-page .practice=${TEST_PRACTICE}></activity-page>`);
    await waitUntil(() => rows(el).length === 3);
    expect(await axeViolations(el)).to.deep.equal([]);
  });
});

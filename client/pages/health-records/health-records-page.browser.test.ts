// The Health Records page for the person chosen: the Consolidated Clinical Summary made on the
// device from its copy of the record (Show Preview, Download as .zip), the dates it covers checked
// before anything is made, and Send via Email with the address twice and the unencrypted warning.
// What was viewed, downloaded or sent is told to the server, or queued while offline.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import JSZip from 'jszip';
import { API } from '../../../core/api-paths';
import { PACKAGE_FILES } from '../../../core/health-record-package';
import type { RecordChange } from '../../../core/records';
import { openDeviceDb } from '../../data/device-db';
import { applyPage } from '../../data/records/apply-page';
import type { RecordsCache } from '../../data/records/records-cache';
import { selectPatient } from '../../data/records/selected-person';
import { session } from '../../data/session';
import { granted, json, noContent, type RecordedCall, restoreApi, stubApi, type } from '../../test/api-stub';
import { axeViolations } from '../../test/axe';
import { TEST_PRACTICE } from '../../test/practice';
import { closeFilledCache, openFilledCache, person } from '../../test/records-fixture';
import './health-records-page';
import { catchDownloads } from '../../test/downloads';
import type { HealthRecordsPage } from './health-records-page';

const SELF = 'pat-ana';
const TEEN = 'pat-teen';

const resources = [
  {
    resourceType: 'Patient',
    id: SELF,
    name: [{ given: ['Ana'], family: 'López' }],
    gender: 'female',
    birthDate: '1985-02-03',
  },
  {
    resourceType: 'Immunization',
    id: 'flu-2016',
    status: 'completed',
    patient: { reference: `Patient/${SELF}` },
    occurrenceDateTime: '2016-06-09T02:24:53+05:30',
    vaccineCode: {
      coding: [
        {
          system: 'http://hl7.org/fhir/sid/cvx',
          code: '140',
          display: 'Influenza, seasonal, injectable, preservative free',
        },
      ],
    },
  },
  {
    resourceType: 'Immunization',
    id: 'tdap-2024',
    status: 'completed',
    patient: { reference: `Patient/${SELF}` },
    occurrenceDateTime: '2024-10-31',
    vaccineCode: { coding: [{ system: 'http://hl7.org/fhir/sid/cvx', code: '115', display: 'Tdap' }] },
  },
];

async function cacheWithRecord(): Promise<RecordsCache> {
  const cache = await openFilledCache([
    person(SELF, 'Ana López', 'self'),
    person(TEEN, 'Tomás López', 'billing'),
  ]);
  const changes: RecordChange[] = resources.map((resource, i) => ({
    type: resource.resourceType,
    id: resource.id,
    seq: i + 1,
    date: null,
    resource,
  }));
  await applyPage(
    cache,
    { patientId: SELF, since: 0, next: changes.length, more: false, changes },
    new Date(),
  );
  return cache;
}

const root = (el: HealthRecordsPage) => el.shadowRoot!;
const text = (el: HealthRecordsPage) => root(el).textContent!.replace(/\s+/g, ' ');
const button = (el: HealthRecordsPage, name: RegExp) =>
  [...root(el).querySelectorAll('button')].find((b) => name.test(b.textContent!))!;
const radio = (el: HealthRecordsPage, label: string) =>
  [...root(el).querySelectorAll('label.check')]
    .find((l) => l.textContent!.trim() === label)!
    .querySelector('input')!;

describe('<health-records-page>', () => {
  let cache: RecordsCache | null = null;
  let calls: RecordedCall[];
  beforeEach(() => {
    session.accept(granted());
    calls = stubApi({
      [`POST ${API.patients.healthRecordEvents(SELF)}`]: () => noContent(),
      [`POST ${API.patients.healthRecordEmail(SELF)}`]: (call) =>
        json({ sentTo: (call.body as { email: string }).email }, 202),
      [`POST ${API.patients.healthRecordLinks(SELF)}`]: (call) =>
        json(
          {
            sentTo: (call.body as { email: string }).email,
            code: '4821 0967',
            expiresAt: '2026-12-11T10:00:00.000Z',
          },
          201,
        ),
    });
  });
  afterEach(async () => {
    restoreApi();
    if (cache) await closeFilledCache(cache);
    cache = null;
    await session.signOut().catch(() => {});
  });

  async function openPage(): Promise<HealthRecordsPage> {
    cache = await cacheWithRecord();
    selectPatient(SELF);
    const el = await fixture<HealthRecordsPage>(
      html`<health-records-page .practice=${TEST_PRACTICE}></health-records-page>`,
    );
    await waitUntil(() => button(el, /Show Preview/), 'the page');
    return el;
  }

  it('shows the summary made on the device, every vaccine on the day it was given, and tells the server it was viewed', async () => {
    const el = await openPage();
    button(el, /Show Preview/).click();
    await waitUntil(() => root(el).querySelector('iframe.preview'), 'the preview', { timeout: 5000 });
    const frame = root(el).querySelector<HTMLIFrameElement>('iframe.preview')!;
    expect(frame.getAttribute('sandbox')).to.equal('');
    const page = frame.srcdoc;
    expect(page).to.contain('López');
    expect(page).to.contain('Tdap');
    expect(page).to.contain('Jun 9, 2016');
    expect(page).not.to.contain('<script');
    expect(button(el, /Hide Preview/).getAttribute('aria-expanded')).to.equal('true');
    await waitUntil(
      () => calls.some((c) => c.path === API.patients.healthRecordEvents(SELF)),
      'the viewed event',
    );
    const event = calls.find((c) => c.path === API.patients.healthRecordEvents(SELF))!;
    expect(event.body).to.deep.equal({ event: 'viewed', selection: { kind: 'all' } });
    expect(event.headers.get('idempotency-key')).to.match(/^[0-9a-f-]{36}$/);
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('downloads a .zip with the C-CDA, the readable page and a README, keeping only the chosen day', async () => {
    const el = await openPage();
    radio(el, 'Single date').click();
    await el.updateComplete;
    type(root(el), '#date', '2024-10-31');
    await el.updateComplete;
    const { caught, stop } = catchDownloads();
    try {
      button(el, /Download/).click();
      await waitUntil(() => caught.length === 1, 'the download', { timeout: 5000 });
    } finally {
      stop();
    }
    expect(caught[0]!.fileName).to.match(/^health-record-\d{4}-\d{2}-\d{2}\.zip$/);
    const zip = await JSZip.loadAsync(await (await fetch(caught[0]!.url)).arrayBuffer());
    expect(Object.keys(zip.files).sort()).to.deep.equal(Object.values(PACKAGE_FILES).sort());
    const xml = await zip.file(PACKAGE_FILES.xml)!.async('string');
    expect(xml).to.contain('code="115"');
    expect(xml).not.to.contain('code="140"');
    expect(text(el)).to.contain('Look for it in your downloads');
    await waitUntil(() =>
      calls.some((c) => (c.body as { event?: string } | undefined)?.event === 'downloaded'),
    );
  });

  it('names what is wrong with the dates before making anything, and puts focus there', async () => {
    const el = await openPage();
    radio(el, 'Custom date range').click();
    await el.updateComplete;
    type(root(el), '#from', '2025-03-01');
    type(root(el), '#to', '2025-02-01');
    button(el, /Show Preview/).click();
    await waitUntil(() => root(el).querySelector('#to-error'), 'the error');
    expect(root(el).querySelector('#to-error')!.textContent).to.contain('on or after the From date');
    expect(root(el).activeElement?.id).to.equal('to');
    radio(el, 'Single date').click();
    await el.updateComplete;
    type(root(el), '#date', '2999-01-01');
    button(el, /Download/).click();
    await waitUntil(() => root(el).querySelector('#date-error'));
    expect(root(el).querySelector('#date-error')!.textContent).to.contain('cannot be in the future');
    expect(root(el).querySelector('iframe')).to.equal(null);
    expect(calls).to.have.length(0);
  });

  it('sends a secure link by default and shows the code to pass on, once', async () => {
    const el = await openPage();
    expect(text(el)).not.to.contain('E-mail is not encrypted');
    type(root(el), '#email', 'records@cardiology.example');
    type(root(el), '#confirmEmail', 'records@cardiology.example');
    root(el).querySelector<HTMLFormElement>('form')!.requestSubmit();
    await waitUntil(() => text(el).includes('4821 0967'), 'the code');
    expect(text(el)).to.contain('A secure link went to records@cardiology.example');
    expect(text(el)).to.contain('by phone or text');
    const sent = calls.find((c) => c.path === API.patients.healthRecordLinks(SELF))!;
    expect(sent.body).to.deep.equal({
      email: 'records@cardiology.example',
      confirmEmail: 'records@cardiology.example',
      recipient: 'provider',
      selection: { kind: 'all' },
    });
    expect(sent.headers.get('idempotency-key')).to.match(/^[0-9a-f-]{36}$/);
    expect(calls.some((c) => c.path === API.patients.healthRecordEmail(SELF))).to.equal(false);
  });

  it('attaches the file only when asked, after saying e-mail is not encrypted, and when both addresses match', async () => {
    const el = await openPage();
    radio(el, 'The file attached to the e-mail').click();
    await el.updateComplete;
    expect(text(el)).to.contain('E-mail is not encrypted');
    type(root(el), '#email', 'records@cardiology.example');
    type(root(el), '#confirmEmail', 'records@cardiolgy.example');
    root(el).querySelector<HTMLFormElement>('form')!.requestSubmit();
    await waitUntil(() => root(el).querySelector('#confirmEmail-error'));
    expect(root(el).activeElement?.id).to.equal('confirmEmail');
    expect(calls.filter((c) => c.path === API.patients.healthRecordEmail(SELF))).to.have.length(0);

    type(root(el), '#confirmEmail', 'records@cardiology.example');
    root(el).querySelector<HTMLFormElement>('form')!.requestSubmit();
    await waitUntil(() => text(el).includes('Sent to records@cardiology.example'), 'sent');
    const sent = calls.find((c) => c.path === API.patients.healthRecordEmail(SELF))!;
    expect(sent.body).to.deep.equal({
      email: 'records@cardiology.example',
      confirmEmail: 'records@cardiology.example',
      recipient: 'provider',
      selection: { kind: 'all' },
    });
  });

  it('keeps an e-mail asked for offline as waiting, sealed on the device', async () => {
    const el = await openPage();
    const online = Object.getOwnPropertyDescriptor(Navigator.prototype, 'onLine')!;
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    try {
      // The server's public sealing key, as the app fetched it while online.
      const { exportJWK, generateKeyPair } = await import('jose');
      const { publicKey } = await generateKeyPair('ECDH-ES', { extractable: true });
      const jwk = await exportJWK(publicKey);
      stubApi({ 'GET /api/outbox/key': () => json({ kid: 'test-key', jwk: { ...jwk, alg: 'ECDH-ES' } }) });
      radio(el, 'The file attached to the e-mail').click();
      await el.updateComplete;
      type(root(el), '#email', 'me@example.com');
      type(root(el), '#confirmEmail', 'me@example.com');
      radio(el, 'Myself').click();
      root(el).querySelector<HTMLFormElement>('form')!.requestSubmit();
      await waitUntil(() => text(el).includes('Waiting to send to me@example.com'), 'waiting', {
        timeout: 5000,
      });
      const items = await openDeviceDb().outbox.where('accountId').equals(cache!.accountId).toArray();
      expect(items.map((i) => i.kind)).to.deep.equal(['health-record-email']);
      expect(JSON.stringify(items)).not.to.contain('me@example.com');
    } finally {
      Object.defineProperty(navigator, 'onLine', online);
      delete (navigator as { onLine?: boolean }).onLine;
    }
  });

  it('shows a Billing only family member no health record', async () => {
    cache = await cacheWithRecord();
    selectPatient(TEEN);
    const el = await fixture<HealthRecordsPage>(
      html`<health-records-page .practice=${TEST_PRACTICE}></health-records-page>`,
    );
    await waitUntil(() => text(el).includes('covers billing only'), 'the note');
    expect(button(el, /Show Preview/)).to.equal(undefined);
  });
});

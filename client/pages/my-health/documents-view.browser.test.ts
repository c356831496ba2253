// Documents as a patient finds them: the guide's kinds, newest first, filtered by type and dates;
// opened inside the app as text, as HTML where nothing in it can run, or as a PDF with a download
// link; Back returns to the list on the document opened.
import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { type } from '../../test/api-stub';
import { axeViolations } from '../../test/axe';
import './documents-view';
import type { AnyResource, RecordResource } from '../../../core/fhir/types';
import type { DocumentsView } from './documents-view';
import { buttonNamed, loinc, visibleText } from './test-records';

const base64 = (text: string) => btoa(String.fromCharCode(...new TextEncoder().encode(text)));

const PDF = [
  '%PDF-1.4',
  '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
  '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
  '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >> endobj',
  '4 0 obj << /Length 44 >> stream',
  'BT /F1 18 Tf 20 70 Td (Imaging report) Tj ET',
  'endstream endobj',
  '5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj',
  'trailer << /Root 1 0 R >>',
  '%%EOF',
].join('\n');

const HOSTILE_HTML = `<h1>Letter about your visit</h1><p>Dear Ana, your results are normal.</p>
<script>parent.postMessage('script-ran', '*'); try { top.scriptRan = true } catch (e) {}</script>
<img src="data:," onerror="parent.postMessage('handler-ran', '*')">`;

const docRef = (
  id: string,
  type: ReturnType<typeof loinc>,
  date: string,
  attachment: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): AnyResource =>
  ({
    resourceType: 'DocumentReference',
    id,
    status: 'current',
    type,
    date,
    author: [{ display: 'Dr. Ana Silva' }],
    content: [{ attachment }],
    ...extra,
  }) as AnyResource;

const RECORD: (RecordResource | AnyResource)[] = [
  docRef(
    'summary',
    loinc('34133-9', 'Summary of episode note'),
    '2024-05-02T15:00:00-04:00',
    {
      contentType: 'text/plain; charset=utf-8',
      data: base64('Visit summary\r\nBlood pressure 128/82. Señora Núñez, keep walking daily.'),
    },
    { description: 'Visit summary, May 2' },
  ),
  docRef('letter', loinc('11488-4', 'Consult note'), '2024-03-10T10:00:00-05:00', {
    contentType: 'text/html',
    data: base64(HOSTILE_HTML),
    title: 'Letter from cardiology',
  }),
  docRef('reminder', { text: 'Reminder: flu shot due' }, '2023-10-01', {
    contentType: 'text/plain',
    data: base64('It is time for your yearly flu shot.'),
  }),
  docRef('case', loinc('34748-4', 'Telephone encounter Note'), '2023-02-01T12:00:00-05:00', {
    contentType: 'application/pdf',
    url: 'https://ehr.example/Binary/123',
    title: 'Phone call about refills',
  }),
  {
    resourceType: 'DiagnosticReport',
    id: 'xray',
    status: 'final',
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'RAD' }] }],
    code: loinc('36643-5', 'XR Chest 2 Views'),
    effectiveDateTime: '2024-01-15T09:00:00-05:00',
    performer: [{ display: 'Dr. Ben Okafor' }],
    presentedForm: [{ contentType: 'application/pdf', data: btoa(PDF), title: 'Chest X-ray report' }],
    conclusion: 'No acute findings.',
  },
  {
    resourceType: 'DiagnosticReport',
    id: 'lipids',
    status: 'final',
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'LAB' }] }],
    code: loinc('57698-3', 'Lipid panel'),
    effectiveDateTime: '2022-06-01T09:00:00-04:00',
    presentedForm: [{ contentType: 'text/plain', data: base64('Lipid panel: all values in range.') }],
  },
];

async function view(resources: AnyResource[] = RECORD): Promise<DocumentsView> {
  const el = await fixture<DocumentsView>(html`<documents-view .resources=${resources}></documents-view>`);
  if (resources.length) await waitUntil(() => titles(el).length > 0, 'no documents rendered');
  return el;
}

const titles = (el: DocumentsView) =>
  [...el.shadowRoot!.querySelectorAll('[role="listitem"] h3')].map((h) => h.textContent!.trim());
const rowOf = (el: DocumentsView, title: string) =>
  [...el.shadowRoot!.querySelectorAll<HTMLElement>('[role="listitem"]')].find((r) =>
    r.textContent!.includes(title),
  )!;
const status = (el: DocumentsView) => el.shadowRoot!.querySelector('[role="status"]')!.textContent!.trim();

async function openDocument(el: DocumentsView, title: string) {
  buttonNamed(rowOf(el, title), title).click();
  await el.updateComplete;
}

describe('<documents-view>', () => {
  setupIgnoreWindowResizeObserverLoopErrors(beforeEach, afterEach, { suppressErrorLogging: true });

  it("lists the record's documents newest first, each with its kind, date and author", async () => {
    const el = await view();
    expect(titles(el)).to.deep.equal([
      'Visit summary, May 2',
      'Letter from cardiology',
      'Chest X-ray report',
      'Reminder: flu shot due, Oct 1, 2023, Dr. Ana Silva',
      'Phone call about refills',
      'Lipid panel',
    ]);
    expect(visibleText(rowOf(el, 'Visit summary'))).to.equal(
      'Visit summary, May 2 Care summary · May 2, 2024 · Dr. Ana Silva',
    );
    expect(visibleText(rowOf(el, 'Chest X-ray'))).to.contain(
      'Imaging or diagnostic result · Jan 15, 2024 · Dr. Ben Okafor',
    );
    expect(visibleText(rowOf(el, 'Reminder'))).to.contain('Health reminder');
    expect(visibleText(rowOf(el, 'Phone call'))).to.contain('Patient case');
    expect(visibleText(rowOf(el, 'Lipid panel'))).to.contain('Lab result');
    expect(visibleText(rowOf(el, 'Letter from'))).to.contain('Letter from your provider');
  });

  it('filters by type of document and by From and To dates', async () => {
    const el = await view();
    const r = el.shadowRoot!;
    const options = [...r.querySelectorAll('#kind option')].map((o) => o.textContent!.trim());
    expect(options).to.deep.equal([
      'All documents (6)',
      'Care summaries (1)',
      'Letters from your providers (1)',
      'Lab results (1)',
      'Imaging and diagnostic results (1)',
      'Patient cases (1)',
      'Health reminders (1)',
    ]);
    type(r, '#kind', 'imaging');
    await el.updateComplete;
    await waitUntil(() => titles(el).length === 1);
    expect(titles(el)).to.deep.equal(['Chest X-ray report']);
    expect(status(el)).to.equal('1 of 6 documents shown.');

    type(r, '#kind', '');
    type(r, '#from', '2023-01-01');
    type(r, '#to', '2023-12-31');
    await el.updateComplete;
    await waitUntil(() => titles(el).length === 2);
    expect(titles(el)).to.deep.equal([
      'Reminder: flu shot due, Oct 1, 2023, Dr. Ana Silva',
      'Phone call about refills',
    ]);

    // The practice's calendar decides: 2024-05-02 15:00 New York is 2 May there.
    type(r, '#from', '2024-05-02');
    type(r, '#to', '2024-05-02');
    await el.updateComplete;
    await waitUntil(() => titles(el).length === 1);
    expect(titles(el)).to.deep.equal(['Visit summary, May 2']);

    type(r, '#from', '2024-06-01');
    type(r, '#to', '2024-01-01');
    await el.updateComplete;
    expect(visibleText(r)).to.contain('The To date must be on or after the From date.');

    type(r, '#from', '2025-01-01');
    type(r, '#to', '2025-12-31');
    await el.updateComplete;
    expect(visibleText(r)).to.contain('No documents match.');
    buttonNamed(r, 'Show all documents').click();
    await el.updateComplete;
    await waitUntil(() => titles(el).length === 6);
    expect(status(el)).to.equal('6 documents, newest first.');
  });

  it('opens a text document inside the app and returns to it in the list', async () => {
    const el = await view();
    const opened: unknown[] = [];
    el.addEventListener('document-open', (e) => opened.push(e.detail));
    await openDocument(el, 'Visit summary, May 2');
    const r = el.shadowRoot!;
    expect(r.activeElement?.id).to.equal('document-heading');
    expect(r.querySelector('pre')!.textContent).to.equal(
      'Visit summary\nBlood pressure 128/82. Señora Núñez, keep walking daily.',
    );
    expect(opened).to.deep.equal([{ resourceType: 'DocumentReference', id: 'summary' }]);
    expect(await axeViolations(el)).to.deep.equal([]);

    buttonNamed(r, 'Back to documents').click();
    await waitUntil(
      () => r.activeElement?.textContent?.trim() === 'Visit summary, May 2',
      'focus not restored',
    );
    expect(r.querySelector('pre')).to.equal(null);
  });

  it('shows HTML in a sandboxed frame where its scripts do not run', async () => {
    const messages: unknown[] = [];
    const listen = (e: MessageEvent) => messages.push(e.data);
    window.addEventListener('message', listen);
    try {
      const el = await view();
      await openDocument(el, 'Letter from cardiology');
      const frame = el.shadowRoot!.querySelector('iframe')!;
      const loaded = new Promise((resolve) => {
        frame.addEventListener('load', resolve, { once: true });
        setTimeout(resolve, 1000);
      });
      expect(frame.getAttribute('sandbox')).to.equal('');
      expect(frame.sandbox.length).to.equal(0);
      expect(frame.srcdoc).to.contain('Dear Ana, your results are normal.');
      expect(frame.srcdoc).to.match(
        /^<meta http-equiv="Content-Security-Policy" content="default-src 'none';/,
      );
      expect(frame.title).to.equal('Document: Letter from cardiology');
      // Whatever the document's script would post arrives as a task after it loaded.
      await loaded;
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(messages).to.deep.equal([]);
      expect((window as unknown as { scriptRan?: boolean }).scriptRan).to.equal(undefined);
    } finally {
      window.removeEventListener('message', listen);
    }
  });

  it('shows a PDF from its inline data through a blob: URL, with a download link', async () => {
    const el = await view();
    await openDocument(el, 'Chest X-ray report');
    const r = el.shadowRoot!;
    const frame = r.querySelector('iframe')!;
    expect(frame.src).to.match(/^blob:/);
    const bytes = await (await fetch(frame.src)).text();
    expect(bytes.startsWith('%PDF-1.4')).to.equal(true);
    const link = [...r.querySelectorAll('a')].find((a) => a.textContent!.includes('Download PDF'))!;
    expect(link.getAttribute('href')).to.equal(frame.src);
    expect(link.getAttribute('download')).to.equal('Chest X-ray report.pdf');
    const url = frame.src;

    buttonNamed(r, 'Back to documents').click();
    await el.updateComplete;
    // The blob is released once the document is closed.
    let released = false;
    await fetch(url).catch(() => {
      released = true;
    });
    expect(released).to.equal(true);
  });

  it('says that a document kept only at the practice opens when online', async () => {
    const el = await view();
    await openDocument(el, 'Phone call about refills');
    expect(visibleText(el.shadowRoot!)).to.contain(
      'This document is kept at the practice and opens when you are online.',
    );
    expect(el.shadowRoot!.querySelector('iframe')).to.equal(null);
  });

  it('says so when there are no documents', async () => {
    const el = await view([]);
    expect(visibleText(el.shadowRoot!)).to.contain('No documents on record.');
  });

  it('has no accessibility violations in the list', async () => {
    const el = await view();
    expect(await axeViolations(el)).to.deep.equal([]);
  });
});

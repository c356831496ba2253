// Every real Synthea patient bundle in ../shared/data/fhir (served by the test runner under
// /shared-data/): each kind of record the My Health views cover shows up with its values.
import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import './documents-view';
import { clinicalTime } from '../../../core/clinical-dates';
import { codeIn, observationValueText, patientText, SYSTEM } from '../../../core/fhir/text';
import type {
  AllergyIntolerance,
  AnyResource,
  Condition,
  DocumentReference,
  Immunization,
  Medication,
  MedicationRequest,
  Observation,
  Procedure,
} from '../../../core/fhir/types';
import type { DocumentsView } from './documents-view';
import './medical-history-view';
import type { MedicalHistoryView } from './medical-history-view';
import { bundleResources, buttonNamed, visibleText } from './test-records';
import './test-results-view';
import type { TestResultsView } from './test-results-view';

interface Patient {
  file: string;
  resources: AnyResource[];
}

const patients: Patient[] = [];

const of = <T extends AnyResource>(p: Patient, type: string) =>
  p.resources.filter((r) => r.resourceType === type) as T[];

const inCategory = (o: Observation, ...codes: string[]) =>
  o.category?.some((c) => c.coding?.some((x) => codes.includes(x.code ?? ''))) ?? false;
const isVital = (o: Observation) => inCategory(o, 'vital-signs');
const when = (o: Observation) => clinicalTime(o.effectiveDateTime ?? o.effectivePeriod?.start ?? o.issued);
const newest = <T>(items: T[], time: (t: T) => number) =>
  items.reduce<T | undefined>(
    (best, x) => (best === undefined || time(x) > time(best) ? x : best),
    undefined,
  );

/** Presses every "Show all" so long lists are complete. */
async function showEverything(el: MedicalHistoryView) {
  for (const button of el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button.disclosure'))
    if (button.textContent!.trim().startsWith('Show all')) button.click();
  await el.updateComplete;
}

describe('My Health over the real Synthea bundles', () => {
  setupIgnoreWindowResizeObserverLoopErrors(beforeEach, afterEach, { suppressErrorLogging: true });

  before(async () => {
    const files: string[] = await (await fetch('/shared-data/fhir/')).json();
    for (const file of files.filter((f) => f.endsWith('.json'))) {
      const bundle = await (await fetch(`/shared-data/${file}`)).json();
      const resources = bundleResources(bundle);
      if (resources.some((r) => r.resourceType === 'Patient')) patients.push({ file, resources });
    }
  });

  it('finds every patient bundle', () => {
    expect(patients.map((p) => p.file.split('/').pop())).to.have.members([
      'child-3y-M_Les282_Bernier607.json',
      'small-child-11y-M_Roland928_Nienow652.json',
      'adult-45y-M-large_Daniel959_Villasenor332.json',
      'adult-57y-F-allergies_Rosa195_Kerluke267.json',
      'teen-13y-M_Rich940_Schumm995.json',
    ]);
  });

  it('refuses paths outside the shared data folder', async () => {
    expect((await fetch('/shared-data/..%2F..%2Fmain%2Fpackage.json')).status).to.equal(403);
  });

  it('shows every problem, medication, allergy, immunization and procedure, and the latest vitals', async () => {
    for (const p of patients) {
      const el = await fixture<MedicalHistoryView>(
        html`<medical-history-view .resources=${p.resources}></medical-history-view>`,
      );
      await showEverything(el);
      const text = visibleText(el.shadowRoot!);
      const missing = (words: string) => `${p.file}: "${words}" not shown`;

      for (const c of of<Condition>(p, 'Condition'))
        expect(text, missing(patientText(c.code))).to.contain(patientText(c.code));

      const medications = new Map(of<Medication>(p, 'Medication').map((m) => [`urn:uuid:${m.id}`, m]));
      for (const m of of<MedicationRequest>(p, 'MedicationRequest')) {
        const name = patientText(
          m.medicationCodeableConcept ?? medications.get(m.medicationReference?.reference ?? '')?.code,
        );
        expect(name, `${p.file}: a medication without a name`).not.to.equal('');
        expect(text, missing(name)).to.contain(name);
      }

      for (const a of of<AllergyIntolerance>(p, 'AllergyIntolerance')) {
        expect(text, missing(patientText(a.code))).to.contain(patientText(a.code));
        for (const r of a.reaction ?? [])
          for (const m of r.manifestation ?? []) expect(text).to.contain(`${patientText(m)} (${r.severity})`);
      }

      const vaccines = of<Immunization>(p, 'Immunization');
      for (const i of vaccines)
        expect(text, missing(patientText(i.vaccineCode))).to.contain(patientText(i.vaccineCode));
      if (vaccines.length) {
        const section = el.shadowRoot!.querySelector('section[aria-labelledby="immunizations"]')!;
        buttonNamed(section, 'Show vaccine details').click();
        await el.updateComplete;
        const latest = newest(vaccines, (i) => clinicalTime(i.occurrenceDateTime))!;
        expect(visibleText(section.querySelector('.vaccine-details:not([hidden])')!)).to.contain(
          `CVX code ${codeIn(latest.vaccineCode, SYSTEM.cvx)}`,
        );
      }

      for (const pr of of<Procedure>(p, 'Procedure'))
        expect(text, missing(patientText(pr.code))).to.contain(patientText(pr.code));

      const vitals = of<Observation>(p, 'Observation').filter(isVital);
      for (const code of ['85354-9', '29463-7', '8302-2', '8867-4']) {
        const latest = newest(
          vitals.filter((o) => codeIn(o.code, SYSTEM.loinc) === code),
          when,
        );
        if (latest)
          expect(text, missing(observationValueText(latest))).to.contain(observationValueText(latest));
      }

      for (const [type, empty] of [
        ['Condition', 'No problems on record.'],
        ['AllergyIntolerance', 'No allergies on record.'],
        ['Procedure', 'No procedures on record.'],
      ] as const)
        if (of(p, type).length === 0) expect(text).to.contain(empty);
      el.remove();
    }
  });

  it('shows every vaccination and note on the calendar day its source wrote, in a phone set to the practice zone', async () => {
    // The browser runs in America/Chicago (web-test-runner.config.mjs) and these bundles carry
    // -07:00, -08:00 or +05:30: converting to the device or practice zone would move the day.
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).to.equal('America/Chicago');
    const writtenDay = (value: string) =>
      new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(
        Date.parse(value.slice(0, 10)),
      );
    for (const p of patients) {
      const el = await fixture<MedicalHistoryView>(
        html`<medical-history-view .resources=${p.resources}></medical-history-view>`,
      );
      await showEverything(el);
      const section = el.shadowRoot!.querySelector('section[aria-labelledby="immunizations"]')!;
      const shown = [...section.querySelectorAll('li > .meta')].map((m) => m.textContent!.trim()).sort();
      const written = of<Immunization>(p, 'Immunization')
        .map((i) => writtenDay(i.occurrenceDateTime!))
        .sort();
      expect(shown, `${p.file}: vaccination dates`).to.deep.equal(written);
      el.remove();

      const notes = of<DocumentReference>(p, 'DocumentReference');
      if (notes.length === 0) continue;
      const docs = await fixture<DocumentsView>(
        html`<documents-view .resources=${p.resources}></documents-view>`,
      );
      const latest = newest(notes, (d) => clinicalTime(d.date))!;
      const day = latest.date!.slice(0, 10);
      docs.from = day;
      docs.to = day;
      await docs.updateComplete;
      const sameDay = notes.filter((n) => n.date!.startsWith(day)).length;
      expect(
        docs.shadowRoot!.querySelector('[role="status"]')!.textContent!.trim(),
        `${p.file}: notes of ${day}`,
      ).to.equal(`${sameDay} of ${notes.length} documents shown.`);
      await waitUntil(() => docs.shadowRoot!.querySelector('[role="listitem"] .meta'), `${p.file}: no rows`);
      expect(visibleText(docs.shadowRoot!.querySelector('[role="listitem"] .meta')!)).to.contain(
        writtenDay(day),
      );
      docs.remove();
    }
  });

  it('shows the newest lab result with its value, and its history', async () => {
    for (const p of patients) {
      const el = await fixture<TestResultsView>(
        html`<test-results-view .resources=${p.resources}></test-results-view>`,
      );
      const labs = of<Observation>(p, 'Observation').filter(
        (o) => !inCategory(o, 'vital-signs', 'survey', 'social-history'),
      );
      if (labs.length === 0) {
        expect(visibleText(el.shadowRoot!)).to.contain('No test results on record.');
        el.remove();
        continue;
      }
      await waitUntil(() => el.shadowRoot!.querySelector('[role="listitem"]'), `${p.file}: no rows`);
      const latest = newest(labs, when)!;
      const rows = [...el.shadowRoot!.querySelectorAll('[role="listitem"]')]
        .slice(0, 3)
        .map(visibleText)
        .join(' ');
      expect(rows, `${p.file}: newest result`).to.contain(observationValueText(latest));
      const first = el.shadowRoot!.querySelector<HTMLButtonElement>('[role="listitem"] button.open')!;
      first.click();
      await el.updateComplete;
      const trend = el.shadowRoot!.querySelector('health-trend')!;
      await trend.updateComplete;
      const summary =
        trend.shadowRoot!.querySelector('svg[role="img"]')?.getAttribute('aria-label') ??
        trend.shadowRoot!.querySelector('caption')!.textContent!;
      expect(summary).to.match(/\d+ results?/);
      el.remove();
    }
  });

  it('lists each clinical note once and opens it as text', async () => {
    for (const p of patients) {
      const el = await fixture<DocumentsView>(
        html`<documents-view .resources=${p.resources}></documents-view>`,
      );
      const notes = of<DocumentReference>(p, 'DocumentReference');
      if (notes.length === 0) {
        expect(visibleText(el.shadowRoot!)).to.contain('No documents on record.');
        el.remove();
        continue;
      }
      // Synthea files each note twice (DocumentReference and DiagnosticReport): listed once.
      expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent!.trim()).to.equal(
        `${notes.length} documents, newest first.`,
      );
      await waitUntil(() => el.shadowRoot!.querySelector('[role="listitem"] button'), `${p.file}: no rows`);
      el.shadowRoot!.querySelector<HTMLButtonElement>('[role="listitem"] button')!.click();
      await el.updateComplete;
      const latest = newest(notes, (d) => clinicalTime(d.date))!;
      const expected = new TextDecoder()
        .decode(Uint8Array.from(atob(latest.content![0]!.attachment!.data!), (c) => c.charCodeAt(0)))
        .replace(/\r\n?/g, '\n');
      expect(el.shadowRoot!.querySelector('pre')!.textContent).to.equal(expected);
      el.remove();
    }
  });
});

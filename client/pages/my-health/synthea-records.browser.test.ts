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
  CarePlan,
  Condition,
  Device,
  DiagnosticReport,
  DocumentReference,
  Encounter,
  Immunization,
  Medication,
  MedicationAdministration,
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
import './visits-view';
import type { VisitsView } from './visits-view';

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

/** The calendar day a FHIR date or dateTime is written on, as the views format a date. */
const writtenDay = (value: string) =>
  new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(
    Date.parse(value.slice(0, 10)),
  );

/** The number in "Heading (N on record)". */
const headingCount = (root: ParentNode, id: string) =>
  Number(/\((\d+)/.exec(root.querySelector(`#${id}`)?.textContent ?? '')?.[1] ?? Number.NaN);

/** The types a visit gathers, and the references by which each points at its visit. */
const VISIT_LINKED_TYPES = [
  'Condition',
  'Observation',
  'DiagnosticReport',
  'Procedure',
  'DocumentReference',
  'Immunization',
  'MedicationRequest',
  'MedicationAdministration',
  'ImagingStudy',
  'CarePlan',
];
function visitRefs(r: AnyResource): string[] {
  const x = r as {
    encounter?: { reference?: string };
    context?: { reference?: string; encounter?: { reference?: string }[] };
  };
  return [
    x.encounter?.reference,
    x.context?.reference,
    ...(x.context?.encounter ?? []).map((e) => e.reference),
  ].filter((ref): ref is string => typeof ref === 'string');
}

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

  it('shows every visit on the day its source wrote, with everything recorded at it', async () => {
    for (const p of patients) {
      const el = await fixture<VisitsView>(html`<visits-view .resources=${p.resources}></visits-view>`);
      const encounters = of<Encounter>(p, 'Encounter');
      expect(headingCount(el.shadowRoot!, 'visits'), `${p.file}: visits`).to.equal(encounters.length);
      const more = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button')].find((b) =>
        b.textContent!.trim().startsWith('Show all'),
      );
      more?.click();
      await el.updateComplete;
      const items = [...el.shadowRoot!.querySelectorAll('li.visit')];
      expect(items, `${p.file}: visits listed`).to.have.length(encounters.length);
      const shownDays = items
        .map((li) => li.querySelector('.meta')!.textContent!.split(' · ')[0]!.trim())
        .sort();
      expect(shownDays, `${p.file}: visit dates`).to.deep.equal(
        encounters.map((e) => writtenDay(e.period!.start!)).sort(),
      );
      const ids = new Set(encounters.map((e) => `urn:uuid:${e.id}`));
      // Synthea files each note twice (DocumentReference and a DiagnosticReport with the same
      // text): a visit lists it once.
      const noteTexts = new Set(
        of<DocumentReference>(p, 'DocumentReference').flatMap((d) =>
          (d.content ?? []).map((c) => c.attachment?.data ?? ''),
        ),
      );
      const repeatsNote = (r: AnyResource) =>
        r.resourceType === 'DiagnosticReport' &&
        ((r as DiagnosticReport).presentedForm ?? []).some((f) => noteTexts.has(f.data ?? ''));
      const linked = p.resources.filter(
        (r) =>
          VISIT_LINKED_TYPES.includes(r.resourceType) &&
          visitRefs(r).some((ref) => ids.has(ref)) &&
          !repeatsNote(r),
      ).length;
      const shownLinked = items
        .map((li) =>
          Number(/Show what was recorded \((\d+)\)/.exec(li.textContent!.replace(/\s+/g, ' '))?.[1] ?? 0),
        )
        .reduce((a, b) => a + b, 0);
      expect(shownLinked, `${p.file}: records filed at visits`).to.equal(linked);
      el.remove();
    }
  });

  it('shows every care plan, care team, score, smoking status, device and given medicine the patient has', async () => {
    for (const p of patients) {
      const el = await fixture<MedicalHistoryView>(
        html`<medical-history-view .resources=${p.resources}></medical-history-view>`,
      );
      await showEverything(el);
      const root = el.shadowRoot!;
      const observations = of<Observation>(p, 'Observation');
      const plans = of<CarePlan>(p, 'CarePlan');
      expect(headingCount(root, 'care-plans'), `${p.file}: care plans`).to.equal(
        plans.length + of(p, 'Goal').length,
      );
      const planText = visibleText(root.querySelector('section[aria-labelledby="care-plans"]')!);
      for (const plan of plans)
        for (const a of plan.activity ?? [])
          expect(planText, `${p.file}: activity`).to.contain(patientText(a.detail?.code));
      expect(headingCount(root, 'care-team'), `${p.file}: care teams`).to.equal(of(p, 'CareTeam').length);

      const surveys = observations.filter((o) => inCategory(o, 'survey'));
      const questionnaires = new Set(surveys.map((o) => codeIn(o.code, SYSTEM.loinc)));
      expect(headingCount(root, 'scores'), `${p.file}: questionnaires`).to.equal(questionnaires.size);
      const answers = [...root.querySelectorAll('section[aria-labelledby="scores"] ul.vitals > li')]
        .map((li) => Number(/(\d+) answers/.exec(visibleText(li))?.[1] ?? 1))
        .reduce((a, b) => a + b, 0);
      expect(answers, `${p.file}: questionnaire answers`).to.equal(surveys.length);

      const smoking = observations.filter((o) => codeIn(o.code, SYSTEM.loinc) === '72166-2');
      const social = observations.filter((o) => inCategory(o, 'social-history'));
      expect(headingCount(root, 'smoking'), `${p.file}: social history`).to.equal(social.length);
      const latestSmoking = newest(smoking, when);
      if (latestSmoking)
        expect(visibleText(root.querySelector('section[aria-labelledby="smoking"]')!)).to.contain(
          `As of ${writtenDay(latestSmoking.effectiveDateTime!)}`,
        );

      const own = of<Device>(p, 'Device').filter(
        (d) => d.patient && !/\(environment\)$/.test(d.type?.coding?.[0]?.display ?? ''),
      );
      expect(headingCount(root, 'devices'), `${p.file}: devices`).to.equal(own.length);
      const deviceText = visibleText(root.querySelector('section[aria-labelledby="devices"]')!);
      for (const d of own) expect(deviceText).to.contain(d.udiCarrier![0]!.carrierHRF!);
      expect(deviceText).not.to.contain('Operating room');

      const given = of<MedicationAdministration>(p, 'MedicationAdministration');
      const meds = visibleText(root.querySelector('section[aria-labelledby="medications"]')!);
      if (given.length) expect(meds).to.contain(`Given at a visit (${given.length}`);
      for (const g of given) expect(meds).to.contain(`Given ${writtenDay(g.effectiveDateTime!)}`);
      el.remove();
    }
  });

  it('shows every vaccination and note on the calendar day its source wrote, in a phone set to the practice zone', async () => {
    // The browser runs in America/Chicago (web-test-runner.config.mjs) and these bundles carry
    // -07:00, -08:00 or +05:30: converting to the device or practice zone would move the day.
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).to.equal('America/Chicago');
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

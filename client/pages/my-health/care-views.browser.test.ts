// The parts of the record beyond problems and results, as a patient reads them: visits with what
// was recorded at each, care plans (active first) with goals and the care team, smoking status and
// questionnaire scores with what a score means, devices and implants, medicines given at a visit,
// and documents that say when a newer version replaced them.
import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import type { AnyResource, Observation, RecordResource } from '../../../core/fhir/types';
import { axeViolations } from '../../test/axe';
import './documents-view';
import type { DocumentsView } from './documents-view';
import './medical-history-view';
import { recordIndex } from '../../../core/fhir/record-index';
import type { MedicalHistoryView } from './medical-history-view';
import { groupByKind, recordLabel, withPlainWordMatches } from './record-search';
import { buttonNamed, loinc, snomed, visibleText } from './test-records';
import './visits-view';
import type { VisitsView } from './visits-view';

const PATIENT: RecordResource = { resourceType: 'Patient', id: 'pat-1', gender: 'female' };

const score = (id: string, code: string, display: string, value: number, date: string): Observation => ({
  resourceType: 'Observation',
  id,
  status: 'final',
  category: [{ coding: [{ code: 'survey' }] }],
  code: loinc(code, display),
  effectiveDateTime: date,
  valueQuantity: { value, unit: '{score}' },
});

const RECORD: (RecordResource | AnyResource)[] = [
  PATIENT,
  {
    resourceType: 'Encounter',
    id: 'enc-old',
    status: 'finished',
    class: { code: 'AMB' },
    type: [snomed('185349003', 'Encounter for check up (procedure)')],
    period: { start: '2021-04-02T09:00:00-05:00' },
    participant: [{ individual: { reference: 'Practitioner/p-1', display: 'Dr. Ana Silva' } }],
    location: [{ location: { reference: 'Location/l-1', display: 'Main Office' } }],
  },
  {
    resourceType: 'Encounter',
    id: 'enc-flu',
    status: 'finished',
    class: { code: 'AMB' },
    type: [snomed('185347001', 'Encounter for problem (procedure)')],
    reasonCode: [snomed('6142004', 'Influenza (disorder)')],
    period: { start: '2024-01-09T23:30:00+05:30', end: '2024-01-10T00:10:00+05:30' },
    participant: [
      {
        type: [{ coding: [{ code: 'PPRF' }] }],
        individual: { reference: 'Practitioner/p-2', display: 'Dr. Omar Haddad' },
      },
    ],
    location: [{ location: { reference: 'Location/l-2', display: 'Riverside Clinic' } }],
  },
  {
    resourceType: 'Encounter',
    id: 'enc-error',
    status: 'entered-in-error',
    type: [{ text: 'Wrong chart' }],
    period: { start: '2024-02-01' },
  },
  {
    resourceType: 'Immunization',
    id: 'imm-1',
    status: 'completed',
    vaccineCode: { text: 'Influenza, seasonal, injectable' },
    occurrenceDateTime: '2024-01-09T23:40:00+05:30',
    encounter: { reference: 'Encounter/enc-flu' },
  },
  {
    resourceType: 'Observation',
    id: 'lab-flu',
    status: 'final',
    category: [{ coding: [{ code: 'laboratory' }] }],
    code: loinc('80382-5', 'Influenza virus A Ag [Presence] in Upper respiratory specimen'),
    effectiveDateTime: '2024-01-09T23:45:00+05:30',
    valueCodeableConcept: { text: 'Detected' },
    encounter: { reference: 'Encounter/enc-flu' },
  },
  {
    resourceType: 'Observation',
    id: 'pulse-flu',
    status: 'final',
    category: [{ coding: [{ code: 'vital-signs' }] }],
    code: loinc('8867-4', 'Heart rate'),
    effectiveDateTime: '2024-01-09T23:35:00+05:30',
    valueQuantity: { value: 96, unit: '/min' },
    encounter: { reference: 'Encounter/enc-flu' },
  },
  {
    resourceType: 'Condition',
    id: 'cond-1',
    clinicalStatus: { coding: [{ code: 'resolved' }] },
    code: snomed('6142004', 'Influenza (disorder)'),
    onsetDateTime: '2024-01-09',
    encounter: { reference: 'urn:uuid:enc-flu' },
  },
  {
    resourceType: 'DocumentReference',
    id: 'doc-old',
    status: 'superseded',
    type: loinc('34117-2', 'History and physical note'),
    date: '2024-01-09T23:50:00+05:30',
    author: [{ display: 'Dr. Omar Haddad' }],
    content: [{ attachment: { contentType: 'text/plain', data: btoa('First version') } }],
    context: { encounter: [{ reference: 'Encounter/enc-flu' }] },
  },
  {
    resourceType: 'DocumentReference',
    id: 'doc-new',
    status: 'current',
    type: loinc('34117-2', 'History and physical note'),
    date: '2024-01-11T08:00:00-05:00',
    author: [{ display: 'Dr. Omar Haddad' }],
    content: [{ attachment: { contentType: 'text/plain', data: btoa('Second version') } }],
  },
  {
    resourceType: 'MedicationAdministration',
    id: 'ma-1',
    status: 'completed',
    medicationCodeableConcept: { text: 'Oseltamivir 75 MG Oral Capsule' },
    effectiveDateTime: '2024-01-09T23:55:00+05:30',
    context: { reference: 'Encounter/enc-flu' },
    dosage: { dose: { value: 1, unit: 'capsule' } },
  },
  {
    resourceType: 'MedicationRequest',
    id: 'mr-1',
    status: 'active',
    medicationCodeableConcept: { text: 'Lisinopril 10 MG Oral Tablet' },
    authoredOn: '2023-05-01',
  },
  {
    resourceType: 'CarePlan',
    id: 'plan-done',
    status: 'completed',
    intent: 'order',
    category: [{ coding: [{ code: 'assess-plan' }] }, snomed('91251008', 'Physical therapy procedure')],
    period: { start: '2019-01-01', end: '2019-03-01' },
    activity: [{ detail: { code: { text: 'Knee exercises' }, status: 'completed' } }],
  },
  {
    resourceType: 'CarePlan',
    id: 'plan-allergy',
    status: 'active',
    intent: 'order',
    category: [
      { coding: [{ code: 'assess-plan' }] },
      snomed('384758001', 'Self-care interventions (procedure)'),
    ],
    period: { start: '2020-07-30T23:33:58+05:30' },
    careTeam: [{ reference: 'CareTeam/team-1' }],
    goal: [{ reference: 'Goal/goal-1' }],
    activity: [
      { detail: { code: snomed('409002', 'Food allergy diet (finding)'), status: 'in-progress' } },
      { detail: { code: snomed('58332002', 'Allergy education (procedure)'), status: 'scheduled' } },
    ],
  },
  {
    resourceType: 'Goal',
    id: 'goal-1',
    lifecycleStatus: 'active',
    description: { text: 'Avoid shellfish at every meal' },
    startDate: '2020-07-30',
  },
  {
    resourceType: 'CareTeam',
    id: 'team-1',
    status: 'active',
    subject: { reference: 'Patient/pat-1' },
    period: { start: '2020-07-30' },
    participant: [
      { role: [{ text: 'Patient' }], member: { reference: 'Patient/pat-1', display: 'Rosa Kerluke' } },
      {
        role: [snomed('223366009', 'Healthcare professional (occupation)')],
        member: { reference: 'Practitioner/p-1', display: 'Dr. Ana Silva' },
      },
      {
        role: [{ text: 'Healthcare services' }],
        member: { reference: 'Organization/o-1', display: 'Riverbend Family Health' },
      },
    ],
  },
  {
    resourceType: 'Device',
    id: 'dev-knee',
    status: 'active',
    udiCarrier: [
      {
        deviceIdentifier: '00844588003288',
        carrierHRF: '(01)00844588003288(17)141120(10)7654321D(21)10987654d321',
      },
    ],
    deviceName: [{ name: 'Knee joint prosthesis', type: 'user-friendly-name' }],
    type: snomed('109228008', 'Knee joint prosthesis (physical object)'),
    lotNumber: '7654321D',
    serialNumber: '10987654d321',
    manufactureDate: '2014-11-20',
    patient: { reference: 'Patient/pat-1' },
  },
  {
    resourceType: 'Device',
    id: 'dev-room',
    status: 'active',
    type: snomed('228869008', 'Operating room (environment)'),
    udiCarrier: [{ deviceIdentifier: '79429654385154' }],
    patient: { reference: 'Patient/pat-1' },
  },
  {
    resourceType: 'Device',
    id: 'dev-unowned',
    status: 'active',
    deviceName: [{ name: 'Infusion pump' }],
  },
  {
    resourceType: 'Observation',
    id: 'smoke-old',
    status: 'final',
    category: [{ coding: [{ code: 'social-history' }] }],
    code: loinc('72166-2', 'Tobacco smoking status'),
    effectiveDateTime: '2015-02-22T23:33:58+05:30',
    valueCodeableConcept: snomed('77176002', 'Smoker (finding)'),
  },
  {
    resourceType: 'Observation',
    id: 'smoke-new',
    status: 'final',
    category: [{ coding: [{ code: 'social-history' }] }],
    code: loinc('72166-2', 'Tobacco smoking status'),
    effectiveDateTime: '2023-03-01T10:00:00-05:00',
    valueCodeableConcept: snomed('8517006', 'Ex-smoker (finding)'),
  },
  score(
    'phq-1',
    '44261-6',
    'Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]',
    16,
    '2022-05-01',
  ),
  score(
    'phq-2',
    '44261-6',
    'Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]',
    12,
    '2023-05-01',
  ),
  score('gad-1', '70274-6', 'Generalized anxiety disorder 7 item (GAD-7) total score', 3, '2023-05-01'),
  score('audit-1', '75626-2', 'Total score [AUDIT-C]', 3, '2023-05-01'),
];

const historyView = (resources: AnyResource[] = RECORD) =>
  fixture<MedicalHistoryView>(html`<medical-history-view .resources=${resources}></medical-history-view>`);
const section = (el: HTMLElement, id: string) =>
  el.shadowRoot!.querySelector<HTMLElement>(`section[aria-labelledby="${id}"]`)!;

describe('<visits-view>', () => {
  it('lists visits newest first with date, kind, reason, who saw me and where', async () => {
    const el = await fixture<VisitsView>(html`<visits-view .resources=${RECORD}></visits-view>`);
    const visits = [...el.shadowRoot!.querySelectorAll('li.visit')].map(visibleText);
    expect(visits).to.have.length(2);
    expect(el.shadowRoot!.querySelector('h2')!.textContent).to.match(/Visits\s*\(2/);
    expect(visits[0]).to.contain('Visit for problem').and.contain('Jan 9, 2024').and.contain('Office visit');
    expect(visits[0]).to.contain('Reason: Influenza');
    expect(visits[0]).to.contain('Seen by: Dr. Omar Haddad').and.contain('Where: Riverside Clinic');
    expect(visits[1])
      .to.contain('Encounter for check up'.replace('Encounter', 'Visit'))
      .and.contain('Apr 2, 2021');
  });

  it('shows a visit with the vaccines, problems, results, vital signs, medicines and notes recorded at it', async () => {
    const el = await fixture<VisitsView>(html`<visits-view .resources=${RECORD}></visits-view>`);
    const first = el.shadowRoot!.querySelector<HTMLElement>('li.visit')!;
    const button = buttonNamed(first, 'Show what was recorded (6)');
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    button.click();
    await el.updateComplete;
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    const recorded = visibleText(first.querySelector('.recorded')!);
    expect(recorded).to.contain('Vaccines (1').and.contain('Influenza, seasonal, injectable');
    expect(recorded).to.contain('Problems (1').and.contain('Influenza');
    expect(recorded).to.contain('Medicines (1').and.contain('Oseltamivir 75 MG Oral Capsule');
    expect(recorded)
      .to.contain('Test results (1')
      .and.contain('Influenza virus A Ag')
      .and.contain('Detected');
    expect(recorded).to.contain('Vital signs (1').and.contain('Heart rate: 96/min');
    expect(recorded).to.contain('Documents (1').and.contain('History and physical note, Jan 9, 2024');
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('says so when there are no visits', async () => {
    const el = await fixture<VisitsView>(html`<visits-view .resources=${[PATIENT]}></visits-view>`);
    expect(visibleText(el.shadowRoot!)).to.contain('No visits on record.');
  });
});

describe('<medical-history-view>: care plans, care team, scores, devices', () => {
  it('shows the active care plan first with its activities, their status, its goal and care team', async () => {
    const el = await historyView();
    const plans = section(el, 'care-plans');
    const items = [...plans.querySelectorAll('ul.items > li')].map(visibleText);
    expect(items[0])
      .to.contain('Self-care interventions')
      .and.contain('Active')
      .and.contain('Since Jul 30, 2020');
    expect(items[0]).to.contain('Food allergy diet In progress').and.contain('Allergy education Scheduled');
    expect(items[0]).to.contain('Avoid shellfish at every meal');
    expect(items[0]).to.contain('Care team: Dr. Ana Silva, Riverbend Family Health');
    expect(items[0]).not.to.contain('Rosa Kerluke');
    expect(items[1]).to.contain('Physical therapy procedure').and.contain('Completed');
    const groups = [...plans.querySelectorAll('h3')].map(visibleText);
    expect(groups).to.deep.equal(['Active care plans (1 on record)', 'Past care plans (1 on record)']);
  });

  it('names the care team members with their roles, leaving out the patient', async () => {
    const el = await historyView();
    const team = visibleText(section(el, 'care-team'));
    expect(team).to.contain('Dr. Ana Silva Healthcare professional').and.contain('Riverbend Family Health');
    expect(team).not.to.contain('Rosa Kerluke');
  });

  it('says what each questionnaire score means in plain words', async () => {
    const el = await historyView();
    const scores = [...section(el, 'scores').querySelectorAll('ul.vitals > li')].map(visibleText);
    expect(scores[0]).to.contain('Depression questionnaire (PHQ-9)').and.contain('12 points');
    expect(scores[0]).to.contain('Moderate depression').and.contain('May 1, 2023').and.contain('2 answers');
    expect(scores[1]).to.contain('Anxiety questionnaire (GAD-7)').and.contain('Minimal anxiety');
    // AUDIT-C: 3 is the cut-off for women.
    expect(scores[2])
      .to.contain('Alcohol use questionnaire (AUDIT-C)')
      .and.contain('May point to unhealthy drinking');
  });

  it('reads an AUDIT-C score against the cut-off for men', async () => {
    const el = await historyView(
      RECORD.map((r) => (r.resourceType === 'Patient' ? { ...r, gender: 'male' } : r)),
    );
    expect(visibleText(section(el, 'scores'))).to.contain('Low-risk drinking');
  });

  it('shows a score history as a trend with each past score in words', async () => {
    const el = await historyView();
    const phq = section(el, 'scores').querySelector<HTMLElement>('ul.vitals > li')!;
    buttonNamed(phq, 'Show history').click();
    await el.updateComplete;
    expect(phq.querySelector('health-trend')).to.exist;
    const text = visibleText(phq);
    expect(text).to.contain('May 1, 2022: 16 (Moderately severe depression)');
    expect(text).to.contain('May 1, 2023: 12 (Moderate depression)');
  });

  it('shows the latest smoking status and the earlier answers', async () => {
    const el = await historyView();
    const smoking = visibleText(section(el, 'smoking'));
    expect(smoking).to.contain('Smoking status Ex-smoker As of Mar 1, 2023');
    expect(smoking).to.contain('Earlier answers (1').and.contain('Smoker Feb 22, 2015');
  });

  it('shows an implant with its UDI and hides a room and a device that is no one’s', async () => {
    const el = await historyView();
    const devices = section(el, 'devices');
    expect(visibleText(devices.querySelector('h2')!)).to.equal('Devices and implants (1 on record)');
    const text = visibleText(devices);
    expect(text).to.contain('Knee joint prosthesis');
    expect(text).to.contain(
      'Unique device identifier (UDI) (01)00844588003288(17)141120(10)7654321D(21)10987654d321',
    );
    expect(text).to.contain('Lot number 7654321D').and.contain('Serial number 10987654d321');
    expect(text).not.to.contain('Operating room');
    expect(text).not.to.contain('Infusion pump');
  });

  it('lists medicines given at a visit beside the prescriptions', async () => {
    const el = await historyView();
    const meds = visibleText(section(el, 'medications'));
    expect(meds).to.contain('Lisinopril 10 MG Oral Tablet');
    expect(meds).to.contain('Given at a visit (1').and.contain('Oseltamivir 75 MG Oral Capsule');
    expect(meds).to.contain('Given Jan 9, 2024').and.contain('Dose: 1 capsule');
  });

  it('has no accessibility problems with every new section filled', async () => {
    const el = await historyView();
    expect(await axeViolations(el)).to.deep.equal([]);
  });
});

describe('<documents-view>: versions', () => {
  setupIgnoreWindowResizeObserverLoopErrors(beforeEach, afterEach, { suppressErrorLogging: true });

  it('marks a superseded document and tells notes of the same type apart by date and author', async () => {
    const el = await fixture<DocumentsView>(html`<documents-view .resources=${RECORD}></documents-view>`);
    await waitUntil(() => el.shadowRoot!.querySelectorAll('[role="listitem"]').length === 2, 'no rows');
    const rows = [...el.shadowRoot!.querySelectorAll('[role="listitem"]')].map(visibleText);
    expect(rows).to.have.length(2);
    expect(rows[0]).to.contain('History and physical note, Jan 11, 2024, Dr. Omar Haddad');
    expect(rows[0]).not.to.contain('Replaced by a newer version');
    expect(rows[1]).to.contain('History and physical note, Jan 9, 2024, Dr. Omar Haddad');
    expect(rows[1]).to.contain('Replaced by a newer version');
  });
});

describe('on a 320 px phone', () => {
  afterEach(() => setViewport({ width: 800, height: 600 }));

  it('shows visits and every new Medical History section without sideways scrolling', async () => {
    await setViewport({ width: 320, height: 640 });
    const visits = await fixture<VisitsView>(html`<visits-view .resources=${RECORD}></visits-view>`);
    buttonNamed(visits.shadowRoot!, 'Show what was recorded').click();
    await visits.updateComplete;
    expect(document.documentElement.scrollWidth).to.be.at.most(320);
    visits.remove();
    const history = await historyView();
    buttonNamed(section(history, 'scores'), 'Show history').click();
    await history.updateComplete;
    expect(visibleText(section(history, 'devices'))).to.contain('(01)00844588003288');
    expect(document.documentElement.scrollWidth).to.be.at.most(320);
  });
});

describe('search over the new parts', () => {
  it('files visits, care plans, the care team, scores, smoking status and devices under their own headings', () => {
    const groups = groupByKind(RECORD);
    const labels = Object.fromEntries(groups.map((g) => [g.label, g.resources.length]));
    expect(labels).to.include({
      Visits: 2,
      'Care plans and goals': 3,
      'Care team': 1,
      'Questionnaire scores': 4,
      'Smoking and social history': 2,
      'Devices and implants': 1,
    });
    const index = recordIndex(RECORD);
    const phq = RECORD.find((r) => r.id === 'phq-2')!;
    expect(recordLabel(phq, index).title).to.equal('Depression questionnaire (PHQ-9): 12');
  });

  it('finds a score by its plain name and meaning, and a visit by its plain title', () => {
    const ids = (query: string) => withPlainWordMatches([], RECORD, query).map((r) => r.id);
    expect(ids('depression')).to.have.members(['phq-1', 'phq-2']);
    expect(ids('Minimal anxiety')).to.deep.equal(['gad-1']);
    expect(ids('unhealthy drinking')).to.deep.equal(['audit-1']);
    expect(ids('visit for problem')).to.deep.equal(['enc-flu']);
    // What the device copy's search already found is not listed twice.
    const phq = RECORD.find((r) => r.id === 'phq-1')!;
    expect(withPlainWordMatches([phq], RECORD, 'depression').map((r) => r.id)).to.deep.equal([
      'phq-1',
      'phq-2',
    ]);
  });
});

// Medical History as a patient reads it: problems with active first, medications and allergies
// current and past with their details, vaccine details behind "Show vaccine details", procedures,
// the latest vital signs with their history, and plain words when a section is empty; "Print
// vaccination record" making a PDF on the device and handing it to the browser as a download.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import type { AnyResource, RecordResource } from '../../../core/fhir/types';
import { PRACTICE_CACHE_KEY } from '../../data/practice-store';
import { axeViolations } from '../../test/axe';
import { TEST_PRACTICE } from '../../test/practice';
import './medical-history-view';
import { catchDownloads } from '../../test/downloads';
import { MedicalHistoryView } from './medical-history-view';
import { bloodPressure, buttonNamed, loinc, snomed, visibleText, vital } from './test-records';

const RECORD: (RecordResource | AnyResource)[] = [
  {
    resourceType: 'Condition',
    id: 'c-htn',
    clinicalStatus: { coding: [{ code: 'active' }] },
    code: snomed('38341003', 'Hypertensive disorder, systemic arterial (disorder)'),
    onsetDateTime: '2019-05-02',
  },
  {
    resourceType: 'Condition',
    id: 'c-bronchitis',
    clinicalStatus: { coding: [{ code: 'resolved' }] },
    code: snomed('10509002', 'Acute bronchitis (disorder)'),
    onsetDateTime: '2020-03-10T13:00:04-07:00',
    abatementDateTime: '2020-03-31T14:12:04-07:00',
  },
  {
    resourceType: 'Condition',
    id: 'c-error',
    verificationStatus: { coding: [{ code: 'entered-in-error' }] },
    code: { text: 'Wrong chart entry' },
  },
  { resourceType: 'Medication', id: 'm-lisinopril', code: { text: 'Lisinopril 10 MG Oral Tablet' } },
  {
    resourceType: 'MedicationRequest',
    id: 'mr-1',
    status: 'active',
    medicationReference: { reference: 'Medication/m-lisinopril' },
    authoredOn: '2024-01-15T10:00:00-05:00',
    requester: { reference: 'Practitioner/p-1', display: 'Dr. Ana Silva' },
    reasonReference: [{ reference: 'Condition/c-htn' }],
    dosageInstruction: [
      {
        doseAndRate: [{ doseQuantity: { value: 1, unit: 'tablet' } }],
        route: { text: 'Oral route' },
        timing: { repeat: { frequency: 1, period: 1, periodUnit: 'd' } },
      },
    ],
  },
  {
    resourceType: 'MedicationRequest',
    id: 'mr-2',
    status: 'stopped',
    medicationCodeableConcept: { text: 'Amoxicillin 500 MG Oral Capsule' },
    authoredOn: '2020-03-10',
    requester: { display: 'Dr. Ben Okafor' },
    dosageInstruction: [{ text: 'Take 1 capsule three times a day for 10 days' }],
  },
  {
    resourceType: 'AllergyIntolerance',
    id: 'a-peanut',
    clinicalStatus: { coding: [{ code: 'active' }] },
    category: ['food'],
    criticality: 'high',
    code: snomed('91935009', 'Allergy to peanut (finding)'),
    onsetDateTime: '2001-06-01',
    reaction: [
      { manifestation: [snomed('39579001', 'Anaphylaxis (disorder)')], severity: 'severe' },
      { manifestation: [snomed('247472004', 'Wheal (finding)')], severity: 'mild' },
    ],
  },
  {
    resourceType: 'AllergyIntolerance',
    id: 'a-latex',
    clinicalStatus: { coding: [{ code: 'resolved' }] },
    category: ['environment'],
    criticality: 'low',
    code: { text: 'Latex' },
    recordedDate: '2009-02-01',
    note: [{ text: 'Tolerated latex gloves without reaction since 2015.' }],
  },
  {
    resourceType: 'Immunization',
    id: 'i-flu',
    status: 'completed',
    vaccineCode: {
      coding: [
        {
          system: 'http://hl7.org/fhir/sid/cvx',
          code: '140',
          display: 'Influenza, seasonal, injectable, preservative free',
        },
      ],
    },
    occurrenceDateTime: '2024-10-03T09:30:00-04:00',
    manufacturer: { display: 'Sanofi Pasteur Inc' },
    lotNumber: 'UT7021AA',
    site: { coding: [{ code: 'LA', display: 'left arm' }] },
    route: { coding: [{ code: 'IM', display: 'Injection, intramuscular' }] },
    performer: [{ function: { coding: [{ code: 'AP' }] }, actor: { display: 'Nurse Kim Lee' } }],
    location: { display: 'Maple Grove Main Office' },
    protocolApplied: [{ doseNumberPositiveInt: 2, seriesDosesPositiveInt: 3 }],
  },
  {
    resourceType: 'Immunization',
    id: 'i-tdap',
    status: 'completed',
    vaccineCode: { coding: [{ system: 'http://hl7.org/fhir/sid/cvx', code: '115', display: 'Tdap' }] },
    occurrenceDateTime: '2019-04-01',
  },
  {
    resourceType: 'Procedure',
    id: 'pr-1',
    status: 'completed',
    code: snomed('73761001', 'Colonoscopy (procedure)'),
    performedPeriod: { start: '2023-06-12T08:00:00-04:00', end: '2023-06-12T09:00:00-04:00' },
    location: { display: 'Riverside Clinic' },
  },
  bloodPressure('bp-old', 142, 91, '2023-01-10T09:00:00-05:00'),
  bloodPressure('bp-new', 128, 82, '2024-06-01T09:00:00-04:00'),
  vital('w-1', loinc('29463-7', 'Body Weight'), 81.2, 'kg', '2023-01-10T09:00:00-05:00'),
  vital('w-2', loinc('29463-7', 'Body Weight'), 79.5, 'kg', '2024-06-01T09:00:00-04:00'),
  vital('t-1', loinc('8310-5', 'Body temperature'), 37.1, 'Cel', '2024-06-01T09:00:00-04:00'),
];

async function view(resources: AnyResource[] = RECORD): Promise<MedicalHistoryView> {
  return fixture<MedicalHistoryView>(
    html`<medical-history-view .resources=${resources}></medical-history-view>`,
  );
}

const section = (el: MedicalHistoryView, id: string) =>
  el.shadowRoot!.querySelector<HTMLElement>(`section[aria-labelledby="${id}"]`)!;

const WITH_PATIENT: AnyResource[] = [
  ...RECORD,
  {
    resourceType: 'Patient',
    id: 'pat-1',
    name: [{ given: ['María'], family: 'Villaseñor' }],
    birthDate: '1990-07-14',
  } as AnyResource,
  {
    // Given at 02:24 in India on 9 June, which is still 8 June in the Americas.
    resourceType: 'Immunization',
    id: 'i-hepb',
    status: 'completed',
    vaccineCode: { coding: [{ system: 'http://hl7.org/fhir/sid/cvx', code: '08', display: 'Hep B' }] },
    occurrenceDateTime: '2016-06-09T02:24:00+05:30',
  } as AnyResource,
];

const printButton = (el: MedicalHistoryView) =>
  [...section(el, 'immunizations').querySelectorAll('button')].find((b) =>
    /Print vaccination record|Preparing/.test(b.textContent!),
  )!;

describe('<medical-history-view>', () => {
  it('shows each section with a heading and a count', async () => {
    const el = await view();
    const headings = [...el.shadowRoot!.querySelectorAll('h2')].map((h) => visibleText(h));
    expect(headings).to.deep.equal([
      'Problems (2 on record)',
      'Medications (2 on record)',
      'Allergies (2 on record)',
      'Immunizations (2 on record)',
      'Procedures (1 on record)',
      'Devices and implants (0 on record)',
      'Vital signs (3 on record)',
      'Smoking and social history (0 on record)',
      'Questionnaire scores (0 on record)',
      'Care plans and goals (0 on record)',
      'Care team (0 on record)',
    ]);
  });

  it('lists active problems first, with when they started and were resolved, in plain words', async () => {
    const el = await view();
    const text = visibleText(section(el, 'problems'));
    expect(text).to.contain(
      'Current (1 on record) Hypertensive disorder, systemic arterial Active Started May 2, 2019',
    );
    expect(text).to.contain(
      'Past (1 on record) Acute bronchitis Resolved Started Mar 10, 2020 · Resolved Mar 31, 2020',
    );
    expect(text).not.to.contain('(disorder)');
    expect(text).not.to.contain('Wrong chart entry');
  });

  it('shows current and past medications with dose, instructions, prescriber and dates', async () => {
    const el = await view();
    const items = [...section(el, 'medications').querySelectorAll('li')].map(visibleText);
    expect(items[0]).to.equal(
      'Lisinopril 10 MG Oral Tablet Instructions: Take 1 tablet by mouth, once a day Prescribed by: Dr. Ana Silva For: Hypertensive disorder, systemic arterial Prescribed Jan 15, 2024',
    );
    expect(items[1]).to.equal(
      'Amoxicillin 500 MG Oral Capsule Stopped Instructions: Take 1 capsule three times a day for 10 days Prescribed by: Dr. Ben Okafor Prescribed Mar 10, 2020',
    );
    expect(visibleText(section(el, 'medications'))).to.match(
      /Current \(1 on record\) Lisinopril.*Past \(1 on record\) Amoxicillin/,
    );
  });

  it('shows allergies current and past with reactions, severity and risk', async () => {
    const el = await view();
    const text = visibleText(section(el, 'allergies'));
    expect(text).to.contain(
      'Current (1 on record) Allergy to peanut High risk Food allergy · Since Jun 1, 2001 Reactions: Anaphylaxis (severe); Wheal (mild) Risk of a severe reaction: High',
    );
    expect(text).to.contain('Past (1 on record) Latex Resolved Environmental allergy · Recorded Feb 1, 2009');
    expect(text).to.contain('Tolerated latex gloves without reaction since 2015.');
  });

  it('shows the vaccine details after pressing "Show vaccine details"', async () => {
    const el = await view();
    const immunizations = section(el, 'immunizations');
    expect(visibleText(immunizations)).to.contain(
      'Influenza, seasonal, injectable, preservative free Oct 3, 2024',
    );
    const button = buttonNamed(immunizations, 'Show vaccine details');
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    expect(button.textContent).to.contain('Influenza, seasonal');
    const details = el.shadowRoot!.getElementById(button.getAttribute('aria-controls')!)!;
    expect(details.hidden).to.equal(true);

    button.click();
    await el.updateComplete;
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    expect(details.hidden).to.equal(false);
    const facts = [...details.querySelectorAll('dt')].map(
      (dt) => `${dt.textContent}: ${dt.nextElementSibling!.textContent}`,
    );
    expect(facts).to.deep.equal([
      'Vaccine: Influenza, seasonal, injectable, preservative free',
      'CVX code: 140',
      'Date given: Oct 3, 2024',
      'Dose number: 2 of 3',
      'Manufacturer: Sanofi Pasteur Inc',
      'Lot number: UT7021AA',
      'Site: Left arm',
      'Route: Injection, intramuscular',
      'Given by: Nurse Kim Lee',
      'Where: Maple Grove Main Office',
    ]);

    // The Tdap record has fewer details: what is missing says so.
    const tdap = buttonNamed(immunizations.querySelectorAll('li')[1]!, 'Show vaccine details');
    tdap.click();
    await el.updateComplete;
    expect(visibleText(immunizations.querySelectorAll('li')[1]!)).to.contain('Lot number Not recorded');

    button.click();
    await el.updateComplete;
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    expect(details.hidden).to.equal(true);
  });

  describe('"Print vaccination record"', () => {
    const realLoad = MedicalHistoryView.loadPdfMaker;
    afterEach(() => {
      MedicalHistoryView.loadPdfMaker = realLoad;
      localStorage.removeItem(PRACTICE_CACHE_KEY);
      Reflect.deleteProperty(navigator, 'onLine');
    });

    it('makes the PDF on the device from the record shown and hands it to the browser as a download', async function () {
      this.timeout(20_000);
      // The practice's details as the app keeps them for offline use.
      localStorage.setItem(PRACTICE_CACHE_KEY, JSON.stringify(TEST_PRACTICE));
      const el = await view(WITH_PATIENT);
      const downloads = catchDownloads();
      try {
        const button = printButton(el);
        expect(button.type).to.equal('button');
        expect(button.textContent!.trim()).to.equal('Print vaccination record');
        // It sits with the Immunizations heading.
        expect(button.parentElement!.querySelector('h2')!.id).to.equal('immunizations');
        button.focus();
        button.click();
        await el.updateComplete;
        expect(button.disabled).to.equal(true);
        expect(button.textContent!.trim()).to.equal('Preparing…');
        await waitUntil(() => downloads.caught.length > 0, 'download', { timeout: 15_000 });
        await waitUntil(() => !button.disabled, 'button back', { timeout: 5000 });

        expect(downloads.caught).to.have.length(1);
        const [file] = downloads.caught;
        expect(file!.fileName).to.match(/^vaccination-record-\d{4}-\d{2}-\d{2}\.pdf$/);
        expect(file!.url).to.match(/^blob:/);
        const response = await fetch(file!.url);
        expect(response.headers.get('content-type')).to.equal('application/pdf');
        // jspdf leaves the text uncompressed, so "(Page 1 of 1) Tj" reads as written.
        const pdf = new TextDecoder('latin1').decode(await (await response.blob()).arrayBuffer());
        expect(pdf.startsWith('%PDF-')).to.equal(true);
        expect(pdf).to.contain('(Maple Grove Clinic)');
        expect(pdf).to.contain('(Patient: María Villaseñor)');
        expect(pdf).to.contain('(Date of birth: Jul 14, 1990)');
        expect(pdf).to.contain('(Oct 3, 2024)');
        expect(pdf).to.contain('(Jun 9, 2016)');
        expect(pdf).to.contain('(CVX 140)');
        expect(pdf).to.contain('(Page 1 of 1)');
        expect(pdf).to.contain('/Title (Vaccination record)');

        expect(visibleText(section(el, 'immunizations'))).to.contain(
          `Your vaccination record is ready as ${file!.fileName}. Look for it in your downloads.`,
        );
        expect(el.shadowRoot!.activeElement).to.equal(button);
        expect(button.textContent!.trim()).to.equal('Print vaccination record');
        expect(await axeViolations(el)).to.deep.equal([]);
      } finally {
        downloads.stop();
      }
    });

    it('says the PDF maker is not on the device yet when it cannot be loaded offline', async () => {
      MedicalHistoryView.loadPdfMaker = () =>
        Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
      Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
      const el = await view(WITH_PATIENT);
      const downloads = catchDownloads();
      try {
        const button = printButton(el);
        button.focus();
        button.click();
        const alert = () => section(el, 'immunizations').querySelector('[role="alert"]');
        await waitUntil(alert, 'alert', { timeout: 5000 });
        await waitUntil(() => !button.disabled, 'button back', { timeout: 5000 });
        expect(alert()!.textContent!.trim()).to.equal(
          'The PDF maker has not been saved on this device yet; connect once and try again.',
        );
        expect(button.textContent!.trim()).to.equal('Print vaccination record');
        expect(el.shadowRoot!.activeElement).to.equal(button);
        expect(downloads.caught).to.deep.equal([]);
      } finally {
        downloads.stop();
      }
    });

    it('fits a 320 px phone: the button under the heading, whole, and easy to tap', async () => {
      await setViewport({ width: 320, height: 640 });
      try {
        const el = await view(WITH_PATIENT);
        const button = printButton(el).getBoundingClientRect();
        const heading = section(el, 'immunizations').querySelector('h2')!.getBoundingClientRect();
        expect(document.documentElement.scrollWidth).to.be.at.most(320);
        expect(button.left).to.be.at.least(0);
        expect(button.right).to.be.at.most(320);
        expect(button.height).to.be.at.least(44);
        // Side by side only if they fit; otherwise the button wraps below the heading.
        expect(button.top >= heading.bottom || button.left >= heading.right).to.equal(true);
      } finally {
        await setViewport({ width: 800, height: 600 });
      }
    });

    it('is not offered when there are no immunizations on record', async () => {
      const el = await view([]);
      expect(printButton(el)).to.equal(undefined);
    });
  });

  it('shows procedures with date and place', async () => {
    const el = await view();
    expect(visibleText(section(el, 'procedures'))).to.contain('Colonoscopy Jun 12, 2023 · Riverside Clinic');
  });

  it('shows the latest vital sign of each kind, blood pressure as systolic over diastolic, with its history', async () => {
    const el = await view();
    const cards = [...section(el, 'vitals').querySelectorAll('ul.vitals > li')];
    expect(cards.map((c) => visibleText(c).replace(/ Show history.*/, ''))).to.deep.equal([
      'Blood pressure 128/82 mmHg Jun 1, 2024 · 2 readings',
      'Weight 79.5 kg Jun 1, 2024 · 2 readings',
      'Temperature 37.1 °C Jun 1, 2024',
    ]);
    const history = buttonNamed(cards[0]!, 'Show history');
    history.click();
    await el.updateComplete;
    expect(history.getAttribute('aria-expanded')).to.equal('true');
    const trend = cards[0]!.querySelector('health-trend')!;
    await trend.updateComplete;
    const chart = trend.shadowRoot!.querySelector('svg[role="img"]')!;
    expect(chart.getAttribute('aria-label')).to.equal(
      'Blood pressure: 2 results from Jan 10, 2023 to Jun 1, 2024, ranging from systolic 128 to 142 mmHg, diastolic 82 to 91 mmHg. Latest: 128/82 mmHg on Jun 1, 2024.',
    );
    buttonNamed(trend.shadowRoot!, 'Show as table').click();
    await trend.updateComplete;
    const rows = [...trend.shadowRoot!.querySelectorAll('tbody tr')].map(visibleText);
    expect(rows).to.deep.equal(['Jun 1, 2024 128 mmHg 82 mmHg', 'Jan 10, 2023 142 mmHg 91 mmHg']);
  });

  it('says plainly when a section has nothing on record', async () => {
    const el = await view([]);
    const text = visibleText(el.shadowRoot!);
    for (const words of [
      'No problems on record.',
      'No medications on record.',
      'No allergies on record.',
      'No immunizations on record.',
      'No procedures on record.',
      'No vital signs on record.',
    ])
      expect(text).to.contain(words);
  });

  it('shows the newest ten of a long past list, and all of them on request', async () => {
    const many: AnyResource[] = Array.from({ length: 14 }, (_, i) => ({
      resourceType: 'Procedure',
      id: `p${i}`,
      status: 'completed',
      code: { text: `Procedure number ${i}` },
      performedDateTime: `20${10 + i}-01-01`,
    }));
    const el = await view(many);
    const list = () => [...section(el, 'procedures').querySelectorAll('li')];
    expect(list()).to.have.length(10);
    expect(visibleText(list()[0]!)).to.contain('Procedure number 13');
    buttonNamed(section(el, 'procedures'), 'Show all 14 procedures').click();
    await el.updateComplete;
    expect(list()).to.have.length(14);
  });

  it('has no accessibility violations, details open', async () => {
    const el = await view();
    buttonNamed(section(el, 'immunizations'), 'Show vaccine details').click();
    buttonNamed(section(el, 'vitals'), 'Show history').click();
    await el.updateComplete;
    expect(await axeViolations(el)).to.deep.equal([]);
  });
});

// The care parts of each demo chart, added after its history: a care team, smoking status and
// depression and anxiety questionnaires at check-ups, a care plan with goals for a long-term
// problem, and one implant (the older adult's knee). Built from the chart's own visits with fixed
// values, not from the shared random stream, so every other demo value stays as it was.

import type { Json } from '../../../core/json';
import type { FhirResource } from '../records/store';
import type { Chart } from './chart';
import { CONDITION, ENCOUNTER_TYPE } from './codes';
import { addDays, type Concept, concept, hl7, isoDate, quantity, ref, SYSTEM } from './fhir';
import type { DemoPersonKey } from './people';

const SURVEY = hl7('observation-category', 'survey', 'Survey');
const SOCIAL_HISTORY = hl7('observation-category', 'social-history', 'Social History');

const LOINC = {
  smoking: concept(SYSTEM.loinc, '72166-2', 'Tobacco smoking status'),
  phq9: concept(
    SYSTEM.loinc,
    '44261-6',
    'Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]',
  ),
  phq9Teen: concept(
    SYSTEM.loinc,
    '89204-2',
    'Patient Health Questionnaire-9: Modified for Teens total score [Reported.PHQ.Teen]',
  ),
  gad7: concept(
    SYSTEM.loinc,
    '70274-6',
    'Generalized anxiety disorder 7 item (GAD-7) total score [Reported.PHQ]',
  ),
} as const;

const SMOKING = {
  never: concept(SYSTEM.snomed, '266919005', 'Never smoked tobacco (finding)'),
  former: concept(SYSTEM.snomed, '8517006', 'Ex-smoker (finding)'),
  current: concept(SYSTEM.snomed, '77176002', 'Smoker (finding)'),
} as const;

interface CareStory {
  /** Smoking status at each check-up, oldest first (the last one repeats). */
  smoking: (keyof typeof SMOKING)[];
  /** PHQ-9 and GAD-7 scores at each check-up, oldest first; none for children. */
  phq9?: number[];
  gad7?: number[];
  /** The teen form of the PHQ-9. */
  phq9Teen?: number[];
  plan?: PlanStory;
  implant?: boolean;
}

interface PlanStory {
  /** The long-term problem the plan is for (the chart's active Condition with this code). */
  condition: Concept;
  category: Concept;
  activities: [Concept, 'in-progress' | 'scheduled' | 'completed' | 'not-started'][];
  goals: { text: string; measure?: Concept; target?: string; achievement: Concept }[];
  /** A finished earlier plan, to show past plans below the active one. */
  earlier?: { category: Concept; activities: Concept[]; days: number };
}

const sct = (code: string, display: string) => concept(SYSTEM.snomed, code, display);
const achievement = (code: string, display: string) => hl7('goal-achievement', code, display);

const STORIES: Record<DemoPersonKey, CareStory> = {
  'rich-adult': {
    smoking: ['current', 'former'],
    phq9: [11, 9, 7, 6, 4, 3, 5],
    gad7: [10, 8, 6, 5, 4, 3, 4],
    plan: {
      condition: CONDITION.essentialHypertension,
      category: sct('443402002', 'Lifestyle education regarding hypertension (procedure)'),
      activities: [
        [sct('229065009', 'Exercise therapy (regime/therapy)'), 'in-progress'],
        [sct('386463000', 'Prescribed activity/exercise education (procedure)'), 'completed'],
        [sct('413473000', 'Counseling about alcohol consumption (procedure)'), 'scheduled'],
      ],
      goals: [
        {
          text: 'Blood pressure below 130/80 at home and at visits',
          measure: concept(SYSTEM.loinc, '85354-9', 'Blood pressure panel with all children optional'),
          target: 'Below 130/80 mmHg',
          achievement: achievement('improving', 'Improving'),
        },
        {
          text: 'Walk 30 minutes on five days a week',
          achievement: achievement('in-progress', 'In Progress'),
        },
      ],
      earlier: {
        category: sct('91251008', 'Physical therapy procedure (regime/therapy)'),
        activities: [sct('229070002', 'Stretching exercises (regime/therapy)')],
        days: 60,
      },
    },
  },
  parent: { smoking: ['never'], phq9: [2, 3], gad7: [3, 2] },
  'child-9': {
    smoking: [],
    plan: {
      condition: CONDITION.childhoodAsthma,
      category: sct('699728000', 'Asthma self management (procedure)'),
      activities: [
        [sct('710081004', 'Smoking cessation therapy (regime/therapy)'), 'not-started'],
        [sct('708409001', 'Home nebulizer therapy (procedure)'), 'in-progress'],
      ],
      goals: [
        {
          text: 'No nights woken by coughing or wheezing',
          achievement: achievement('in-progress', 'In Progress'),
        },
      ],
    },
  },
  'teen-15': { smoking: ['never'], phq9Teen: [4, 6, 5] },
  'partner-a': { smoking: ['never'], phq9: [5, 3], gad7: [6, 4] },
  'partner-b': { smoking: ['current', 'current', 'former'], phq9: [3, 2], gad7: [2, 1] },
  'older-adult': {
    smoking: ['former'],
    phq9: [8, 6, 4, 5, 3, 2, 4, 3, 2, 3],
    gad7: [4, 3, 3, 2, 2, 1, 2, 1, 1, 2],
    plan: {
      condition: CONDITION.hyperlipidemia,
      category: sct('736285004', 'Hyperlipidemia clinical management plan (record artifact)'),
      activities: [
        [sct('182922004', 'Dietary regime (regime/therapy)'), 'in-progress'],
        [sct('229065009', 'Exercise therapy (regime/therapy)'), 'in-progress'],
      ],
      goals: [
        {
          text: 'LDL cholesterol below 100 mg/dL',
          measure: concept(SYSTEM.loinc, '18262-6', 'LDL Cholesterol'),
          target: 'Below 100 mg/dL',
          achievement: achievement('improving', 'Improving'),
        },
      ],
    },
    implant: true,
  },
};

const CHECK_UP_CODES = new Set(
  [ENCOUNTER_TYPE.checkUp, ENCOUNTER_TYPE.wellChild].map((c) => c.coding[0]?.code),
);

interface ChartVisit {
  id: string;
  start: string;
  practitioner: Json;
  location: Json | undefined;
  checkUp: boolean;
}

function visitsOf(chart: Chart): ChartVisit[] {
  return chart.resources
    .filter((r) => r.resourceType === 'Encounter')
    .map((r) => {
      const e = r as unknown as Json & {
        id: string;
        period: { start: string };
        participant: { individual: Json }[];
        location?: { location: Json }[];
        type: { coding: { code: string }[] }[];
      };
      return {
        id: e.id,
        start: e.period.start,
        practitioner: e.participant[0]!.individual,
        location: e.location?.[0]?.location,
        checkUp: CHECK_UP_CODES.has(e.type[0]?.coding[0]?.code),
      };
    })
    .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
}

/**
 * The visits a questionnaire is asked at, oldest first: the last `n` check-ups, and when there are
 * fewer, the latest other visits too.
 */
function questionnaireVisits(visits: ChartVisit[], n: number): ChartVisit[] {
  const checkUps = visits.filter((v) => v.checkUp).slice(-n);
  const others = visits.filter((v) => !v.checkUp).slice(-(n - checkUps.length));
  const chosen = checkUps.length >= n ? checkUps : [...checkUps, ...others];
  return chosen.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
}

export function addCare(chart: Chart, key: DemoPersonKey): void {
  const story = STORIES[key];
  const visits = visitsOf(chart);
  if (visits.length === 0) return;
  const subject = chart.subject;

  const observation = (kind: string, visit: ChartVisit, category: Concept, code: Concept, value: Json) =>
    chart.addWithId(kind, (id) => ({
      resourceType: 'Observation',
      id,
      status: 'final',
      category: [category],
      code,
      subject,
      encounter: ref('Encounter', visit.id),
      effectiveDateTime: visit.start,
      issued: visit.start,
      ...value,
    }));

  if (story.smoking.length > 0) {
    const checkUps = visits.filter((v) => v.checkUp);
    const at = checkUps.length > 0 ? checkUps : [visits[visits.length - 1]!];
    at.forEach((visit, i) => {
      // Older check-ups get the first answers; the newest ones the last.
      const step = Math.max(0, story.smoking.length - (at.length - i));
      const status = story.smoking[Math.min(step, story.smoking.length - 1)]!;
      observation('smoking', visit, SOCIAL_HISTORY, LOINC.smoking, { valueCodeableConcept: SMOKING[status] });
    });
  }

  const score = (code: Concept, scores: number[] | undefined) => {
    if (!scores) return;
    const at = questionnaireVisits(visits, scores.length);
    const values = scores.slice(-at.length);
    at.forEach((visit, i) => {
      observation('survey', visit, SURVEY, code, { valueQuantity: quantity(values[i]!, '{score}') });
    });
  };
  score(LOINC.phq9, story.phq9);
  score(LOINC.gad7, story.gad7);
  score(LOINC.phq9Teen, story.phq9Teen);

  // The care team: the clinician of the latest visit and the practice, since the first visit.
  const latest = visits[visits.length - 1]!;
  const teamId = chart.addWithId('careteam', (id) => ({
    resourceType: 'CareTeam',
    id,
    status: 'active',
    name: 'Primary care team',
    subject,
    encounter: ref('Encounter', visits[0]!.id),
    period: { start: isoDate(new Date(visits[0]!.start.slice(0, 10))) },
    participant: [
      { role: [sct('116154003', 'Patient (person)')], member: subject },
      {
        role: [sct('446050000', 'Primary care physician (occupation)')],
        member: latest.practitioner,
      },
      {
        role: [sct('224891009', 'Healthcare services (qualifier value)')],
        member: ref('Organization', 'demo-practice'),
      },
    ],
    managingOrganization: [ref('Organization', 'demo-practice')],
  }));

  if (story.plan) addPlan(chart, story.plan, visits, teamId);
  if (story.implant) addImplant(chart, visits);
}

function addPlan(chart: Chart, plan: PlanStory, visits: ChartVisit[], teamId: string): void {
  const subject = chart.subject;
  const conditionCode = plan.condition.coding[0]?.code;
  const condition = chart.resources.find(
    (r) =>
      r.resourceType === 'Condition' &&
      (r.code as { coding: { code: string }[] }).coding[0]?.code === conditionCode,
  ) as (FhirResource & { encounter: { reference: string }; onsetDateTime: string }) | undefined;
  const visit = visits.find((v) => `Encounter/${v.id}` === condition?.encounter.reference) ?? visits[0]!;
  const start = visit.start.slice(0, 10);

  if (plan.earlier) {
    const earlier = plan.earlier;
    chart.addWithId('careplan', (id) => ({
      resourceType: 'CarePlan',
      id,
      status: 'completed',
      intent: 'order',
      category: [
        concept(
          'http://hl7.org/fhir/us/core/CodeSystem/careplan-category',
          'assess-plan',
          'Assessment and Plan',
        ),
        earlier.category,
      ],
      subject,
      encounter: ref('Encounter', visits[0]!.id),
      period: {
        start: visits[0]!.start.slice(0, 10),
        end: isoDate(addDays(new Date(`${visits[0]!.start.slice(0, 10)}T00:00:00Z`), earlier.days)),
      },
      careTeam: [ref('CareTeam', teamId)],
      activity: earlier.activities.map((code) => ({ detail: { code, status: 'completed' } })),
    }));
  }

  const goalIds = plan.goals.map((goal) =>
    chart.addWithId('goal', (id) => ({
      resourceType: 'Goal',
      id,
      lifecycleStatus: 'active',
      achievementStatus: goal.achievement,
      description: { text: goal.text },
      subject,
      startDate: start,
      ...(goal.measure ? { target: [{ measure: goal.measure, detailString: goal.target }] } : {}),
      ...(condition ? { addresses: [ref('Condition', condition.id)] } : {}),
    })),
  );

  chart.addWithId('careplan', (id) => ({
    resourceType: 'CarePlan',
    id,
    status: 'active',
    intent: 'order',
    category: [
      concept(
        'http://hl7.org/fhir/us/core/CodeSystem/careplan-category',
        'assess-plan',
        'Assessment and Plan',
      ),
      plan.category,
    ],
    subject,
    encounter: ref('Encounter', visit.id),
    period: { start },
    careTeam: [ref('CareTeam', teamId)],
    ...(condition ? { addresses: [ref('Condition', condition.id)] } : {}),
    goal: goalIds.map((goalId) => ref('Goal', goalId)),
    activity: plan.activities.map(([code, status]) => ({
      detail: {
        code,
        status,
        ...(visit.location ? { location: visit.location } : {}),
      },
    })),
  }));
}

/** The older adult's knee replacement, with the UDI printed on its label. */
function addImplant(chart: Chart, visits: ChartVisit[]): void {
  const visit = visits[Math.floor(visits.length / 2)]!;
  const made = new Date(`${visit.start.slice(0, 10)}T00:00:00Z`);
  const yymmdd = (d: Date) => isoDate(d).slice(2).replaceAll('-', '');
  const expires = addDays(made, 3650);
  const gtin = '00844588003288';
  const lot = `K${yymmdd(made)}`;
  const serial = `RB${yymmdd(made)}7`;
  chart.addWithId('device', (id) => ({
    resourceType: 'Device',
    id,
    udiCarrier: [
      {
        deviceIdentifier: gtin,
        issuer: 'http://hl7.org/fhir/NamingSystem/gs1-di',
        carrierHRF: `(01)${gtin}(11)${yymmdd(made)}(17)${yymmdd(expires)}(10)${lot}(21)${serial}`,
      },
    ],
    status: 'active',
    distinctIdentifier: gtin,
    manufacturer: 'Riverbend Orthopedic Devices (demo)',
    manufactureDate: isoDate(made),
    expirationDate: isoDate(expires),
    lotNumber: lot,
    serialNumber: serial,
    deviceName: [{ name: 'Total knee joint prosthesis, left', type: 'user-friendly-name' }],
    type: sct('109228008', 'Knee joint prosthesis (physical object)'),
    patient: chart.subject,
  }));
}

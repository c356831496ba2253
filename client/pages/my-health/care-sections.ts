// What the visits list and the care parts of Medical History show, decided once per record: visits
// newest first with what was recorded at each, care plans and goals (active first), care teams,
// the patient's own devices and implants, medicines given at the practice, smoking status and
// questionnaire scores with what each score means. Pure; O(n log n) over the record.

import { clinicalTime } from '../../../core/clinical-dates';
import type { RecordIndex } from '../../../core/fhir/record-index';
import { codeIn, hasCode, patientText, plainWords, referenceText, SYSTEM } from '../../../core/fhir/text';
import type {
  AnyResource,
  CarePlan,
  CareTeam,
  Condition,
  Device,
  DiagnosticReport,
  DocumentReference,
  Encounter,
  Goal,
  ImagingStudy,
  Immunization,
  MedicationAdministration,
  MedicationRequest,
  Observation,
  Procedure,
  Reference,
} from '../../../core/fhir/types';
import { isVitalSign, newestFirst, observationDate } from './history-sections';
import { isQuestionnaireAnswer, isResultReport } from './test-results';

// ---------------------------------------------------------------------------------------------
// Visits

export const encounterStart = (e: Encounter): string | undefined => e.period?.start ?? e.period?.end;

/** What was recorded at one visit, in the order the record gives it. */
export interface VisitRecords {
  problems: Condition[];
  results: (Observation | DiagnosticReport)[];
  vitals: Observation[];
  /** Questionnaire scores and social history (smoking status). */
  questionnaires: Observation[];
  procedures: Procedure[];
  documents: (DocumentReference | DiagnosticReport)[];
  vaccines: Immunization[];
  medications: (MedicationRequest | MedicationAdministration)[];
  imaging: ImagingStudy[];
  carePlans: CarePlan[];
}

export interface Visit {
  encounter: Encounter;
  linked: VisitRecords;
  /** How many records are linked in all. */
  linkedCount: number;
}

const emptyLinks = (): VisitRecords => ({
  problems: [],
  results: [],
  vitals: [],
  questionnaires: [],
  procedures: [],
  documents: [],
  vaccines: [],
  medications: [],
  imaging: [],
  carePlans: [],
});

/** The visits a record may show: not entered in error, not cancelled. */
const shownVisit = (e: Encounter) => e.status !== 'entered-in-error' && e.status !== 'cancelled';

/** The references a resource makes to the visit it belongs to. */
function encounterRefs(resource: AnyResource): Reference[] {
  const r = resource as {
    encounter?: Reference;
    context?: Reference | { encounter?: Reference[] };
  };
  const refs: Reference[] = [];
  if (r.encounter) refs.push(r.encounter);
  if (resource.resourceType === 'DocumentReference') {
    refs.push(...(((r.context as { encounter?: Reference[] } | undefined)?.encounter ?? []) as Reference[]));
  } else if (resource.resourceType === 'MedicationAdministration' && r.context) {
    refs.push(r.context as Reference);
  }
  return refs;
}

const isShownResult = (o: Observation | DiagnosticReport) =>
  o.status !== 'entered-in-error' && o.status !== 'cancelled';

/**
 * Every visit newest first, each with the records that point at it (one pass over the record).
 * `documents` is the Documents tab's list (documents.ts): a report that only repeats a note
 * listed there is not listed again.
 */
export function visits(index: RecordIndex, documents: ReadonlySet<AnyResource>): Visit[] {
  const encounters = index.all('Encounter').filter(shownVisit);
  const links = new Map<Encounter, VisitRecords>(encounters.map((e) => [e, emptyLinks()]));
  const attach = (resource: AnyResource, add: (l: VisitRecords) => void) => {
    for (const ref of encounterRefs(resource)) {
      const target = index.resolveAs(ref, 'Encounter');
      const list = target ? links.get(target) : undefined;
      if (list) {
        add(list);
        return;
      }
    }
  };
  for (const c of index.all('Condition')) attach(c, (l) => l.problems.push(c));
  for (const o of index.all('Observation')) {
    if (!isShownResult(o)) continue;
    if (isVitalSign(o)) attach(o, (l) => l.vitals.push(o));
    else if (isSurvey(o) || isSocialHistory(o)) attach(o, (l) => l.questionnaires.push(o));
    else if (!isQuestionnaireAnswer(o)) attach(o, (l) => l.results.push(o));
  }
  for (const r of index.all('DiagnosticReport')) {
    if (isResultReport(r)) attach(r, (l) => l.results.push(r));
    else if (documents.has(r)) attach(r, (l) => l.documents.push(r));
  }
  for (const p of index.all('Procedure'))
    if (p.status !== 'entered-in-error') attach(p, (l) => l.procedures.push(p));
  for (const d of index.all('DocumentReference')) if (documents.has(d)) attach(d, (l) => l.documents.push(d));
  for (const i of index.all('Immunization'))
    if (i.status !== 'entered-in-error') attach(i, (l) => l.vaccines.push(i));
  for (const m of index.all('MedicationRequest'))
    if (m.status !== 'entered-in-error') attach(m, (l) => l.medications.push(m));
  for (const m of index.all('MedicationAdministration'))
    if (m.status !== 'entered-in-error') attach(m, (l) => l.medications.push(m));
  for (const s of index.all('ImagingStudy'))
    if (s.status !== 'entered-in-error') attach(s, (l) => l.imaging.push(s));
  for (const p of index.all('CarePlan'))
    if (p.status !== 'entered-in-error') attach(p, (l) => l.carePlans.push(p));
  return newestFirst(encounters, (e) => clinicalTime(encounterStart(e))).map((encounter) => {
    const linked = links.get(encounter)!;
    const linkedCount = Object.values(linked).reduce((n, list: unknown[]) => n + list.length, 0);
    return { encounter, linked, linkedCount };
  });
}

// ---------------------------------------------------------------------------------------------
// Care plans and goals

const ACTIVE_PLAN = new Set(['active', 'on-hold', 'draft']);
export const isActivePlan = (p: CarePlan): boolean => ACTIVE_PLAN.has(p.status ?? '');

const ACTIVE_GOAL = new Set(['proposed', 'planned', 'accepted', 'active', 'on-hold']);
export const isActiveGoal = (g: Goal): boolean => ACTIVE_GOAL.has(g.lifecycleStatus ?? '');

export interface PlanEntry {
  plan: CarePlan;
  goals: Goal[];
  teams: CareTeam[];
}

export interface CarePlans {
  active: PlanEntry[];
  past: PlanEntry[];
  /** Goals that no care plan names, active first. */
  otherGoals: Goal[];
}

export const planDate = (p: CarePlan): string | undefined => p.period?.start ?? p.created;
export const goalDate = (g: Goal): string | undefined => g.startDate ?? g.statusDate;

/** Care plans active first (each newest first), with the goals and care teams they name. */
export function carePlans(index: RecordIndex): CarePlans {
  const plans = newestFirst(
    index.all('CarePlan').filter((p) => p.status !== 'entered-in-error' && p.status !== 'revoked'),
    (p) => clinicalTime(planDate(p)),
  );
  const named = new Set<Goal>();
  const entries = plans.map((plan) => {
    const goals = (plan.goal ?? [])
      .map((ref) => index.resolveAs(ref, 'Goal'))
      .filter((g): g is Goal => g !== undefined && g.lifecycleStatus !== 'entered-in-error');
    for (const g of goals) named.add(g);
    const teams = (plan.careTeam ?? [])
      .map((ref) => index.resolveAs(ref, 'CareTeam'))
      .filter((t): t is CareTeam => t !== undefined);
    return { plan, goals, teams };
  });
  const others = index
    .all('Goal')
    .filter(
      (g) => !named.has(g) && g.lifecycleStatus !== 'entered-in-error' && g.lifecycleStatus !== 'rejected',
    );
  const sortedGoals = newestFirst(others, (g) => clinicalTime(goalDate(g)));
  return {
    active: entries.filter((e) => isActivePlan(e.plan)),
    past: entries.filter((e) => !isActivePlan(e.plan)),
    otherGoals: [...sortedGoals.filter(isActiveGoal), ...sortedGoals.filter((g) => !isActiveGoal(g))],
  };
}

// ---------------------------------------------------------------------------------------------
// Care team

export interface TeamMember {
  name: string;
  role: string;
  /** 'Practitioner', 'Organization', 'RelatedPerson'... from the reference. */
  kind: string;
}

const memberKind = (ref: Reference | undefined): string =>
  ref?.type ??
  /(PractitionerRole|Practitioner|Organization|RelatedPerson|Patient)\b/.exec(ref?.reference ?? '')?.[1] ??
  '';

/** A care team's members other than the patient themself. */
export function teamMembers(team: CareTeam, index: RecordIndex): TeamMember[] {
  const members: TeamMember[] = [];
  for (const p of team.participant ?? []) {
    const target = index.resolve(p.member);
    const kind = target?.resourceType ?? memberKind(p.member);
    const self = p.member?.reference !== undefined && p.member.reference === team.subject?.reference;
    if (kind === 'Patient' || self) continue;
    const name = referenceText(p.member, index);
    if (!name) continue;
    members.push({ name, role: patientText(p.role?.[0]), kind });
  }
  return members;
}

const ACTIVE_TEAM = new Set(['active', 'proposed', 'suspended']);
export const isActiveTeam = (t: CareTeam): boolean => t.status === undefined || ACTIVE_TEAM.has(t.status);

/** Care teams, current first (each newest first). */
export function careTeams(index: RecordIndex): { current: CareTeam[]; past: CareTeam[] } {
  const teams = newestFirst(
    index.all('CareTeam').filter((t) => t.status !== 'entered-in-error'),
    (t) => clinicalTime(t.period?.start),
  );
  return { current: teams.filter(isActiveTeam), past: teams.filter((t) => !isActiveTeam(t)) };
}

// ---------------------------------------------------------------------------------------------
// Devices and implants

/**
 * A device the patient has (an implant, a home device, a denture): it names the patient and is
 * not part of a room (SNOMED "(environment)" concepts such as an operating room).
 */
export function isPatientDevice(d: Device): boolean {
  if (!d.patient?.reference && !d.patient?.display) return false;
  if (d.status === 'entered-in-error') return false;
  const words = [d.type?.text ?? '', ...(d.type?.coding ?? []).map((c) => c.display ?? '')];
  return !words.some((w) => /\(environment\)\s*$/i.test(w));
}

export const deviceName = (d: Device): string => {
  const name = d.deviceName?.find((n) => n.type === 'user-friendly-name')?.name ?? d.deviceName?.[0]?.name;
  return name?.trim() ? plainWords(name) : patientText(d.type, 'Device');
};

export const devices = (index: RecordIndex): Device[] =>
  newestFirst(index.all('Device').filter(isPatientDevice), (d) => clinicalTime(d.manufactureDate));

// ---------------------------------------------------------------------------------------------
// Medicines given

export const administrationDate = (m: MedicationAdministration): string | undefined =>
  m.effectiveDateTime ?? m.effectivePeriod?.start;

export const givenMedications = (index: RecordIndex): MedicationAdministration[] =>
  newestFirst(
    index.all('MedicationAdministration').filter((m) => m.status !== 'entered-in-error'),
    (m) => clinicalTime(administrationDate(m)),
  );

// ---------------------------------------------------------------------------------------------
// Smoking status and questionnaire scores

export const LOINC_SMOKING_STATUS = '72166-2';
const shownObservation = (o: Observation) => o.status !== 'entered-in-error' && o.status !== 'cancelled';

export const isSurvey = (o: Observation): boolean => (o.category ?? []).some((c) => hasCode(c, ['survey']));
export const isSocialHistory = (o: Observation): boolean =>
  (o.category ?? []).some((c) => hasCode(c, ['social-history']));

/** Smoking status readings, newest first. */
export const smokingHistory = (index: RecordIndex): Observation[] =>
  newestFirst(
    index
      .all('Observation')
      .filter((o) => shownObservation(o) && codeIn(o.code, SYSTEM.loinc) === LOINC_SMOKING_STATUS),
    (o) => clinicalTime(observationDate(o)),
  );

/** Other social history (not smoking status), newest first. */
export const otherSocialHistory = (index: RecordIndex): Observation[] =>
  newestFirst(
    index
      .all('Observation')
      .filter(
        (o) =>
          shownObservation(o) && isSocialHistory(o) && codeIn(o.code, SYSTEM.loinc) !== LOINC_SMOKING_STATUS,
      ),
    (o) => clinicalTime(observationDate(o)),
  );

export interface ScoreGroup {
  key: string;
  /** The questionnaire in plain words ("Depression questionnaire (PHQ-9)"). */
  label: string;
  /** Newest first. */
  readings: Observation[];
}

interface Instrument {
  label: string;
  /** What a score means, or '' when the instrument has no published bands here. */
  meaning: (score: number, gender: string | undefined) => string;
}

const bands =
  (...steps: [number, string][]) =>
  (score: number): string =>
    steps.find(([upTo]) => score <= upTo)?.[1] ?? steps[steps.length - 1]![1];

const PHQ9 = bands(
  [4, 'Minimal or no depression'],
  [9, 'Mild depression'],
  [14, 'Moderate depression'],
  [19, 'Moderately severe depression'],
  [27, 'Severe depression'],
);
const GAD7 = bands(
  [4, 'Minimal anxiety'],
  [9, 'Mild anxiety'],
  [14, 'Moderate anxiety'],
  [21, 'Severe anxiety'],
);

/** Scores by LOINC code, with their published cut-offs in plain words. */
export const INSTRUMENTS: Readonly<Record<string, Instrument>> = {
  '44261-6': { label: 'Depression questionnaire (PHQ-9)', meaning: PHQ9 },
  '89204-2': { label: 'Depression questionnaire for teens (PHQ-9 modified for teens)', meaning: PHQ9 },
  '55758-7': {
    label: 'Short depression questionnaire (PHQ-2)',
    meaning: (s) =>
      s >= 3 ? 'Possible depression: a longer questionnaire is advised' : 'Depression unlikely',
  },
  '70274-6': { label: 'Anxiety questionnaire (GAD-7)', meaning: GAD7 },
  '69725-0': {
    label: 'Short anxiety questionnaire (GAD-2)',
    meaning: (s) => (s >= 3 ? 'Possible anxiety: a longer questionnaire is advised' : 'Anxiety unlikely'),
  },
  '75626-2': {
    label: 'Alcohol use questionnaire (AUDIT-C)',
    // Positive at 4 or more for men, 3 or more for women (and when sex is unknown, the lower cut-off).
    meaning: (s, gender) =>
      s >= (gender === 'male' ? 4 : 3) ? 'May point to unhealthy drinking' : 'Low-risk drinking',
  },
  '75624-7': {
    label: 'Alcohol use questionnaire (AUDIT)',
    meaning: bands(
      [7, 'Low-risk drinking'],
      [15, 'Hazardous drinking'],
      [19, 'Harmful drinking'],
      [40, 'Possible alcohol dependence'],
    ),
  },
  '82667-7': {
    label: 'Drug use questionnaire (DAST-10)',
    meaning: bands(
      [0, 'No problems reported'],
      [2, 'Low level of problems'],
      [5, 'Moderate level of problems'],
      [8, 'Substantial level of problems'],
      [10, 'Severe level of problems'],
    ),
  },
  '76504-0': {
    label: 'Safety at home questionnaire (HARK)',
    meaning: (s) => (s >= 1 ? 'Some answers point to harm at home' : 'No harm at home reported'),
  },
};

export const scoreNumber = (o: Observation): number | undefined => {
  const v = o.valueQuantity?.value ?? o.valueInteger;
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
};

/** What one score means in plain words, or '' when the questionnaire has no bands here. */
export function scoreMeaning(o: Observation, gender: string | undefined): string {
  const instrument = INSTRUMENTS[codeIn(o.code, SYSTEM.loinc) ?? ''];
  const score = scoreNumber(o);
  return instrument && score !== undefined ? instrument.meaning(score, gender) : '';
}

/** The questionnaire's name for patients: our plain name, else its own words. */
export function scoreLabel(o: Observation): string {
  const instrument = INSTRUMENTS[codeIn(o.code, SYSTEM.loinc) ?? ''];
  return instrument?.label ?? patientText(o.code, 'Questionnaire');
}

/** Every questionnaire (category survey) with its answers, known ones first, then by name. */
export function scoreGroups(index: RecordIndex): ScoreGroup[] {
  const groups = new Map<string, ScoreGroup>();
  for (const o of index.all('Observation')) {
    if (!shownObservation(o) || !isSurvey(o)) continue;
    const loinc = codeIn(o.code, SYSTEM.loinc);
    const key = loinc ? `loinc:${loinc}` : `text:${patientText(o.code).toLowerCase()}`;
    let group = groups.get(key);
    if (!group) {
      group = { key, label: scoreLabel(o), readings: [] };
      groups.set(key, group);
    }
    group.readings.push(o);
  }
  const order = new Map(Object.keys(INSTRUMENTS).map((code, i) => [`loinc:${code}`, i]));
  return [...groups.values()]
    .map((g) => ({ ...g, readings: newestFirst(g.readings, (o) => clinicalTime(observationDate(o))) }))
    .sort((a, b) => (order.get(a.key) ?? 99) - (order.get(b.key) ?? 99) || a.label.localeCompare(b.label));
}

// Search results as patients read them: each resource's kind (the My Health section it belongs
// to) and a short label ("Cholesterol: 178.58 mg/dL", "Influenza vaccine · Feb 22, 2015"), results
// grouped by kind. (Searching itself is the record cache's: client/data/records/search-text.ts.)
import { clinicalTime, formatClinicalDate } from '../../../core/clinical-dates';
import type { RecordIndex } from '../../../core/fhir/record-index';
import {
  observationValueText,
  patientText,
  referenceText,
  resultFlag,
  statusCode,
  statusText,
} from '../../../core/fhir/text';
import type {
  AllergyIntolerance,
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
  MedicationStatement,
  Observation,
  Procedure,
} from '../../../core/fhir/types';
import { foldText, matchesAll, searchTerms } from '../../data/records/search-text';
import {
  administrationDate,
  deviceName,
  encounterStart,
  goalDate,
  isPatientDevice,
  isSocialHistory,
  isSurvey,
  planDate,
  scoreLabel,
  scoreMeaning,
} from './care-sections';
import { documentStatus, documentTitle } from './documents';
import {
  allergyDate,
  conditionOnset,
  immunizationDate,
  isCurrentAllergy,
  isCurrentProblem,
  isVitalSign,
  medicationDate,
  medicationName,
  newestFirst,
  observationDate,
  procedureDate,
} from './history-sections';
import { analyteName, isQuestionnaireAnswer, isResultReport, reportDate } from './test-results';
import { visitTitle } from './visit-words';

export type RecordKind =
  | 'problems'
  | 'medications'
  | 'allergies'
  | 'immunizations'
  | 'procedures'
  | 'vitals'
  | 'social'
  | 'scores'
  | 'care-plans'
  | 'care-team'
  | 'devices'
  | 'visits'
  | 'results'
  | 'imaging'
  | 'documents';

export const RECORD_KIND_LABELS: Record<RecordKind, string> = {
  problems: 'Problems',
  medications: 'Medications',
  allergies: 'Allergies',
  immunizations: 'Immunizations',
  procedures: 'Procedures',
  vitals: 'Vital signs',
  social: 'Smoking and social history',
  scores: 'Questionnaire scores',
  'care-plans': 'Care plans and goals',
  'care-team': 'Care team',
  devices: 'Devices and implants',
  visits: 'Visits',
  results: 'Test results',
  imaging: 'Imaging studies',
  documents: 'Documents',
};

const KIND_ORDER = Object.keys(RECORD_KIND_LABELS) as RecordKind[];

/** The My Health section a resource belongs to, or undefined for types the views don't show. */
export function recordKind(resource: AnyResource): RecordKind | undefined {
  switch (resource.resourceType) {
    case 'Condition':
      return 'problems';
    case 'MedicationRequest':
    case 'MedicationStatement':
    case 'MedicationAdministration':
      return 'medications';
    case 'Encounter':
      return 'visits';
    case 'CarePlan':
    case 'Goal':
      return 'care-plans';
    case 'CareTeam':
      return 'care-team';
    case 'Device':
      return isPatientDevice(resource as Device) ? 'devices' : undefined;
    case 'ImagingStudy':
      return 'imaging';
    case 'AllergyIntolerance':
      return 'allergies';
    case 'Immunization':
      return 'immunizations';
    case 'Procedure':
      return 'procedures';
    case 'Observation':
      if (isVitalSign(resource as Observation)) return 'vitals';
      if (isSurvey(resource as Observation)) return 'scores';
      if (isSocialHistory(resource as Observation)) return 'social';
      return isQuestionnaireAnswer(resource as Observation) ? undefined : 'results';
    case 'DiagnosticReport':
      return isResultReport(resource as DiagnosticReport) ? 'results' : 'documents';
    case 'DocumentReference':
      return 'documents';
    default:
      return undefined;
  }
}

export interface RecordLabel {
  title: string;
  detail: string;
}

const join = (...parts: (string | undefined)[]) => parts.filter(Boolean).join(' · ');

/** A short label for one resource: what it is, and when or how it stands. */
export function recordLabel(resource: AnyResource, index: RecordIndex): RecordLabel {
  const date = formatClinicalDate;
  switch (resource.resourceType) {
    case 'Encounter': {
      const e = resource as Encounter;
      return { title: visitTitle(e), detail: date(encounterStart(e)) };
    }
    case 'CarePlan': {
      const p = resource as CarePlan;
      return {
        title:
          p.title?.trim() ||
          patientText(
            p.category?.find((c) => c.text || c.coding?.[0]?.display),
            'Care plan',
          ),
        detail: join(statusText(p.status), date(planDate(p))),
      };
    }
    case 'Goal': {
      const g = resource as Goal;
      return {
        title: patientText(g.description, 'Goal'),
        detail: join(statusText(g.lifecycleStatus), date(goalDate(g))),
      };
    }
    case 'CareTeam': {
      const t = resource as CareTeam;
      return {
        title: t.name?.trim() || 'Care team',
        detail: join(statusText(t.status), date(t.period?.start)),
      };
    }
    case 'Device': {
      const d = resource as Device;
      return {
        title: deviceName(d),
        detail: d.udiCarrier?.[0]?.deviceIdentifier
          ? `Device identifier ${d.udiCarrier[0].deviceIdentifier}`
          : '',
      };
    }
    case 'MedicationAdministration': {
      const m = resource as MedicationAdministration;
      const name = m.medicationCodeableConcept
        ? patientText(m.medicationCodeableConcept, 'Medicine')
        : referenceText(m.medicationReference, index) || 'Medicine';
      return { title: name, detail: join('Given', date(administrationDate(m))) };
    }
    case 'ImagingStudy': {
      const s = resource as ImagingStudy;
      return {
        title: patientText(s.procedureCode?.[0]) || s.description || 'Imaging study',
        detail: date(s.started),
      };
    }
    case 'Condition': {
      const c = resource as Condition;
      return {
        title: patientText(c.code, 'Problem'),
        detail: join(
          statusText(statusCode(c.clinicalStatus)) || (isCurrentProblem(c) ? 'Active' : 'Resolved'),
          date(conditionOnset(c)),
        ),
      };
    }
    case 'MedicationRequest':
    case 'MedicationStatement': {
      const m = resource as MedicationRequest | MedicationStatement;
      return { title: medicationName(m, index), detail: join(statusText(m.status), date(medicationDate(m))) };
    }
    case 'AllergyIntolerance': {
      const a = resource as AllergyIntolerance;
      return {
        title: patientText(a.code, 'Allergy'),
        detail: join(isCurrentAllergy(a) ? 'Current' : 'Past', date(allergyDate(a))),
      };
    }
    case 'Immunization': {
      const i = resource as Immunization;
      return { title: patientText(i.vaccineCode, 'Vaccine'), detail: date(immunizationDate(i)) };
    }
    case 'Procedure': {
      const p = resource as Procedure;
      return { title: patientText(p.code, 'Procedure'), detail: date(procedureDate(p)) };
    }
    case 'Observation': {
      const o = resource as Observation;
      if (isSurvey(o)) {
        const value = observationValueText(o);
        return {
          title: value ? `${scoreLabel(o)}: ${value}` : scoreLabel(o),
          detail: date(observationDate(o)),
        };
      }
      const value = observationValueText(o);
      const flag = resultFlag(o.interpretation);
      return {
        title: value ? `${analyteName(o.code)}: ${value}` : analyteName(o.code),
        detail: join(date(observationDate(o)), flag && flag.level !== 'normal' ? flag.text : undefined),
      };
    }
    case 'DiagnosticReport': {
      const r = resource as DiagnosticReport;
      return { title: patientText(r.code, 'Report'), detail: date(reportDate(r)) };
    }
    case 'DocumentReference': {
      const d = resource as DocumentReference;
      return {
        title: documentTitle(d),
        detail: join(documentStatus(d), date(d.date ?? d.context?.period?.start)),
      };
    }
    default:
      return { title: resource.resourceType, detail: '' };
  }
}

export interface KindGroup {
  kind: RecordKind;
  label: string;
  resources: AnyResource[];
}

/** When a resource happened (onset, prescription, result, document date), for newest-first order. */
export function recordTime(resource: AnyResource): number {
  switch (resource.resourceType) {
    case 'Condition':
      return clinicalTime(conditionOnset(resource as Condition));
    case 'MedicationRequest':
    case 'MedicationStatement':
      return clinicalTime(medicationDate(resource as MedicationRequest));
    case 'AllergyIntolerance':
      return clinicalTime(allergyDate(resource as AllergyIntolerance));
    case 'Immunization':
      return clinicalTime(immunizationDate(resource as Immunization));
    case 'Procedure':
      return clinicalTime(procedureDate(resource as Procedure));
    case 'Observation':
      return clinicalTime(observationDate(resource as Observation));
    case 'DiagnosticReport':
      return clinicalTime(reportDate(resource as DiagnosticReport));
    case 'DocumentReference': {
      const d = resource as DocumentReference;
      return clinicalTime(d.date ?? d.context?.period?.start);
    }
    case 'Encounter':
      return clinicalTime(encounterStart(resource as Encounter));
    case 'CarePlan':
      return clinicalTime(planDate(resource as CarePlan));
    case 'Goal':
      return clinicalTime(goalDate(resource as Goal));
    case 'CareTeam':
      return clinicalTime((resource as CareTeam).period?.start);
    case 'Device':
      return clinicalTime((resource as Device).manufactureDate);
    case 'MedicationAdministration':
      return clinicalTime(administrationDate(resource as MedicationAdministration));
    case 'ImagingStudy':
      return clinicalTime((resource as ImagingStudy).started);
    default:
      return Number.NaN;
  }
}

/** Resources grouped by My Health section, in the order the sections appear, newest first in each. */
export function groupByKind(resources: readonly AnyResource[]): KindGroup[] {
  const groups = new Map<RecordKind, AnyResource[]>();
  for (const resource of resources) {
    if ((resource as { status?: unknown }).status === 'entered-in-error') continue;
    const kind = recordKind(resource);
    if (!kind) continue;
    let list = groups.get(kind);
    if (!list) {
      list = [];
      groups.set(kind, list);
    }
    list.push(resource);
  }
  return KIND_ORDER.filter((k) => groups.has(k)).map((kind) => ({
    kind,
    label: RECORD_KIND_LABELS[kind],
    resources: newestFirst(groups.get(kind)!, recordTime),
  }));
}

/** The words of a query, lower case, for matching and highlighting. */
export const queryWords = (query: string): string[] =>
  query
    .toLowerCase()
    .split(/\s+/)
    .map((w) => w.trim())
    .filter(Boolean);

/**
 * The words the views add to a record that the record itself does not hold: a questionnaire's
 * plain name and what its latest score means ("Depression questionnaire", "Mild anxiety"), and a
 * visit's plain title ("Visit for problem"). Folded as the device copy's search folds.
 */
function plainWords(resource: AnyResource, gender: string | undefined): string {
  if (resource.resourceType === 'Observation' && isSurvey(resource as Observation)) {
    const o = resource as Observation;
    return foldText(`${scoreLabel(o)} ${scoreMeaning(o, gender)}`);
  }
  if (resource.resourceType === 'Encounter') return foldText(visitTitle(resource as Encounter));
  return '';
}

/**
 * The search's hits plus the loaded resources that match on the plain words only (one pass over
 * the loaded lists, so O(n) per search).
 */
export function withPlainWordMatches(
  found: readonly AnyResource[],
  loaded: readonly AnyResource[],
  query: string,
): AnyResource[] {
  const terms = searchTerms(query);
  if (terms.length === 0) return [...found];
  const key = (r: AnyResource) => `${r.resourceType}/${r.id ?? ''}`;
  const seen = new Set(found.map(key));
  const gender = (loaded.find((r) => r.resourceType === 'Patient') as { gender?: string } | undefined)
    ?.gender;
  const extra = loaded.filter((r) => {
    if (seen.has(key(r))) return false;
    const words = plainWords(r, gender);
    return words !== '' && matchesAll(words, terms);
  });
  return [...found, ...extra];
}

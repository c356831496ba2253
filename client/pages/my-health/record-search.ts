// Search results as patients read them: each resource's kind (the My Health section it belongs
// to) and a short label ("Cholesterol: 178.58 mg/dL", "Influenza vaccine · Feb 22, 2015"), results
// grouped by kind. (Searching itself is the record cache's: client/data/records/search-text.ts.)
import { clinicalTime, formatClinicalDate } from '../../../core/clinical-dates';
import type { RecordIndex } from '../../../core/fhir/record-index';
import {
  observationValueText,
  patientText,
  resultFlag,
  statusCode,
  statusText,
} from '../../../core/fhir/text';
import type {
  AllergyIntolerance,
  AnyResource,
  Condition,
  DiagnosticReport,
  DocumentReference,
  Immunization,
  MedicationRequest,
  MedicationStatement,
  Observation,
  Procedure,
} from '../../../core/fhir/types';
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

export type RecordKind =
  | 'problems'
  | 'medications'
  | 'allergies'
  | 'immunizations'
  | 'procedures'
  | 'vitals'
  | 'results'
  | 'documents';

export const RECORD_KIND_LABELS: Record<RecordKind, string> = {
  problems: 'Problems',
  medications: 'Medications',
  allergies: 'Allergies',
  immunizations: 'Immunizations',
  procedures: 'Procedures',
  vitals: 'Vital signs',
  results: 'Test results',
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
      return 'medications';
    case 'AllergyIntolerance':
      return 'allergies';
    case 'Immunization':
      return 'immunizations';
    case 'Procedure':
      return 'procedures';
    case 'Observation':
      if (isVitalSign(resource as Observation)) return 'vitals';
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
        title: d.description?.trim() || patientText(d.type, 'Document'),
        detail: date(d.date ?? d.context?.period?.start),
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
    default:
      return Number.NaN;
  }
}

/** Resources grouped by My Health section, in the order the sections appear, newest first in each. */
export function groupByKind(resources: readonly AnyResource[]): KindGroup[] {
  const groups = new Map<RecordKind, AnyResource[]>();
  for (const resource of resources) {
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

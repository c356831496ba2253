// The Test Results list, decided once per record: reports (DiagnosticReport) with their results
// resolved, results that belong to no report, newest first, and every analyte's history grouped
// by LOINC code. Vital signs (Medical History), questionnaire answers and social history are not
// test results. One pass to index, one sort: O(n log n) for 5,000+ observations.

import { clinicalTime } from '../../../core/clinical-dates';
import { recordIndex } from '../../../core/fhir/record-index';
import { codeIn, codingBySystem, hasCode, patientText, SYSTEM } from '../../../core/fhir/text';
import type {
  AnyResource,
  CodeableConcept,
  DiagnosticReport,
  Observation,
  Reference,
} from '../../../core/fhir/types';
import { isVitalSign, observationDate } from './history-sections';

export type ResultEntry =
  | {
      kind: 'report';
      key: string;
      time: number;
      report: DiagnosticReport;
      /** The report's results in its order; a reference not on this device stays a reference. */
      results: (Observation | Reference)[];
    }
  | { kind: 'panel'; key: string; time: number; panel: Observation; results: (Observation | Reference)[] }
  | { kind: 'observation'; key: string; time: number; observation: Observation };

export interface ResultsModel {
  /** Newest first. */
  entries: ResultEntry[];
  /** Observations of each analyte, oldest first, by analyteKey(). */
  analytes: Map<string, Observation[]>;
}

/** Diagnostic service sections (HL7 v2 table 0074) of results, as opposed to clinical notes. */
const RESULT_SECTIONS = new Set([
  'LAB',
  'RAD',
  'IMG',
  'CT',
  'MR',
  'US',
  'NMR',
  'NMS',
  'RX',
  'VUS',
  'XRC',
  'CUS',
  'OUS',
  'EC',
  'EN',
  'CTH',
  'CG',
  'PAT',
  'SP',
  'CP',
  'HM',
  'BLB',
  'CH',
  'MB',
  'MCB',
  'MYC',
  'SR',
  'TX',
  'VR',
  'HLA',
  'IMM',
  'PF',
  'OSL',
]);

const IMAGING_SECTIONS = new Set(['RAD', 'IMG', 'CT', 'MR', 'US', 'NMR', 'NMS', 'VUS', 'XRC', 'CUS', 'OUS']);

export const reportDate = (r: DiagnosticReport): string | undefined =>
  r.effectiveDateTime ?? r.effectivePeriod?.start ?? r.issued;

const sectionCodes = (r: DiagnosticReport) =>
  (r.category ?? []).flatMap((c) => (c.coding ?? []).map((x) => x.code?.toUpperCase() ?? ''));

export const isImagingReport = (r: DiagnosticReport): boolean =>
  sectionCodes(r).some((c) => IMAGING_SECTIONS.has(c));

/**
 * Whether a report belongs among results: it has results, a conclusion, or a diagnostic service
 * category. A report that is only a clinical note (its text in presentedForm) is a document.
 */
export function isResultReport(r: DiagnosticReport): boolean {
  if (r.status === 'entered-in-error' || r.status === 'cancelled') return false;
  if ((r.result?.length ?? 0) > 0 || r.conclusion?.trim() || (r.conclusionCode?.length ?? 0) > 0) return true;
  return sectionCodes(r).some((c) => RESULT_SECTIONS.has(c));
}

/** The key that groups an analyte's results over time: its LOINC code when it has one. */
export function analyteKey(code: CodeableConcept | undefined): string {
  const loinc = codeIn(code, SYSTEM.loinc);
  if (loinc) return `loinc:${loinc}`;
  const first = code?.coding?.find((c) => c.code);
  if (first?.code) return `${first.system ?? ''}|${first.code}`;
  return `text:${patientText(code).toLowerCase()}`;
}

/** The name to show for an analyte: LOINC display when the text is missing. */
export const analyteName = (code: CodeableConcept | undefined): string =>
  patientText(code) || codingBySystem(code, SYSTEM.loinc)?.display || 'Result';

/** Questionnaire answers and social history are not test results (Synthea files many of them). */
const NOT_RESULTS = new Set(['survey', 'social-history']);

export const isQuestionnaireAnswer = (o: Observation): boolean =>
  (o.category ?? []).some((c) =>
    (c.coding ?? []).some((x) => x.code !== undefined && NOT_RESULTS.has(x.code)),
  );

const shown = (o: Observation) => o.status !== 'entered-in-error' && o.status !== 'cancelled';

const time = (value: string | undefined) => {
  const t = clinicalTime(value);
  return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t;
};

function buildResults(resources: readonly AnyResource[]): ResultsModel {
  const index = recordIndex(resources);
  const observations = index
    .all('Observation')
    .filter((o) => shown(o) && !isVitalSign(o) && !isQuestionnaireAnswer(o));
  const reports = index.all('DiagnosticReport').filter(isResultReport);
  const inGroup = new Set<Observation>();
  const entries: ResultEntry[] = [];

  const members = (refs: readonly Reference[] | undefined) =>
    (refs ?? []).flatMap((ref): (Observation | Reference)[] => {
      const found = index.resolveAs(ref, 'Observation');
      if (!found) return [ref];
      if (!shown(found) || isQuestionnaireAnswer(found)) return [];
      inGroup.add(found);
      return [found];
    });

  reports.forEach((report, i) => {
    const results = members(report.result);
    // A questionnaire filed as a report (PHQ-2, AUDIT-C...) with nothing else in it.
    if (
      results.length === 0 &&
      (report.result?.length ?? 0) > 0 &&
      !report.conclusion &&
      !report.presentedForm
    )
      return;
    entries.push({
      kind: 'report',
      key: `report:${report.id ?? i}`,
      time: time(reportDate(report)),
      report,
      results,
    });
  });
  observations.forEach((o, i) => {
    if ((o.hasMember?.length ?? 0) > 0 && !o.valueQuantity && !o.valueCodeableConcept && !o.valueString) {
      entries.push({
        kind: 'panel',
        key: `panel:${o.id ?? i}`,
        time: time(observationDate(o)),
        panel: o,
        results: members(o.hasMember),
      });
      inGroup.add(o);
    }
  });
  const analytes = new Map<string, Observation[]>();
  observations.forEach((o, i) => {
    if (!inGroup.has(o))
      entries.push({
        kind: 'observation',
        key: `obs:${o.id ?? i}`,
        time: time(observationDate(o)),
        observation: o,
      });
  });
  for (const o of observations) {
    if ((o.hasMember?.length ?? 0) > 0 && inGroup.has(o) && !o.valueQuantity && !o.valueCodeableConcept)
      continue;
    const key = analyteKey(o.code);
    let list = analytes.get(key);
    if (!list) {
      list = [];
      analytes.set(key, list);
    }
    list.push(o);
  }
  for (const list of analytes.values()) {
    const keyed = list.map((o) => ({ o, t: time(observationDate(o)) }));
    keyed.sort((a, b) => a.t - b.t);
    keyed.forEach((k, i) => {
      list[i] = k.o;
    });
  }
  entries.sort((a, b) => b.time - a.time);
  return { entries, analytes };
}

const cache = new WeakMap<readonly AnyResource[], ResultsModel>();

/** The results model for this exact array of resources (cached). */
export function resultsModel(resources: readonly AnyResource[]): ResultsModel {
  let model = cache.get(resources);
  if (!model) {
    model = buildResults(resources);
    cache.set(resources, model);
  }
  return model;
}

export const isObservation = (item: Observation | Reference): item is Observation =>
  (item as Observation).resourceType === 'Observation';

/** Whether an observation is laboratory (as opposed to a survey, social history, imaging...). */
export const isLaboratory = (o: Observation): boolean =>
  (o.category ?? []).some((c) => hasCode(c, ['laboratory']));

// Results Section (entries required): released lab and imaging results. A report (DiagnosticReport)
// with its results on the device is one Result Organizer; a result no report points at is an
// organizer of its own. Reports without results (clinical notes filed as reports) are documents,
// not results, and stay out. Results were already filtered for release by the server.
import { formatClinicalDateTime } from '../../clinical-dates';
import {
  observationValueText,
  patientText,
  referenceRangeText,
  resultFlag,
  SYSTEM,
  valueText,
} from '../../fhir/text';
import type { DiagnosticReport, Observation, ObservationValue } from '../../fhir/types';
import { coded, interval, ts } from '../coded';
import type { BuildContext, Row, SectionContent } from '../model';
import { templateIds } from '../section';
import { eventKept, newestFirst } from '../selection';
import { T } from '../vocab';
import { el, type Xml } from '../xml';
import { hasCategory, interpretationXml, referenceRangeXml, takenAt, valueXml } from './observations';

/** Observation categories that are results (vital signs and social history have their own sections). */
const RESULT_CATEGORIES = ['laboratory', 'imaging', 'procedure'];
export const isResult = (o: Observation): boolean => RESULT_CATEGORIES.some((c) => hasCategory(o, c));

const CDA_STATUS: Record<string, string> = {
  final: 'completed',
  amended: 'completed',
  corrected: 'completed',
  appended: 'completed',
  preliminary: 'active',
  registered: 'active',
  partial: 'active',
  cancelled: 'cancelled',
};

/** One test: an Observation, or one component of it when the value sits in components. */
interface Measured {
  observation: Observation;
  code: Observation['code'];
  value: ObservationValue;
  interpretation: Observation['interpretation'];
  referenceRange: Observation['referenceRange'];
  suffix?: string;
}

function measurements(o: Observation): Measured[] {
  const own: Measured = {
    observation: o,
    code: o.code,
    value: o,
    interpretation: o.interpretation,
    referenceRange: o.referenceRange,
  };
  const ownValue = valueText(o);
  if (ownValue || !o.component?.length) return [own];
  return o.component.map((c, i) => ({
    observation: o,
    code: c.code,
    value: c,
    interpretation: c.interpretation,
    referenceRange: c.referenceRange,
    suffix: `component-${i + 1}`,
  }));
}

export interface ResultGroup {
  report: DiagnosticReport | undefined;
  observations: Observation[];
}

/** Reports with their results, then results no report claims; only what meets the dates. */
export function resultGroups(ctx: BuildContext): ResultGroup[] {
  const claimed = new Set<Observation>();
  const groups: ResultGroup[] = [];
  for (const report of ctx.ofType<DiagnosticReport>('DiagnosticReport')) {
    const observations = (report.result ?? [])
      .map((r) => ctx.resolve<Observation>(r))
      .filter((o): o is Observation => o?.resourceType === 'Observation');
    if (observations.length === 0) continue;
    for (const o of observations) claimed.add(o);
    groups.push({ report, observations });
  }
  for (const o of ctx.ofType<Observation>('Observation'))
    if (isResult(o) && !claimed.has(o)) groups.push({ report: undefined, observations: [o] });
  const dateOf = (g: ResultGroup) =>
    g.report?.effectiveDateTime ??
    g.report?.effectivePeriod?.start ??
    takenAt(g.observations[0] as Observation);
  return newestFirst(
    groups.filter((g) => eventKept(dateOf(g), ctx.bounds)),
    dateOf,
  );
}

export function resultsSection(ctx: BuildContext): SectionContent {
  const groups = resultGroups(ctx);
  const rows: Row[] = [];
  const entries: Xml[] = [];
  let n = 0;
  for (const group of groups) {
    const components: Xml[] = [];
    for (const o of group.observations)
      for (const m of measurements(o)) {
        n += 1;
        const id = `result-${n}`;
        const flag = resultFlag(m.interpretation);
        rows.push({
          id,
          cells: [
            { text: patientText(m.code, 'Unnamed test'), id: `${id}-name` },
            (m.suffix ? valueText(m.value) : observationValueText(m.observation)) || 'No value',
            referenceRangeText(m.referenceRange) || '—',
            flag?.text ?? '—',
            formatClinicalDateTime(takenAt(o)) || 'Unknown',
            group.report ? patientText(group.report.code, 'Report') : '—',
          ],
        });
        components.push(el('component', {}, resultObservation(ctx, m, id)));
      }
    entries.push(organizer(ctx, group, components));
  }
  return {
    key: 'results',
    title: 'Results',
    templateIds: T.resultsSection,
    code: ['30954-2', 'Relevant diagnostic tests/laboratory data Narrative'],
    entriesRequired: true,
    emptyText: 'No test results are recorded for the selected dates.',
    tables: [
      {
        caption: 'Test results',
        headers: ['Test', 'Result', 'Reference range', 'Flag', 'Date', 'Report'],
        rows,
      },
    ],
    entries,
    count: rows.length,
  };
}

function organizer(ctx: BuildContext, group: ResultGroup, components: Xml[]): Xml {
  const first = group.observations[0] as Observation;
  const times = group.observations.map(takenAt).filter((t): t is string => t !== undefined);
  const start = group.report?.effectiveDateTime ?? group.report?.effectivePeriod?.start ?? times[0];
  const end =
    group.report?.effectivePeriod?.end ?? group.report?.effectiveDateTime ?? times[times.length - 1];
  const status = group.report?.status ?? first.status ?? 'final';
  return el(
    'organizer',
    { classCode: 'BATTERY', moodCode: 'EVN' },
    templateIds(T.resultOrganizer),
    ctx.recordId(group.report ?? first, group.report ? undefined : 'organizer'),
    coded('code', group.report?.code ?? first.code, { prefer: [SYSTEM.loinc, SYSTEM.snomed] }),
    el('statusCode', { code: CDA_STATUS[status] ?? 'completed' }),
    interval('effectiveTime', start, end),
    components,
  );
}

function resultObservation(ctx: BuildContext, m: Measured, id: string): Xml {
  return el(
    'observation',
    { classCode: 'OBS', moodCode: 'EVN' },
    templateIds(T.resultObservation),
    ctx.recordId(m.observation, m.suffix),
    coded('code', m.code, { prefer: [SYSTEM.loinc], ref: `${id}-name` }),
    el('text', {}, el('reference', { value: `#${id}` })),
    el('statusCode', { code: CDA_STATUS[m.observation.status ?? 'final'] ?? 'completed' }),
    ts('effectiveTime', takenAt(m.observation)),
    valueXml(m.value),
    interpretationXml(m.interpretation),
    referenceRangeXml(m.referenceRange?.[0]),
  );
}

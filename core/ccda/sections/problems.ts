// Problem Section (entries required) and Health Concerns Section: Conditions as Problem Concern
// Acts wrapping a Problem Observation. A Condition the practice filed as a health concern
// (US Core category "health-concern") goes to Health Concerns; every other one (problem-list
// items, encounter diagnoses, uncategorised) is a problem. One record never appears in both.
import { formatClinicalDate } from '../../clinical-dates';
import { hasCode, patientText, SYSTEM, statusCode, statusText } from '../../fhir/text';
import type { Condition } from '../../fhir/types';
import { coded, fixedCode, interval } from '../coded';
import type { BuildContext, SectionContent } from '../model';
import { templateIds } from '../section';
import { newestFirst, stateKept } from '../selection';
import { OID, T } from '../vocab';
import { el, type Xml } from '../xml';

const ONGOING = new Set(['active', 'recurrence', 'relapse']);
export const conditionActive = (c: Condition) => ONGOING.has(statusCode(c.clinicalStatus) ?? 'active');
const onsetOf = (c: Condition) => c.onsetDateTime ?? c.onsetPeriod?.start ?? c.recordedDate;
const abatementOf = (c: Condition) =>
  c.abatementDateTime ?? c.abatementPeriod?.end ?? c.abatementPeriod?.start;

const isHealthConcern = (c: Condition) => (c.category ?? []).some((cat) => hasCode(cat, ['health-concern']));
const isDiagnosis = (c: Condition) => (c.category ?? []).some((cat) => hasCode(cat, ['encounter-diagnosis']));

function keptConditions(ctx: BuildContext, concerns: boolean): Condition[] {
  return newestFirst(
    ctx
      .ofType<Condition>('Condition')
      .filter((c) => isHealthConcern(c) === concerns)
      .filter((c) => stateKept(onsetOf(c), abatementOf(c), conditionActive(c), ctx.bounds)),
    onsetOf,
  );
}

function rowsOf(conditions: Condition[], prefix: string) {
  return conditions.map((c, i) => {
    const id = `${prefix}-${i + 1}`;
    return {
      id,
      cells: [
        { text: patientText(c.code, 'Unnamed problem'), id: `${id}-name` },
        statusText(statusCode(c.clinicalStatus) ?? 'active'),
        formatClinicalDate(onsetOf(c)) || 'Unknown',
        formatClinicalDate(abatementOf(c)) || (conditionActive(c) ? 'Ongoing' : 'Unknown'),
      ],
    };
  });
}

/** The Problem Observation (V3) of a Condition. */
function problemObservation(ctx: BuildContext, c: Condition, id: string): Xml {
  const active = conditionActive(c);
  const [typeCode, typeName, loinc, loincName] = isDiagnosis(c)
    ? ['282291009', 'Diagnosis', '29308-4', 'Diagnosis']
    : ['55607006', 'Problem', '75326-9', 'Problem'];
  return el(
    'observation',
    { classCode: 'OBS', moodCode: 'EVN' },
    templateIds(T.problemObservation),
    ctx.recordId(c),
    fixedCode(
      'code',
      typeCode,
      OID.snomed,
      'SNOMED CT',
      typeName,
      el('translation', {
        code: loinc,
        codeSystem: OID.loinc,
        codeSystemName: 'LOINC',
        displayName: loincName,
      }),
    ),
    el('text', {}, el('reference', { value: `#${id}` })),
    el('statusCode', { code: 'completed' }),
    interval('effectiveTime', onsetOf(c), abatementOf(c), { closed: !active }),
    coded('value', c.code, { xsiType: 'CD', prefer: [SYSTEM.snomed], ref: `${id}-name` }),
  );
}

function problemEntry(ctx: BuildContext, c: Condition, id: string): Xml {
  const active = conditionActive(c);
  return el(
    'act',
    { classCode: 'ACT', moodCode: 'EVN' },
    templateIds(T.problemConcernAct),
    ctx.recordId(c, 'concern'),
    fixedCode('code', 'CONC', OID.actClass, 'HL7ActClass', 'Concern'),
    el('statusCode', { code: active ? 'active' : 'completed' }),
    interval('effectiveTime', c.recordedDate ?? onsetOf(c), active ? undefined : abatementOf(c), {
      closed: !active,
    }),
    el('entryRelationship', { typeCode: 'SUBJ' }, problemObservation(ctx, c, id)),
  );
}

function concernEntry(ctx: BuildContext, c: Condition, id: string): Xml {
  const active = conditionActive(c);
  return el(
    'act',
    { classCode: 'ACT', moodCode: 'EVN' },
    templateIds(T.healthConcernAct),
    ctx.recordId(c, 'health-concern'),
    fixedCode('code', '75310-3', OID.loinc, 'LOINC', 'Health Concern'),
    el('text', {}, el('reference', { value: `#${id}` })),
    el('statusCode', { code: active ? 'active' : 'completed' }),
    interval('effectiveTime', onsetOf(c), abatementOf(c)),
    el('entryRelationship', { typeCode: 'REFR' }, problemObservation(ctx, c, id)),
  );
}

const HEADERS = ['Problem', 'Status', 'Began', 'Resolved'];

export function problemsSection(ctx: BuildContext): SectionContent {
  const kept = keptConditions(ctx, false);
  return {
    key: 'problems',
    title: 'Problems',
    templateIds: T.problemsSection,
    code: ['11450-4', 'Problem list - Reported'],
    entriesRequired: true,
    emptyText: 'No problems are recorded for the selected dates.',
    tables: [{ caption: 'Problems', headers: HEADERS, rows: rowsOf(kept, 'problem') }],
    entries: kept.map((c, i) => problemEntry(ctx, c, `problem-${i + 1}`)),
    count: kept.length,
  };
}

export function healthConcernsSection(ctx: BuildContext): SectionContent {
  const kept = keptConditions(ctx, true);
  return {
    key: 'healthConcerns',
    title: 'Health Concerns',
    templateIds: T.healthConcernsSection,
    code: ['75310-3', 'Health concerns document'],
    entriesRequired: true,
    emptyText: 'No health concerns are recorded for the selected dates.',
    tables: [
      {
        caption: 'Health concerns',
        headers: ['Concern', 'Status', 'Began', 'Resolved'],
        rows: rowsOf(kept, 'concern'),
      },
    ],
    entries: kept.map((c, i) => concernEntry(ctx, c, `concern-${i + 1}`)),
    count: kept.length,
  };
}

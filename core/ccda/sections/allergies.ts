// Allergies and Intolerances Section (entries required): one Allergy Concern Act per allergy, with
// its Allergy - Intolerance Observation, the substance, reactions and their severity.
import { formatClinicalDate } from '../../clinical-dates';
import { conceptText, patientText, SYSTEM, statusCode, statusText } from '../../fhir/text';
import type { AllergyIntolerance, CodeableConcept } from '../../fhir/types';
import { coded, fixedCode, interval } from '../coded';
import type { BuildContext, SectionContent } from '../model';
import { templateIds } from '../section';
import { newestFirst, stateKept } from '../selection';
import { OID, T } from '../vocab';
import { el, type Xml } from '../xml';

const ACTIVE = new Set(['active']);

/** The allergy's start: onset, else the day it was recorded. */
const startOf = (a: AllergyIntolerance) => a.onsetDateTime ?? a.onsetPeriod?.start ?? a.recordedDate;
export const allergyActive = (a: AllergyIntolerance) => ACTIVE.has(statusCode(a.clinicalStatus) ?? 'active');

// The observation's value says what kind of reaction (SNOMED CT, Allergy and Intolerance Type set).
function allergyType(a: AllergyIntolerance): CodeableConcept {
  const category = a.category?.[0];
  const intolerance = a.type === 'intolerance';
  const [code, display] =
    category === 'food'
      ? intolerance
        ? ['235719002', 'Food intolerance']
        : ['414285001', 'Allergy to food']
      : category === 'medication'
        ? intolerance
          ? ['59037007', 'Drug intolerance']
          : ['416098002', 'Allergy to drug']
        : category === 'environment' && !intolerance
          ? ['426232007', 'Environmental allergy']
          : intolerance
            ? ['418038007', 'Propensity to adverse reactions to substance']
            : ['419199007', 'Allergy to substance'];
  return { coding: [{ system: SYSTEM.snomed, code, display }] };
}

const SEVERITY: Record<string, [string, string]> = {
  mild: ['255604002', 'Mild'],
  moderate: ['6736007', 'Moderate'],
  severe: ['24484000', 'Severe'],
};

export function allergiesSection(ctx: BuildContext): SectionContent {
  const kept = newestFirst(
    ctx
      .ofType<AllergyIntolerance>('AllergyIntolerance')
      .filter((a) => stateKept(startOf(a), a.lastOccurrence, allergyActive(a), ctx.bounds)),
    startOf,
  );
  const rows = kept.map((a, i) => {
    const id = `allergy-${i + 1}`;
    const reactions = (a.reaction ?? [])
      .flatMap((r) => (r.manifestation ?? []).map((m) => patientText(m)))
      .filter(Boolean)
      .join(', ');
    const severity = (a.reaction ?? []).map((r) => r.severity).find(Boolean);
    return {
      id,
      cells: [
        { text: patientText(a.code, 'Unnamed allergy'), id: `${id}-name` },
        { text: patientText(allergyType(a)) },
        { text: reactions || 'Not recorded', id: `${id}-reaction` },
        severity ? statusText(severity) : 'Not recorded',
        statusText(statusCode(a.clinicalStatus) ?? 'active'),
        formatClinicalDate(startOf(a)) || 'Unknown',
      ],
    };
  });
  const entries = kept.map((a, i) => allergyEntry(ctx, a, `allergy-${i + 1}`));
  return {
    key: 'allergies',
    title: 'Allergies and Intolerances',
    templateIds: T.allergiesSection,
    code: ['48765-2', 'Allergies and adverse reactions Document'],
    entriesRequired: true,
    emptyText: 'No allergies or intolerances are recorded for the selected dates.',
    tables: [
      {
        caption: 'Allergies and intolerances',
        headers: ['Substance', 'Type', 'Reaction', 'Severity', 'Status', 'Since'],
        rows,
      },
    ],
    entries,
    count: kept.length,
  };
}

function allergyEntry(ctx: BuildContext, a: AllergyIntolerance, id: string): Xml {
  const active = allergyActive(a);
  const start = startOf(a);
  const end = active ? undefined : a.lastOccurrence;
  const reactions = (a.reaction ?? []).flatMap((r, ri) => {
    const severity = r.severity ? SEVERITY[r.severity] : undefined;
    return (r.manifestation ?? []).map((m, mi) =>
      el(
        'entryRelationship',
        { typeCode: 'MFST', inversionInd: 'true' },
        el(
          'observation',
          { classCode: 'OBS', moodCode: 'EVN' },
          templateIds(T.reactionObservation),
          ctx.recordId(a, `reaction-${ri + 1}-${mi + 1}`),
          fixedCode('code', 'ASSERTION', OID.actCode, 'ActCode'),
          el('text', {}, el('reference', { value: `#${id}-reaction` })),
          el('statusCode', { code: 'completed' }),
          r.onset ? interval('effectiveTime', r.onset, undefined) : undefined,
          coded('value', m, { xsiType: 'CD', prefer: [SYSTEM.snomed], ref: `${id}-reaction` }),
          severity
            ? el(
                'entryRelationship',
                { typeCode: 'SUBJ', inversionInd: 'true' },
                el(
                  'observation',
                  { classCode: 'OBS', moodCode: 'EVN' },
                  templateIds(T.severityObservation),
                  fixedCode('code', 'SEV', OID.actCode, 'ActCode', 'Severity Observation'),
                  el('statusCode', { code: 'completed' }),
                  el('value', {
                    'xsi:type': 'CD',
                    code: severity[0],
                    codeSystem: OID.snomed,
                    codeSystemName: 'SNOMED CT',
                    displayName: severity[1],
                  }),
                ),
              )
            : undefined,
        ),
      ),
    );
  });
  const substanceName = conceptText(a.code);
  return el(
    'act',
    { classCode: 'ACT', moodCode: 'EVN' },
    templateIds(T.allergyConcernAct),
    ctx.recordId(a, 'concern'),
    fixedCode('code', 'CONC', OID.actClass, 'HL7ActClass', 'Concern'),
    el('statusCode', { code: active ? 'active' : 'completed' }),
    interval('effectiveTime', a.recordedDate ?? start, active ? undefined : (end ?? a.recordedDate ?? start)),
    el(
      'entryRelationship',
      { typeCode: 'SUBJ' },
      el(
        'observation',
        { classCode: 'OBS', moodCode: 'EVN' },
        templateIds(T.allergyObservation),
        ctx.recordId(a),
        fixedCode('code', 'ASSERTION', OID.actCode, 'ActCode'),
        el('text', {}, el('reference', { value: `#${id}` })),
        el('statusCode', { code: 'completed' }),
        interval('effectiveTime', start, end),
        coded('value', allergyType(a), { xsiType: 'CD' }),
        el(
          'participant',
          { typeCode: 'CSM' },
          el(
            'participantRole',
            { classCode: 'MANU' },
            el(
              'playingEntity',
              { classCode: 'MMAT' },
              coded('code', a.code, { prefer: [SYSTEM.rxnorm, SYSTEM.snomed], ref: `${id}-name` }),
              substanceName ? el('name', {}, substanceName) : undefined,
            ),
          ),
        ),
        reactions,
      ),
    ),
  );
}

// Social History Section: smoking status (LOINC 72166-2, as the Smoking Status - Meaningful Use
// template with its SNOMED CT value) and the other social-history observations of the record.
import { formatClinicalDateTime } from '../../clinical-dates';
import { hasCode, observationValueText, patientText, SYSTEM } from '../../fhir/text';
import type { Observation } from '../../fhir/types';
import { coded, fixedCode, ts } from '../coded';
import type { BuildContext, SectionContent } from '../model';
import { templateIds } from '../section';
import { eventKept, newestFirst } from '../selection';
import { OID, T } from '../vocab';
import { el, type Xml } from '../xml';
import { hasCategory, takenAt, valueXml } from './observations';

export const SMOKING_STATUS = '72166-2';

const isSmokingStatus = (o: Observation) => hasCode(o.code, [SMOKING_STATUS], SYSTEM.loinc);
/** The smoking template needs a coded SNOMED CT answer; an uncoded one is an ordinary observation. */
const codedSmoking = (o: Observation) =>
  isSmokingStatus(o) &&
  (o.valueCodeableConcept?.coding ?? []).some((c) => c.system === SYSTEM.snomed && c.code);

export function socialHistorySection(ctx: BuildContext): SectionContent {
  const kept = newestFirst(
    ctx
      .ofType<Observation>('Observation')
      .filter((o) => hasCategory(o, 'social-history') || isSmokingStatus(o))
      .filter((o) => eventKept(takenAt(o), ctx.bounds)),
    takenAt,
  );
  const rows = kept.map((o, i) => {
    const id = `social-${i + 1}`;
    return {
      id,
      cells: [
        { text: patientText(o.code, 'Social history'), id: `${id}-name` },
        { text: observationValueText(o) || 'No value', id: `${id}-value` },
        formatClinicalDateTime(takenAt(o)) || 'Unknown',
      ],
    };
  });
  return {
    key: 'socialHistory',
    title: 'Social History',
    templateIds: T.socialHistorySection,
    code: ['29762-2', 'Social history Narrative'],
    entriesRequired: false,
    emptyText: 'No smoking status or other social history is recorded for the selected dates.',
    tables: [{ caption: 'Social history', headers: ['Observation', 'Answer', 'Date'], rows }],
    entries: kept.map((o, i) => socialEntry(ctx, o, `social-${i + 1}`)),
    count: kept.length,
  };
}

function socialEntry(ctx: BuildContext, o: Observation, id: string): Xml {
  const smoking = codedSmoking(o);
  return el(
    'observation',
    { classCode: 'OBS', moodCode: 'EVN' },
    templateIds(smoking ? T.smokingStatus : T.socialHistoryObservation),
    ctx.recordId(o),
    smoking
      ? fixedCode('code', SMOKING_STATUS, OID.loinc, 'LOINC', 'Tobacco smoking status')
      : coded('code', o.code, { prefer: [SYSTEM.loinc], ref: `${id}-name` }),
    el('text', {}, el('reference', { value: `#${id}` })),
    el('statusCode', { code: 'completed' }),
    ts('effectiveTime', takenAt(o)),
    smoking
      ? coded('value', o.valueCodeableConcept, { xsiType: 'CD', prefer: [SYSTEM.snomed], ref: `${id}-value` })
      : valueXml(o, `${id}-value`),
  );
}

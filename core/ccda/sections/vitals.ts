// Vital Signs Section (entries required): measurements taken together (same moment) form one
// Vital Signs Organizer; blood pressure's systolic and diastolic become two observations, as CDA
// has no component values. Only numeric vitals can be written (R2.1 requires a PQ value).
import { formatClinicalDateTime } from '../../clinical-dates';
import { observationValueText, patientText, quantityText, SYSTEM } from '../../fhir/text';
import type { CodeableConcept, Observation, Quantity } from '../../fhir/types';
import { coded, fixedCode, interval, pq, ts } from '../coded';
import type { BuildContext, Row, SectionContent } from '../model';
import { templateIds } from '../section';
import { eventKept, newestFirst } from '../selection';
import { OID, T } from '../vocab';
import { el, type Xml } from '../xml';
import { hasCategory, interpretationXml, takenAt } from './observations';

interface VitalValue {
  observation: Observation;
  code: CodeableConcept | undefined;
  quantity: Quantity;
  interpretation: Observation['interpretation'];
  suffix?: string;
}

function vitalValues(o: Observation): VitalValue[] {
  if (o.valueQuantity?.value !== undefined)
    return [{ observation: o, code: o.code, quantity: o.valueQuantity, interpretation: o.interpretation }];
  return (o.component ?? []).flatMap((c, i) =>
    c.valueQuantity?.value !== undefined
      ? [
          {
            observation: o,
            code: c.code,
            quantity: c.valueQuantity,
            interpretation: c.interpretation,
            suffix: `component-${i + 1}`,
          },
        ]
      : [],
  );
}

export function vitalSignsSection(ctx: BuildContext): SectionContent {
  const vitals = ctx
    .ofType<Observation>('Observation')
    .filter((o) => hasCategory(o, 'vital-signs') && vitalValues(o).length > 0)
    .filter((o) => eventKept(takenAt(o), ctx.bounds));
  // Taken together = the same written moment.
  const groups = new Map<string, Observation[]>();
  for (const o of vitals) {
    const key = takenAt(o) ?? '';
    groups.set(key, [...(groups.get(key) ?? []), o]);
  }
  const ordered = newestFirst([...groups.entries()], ([time]) => time || undefined);
  const rows: Row[] = [];
  const entries: Xml[] = [];
  let n = 0;
  for (const [time, observations] of ordered) {
    const components: Xml[] = [];
    for (const o of observations) {
      n += 1;
      const id = `vital-${n}`;
      rows.push({
        id,
        cells: [
          { text: patientText(o.code, 'Vital sign'), id: `${id}-name` },
          observationValueText(o) ||
            vitalValues(o)
              .map((v) => quantityText(v.quantity))
              .join(', '),
          formatClinicalDateTime(time) || 'Unknown',
        ],
      });
      for (const v of vitalValues(o)) components.push(el('component', {}, vitalObservation(ctx, v, id)));
    }
    const first = observations[0] as Observation;
    entries.push(
      el(
        'organizer',
        { classCode: 'CLUSTER', moodCode: 'EVN' },
        templateIds(T.vitalSignsOrganizer),
        ctx.recordId(first, 'vital-signs'),
        fixedCode(
          'code',
          '46680005',
          OID.snomed,
          'SNOMED CT',
          'Vital signs',
          el('translation', {
            code: '74728-7',
            codeSystem: OID.loinc,
            codeSystemName: 'LOINC',
            displayName:
              'Vital signs, weight, height, head circumference, oximetry, BMI, and BSA panel - HL7.CCDAr1.1',
          }),
        ),
        el('statusCode', { code: 'completed' }),
        interval('effectiveTime', time || undefined, time || undefined),
        components,
      ),
    );
  }
  return {
    key: 'vitalSigns',
    title: 'Vital Signs',
    templateIds: T.vitalSignsSection,
    code: ['8716-3', 'Vital signs'],
    entriesRequired: true,
    emptyText: 'No vital signs are recorded for the selected dates.',
    tables: [{ caption: 'Vital signs', headers: ['Measurement', 'Value', 'Date'], rows }],
    entries,
    count: rows.length,
  };
}

function vitalObservation(ctx: BuildContext, v: VitalValue, id: string): Xml {
  return el(
    'observation',
    { classCode: 'OBS', moodCode: 'EVN' },
    templateIds(T.vitalSignObservation),
    ctx.recordId(v.observation, v.suffix),
    coded('code', v.code, { prefer: [SYSTEM.loinc], ref: v.suffix ? undefined : `${id}-name` }),
    el('text', {}, el('reference', { value: `#${id}` })),
    el('statusCode', { code: 'completed' }),
    ts('effectiveTime', takenAt(v.observation)),
    pq('value', v.quantity),
    interpretationXml(v.interpretation),
  );
}

// Medications Section (entries required): prescriptions (MedicationRequest), what the patient
// reports taking (MedicationStatement) and doses given at the practice (MedicationAdministration,
// when the record has them), each a Medication Activity with its RxNorm-coded product.
import { formatClinicalDate, formatClinicalPeriod } from '../../clinical-dates';
import { dosageText, patientText, referenceText, SYSTEM, statusText } from '../../fhir/text';
import type {
  AnyResource,
  CodeableConcept,
  Dosage,
  Medication,
  MedicationRequest,
  MedicationStatement,
  Period,
  Quantity,
  Reference,
} from '../../fhir/types';
import { coded, interval, pq } from '../coded';
import type { BuildContext, SectionContent } from '../model';
import { templateIds } from '../section';
import { newestFirst, periodKept, stateKept } from '../selection';
import { T } from '../vocab';
import { el, type Xml } from '../xml';

/** MedicationAdministration is not in core/fhir/types.ts yet: the fields read here. */
interface MedicationAdministration extends AnyResource {
  resourceType: 'MedicationAdministration';
  status?: string;
  medicationCodeableConcept?: CodeableConcept;
  medicationReference?: Reference;
  effectiveDateTime?: string;
  effectivePeriod?: Period;
  dosage?: { text?: string; route?: CodeableConcept; dose?: Quantity };
}

/** One medication as both outputs describe it. */
interface MedicationItem {
  resource: AnyResource;
  concept: CodeableConcept;
  start: string | undefined;
  end: string | undefined;
  ongoing: boolean;
  status: string;
  instructions: string;
  prescriber: string;
  route: CodeableConcept | undefined;
  dose: Quantity | undefined;
  kind: string;
}

// FHIR medication statuses → the CDA statusCode (Medication Status value set); unknown ones
// are treated as finished records.
const CDA_STATUS: Record<string, string> = {
  active: 'active',
  'on-hold': 'suspended',
  completed: 'completed',
  stopped: 'aborted',
  cancelled: 'cancelled',
  intended: 'active',
  draft: 'active',
  'in-progress': 'active',
};
const ONGOING = new Set(['active', 'on-hold', 'intended', 'draft', 'in-progress']);

function medicationConcept(
  ctx: BuildContext,
  resource: { medicationCodeableConcept?: CodeableConcept; medicationReference?: Reference },
): CodeableConcept {
  if (resource.medicationCodeableConcept) return resource.medicationCodeableConcept;
  const target = ctx.resolve<Medication>(resource.medicationReference);
  if (target?.code) return target.code;
  return { text: referenceText(resource.medicationReference) || 'Unnamed medication' };
}

const firstDose = (dosage: Dosage | undefined) => dosage?.doseAndRate?.[0]?.doseQuantity;

function items(ctx: BuildContext): MedicationItem[] {
  const requests = ctx.ofType<MedicationRequest>('MedicationRequest').map((r): MedicationItem => {
    const status = r.status ?? 'unknown';
    return {
      resource: r,
      concept: medicationConcept(ctx, r),
      start: r.dispenseRequest?.validityPeriod?.start ?? r.authoredOn,
      end: r.dispenseRequest?.validityPeriod?.end,
      ongoing: ONGOING.has(status),
      status,
      instructions: (r.dosageInstruction ?? []).map(dosageText).filter(Boolean).join('; '),
      prescriber: referenceText(r.requester),
      route: r.dosageInstruction?.[0]?.route,
      dose: firstDose(r.dosageInstruction?.[0]),
      kind: 'Prescribed',
    };
  });
  const statements = ctx
    .ofType<MedicationStatement>('MedicationStatement')
    // "Not taken" is a statement that the patient does not take it: not a medication they use.
    .filter((s) => s.status !== 'not-taken')
    .map((s): MedicationItem => {
      const status = s.status ?? 'unknown';
      return {
        resource: s,
        concept: medicationConcept(ctx, s),
        start: s.effectiveDateTime ?? s.effectivePeriod?.start ?? s.dateAsserted,
        end: s.effectivePeriod?.end,
        ongoing: ONGOING.has(status),
        status,
        instructions: (s.dosage ?? []).map(dosageText).filter(Boolean).join('; '),
        prescriber: referenceText(s.informationSource),
        route: s.dosage?.[0]?.route,
        dose: firstDose(s.dosage?.[0]),
        kind: 'Reported',
      };
    });
  const administrations = ctx
    .ofType<MedicationAdministration>('MedicationAdministration')
    .filter((m) => m.status !== 'not-done')
    .map(
      (m): MedicationItem => ({
        resource: m,
        concept: medicationConcept(ctx, m),
        start: m.effectiveDateTime ?? m.effectivePeriod?.start,
        end: m.effectiveDateTime ?? m.effectivePeriod?.end,
        ongoing: m.status === 'in-progress',
        status: m.status ?? 'completed',
        instructions: m.dosage?.text ?? '',
        prescriber: '',
        route: m.dosage?.route,
        dose: m.dosage?.dose,
        kind: 'Given at the practice',
      }),
    );
  return [...requests, ...statements, ...administrations];
}

export function medicationsSection(ctx: BuildContext): SectionContent {
  const kept = newestFirst(
    items(ctx).filter((m) =>
      m.kind === 'Given at the practice'
        ? periodKept(m.start, m.end, ctx.bounds)
        : stateKept(m.start, m.end, m.ongoing, ctx.bounds),
    ),
    (m) => m.start,
  );
  const rows = kept.map((m, i) => {
    const id = `medication-${i + 1}`;
    return {
      id,
      cells: [
        { text: patientText(m.concept, 'Unnamed medication'), id: `${id}-name` },
        m.instructions || 'Not recorded',
        statusText(m.status),
        (m.end ? formatClinicalPeriod({ start: m.start, end: m.end }) : formatClinicalDate(m.start)) ||
          'Unknown',
        m.kind,
        m.prescriber || 'Not recorded',
      ],
    };
  });
  return {
    key: 'medications',
    title: 'Medications',
    templateIds: T.medicationsSection,
    code: ['10160-0', 'History of Medication use Narrative'],
    entriesRequired: true,
    emptyText: 'No medications are recorded for the selected dates.',
    tables: [
      {
        caption: 'Medications',
        headers: ['Medication', 'Instructions', 'Status', 'Dates', 'Source', 'Prescriber'],
        rows,
      },
    ],
    entries: kept.map((m, i) => medicationEntry(ctx, m, `medication-${i + 1}`)),
    count: kept.length,
  };
}

function medicationEntry(ctx: BuildContext, m: MedicationItem, id: string): Xml {
  const dose = pq('doseQuantity', m.dose, false);
  return el(
    'substanceAdministration',
    { classCode: 'SBADM', moodCode: 'EVN' },
    templateIds(T.medicationActivity),
    ctx.recordId(m.resource),
    el('text', {}, el('reference', { value: `#${id}` })),
    el('statusCode', { code: CDA_STATUS[m.status] ?? 'completed' }),
    interval('effectiveTime', m.start, m.end, { xsiType: true, closed: !m.ongoing }),
    m.route ? coded('routeCode', m.route) : undefined,
    // R2.1 Schematron requires a doseQuantity; an unknown dose says so.
    dose ?? el('doseQuantity', { nullFlavor: 'UNK' }),
    el(
      'consumable',
      {},
      el(
        'manufacturedProduct',
        { classCode: 'MANU' },
        templateIds(T.medicationInformation),
        el(
          'manufacturedMaterial',
          {},
          coded('code', m.concept, { prefer: [SYSTEM.rxnorm], ref: `${id}-name` }),
        ),
      ),
    ),
  );
}

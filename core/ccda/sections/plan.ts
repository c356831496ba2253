// Plan of Treatment Section: what is planned in the patient's care plans (CarePlan activities
// not yet done), as Planned Acts. Finished or cancelled plans and activities are history, not plan.
import { formatClinicalPeriod } from '../../clinical-dates';
import { patientText, SYSTEM, statusText } from '../../fhir/text';
import type { AnyResource, CodeableConcept, Period } from '../../fhir/types';
import { coded, interval } from '../coded';
import type { BuildContext, Row, SectionContent } from '../model';
import { templateIds } from '../section';
import { newestFirst, stateKept } from '../selection';
import { T } from '../vocab';
import { el, type Xml } from '../xml';

/** CarePlan is not in core/fhir/types.ts: the fields read here. */
interface CarePlanResource extends AnyResource {
  resourceType: 'CarePlan';
  status?: string;
  title?: string;
  description?: string;
  category?: CodeableConcept[];
  period?: Period;
  activity?: {
    detail?: { code?: CodeableConcept; status?: string; description?: string; scheduledPeriod?: Period };
  }[];
}

const PLAN_OPEN = new Set(['active', 'on-hold', 'draft']);
const ACTIVITY_DONE = new Set(['completed', 'cancelled', 'stopped', 'entered-in-error']);

/** The plan's name: its title, else its most specific category (Synthea's second one). */
const planName = (p: CarePlanResource) =>
  p.title ??
  patientText(
    p.category?.find((c) => c.coding?.some((x) => x.system === SYSTEM.snomed)) ?? p.category?.[0],
    'Care plan',
  );

export function planOfTreatmentSection(ctx: BuildContext): SectionContent {
  const plans = newestFirst(
    ctx
      .ofType<CarePlanResource>('CarePlan')
      .filter((p) => PLAN_OPEN.has(p.status ?? ''))
      .filter((p) => stateKept(p.period?.start, p.period?.end, true, ctx.bounds)),
    (p) => p.period?.start,
  );
  const rows: Row[] = [];
  const entries: Xml[] = [];
  for (const plan of plans)
    for (const activity of plan.activity ?? []) {
      const detail = activity.detail;
      if (!detail || ACTIVITY_DONE.has(detail.status ?? '')) continue;
      const id = `plan-${rows.length + 1}`;
      const concept: CodeableConcept = detail.code ?? { text: detail.description ?? 'Planned activity' };
      rows.push({
        id,
        cells: [
          { text: patientText(concept, 'Planned activity'), id: `${id}-name` },
          planName(plan),
          statusText(detail.status ?? plan.status),
          formatClinicalPeriod(detail.scheduledPeriod ?? plan.period) || 'Not set',
        ],
      });
      const period = detail.scheduledPeriod ?? plan.period;
      entries.push(
        el(
          'act',
          { classCode: 'ACT', moodCode: 'INT' },
          templateIds(T.plannedAct),
          ctx.recordId(plan, `activity-${rows.length}`),
          coded('code', concept, { prefer: [SYSTEM.snomed, SYSTEM.loinc], ref: `${id}-name` }),
          el('text', {}, el('reference', { value: `#${id}` })),
          el('statusCode', { code: 'active' }),
          period?.start ? interval('effectiveTime', period.start, period.end) : undefined,
        ),
      );
    }
  return {
    key: 'planOfTreatment',
    title: 'Plan of Treatment',
    templateIds: T.planOfTreatmentSection,
    code: ['18776-5', 'Plan of care note'],
    entriesRequired: false,
    emptyText: 'No planned care is recorded for the selected dates.',
    tables: [{ caption: 'Planned care', headers: ['Activity', 'Care plan', 'Status', 'When'], rows }],
    entries,
    count: rows.length,
  };
}

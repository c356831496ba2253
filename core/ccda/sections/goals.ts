// Goals Section: the patient's goals (FHIR Goal, when the record has them) as Goal Observations
// (moodCode GOL). The section requires an entry, so with none it says nullFlavor="NI".
import { formatClinicalDate } from '../../clinical-dates';
import { patientText, SYSTEM, statusText } from '../../fhir/text';
import type { AnyResource, CodeableConcept } from '../../fhir/types';
import { coded, interval } from '../coded';
import type { BuildContext, SectionContent } from '../model';
import { templateIds } from '../section';
import { newestFirst, stateKept } from '../selection';
import { T } from '../vocab';
import { el } from '../xml';

/** Goal is not in core/fhir/types.ts: the fields read here. */
interface GoalResource extends AnyResource {
  resourceType: 'Goal';
  lifecycleStatus?: string;
  description?: CodeableConcept;
  startDate?: string;
  statusDate?: string;
  target?: { dueDate?: string }[];
}

const GOAL_OPEN = new Set(['proposed', 'planned', 'accepted', 'active', 'on-hold']);
const isOpen = (g: GoalResource) => GOAL_OPEN.has(g.lifecycleStatus ?? 'active');
const startOf = (g: GoalResource) => g.startDate ?? g.statusDate;
const dueOf = (g: GoalResource) => g.target?.find((t) => t.dueDate)?.dueDate;

export function goalsSection(ctx: BuildContext): SectionContent {
  const kept = newestFirst(
    ctx
      .ofType<GoalResource>('Goal')
      .filter((g) => g.lifecycleStatus !== 'cancelled' && g.lifecycleStatus !== 'rejected')
      .filter((g) => stateKept(startOf(g), g.statusDate, isOpen(g), ctx.bounds)),
    startOf,
  );
  const rows = kept.map((g, i) => {
    const id = `goal-${i + 1}`;
    return {
      id,
      cells: [
        { text: patientText(g.description, 'Goal'), id: `${id}-name` },
        statusText(g.lifecycleStatus ?? 'active'),
        formatClinicalDate(startOf(g)) || 'Unknown',
        formatClinicalDate(dueOf(g)) || '—',
      ],
    };
  });
  return {
    key: 'goals',
    title: 'Goals',
    templateIds: T.goalsSection,
    code: ['61146-7', 'Goals'],
    entriesRequired: true,
    emptyText: 'No goals are recorded for the selected dates.',
    tables: [{ caption: 'Goals', headers: ['Goal', 'Status', 'Set on', 'Target date'], rows }],
    entries: kept.map((g, i) =>
      el(
        'observation',
        { classCode: 'OBS', moodCode: 'GOL' },
        templateIds(T.goalObservation),
        ctx.recordId(g),
        coded('code', g.description, {
          prefer: [SYSTEM.loinc],
          only: [SYSTEM.loinc],
          ref: `goal-${i + 1}-name`,
        }),
        el('text', {}, el('reference', { value: `#goal-${i + 1}` })),
        el('statusCode', { code: isOpen(g) ? 'active' : 'completed' }),
        startOf(g) ? interval('effectiveTime', startOf(g), dueOf(g)) : undefined,
      ),
    ),
    count: kept.length,
  };
}

// Procedures Section (entries required): procedures done (or attempted), as Procedure Activity
// Procedures with their SNOMED CT code, the day, and who performed them.
import { formatClinicalDate, formatClinicalPeriod } from '../../clinical-dates';
import { patientText, referenceText, SYSTEM, statusText } from '../../fhir/text';
import type { Procedure } from '../../fhir/types';
import { coded, interval, ts } from '../coded';
import { displayNameXml } from '../contact';
import type { BuildContext, SectionContent } from '../model';
import { templateIds } from '../section';
import { newestFirst, periodKept } from '../selection';
import { T } from '../vocab';
import { el, type Xml } from '../xml';

const STATUS: Record<string, string> = {
  completed: 'completed',
  'in-progress': 'active',
  preparation: 'active',
  'on-hold': 'active',
  stopped: 'aborted',
  'not-done': 'cancelled',
};

const startOf = (p: Procedure) => p.performedDateTime ?? p.performedPeriod?.start;
const endOf = (p: Procedure) => p.performedDateTime ?? p.performedPeriod?.end;

export function proceduresSection(ctx: BuildContext): SectionContent {
  const kept = newestFirst(
    ctx.ofType<Procedure>('Procedure').filter((p) => periodKept(startOf(p), endOf(p), ctx.bounds)),
    startOf,
  );
  const rows = kept.map((p, i) => {
    const id = `procedure-${i + 1}`;
    return {
      id,
      cells: [
        { text: patientText(p.code, 'Unnamed procedure'), id: `${id}-name` },
        (p.performedPeriod
          ? formatClinicalPeriod(p.performedPeriod)
          : formatClinicalDate(p.performedDateTime)) || 'Unknown',
        statusText(p.status ?? 'completed'),
        referenceText(p.performer?.[0]?.actor) || 'Not recorded',
        referenceText(p.location) || 'Not recorded',
      ],
    };
  });
  return {
    key: 'procedures',
    title: 'Procedures',
    templateIds: T.proceduresSection,
    code: ['47519-4', 'History of Procedures Document'],
    entriesRequired: true,
    emptyText: 'No procedures are recorded for the selected dates.',
    tables: [
      { caption: 'Procedures', headers: ['Procedure', 'Date', 'Status', 'Performed by', 'Where'], rows },
    ],
    entries: kept.map((p, i) => procedureEntry(ctx, p, `procedure-${i + 1}`)),
    count: kept.length,
  };
}

function procedureEntry(ctx: BuildContext, p: Procedure, id: string): Xml {
  const performer = referenceText(p.performer?.[0]?.actor);
  return el(
    'procedure',
    { classCode: 'PROC', moodCode: 'EVN' },
    templateIds(T.procedureActivity),
    ctx.recordId(p),
    coded('code', p.code, { prefer: [SYSTEM.snomed], ref: `${id}-name` }),
    el('text', {}, el('reference', { value: `#${id}` })),
    el('statusCode', { code: STATUS[p.status ?? 'completed'] ?? 'completed' }),
    p.performedPeriod
      ? interval('effectiveTime', p.performedPeriod.start, p.performedPeriod.end)
      : ts('effectiveTime', p.performedDateTime),
    performer
      ? el(
          'performer',
          {},
          el(
            'assignedEntity',
            {},
            el('id', { nullFlavor: 'UNK' }),
            el('assignedPerson', {}, displayNameXml(performer)),
          ),
        )
      : undefined,
  );
}

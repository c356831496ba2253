// Encounters Section (entries required): visits, with their type, the providers seen (names from
// the references' display, filled by the server) and where.
import { formatClinicalPeriod } from '../../clinical-dates';
import { patientText, referenceText, SYSTEM } from '../../fhir/text';
import type { AnyResource, CodeableConcept, Coding, Period, Reference } from '../../fhir/types';
import { coded, interval } from '../coded';
import { displayNameXml } from '../contact';
import type { BuildContext, SectionContent } from '../model';
import { templateIds } from '../section';
import { newestFirst, periodKept } from '../selection';
import { T } from '../vocab';
import { el, type Xml } from '../xml';

/** Encounter is not in core/fhir/types.ts: the fields read here (and by the care team). */
export interface EncounterResource extends AnyResource {
  resourceType: 'Encounter';
  status?: string;
  class?: Coding;
  type?: CodeableConcept[];
  period?: Period;
  participant?: { type?: CodeableConcept[]; period?: Period; individual?: Reference }[];
  reasonCode?: CodeableConcept[];
  location?: { location?: Reference }[];
  serviceProvider?: Reference;
}

export const encounterKept = (ctx: BuildContext, e: EncounterResource) =>
  e.status !== 'cancelled' && periodKept(e.period?.start, e.period?.end, ctx.bounds);

export function encountersSection(ctx: BuildContext): SectionContent {
  const kept = newestFirst(
    ctx.ofType<EncounterResource>('Encounter').filter((e) => encounterKept(ctx, e)),
    (e) => e.period?.start,
  );
  const rows = kept.map((e, i) => {
    const id = `encounter-${i + 1}`;
    return {
      id,
      cells: [
        { text: patientText(e.type?.[0], e.class?.display ?? 'Visit'), id: `${id}-name` },
        formatClinicalPeriod(e.period) || 'Unknown',
        e.participant
          ?.map((p) => referenceText(p.individual))
          .filter(Boolean)
          .join(', ') || 'Not recorded',
        referenceText(e.location?.[0]?.location) || referenceText(e.serviceProvider) || 'Not recorded',
        (e.reasonCode ?? []).map((r) => patientText(r)).join(', ') || '—',
      ],
    };
  });
  return {
    key: 'encounters',
    title: 'Encounters',
    templateIds: T.encountersSection,
    code: ['46240-8', 'History of Hospitalizations+Outpatient visits Narrative'],
    entriesRequired: true,
    emptyText: 'No visits are recorded for the selected dates.',
    tables: [{ caption: 'Visits', headers: ['Visit', 'Date', 'Seen by', 'Where', 'Reason'], rows }],
    entries: kept.map((e, i) => encounterEntry(ctx, e, `encounter-${i + 1}`)),
    count: kept.length,
  };
}

function encounterEntry(ctx: BuildContext, e: EncounterResource, id: string): Xml {
  const people = (e.participant ?? []).map((p) => referenceText(p.individual)).filter(Boolean);
  return el(
    'encounter',
    { classCode: 'ENC', moodCode: 'EVN' },
    templateIds(T.encounterActivity),
    ctx.recordId(e),
    coded('code', e.type?.[0], {
      prefer: ['http://www.ama-assn.org/go/cpt', SYSTEM.snomed],
      ref: `${id}-name`,
    }),
    el('text', {}, el('reference', { value: `#${id}` })),
    interval('effectiveTime', e.period?.start, e.period?.end),
    people.map((name) =>
      el(
        'performer',
        {},
        el(
          'assignedEntity',
          {},
          el('id', { nullFlavor: 'UNK' }),
          el('assignedPerson', {}, displayNameXml(name)),
        ),
      ),
    ),
  );
}

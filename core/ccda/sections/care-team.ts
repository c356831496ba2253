// Care Teams Section (C-CDA R2.1 Companion Guide): the providers who cared for the patient in the
// selected time — named in the visits' participants and in CareTeam records, by the `display` the
// server filled into their references (the directory is not on the device) — each with the
// practice office to contact, from PracticeInfo. The same members are the header's performers.
import { clinicalDay, formatClinicalDate } from '../../clinical-dates';
import { patientText, referenceText } from '../../fhir/text';
import type { AnyResource, CodeableConcept, Period, Reference } from '../../fhir/types';
import type { PracticeInfo, PracticeOffice } from '../../practice';
import { interval } from '../coded';
import { addrXml, displayNameXml, officeAddress, telUrl } from '../contact';
import type { CareTeamMember } from '../header';
import { organizationXml } from '../header';
import type { BuildContext, SectionContent } from '../model';
import { templateIds } from '../section';
import { stateKept } from '../selection';
import { OID, T } from '../vocab';
import { el, type Xml } from '../xml';
import { type EncounterResource, encounterKept } from './encounters';

/** CareTeam is not in core/fhir/types.ts: the fields read here. */
interface CareTeamResource extends AnyResource {
  resourceType: 'CareTeam';
  status?: string;
  period?: Period;
  participant?: { role?: CodeableConcept[]; member?: Reference; period?: Period }[];
}

/** The office whose name the place's words mention, else the practice's main office. */
function officeFor(practice: PracticeInfo, place: string): PracticeOffice | undefined {
  const words = place.toLowerCase();
  return (
    practice.offices.find(
      (o) => words !== '' && (words.includes(o.name.toLowerCase()) || o.name.toLowerCase().includes(words)),
    ) ?? practice.offices[0]
  );
}

const isPerson = (reference: Reference | undefined) => {
  const ref = reference?.reference ?? '';
  return ref === '' || ref.startsWith('Practitioner') || ref.startsWith('PractitionerRole');
};

/** The care team in the selected time, one entry per provider name, earliest first seen. */
export function careTeamMembers(ctx: BuildContext): CareTeamMember[] {
  const byName = new Map<string, CareTeamMember>();
  const note = (name: string, role: string, place: string, start?: string, end?: string) => {
    if (!name) return;
    const first = clinicalDay(start) || undefined;
    const last = clinicalDay(end ?? start) || undefined;
    const known = byName.get(name);
    if (!known) {
      const words = role.charAt(0).toUpperCase() + role.slice(1);
      byName.set(name, { name, role: words, office: officeFor(ctx.practice, place), first, last });
      return;
    }
    if (first && (!known.first || first < known.first)) known.first = first;
    // The office to contact is where they saw the patient last.
    if (last && (!known.last || last > known.last)) {
      known.last = last;
      if (place) known.office = officeFor(ctx.practice, place);
    }
  };
  for (const e of ctx.ofType<EncounterResource>('Encounter').filter((x) => encounterKept(ctx, x))) {
    const place = referenceText(e.location?.[0]?.location) || referenceText(e.serviceProvider);
    for (const p of e.participant ?? [])
      if (isPerson(p.individual))
        note(
          referenceText(p.individual),
          patientText(p.type?.[0], 'Provider'),
          place,
          e.period?.start,
          e.period?.end,
        );
  }
  for (const team of ctx.ofType<CareTeamResource>('CareTeam')) {
    if (team.status === 'entered-in-error') continue;
    const active = team.status === 'active' || team.status === undefined;
    if (!stateKept(team.period?.start, team.period?.end, active, ctx.bounds)) continue;
    for (const p of team.participant ?? [])
      if (isPerson(p.member))
        note(
          referenceText(p.member),
          patientText(p.role?.[0], 'Care team member'),
          '',
          p.period?.start ?? team.period?.start,
          p.period?.end ?? team.period?.end,
        );
  }
  return [...byName.values()].sort(
    (a, b) => (a.first ?? '').localeCompare(b.first ?? '') || a.name.localeCompare(b.name),
  );
}

export function careTeamSection(ctx: BuildContext, members: CareTeamMember[]): SectionContent {
  const rows = members.map((m, i) => ({
    id: `care-team-${i + 1}`,
    cells: [
      { text: m.name, id: `care-team-${i + 1}-name` },
      m.role,
      m.office ? `${m.office.name}, ${m.office.address}` : ctx.practice.name,
      m.office?.phone ?? ctx.practice.supportPhone,
      [formatClinicalDate(m.first), formatClinicalDate(m.last)]
        .filter(Boolean)
        .filter((d, i, all) => all.indexOf(d) === i)
        .join(' – ') || '—',
    ],
  }));
  const entries: Xml[] =
    members.length === 0
      ? []
      : [
          el(
            'organizer',
            { classCode: 'CLUSTER', moodCode: 'EVN' },
            templateIds(T.careTeamOrganizer),
            el('id', { root: ctx.idRoot, extension: 'care-team' }),
            el('code', {
              code: '86744-0',
              codeSystem: OID.loinc,
              codeSystemName: 'LOINC',
              displayName: 'Care team',
            }),
            el('statusCode', { code: 'active' }),
            members.map((m, i) => el('component', {}, memberAct(ctx, m, i + 1))),
          ),
        ];
  return {
    key: 'careTeam',
    title: 'Care Team',
    templateIds: T.careTeamsSection,
    code: ['85847-2', 'Patient Care team information'],
    entriesRequired: true,
    emptyText: 'No care team members are recorded for the selected dates.',
    tables: [{ caption: 'Care team', headers: ['Provider', 'Role', 'Office', 'Phone', 'Seen'], rows }],
    entries,
    count: members.length,
  };
}

function memberAct(ctx: BuildContext, m: CareTeamMember, n: number): Xml {
  return el(
    'act',
    { classCode: 'PCPR', moodCode: 'EVN' },
    templateIds(T.careTeamMemberAct),
    el('id', { root: ctx.idRoot, extension: `care-team/${n}` }),
    el('code', {
      code: '85847-2',
      codeSystem: OID.loinc,
      codeSystemName: 'LOINC',
      displayName: 'Patient Care team information',
    }),
    el('text', {}, el('reference', { value: `#care-team-${n}` })),
    el('statusCode', { code: 'active' }),
    m.first ? interval('effectiveTime', m.first, m.last) : undefined,
    el(
      'performer',
      { typeCode: 'PRF' },
      el(
        'assignedEntity',
        {},
        el('id', { nullFlavor: 'UNK' }),
        m.office ? addrXml(officeAddress(m.office), 'WP') : undefined,
        m.office ? el('telecom', { use: 'WP', value: telUrl(m.office.phone) }) : undefined,
        el('assignedPerson', {}, displayNameXml(m.name)),
        organizationXml('representedOrganization', ctx.practice, ctx.idRoot),
      ),
    ),
  );
}

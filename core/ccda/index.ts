// The Consolidated Clinical Summary (C-CDA R2.1 Continuity of Care Document) of one patient's
// record, as XML and as a readable HTML page. Pure: the same call runs in the browser from the
// device's copy and on the server. Everything that varies (time, id) is passed in.
import { formatClinicalDate } from '../clinical-dates';
import { createContext, isUuid } from './context';
import { type CareTeamMember, headerXml } from './header';
import { renderHtml } from './html';
import type { BuildContext, CcdInput, SectionContent, SectionKey } from './model';
import type { PatientResource } from './patient';
import { sectionXml } from './section';
import { allergiesSection } from './sections/allergies';
import { careTeamMembers, careTeamSection } from './sections/care-team';
import { encountersSection } from './sections/encounters';
import { medicalEquipmentSection } from './sections/equipment';
import { goalsSection } from './sections/goals';
import { immunizationsSection } from './sections/immunizations';
import { medicationsSection } from './sections/medications';
import { planOfTreatmentSection } from './sections/plan';
import { healthConcernsSection, problemsSection } from './sections/problems';
import { proceduresSection } from './sections/procedures';
import { resultsSection } from './sections/results';
import { socialHistorySection } from './sections/social-history';
import { vitalSignsSection } from './sections/vitals';
import { isAllTime } from './selection';
import { servicePeriod } from './service-period';
import { el } from './xml';

export { DOCUMENT_TITLE } from './header';
export type { CcdInput, SectionKey } from './model';
export type { DateSelection } from './selection';
export { escapeAttr, escapeText } from './xml';

export interface CcdOutput {
  xml: string;
  html: string;
  /** Records carried per section (0 where the section says nothing is recorded). */
  counts: Record<SectionKey, number>;
}

/** The sections in document order: what a receiving clinician reads first comes first. */
function sections(ctx: BuildContext, careTeam: CareTeamMember[]): SectionContent[] {
  return [
    allergiesSection(ctx),
    medicationsSection(ctx),
    problemsSection(ctx),
    immunizationsSection(ctx),
    proceduresSection(ctx),
    resultsSection(ctx),
    vitalSignsSection(ctx),
    encountersSection(ctx),
    planOfTreatmentSection(ctx),
    goalsSection(ctx),
    healthConcernsSection(ctx),
    socialHistorySection(ctx),
    careTeamSection(ctx, careTeam),
    medicalEquipmentSection(ctx),
  ];
}

function coverageWords(start: string | undefined, end: string | undefined, allTime: boolean): string {
  if (allTime)
    return start && end
      ? `All records (${formatClinicalDate(start)} – ${formatClinicalDate(end)})`
      : 'All records';
  return start === end
    ? formatClinicalDate(start)
    : `${formatClinicalDate(start)} – ${formatClinicalDate(end)}`;
}

export function buildCcd(input: CcdInput): CcdOutput {
  if (!isUuid(input.documentId)) throw new RangeError(`documentId must be a UUID: ${input.documentId}`);
  const patients = input.resources.filter((r): r is PatientResource => r.resourceType === 'Patient');
  const patient = patients[0];
  if (!patient || patients.length > 1) throw new RangeError(`Expected one Patient, found ${patients.length}`);
  const ctx = createContext(input);
  const members = careTeamMembers(ctx);
  const content = sections(ctx, members);
  const period = servicePeriod(input.resources, ctx.bounds);

  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n${
    el(
      'ClinicalDocument',
      {
        xmlns: 'urn:hl7-org:v3',
        'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
        'xmlns:sdtc': 'urn:hl7-org:sdtc',
      },
      headerXml({
        ctx,
        patient,
        documentId: input.documentId.toLowerCase(),
        generatedAt: input.generatedAt,
        serviceStart: period.start,
        serviceEnd: period.end,
        careTeam: members,
      }),
      el('component', {}, el('structuredBody', {}, content.map(sectionXml))),
    ).xml
  }\n`;

  const html = renderHtml({
    patient,
    practice: input.practice,
    generatedAt: input.generatedAt,
    coverage: coverageWords(period.start, period.end, isAllTime(ctx.bounds)),
    sections: content,
  });
  const counts = Object.fromEntries(content.map((s) => [s.key, s.count])) as Record<SectionKey, number>;
  return { xml, html, counts };
}

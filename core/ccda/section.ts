// One section as CDA: templateIds, LOINC code, title, narrative and entries; an entries-required
// section with nothing to carry says nullFlavor="NI" (no information) and a sentence, as R2.1 asks.
import type { SectionContent } from './model';
import { narrative } from './narrative';
import { OID, type TemplateId } from './vocab';
import { el, fragment, type Xml } from './xml';

export const templateIds = (ids: readonly TemplateId[]): Xml =>
  fragment(ids.map(([root, extension]) => el('templateId', { root, extension })));

export function sectionXml(section: SectionContent): Xml {
  const empty = section.entries.length === 0;
  return el(
    'component',
    {},
    el(
      'section',
      { nullFlavor: empty && section.entriesRequired ? 'NI' : undefined },
      templateIds(section.templateIds),
      el('code', {
        code: section.code[0],
        codeSystem: OID.loinc,
        codeSystemName: 'LOINC',
        displayName: section.code[1],
      }),
      el('title', {}, section.title),
      narrative(section),
      section.entries.map((entry) => el('entry', { typeCode: 'DRIV' }, entry)),
    ),
  );
}

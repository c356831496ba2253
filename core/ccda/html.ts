// The readable rendering of the same summary, for "Show Preview" (a sandboxed frame) and the
// downloadable zip: one HTML page, a heading per section, real tables with captions and header
// cells, no scripts and nothing fetched from elsewhere; a small inline style only.
import { formatClinicalDate, formatClinicalDateTime } from '../clinical-dates';
import { humanNameText } from '../fhir/text';
import type { PracticeInfo } from '../practice';
import { DOCUMENT_TITLE } from './header';
import type { SectionContent, Table } from './model';
import { cellText } from './narrative';
import {
  ethnicityOf,
  genderWords,
  officialName,
  type PatientResource,
  patientDisplayName,
  raceOf,
} from './patient';
import { escapeAttr, escapeText } from './xml';

export const SUMMARY_STYLE = `body{font:16px/1.5 system-ui,sans-serif;color:#1a1a1a;background:#fff;margin:0}
main{max-width:60rem;margin:0 auto;padding:1rem}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:2px solid #2b5f8a}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dt{font-weight:600}dd{margin:0}
table{border-collapse:collapse;width:100%;margin:.5rem 0}.table-scroll{overflow-x:auto}caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{border:1px solid #8a8a8a;padding:.35rem .5rem;text-align:left;vertical-align:top}
thead th{background:#e8eef4}tbody th{font-weight:600}
@media print{h2{break-after:avoid}tr{break-inside:avoid}}`;

const t = escapeText;

function tableHtml(table: Table): string {
  const head = table.headers.map((h) => `<th scope="col">${t(h)}</th>`).join('');
  const body = table.rows
    .map((row) => {
      const [first, ...rest] = row.cells;
      const lead = first === undefined ? '' : `<th scope="row">${t(cellText(first))}</th>`;
      return `<tr>${lead}${rest.map((c) => `<td>${t(cellText(c))}</td>`).join('')}</tr>`;
    })
    .join('\n');
  // A wide table scrolls on its own on a phone; the region is focusable so a keyboard can scroll it.
  return `<div class="table-scroll" role="region" tabindex="0" aria-label="${escapeAttr(table.caption)}">\n<table>\n<caption>${t(table.caption)}</caption>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>\n</div>`;
}

function sectionHtml(section: SectionContent): string {
  const id = `section-${section.key}`;
  const tables = section.tables.filter((table) => table.rows.length > 0);
  const inner = tables.length > 0 ? tables.map(tableHtml).join('\n') : `<p>${t(section.emptyText)}</p>`;
  return `<section aria-labelledby="${escapeAttr(id)}">\n<h2 id="${escapeAttr(id)}">${t(section.title)}</h2>\n${inner}\n</section>`;
}

export interface HtmlInput {
  patient: PatientResource;
  practice: PracticeInfo;
  generatedAt: string;
  coverage: string;
  sections: SectionContent[];
}

export function renderHtml(input: HtmlInput): string {
  const { patient, practice } = input;
  const name = patientDisplayName(patient);
  const address = patient.address?.[0];
  const phone = patient.telecom?.find((c) => c.system === 'phone')?.value;
  const race = raceOf(patient);
  const ethnicity = ethnicityOf(patient);
  const facts: [string, string][] = [
    ['Patient', humanNameText(officialName(patient)) || name],
    ['Date of birth', formatClinicalDate(patient.birthDate) || 'Not recorded'],
    ['Sex', genderWords(patient)],
    [
      'Address',
      address
        ? [
            ...(address.line ?? []),
            [address.city, [address.state, address.postalCode].filter(Boolean).join(' ')]
              .filter(Boolean)
              .join(', '),
          ]
            .filter(Boolean)
            .join(', ')
        : 'Not recorded',
    ],
    ['Phone', phone ?? 'Not recorded'],
    ['Race', race.text || race.codings.map((c) => c.display ?? c.code ?? '').join(', ') || 'Not recorded'],
    [
      'Ethnicity',
      ethnicity.text || ethnicity.codings.map((c) => c.display ?? c.code ?? '').join(', ') || 'Not recorded',
    ],
    ['Practice', practice.name],
    ['Covers', input.coverage],
    ['Created', formatClinicalDateTime(input.generatedAt)],
  ];
  const header = `<header>\n<h1>${t(DOCUMENT_TITLE)}</h1>\n<dl>\n${facts
    .map(([term, value]) => `<dt>${t(term)}</dt><dd>${t(value)}</dd>`)
    .join('\n')}\n</dl>\n</header>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t(`${DOCUMENT_TITLE} – ${name}`)}</title>
<style>${SUMMARY_STYLE}</style>
</head>
<body>
<main>
${header}
${input.sections.map(sectionHtml).join('\n')}
</main>
</body>
</html>
`;
}

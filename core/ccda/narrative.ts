// A section's human-readable <text>: one StrucDoc table per kind of record, rows with IDs that the
// coded entries point at, or one sentence when nothing is recorded.
import type { Cell, SectionContent, Table } from './model';
import { el, type Xml } from './xml';

const cellOf = (cell: string | Cell): Cell => (typeof cell === 'string' ? { text: cell } : cell);

function tableXml(table: Table): Xml {
  return el(
    'table',
    { border: '1', width: '100%' },
    el('caption', {}, table.caption),
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        table.headers.map((h) => el('th', {}, h)),
      ),
    ),
    el(
      'tbody',
      {},
      table.rows.map((row) =>
        el(
          'tr',
          { ID: row.id },
          row.cells.map((c) => {
            const cell = cellOf(c);
            return el('td', {}, cell.id ? el('content', { ID: cell.id }, cell.text) : cell.text);
          }),
        ),
      ),
    ),
  );
}

/** The section's <text>. */
export function narrative(section: SectionContent): Xml {
  const tables = section.tables.filter((t) => t.rows.length > 0);
  if (tables.length === 0) return el('text', {}, el('paragraph', {}, section.emptyText));
  return el('text', {}, tables.map(tableXml));
}

/** A cell's words as the HTML rendering shows them (shared so both outputs say the same). */
export const cellText = (cell: string | Cell): string => cellOf(cell).text;

// The tables of the PDFs made on the device (billing statement, vaccination record): rows of
// wrapped cells with a shaded header and zebra rows, one way for both. The caller wraps each cell
// into lines (it knows its columns) and breaks pages; this draws.
import type { jsPDF } from 'jspdf';
import { latin1Text } from './pdf-text';

export interface PdfTableLayout {
  /** The table's left edge and full width, in points. */
  left: number;
  width: number;
  font: number;
  /** Line height of the cells' text. */
  line: number;
  padX: number;
  padY: number;
}

export interface PdfTableColumn {
  title: string;
  width: number;
  align?: 'left' | 'right';
}

/** How one line of a cell is written: bold, grey, and what else to draw over it (a strike-through). */
export interface LineStyle {
  bold?: boolean;
  gray?: number;
  /** Called after the line is written, with where it ends on the right and its baseline area. */
  over?: (right: number, lineTop: number, textWidth: number) => void;
}

export function pdfTable(doc: jsPDF, layout: PdfTableLayout, columns: readonly PdfTableColumn[]) {
  const rowHeight = (cells: readonly string[][]) =>
    Math.max(...cells.map((c) => c.length)) * layout.line + 2 * layout.padY;

  /** One row of cells (each a list of lines); returns its height. */
  const drawRow = (
    cells: readonly string[][],
    top: number,
    { bold = false, fill = -1, style = () => ({}) as LineStyle } = {} as {
      bold?: boolean;
      fill?: number;
      style?: (text: string, column: PdfTableColumn) => LineStyle;
    },
  ) => {
    const height = rowHeight(cells);
    if (fill >= 0) {
      doc.setFillColor(fill, fill, fill);
      doc.rect(layout.left, top, layout.width, height, 'F');
    }
    let x = layout.left;
    columns.forEach((column, i) => {
      const right = column.align === 'right';
      const at = right ? x + column.width - layout.padX : x + layout.padX;
      (cells[i] ?? []).forEach((text, n) => {
        const lineTop = top + layout.padY + n * layout.line;
        const look = style(text, column);
        doc.setFont('helvetica', bold || look.bold ? 'bold' : 'normal');
        doc.setFontSize(layout.font);
        doc.setTextColor(look.gray ?? 0);
        const written = latin1Text(text);
        doc.text(written, at, lineTop, { baseline: 'top', align: right ? 'right' : 'left' });
        look.over?.(right ? at : at + doc.getTextWidth(written), lineTop, doc.getTextWidth(written));
      });
      x += column.width;
    });
    return height;
  };

  /** The column titles on a grey band with a rule below; returns the y under it. */
  const drawHeader = (header: readonly string[][], top: number) => {
    const height = drawRow(header, top, { bold: true, fill: 225 });
    doc.setDrawColor(120);
    doc.setLineWidth(0.8);
    doc.line(layout.left, top + height, layout.left + layout.width, top + height);
    return top + height;
  };

  return { rowHeight, drawRow, drawHeader };
}

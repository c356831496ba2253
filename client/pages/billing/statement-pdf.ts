// The billing statement as a PDF, made on the device from the copy saved there (so it works
// offline): the practice and its billing contacts, whose statement it is, when it was made and how
// old the figures are, the amount due and one table row per statement line, over as many pages as
// it takes, each numbered "Page 1 of 3". Money figures only; the lines hold nothing clinical.
//
// The Billing page loads this module with import() when "Download statement (PDF)" is pressed, so
// jspdf stays out of the page's own chunk.
import { jsPDF } from 'jspdf';
import { type BillingStatementLine, type BillingSummary, formatMoney } from '../../../core/billing';
import type { PracticeInfo } from '../../../core/practice';
import { pdfTable } from '../../components/pdf-table';
import { latin1Text } from '../../components/pdf-text';
import { STATUS_WORDS, serviceDay, whereParts } from './billing-words';

export interface StatementInput {
  /** The practice's name and billing contacts; null before this device has been online. */
  practice: Pick<PracticeInfo, 'name' | 'billingPhone' | 'billingEmail'> | null;
  /** Whose statement it is, as the account switcher names them. */
  personName: string;
  /** Whether it is the signed-in person's own ("You owe") or a family member's. */
  self: boolean;
  billing: BillingSummary;
  /** When this device last copied the figures from the practice. */
  fetchedAt: Date;
  /** When the statement is made. */
  madeAt: Date;
  /** The practice's time zone, for the dates written. */
  timeZone: string;
  /** Whether the device was offline when the statement was made. */
  offline: boolean;
}

/** "statement-2026-12-01.pdf": the day it was made, never whose it is (names land in download folders). */
export function statementFileName(madeAt: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    timeZone,
  }).formatToParts(madeAt);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '00';
  return `statement-${part('year')}-${part('month')}-${part('day')}.pdf`;
}

/** "Dec 1, 2026, 9:14 AM EST" in the practice's time zone. */
function dateTime(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
    timeZone,
  }).format(at);
}

/** Letter, landscape: nine columns need the width. Points (1/72 in). */
const PAGE_WIDTH = 792;
const PAGE_HEIGHT = 612;
const MARGIN = 40;
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
/** Where the table stops, leaving room for the footer. */
const BODY_BOTTOM = PAGE_HEIGHT - MARGIN - 24;
const TABLE_FONT = 9;
const TABLE_LINE = 11;
const CELL_PAD_X = 4;
const CELL_PAD_Y = 4;
const MUTED = 90;
/** The amount-due box at the top right of the first page. */
const BOX_WIDTH = 250;

interface Column {
  title: string;
  width: number;
  align: 'left' | 'right';
  /** The cell's text; several entries are several lines. */
  cell: (line: BillingStatementLine, money: (cents: number) => string) => string[];
  /** Puts the entries on one line, joined by this, when they fit. */
  joinIfFits?: string;
}

/** Shown instead of a figure a pending claim doesn't have yet. */
const NOT_YET = '-';

const pendingOr =
  (figure: (line: BillingStatementLine) => number) =>
  (line: BillingStatementLine, money: (cents: number) => string) => [
    line.status === 'pending' ? NOT_YET : money(figure(line)),
  ];

const COLUMNS: Column[] = [
  { title: 'Date of service', width: 72, align: 'left', cell: (line) => [serviceDay(line.serviceDate)] },
  {
    title: 'Facility / billed by',
    width: 160,
    align: 'left',
    cell: (line) => whereParts(line),
    joinIfFits: ' \u00b7 ',
  },
  { title: 'Insurer', width: 90, align: 'left', cell: (line) => [line.insurer] },
  { title: 'Charged', width: 62, align: 'right', cell: (line, money) => [money(line.chargedCents)] },
  { title: 'Insurance paid', width: 62, align: 'right', cell: pendingOr((line) => line.insurancePaidCents) },
  { title: 'Adjustments', width: 68, align: 'right', cell: pendingOr((line) => line.adjustmentCents) },
  { title: 'You paid', width: 56, align: 'right', cell: pendingOr((line) => line.patientPaidCents) },
  {
    title: 'You owe',
    width: 72,
    align: 'right',
    cell: (line, money) => [line.status === 'pending' ? 'Not known yet' : money(line.patientOwesCents)],
  },
  { title: 'Status', width: 70, align: 'left', cell: (line) => [STATUS_WORDS[line.status]] },
];

/** Builds the statement; throws only if jspdf itself fails. */
export function statementPdf(input: StatementInput): Blob {
  const { practice, billing, timeZone } = input;
  const doc = new jsPDF({
    orientation: 'landscape',
    unit: 'pt',
    format: 'letter',
    // Uncompressed: a few dozen lines stay small, and the text can be checked as written.
    compress: false,
    putOnlyUsedFonts: true,
  });
  // No name in the document's properties either: viewers and file indexes show them.
  doc.setProperties({
    title: 'Billing statement',
    subject: 'Billing statement',
    creator: practice?.name ?? '',
  });
  doc.setTextColor(0);

  const write = (
    text: string,
    x: number,
    y: number,
    { size = 10, bold = false, align = 'left' as 'left' | 'right', gray = 0 } = {},
  ) => {
    doc.setFont('helvetica', bold ? 'bold' : 'normal');
    doc.setFontSize(size);
    doc.setTextColor(gray);
    doc.text(latin1Text(text), x, y, { baseline: 'top', align });
  };
  /** Wraps text to width, writes it and returns the y below it. */
  const paragraph = (
    text: string,
    x: number,
    y: number,
    { size = 10, bold = false, gray = 0, gap = 4, width = CONTENT_WIDTH } = {},
  ) => {
    doc.setFont('helvetica', bold ? 'bold' : 'normal');
    doc.setFontSize(size);
    const lines: string[] = doc.splitTextToSize(latin1Text(text), width);
    for (const line of lines) {
      write(line, x, y, { size, bold, gray });
      y += size * 1.25;
    }
    return y + gap;
  };

  const practiceName = practice?.name ?? 'Billing statement';
  const personName = input.personName;
  const made = dateTime(input.madeAt, timeZone);
  const asOf = dateTime(input.fetchedAt, timeZone);
  const lines = billing.statements;

  // First page, on the left: who, when, and how old the figures are.
  const left = { width: CONTENT_WIDTH - BOX_WIDTH - 24 };
  let y = MARGIN;
  y = paragraph(practiceName, MARGIN, y, { ...left, size: 16, bold: true, gap: 2 });
  y = paragraph(
    practice
      ? `Billing office: call ${practice.billingPhone} or write to ${practice.billingEmail}`
      : 'Billing office: send a message through the patient portal',
    MARGIN,
    y,
    { ...left, gray: MUTED, gap: 12 },
  );
  y = paragraph(`Statement for ${personName}`, MARGIN, y, { ...left, size: 14, bold: true, gap: 2 });
  y = paragraph(`Made on ${made}`, MARGIN, y, { ...left, gap: 2 });
  y = paragraph(`Figures as of ${asOf}`, MARGIN, y, { ...left, bold: true, gap: 2 });
  y = paragraph(
    `${input.offline ? 'This device was offline, so this statement was made' : 'This statement was made'} from ` +
      `the copy saved on this device on ${asOf}. Payments, claims or changes since then are not shown.`,
    MARGIN,
    y,
    { ...left, gray: MUTED },
  );

  // On the right: what is due.
  const boxX = PAGE_WIDTH - MARGIN - BOX_WIDTH;
  const box = { width: BOX_WIDTH - 24 };
  let boxY = MARGIN + 12;
  write('Amount due', boxX + 12, boxY, { size: 11, bold: true });
  boxY += 16;
  write(formatMoney(billing.balanceCents, billing.currency), boxX + 12, boxY, { size: 20, bold: true });
  boxY += 26;
  const whose = input.self ? 'You owe' : `${personName} owes`;
  boxY = paragraph(
    billing.balanceCents > 0 ? `${whose} the practice.` : 'Nothing is owed right now.',
    boxX + 12,
    boxY,
    {
      ...box,
      gap: 2,
    },
  );
  const pending = lines.some((line) => line.status === 'pending');
  boxY = paragraph(
    'Amounts waiting for the insurer are added once it has answered. Cancelled visits are not counted.' +
      (pending ? ` "${NOT_YET}" means not known until the insurer has answered.` : ''),
    boxX + 12,
    boxY,
    { ...box, size: 9, gray: MUTED, gap: 8 },
  );
  doc.setDrawColor(120);
  doc.setLineWidth(1);
  doc.rect(boxX, MARGIN, BOX_WIDTH, boxY - MARGIN);
  y = Math.max(y, boxY) + 14;

  write(`Statements (${lines.length})`, MARGIN, y, { size: 12, bold: true });
  y += 20;
  if (lines.length === 0) {
    paragraph('There are no statements yet.', MARGIN, y);
  } else {
    const money = (line: BillingStatementLine) => (cents: number) =>
      formatMoney(cents, line.currency || billing.currency);
    const cellLines = (column: Column, text: string[], bold: boolean): string[] => {
      doc.setFont('helvetica', bold ? 'bold' : 'normal');
      doc.setFontSize(TABLE_FONT);
      const width = column.width - 2 * CELL_PAD_X;
      const joined = column.joinIfFits !== undefined ? latin1Text(text.join(column.joinIfFits)) : '';
      if (joined !== '' && doc.getTextWidth(joined) <= width) return [joined];
      return text.flatMap((t) => doc.splitTextToSize(latin1Text(t), width) as string[]);
    };
    const table = pdfTable(
      doc,
      {
        left: MARGIN,
        width: CONTENT_WIDTH,
        font: TABLE_FONT,
        line: TABLE_LINE,
        padX: CELL_PAD_X,
        padY: CELL_PAD_Y,
      },
      COLUMNS,
    );
    const { rowHeight, drawRow } = table;
    const header = COLUMNS.map((column) => cellLines(column, [column.title], true));
    const drawHeader = (top: number) => table.drawHeader(header, top);
    /** A cancelled line is grey and its figures struck through, as on the page. */
    const struck = (text: string, column: { align?: 'left' | 'right' }) => ({
      gray: MUTED,
      over:
        column.align === 'right' && text !== NOT_YET
          ? (right: number, lineTop: number, width: number) => {
              doc.setDrawColor(MUTED);
              doc.setLineWidth(0.6);
              doc.line(right - width, lineTop + TABLE_FONT * 0.45, right, lineTop + TABLE_FONT * 0.45);
            }
          : undefined,
    });

    y = drawHeader(y);
    lines.forEach((line, index) => {
      const cells = COLUMNS.map((column) => cellLines(column, column.cell(line, money(line)), false));
      if (y + rowHeight(cells) > BODY_BOTTOM) {
        doc.addPage('letter', 'landscape');
        let top = MARGIN;
        top = paragraph(`${practiceName} - statement for ${personName}, continued`, MARGIN, top, {
          size: 9,
          gray: MUTED,
          gap: 0,
        });
        top = paragraph(`Figures as of ${asOf}`, MARGIN, top, { size: 9, gray: MUTED, gap: 8 });
        y = drawHeader(top);
      }
      y += drawRow(cells, y, {
        fill: index % 2 === 1 ? 245 : -1,
        ...(line.status === 'cancelled' ? { style: struck } : {}),
      });
    });
  }

  // Every page: whose statement and when it was made, and its number of the whole.
  const pages = doc.getNumberOfPages();
  for (let page = 1; page <= pages; page++) {
    doc.setPage(page);
    const footer = PAGE_HEIGHT - MARGIN - 10;
    doc.setFont('helvetica', 'normal');
    doc.setFontSize(9);
    const [who = ''] = doc.splitTextToSize(
      latin1Text(`Statement for ${personName}, made on ${made}`),
      CONTENT_WIDTH - 90,
    );
    write(who, MARGIN, footer, { size: 9, gray: MUTED });
    write(`Page ${page} of ${pages}`, PAGE_WIDTH - MARGIN, footer, { size: 9, gray: MUTED, align: 'right' });
  }
  return doc.output('blob');
}

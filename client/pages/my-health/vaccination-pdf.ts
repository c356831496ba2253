// The vaccination record as a PDF, made on the device from the copy of the record the Medical
// History view already holds (so it works offline): the practice and one of its offices, whose
// record it is and their birth date, when it was printed, and one table row per dose, newest first
// (vaccine, CVX code, date given, dose and series, manufacturer and lot, site and route, who gave
// it and where), doses not given marked as such, over as many pages as it takes, each numbered
// "Page 1 of 2" and each with the table's heading.
//
// Every clinical date goes through core/clinical-dates.ts: the day written in the record, in its
// own offset, whatever the zone of the phone or the practice.
//
// The Medical History view loads this module with import() when "Print vaccination record" is
// pressed, so jspdf stays out of the page's own chunk.
import { jsPDF } from 'jspdf';
import { formatClinicalDate } from '../../../core/clinical-dates';
import { type RecordIndex, recordIndex } from '../../../core/fhir/record-index';
import {
  codeIn,
  humanNameText,
  noteTexts,
  patientText,
  referenceText,
  SYSTEM,
} from '../../../core/fhir/text';
import type { AnyResource, CodeableConcept, Immunization } from '../../../core/fhir/types';
import type { PracticeInfo } from '../../../core/practice';
import { pdfTable } from '../../components/pdf-table';
import { latin1Text } from '../../components/pdf-text';
import { immunizationDate, immunizations } from './history-sections';

export type PaperSize = 'letter' | 'a4';

export interface VaccinationRecordInput {
  /** The practice's name and offices; null before this device has been online. */
  practice: Pick<PracticeInfo, 'name' | 'offices'> | null;
  /** FHIR R4 resources of one patient (the Patient and its Immunizations; others are ignored). */
  resources: readonly AnyResource[];
  /** When the record is printed. */
  madeAt: Date;
  /** The time zone the printed date is written in (the practice's). */
  timeZone: string;
  /** The paper to lay it out for; see paperSize(). */
  paper: PaperSize;
}

/** The day `at` falls on in `timeZone`, as YYYY-MM-DD. */
function dayIn(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    timeZone,
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** "vaccination-record-2026-12-04.pdf": the day it was printed, never whose it is (names land in download folders). */
export function vaccinationFileName(madeAt: Date, timeZone: string): string {
  return `vaccination-record-${dayIn(madeAt, timeZone)}.pdf`;
}

// ---------------------------------------------------------------------------------------------
// Paper

/** Regions that print on US Letter; everywhere else uses A4. */
const LETTER_REGIONS = new Set(['US', 'CA']);
/** "…, IL 60901" or "…, IL 60901-1234": a US state and ZIP code. */
const US_ADDRESS = /\b[A-Z]{2}\s+\d{5}(?:-\d{4})?$/;
/** "…, ON K1A 0B1": a Canadian province and postal code. */
const CA_ADDRESS = /\b(?:AB|BC|MB|NB|NL|NS|NT|NU|ON|PE|QC|SK|YT)\s+[A-Z]\d[A-Z]\s?\d[A-Z]\d$/i;
const NAMED_LETTER_COUNTRY = /\b(?:USA|U\.S\.A|U\.S|United States(?: of America)?|Canada)\.?$/i;

/**
 * Letter in the US and Canada, A4 elsewhere. PracticeInfo has no country field, so the practice's
 * country is read from its office addresses when one ends in a US state and ZIP code, a Canadian
 * postal code or the country's name; otherwise the device's language region decides ("en-US",
 * "fr-CA"; a bare "en" counts as its likely region, US).
 */
export function paperSize(
  practice: Pick<PracticeInfo, 'offices'> | null,
  locale: string | undefined,
): PaperSize {
  for (const office of practice?.offices ?? []) {
    const address = office.address.trim();
    if (US_ADDRESS.test(address) || CA_ADDRESS.test(address) || NAMED_LETTER_COUNTRY.test(address))
      return 'letter';
  }
  let region: string | undefined;
  try {
    region = locale ? new Intl.Locale(locale).maximize().region : undefined;
  } catch {
    region = undefined;
  }
  return region !== undefined && LETTER_REGIONS.has(region) ? 'letter' : 'a4';
}

/** Page sizes in points (1/72 in). */
const PAGES: Record<PaperSize, { width: number; height: number }> = {
  letter: { width: 612, height: 792 },
  a4: { width: 595.28, height: 841.89 },
};

// Margins that fit both papers: the content is as wide as A4 allows (the narrower sheet) and as
// tall as Letter allows (the shorter one), so a record laid out for one and printed on the other
// at actual size still keeps at least 45 pt (about 16 mm) clear of every edge.
const MARGIN = 54;
const CONTENT_WIDTH = PAGES.a4.width - 2 * MARGIN;
const CONTENT_HEIGHT = PAGES.letter.height - 2 * MARGIN;

// ---------------------------------------------------------------------------------------------
// Text

// ---------------------------------------------------------------------------------------------
// The doses

/** One table row: each cell's entries, every entry a line (or more once wrapped). */
interface Dose {
  date: string;
  vaccine: string[];
  notGiven: string[];
  dose: string[];
  made: string[];
  how: string[];
  who: string[];
}

/** A cell with nothing recorded in it. */
const NOT_RECORDED = '-';
/** Two facts of one cell ("Sanofi Pasteur Inc", "Lot UT7021AA"); one dash when neither is recorded. */
const pair = (first: string, second: string, firstNoun: string, secondNoun: string): string[] =>
  first || second
    ? [first || `${firstNoun} not recorded`, second || `${secondNoun} not recorded`]
    : [NOT_RECORDED];
const capitalize = (text: string) => (text ? text.charAt(0).toUpperCase() + text.slice(1) : text);
const hasAdministering = (concept: CodeableConcept | undefined) =>
  (concept?.coding ?? []).some((c) => c.code === 'AP');

function dose(i: Immunization, index: RecordIndex): Dose {
  const protocol = i.protocolApplied?.[0];
  const doseNumber = protocol?.doseNumberPositiveInt ?? protocol?.doseNumberString;
  const seriesDoses = protocol?.seriesDosesPositiveInt ?? protocol?.seriesDosesString;
  const performer = i.performer?.find((p) => hasAdministering(p.function)) ?? i.performer?.[0];
  const cvx = codeIn(i.vaccineCode, SYSTEM.cvx);
  const notGiven = i.status === 'not-done';
  const reason = patientText(i.statusReason);
  const lot = i.lotNumber?.trim();
  const site = capitalize(patientText(i.site));
  const route = capitalize(patientText(i.route));
  const given = referenceText(performer?.actor, index);
  const where = referenceText(i.location, index);
  return {
    date: formatClinicalDate(immunizationDate(i)) || i.occurrenceString?.trim() || 'Not recorded',
    vaccine: [
      patientText(i.vaccineCode, 'Vaccine (name not recorded)'),
      cvx ? `CVX ${cvx}` : 'CVX not recorded',
    ],
    notGiven: notGiven ? ['NOT GIVEN', ...(reason ? [`Reason: ${reason}`] : []), ...noteTexts(i.note)] : [],
    dose: [
      doseNumber !== undefined
        ? `Dose ${doseNumber}${seriesDoses !== undefined ? ` of ${seriesDoses}` : ''}`
        : NOT_RECORDED,
      ...(protocol?.series?.trim() ? [protocol.series.trim()] : []),
    ],
    made: pair(referenceText(i.manufacturer, index), lot ? `Lot ${lot}` : '', 'Manufacturer', 'Lot'),
    how: pair(site, route, 'Site', 'Route'),
    who: given || where ? [given || 'Not recorded', ...(where ? [`at ${where}`] : [])] : [NOT_RECORDED],
  };
}

// ---------------------------------------------------------------------------------------------
// The table

const TABLE_FONT = 8;
const TABLE_LINE = 10;
const CELL_PAD_X = 4;
const CELL_PAD_Y = 4;
const MUTED = 90;

interface Column {
  title: string;
  width: number;
  cell: (d: Dose) => string[];
}

// Widths add up to CONTENT_WIDTH (487 pt).
const COLUMNS: Column[] = [
  { title: 'Date given', width: 62, cell: (d) => [d.date] },
  { title: 'Vaccine (CVX code)', width: 127, cell: (d) => [...d.vaccine, ...d.notGiven] },
  { title: 'Dose', width: 55, cell: (d) => d.dose },
  { title: 'Manufacturer / lot', width: 85, cell: (d) => d.made },
  { title: 'Site / route', width: 70, cell: (d) => d.how },
  { title: 'Given by / where', width: CONTENT_WIDTH - 62 - 127 - 55 - 85 - 70, cell: (d) => d.who },
];

/** Builds the vaccination record; throws only if jspdf itself fails. */
export function vaccinationPdf(input: VaccinationRecordInput): Blob {
  const { practice } = input;
  const page = PAGES[input.paper];
  // The content box, centred on the sheet.
  const left = (page.width - CONTENT_WIDTH) / 2;
  const top = (page.height - CONTENT_HEIGHT) / 2;
  const footerY = top + CONTENT_HEIGHT - 9;
  /** Where the table stops, leaving room for the footer. */
  const bodyBottom = footerY - 14;

  const index = recordIndex(input.resources);
  const patient = index.all('Patient')[0];
  const personName = humanNameText(patient?.name?.[0]) || 'Name not recorded';
  const born = formatClinicalDate(patient?.birthDate) || 'not recorded';
  const printed = formatClinicalDate(dayIn(input.madeAt, input.timeZone));
  const doses = immunizations(index).map((i) => dose(i, index));
  const notGivenCount = doses.filter((d) => d.notGiven.length > 0).length;

  const doc = new jsPDF({
    orientation: 'portrait',
    unit: 'pt',
    format: input.paper,
    // Uncompressed: a few pages stay small, and the text can be checked as written.
    compress: false,
    putOnlyUsedFonts: true,
  });
  // No name in the document's properties: viewers and file indexes show them.
  doc.setProperties({
    title: 'Vaccination record',
    subject: 'Vaccination record',
    creator: practice?.name ?? '',
  });

  const font = (size: number, bold: boolean) => {
    doc.setFont('helvetica', bold ? 'bold' : 'normal');
    doc.setFontSize(size);
  };
  const write = (
    text: string,
    x: number,
    y: number,
    { size = 10, bold = false, align = 'left' as 'left' | 'right', gray = 0 } = {},
  ) => {
    font(size, bold);
    doc.setTextColor(gray);
    doc.text(latin1Text(text), x, y, { baseline: 'top', align });
  };
  const wrap = (text: string, width: number, size: number, bold: boolean): string[] => {
    font(size, bold);
    return doc.splitTextToSize(latin1Text(text), width) as string[];
  };
  /** Wraps text to the content width, writes it and returns the y below it. */
  const paragraph = (text: string, y: number, { size = 10, bold = false, gray = 0, gap = 4 } = {}) => {
    for (const line of wrap(text, CONTENT_WIDTH, size, bold)) {
      write(line, left, y, { size, bold, gray });
      y += size * 1.25;
    }
    return y + gap;
  };

  // First page: the practice, whose record it is, and when it was printed.
  const office = practice?.offices[0];
  let y = top;
  if (practice) y = paragraph(practice.name, y, { size: 16, bold: true, gap: 2 });
  if (office) {
    y = paragraph(`${office.name}, ${office.address}`, y, { size: 9, gray: MUTED, gap: 0 });
    y = paragraph(`Phone ${office.phone}`, y, { size: 9, gray: MUTED, gap: 14 });
  } else y += 10;
  y = paragraph('Vaccination record', y, { size: 14, bold: true, gap: 4 });
  y = paragraph(`Patient: ${personName}`, y, { size: 11, bold: true, gap: 1 });
  y = paragraph(`Date of birth: ${born}`, y, { size: 11, gap: 6 });
  y = paragraph(`Printed ${printed}`, y, { gap: 2 });
  y = paragraph(
    `Made on this device from the copy of the record saved on it. Vaccines the practice has not been told about are not shown. ${
      doses.length === 1 ? '1 dose' : `${doses.length} doses`
    } on record${notGivenCount > 0 ? `, ${notGivenCount} of them not given` : ''}, newest first. A dash (${NOT_RECORDED}) means not recorded.`,
    y,
    { size: 9, gray: MUTED, gap: 12 },
  );

  const cellLines = (column: Column, entries: string[], bold: boolean): string[] =>
    entries.flatMap((entry) => wrap(entry, column.width - 2 * CELL_PAD_X, TABLE_FONT, bold));
  const table = pdfTable(
    doc,
    { left, width: CONTENT_WIDTH, font: TABLE_FONT, line: TABLE_LINE, padX: CELL_PAD_X, padY: CELL_PAD_Y },
    COLUMNS,
  );
  const { rowHeight, drawRow } = table;
  const header = COLUMNS.map((column) => cellLines(column, [column.title], true));
  const drawHeader = (headerTop: number) => table.drawHeader(header, headerTop);
  /** "NOT GIVEN" is written in bold. */
  const notGivenBold = (text: string) => ({ bold: text === 'NOT GIVEN' });

  if (doses.length === 0) {
    paragraph('No immunizations on record.', y);
  } else {
    y = drawHeader(y);
    doses.forEach((d, n) => {
      const cells = COLUMNS.map((column) => cellLines(column, column.cell(d), false));
      if (y + rowHeight(cells) > bodyBottom) {
        doc.addPage(input.paper, 'portrait');
        y = paragraph(`Vaccination record for ${personName} (born ${born}), continued`, top, {
          size: 9,
          gray: MUTED,
          gap: 8,
        });
        y = drawHeader(y);
      }
      const height = drawRow(cells, y, { fill: n % 2 === 1 ? 245 : -1, style: notGivenBold });
      doc.setDrawColor(210);
      doc.setLineWidth(0.5);
      doc.line(left, y + height, left + CONTENT_WIDTH, y + height);
      y += height;
    });
  }

  // Every page: whose record and when it was printed, and its number of the whole.
  const pages = doc.getNumberOfPages();
  for (let n = 1; n <= pages; n++) {
    doc.setPage(n);
    const [who = ''] = wrap(
      `Vaccination record for ${personName} - printed ${printed}`,
      CONTENT_WIDTH - 80,
      9,
      false,
    );
    write(who, left, footerY, { size: 9, gray: MUTED });
    write(`Page ${n} of ${pages}`, left + CONTENT_WIDTH, footerY, { size: 9, gray: MUTED, align: 'right' });
  }
  return doc.output('blob');
}

// The printable vaccination record, read back as a person reading the printout would: the PDF is
// written to a temporary file and turned into text by poppler's `pdftotext -layout` (Debian's
// poppler-utils; .ci/run installs it). Every dose with its vaccine, CVX code and date, newest
// first, the dose not given marked so, the practice, the patient and their birth date, the date it
// was printed and "Page 1 of 2" on every page, with the table heading again on the second page.
import { afterEach, describe, expect, it } from 'vitest';
import type { Immunization, Patient } from '../../../core/fhir/types';
import { DEMO_PRACTICE, type PracticeInfo } from '../../../core/practice';
import { latin1Text } from '../../components/pdf-text';
import { paperSize, vaccinationFileName, vaccinationPdf } from './vaccination-pdf';

// client/ is compiled without Node's types; vitest runs this file in Node, so Node's own modules
// are reached through process.getBuiltinModule (Node 20.16+), typed here as far as they are used.
interface NodeProcess {
  env: Record<string, string | undefined>;
  getBuiltinModule(id: string): unknown;
}
const nodeProcess = (globalThis as unknown as { process: NodeProcess }).process;
const fs = nodeProcess.getBuiltinModule('node:fs') as {
  mkdtempSync(prefix: string): string;
  writeFileSync(path: string, data: Uint8Array): void;
  rmSync(path: string, options: { recursive: boolean; force: boolean }): void;
};
const os = nodeProcess.getBuiltinModule('node:os') as { tmpdir(): string };
const childProcess = nodeProcess.getBuiltinModule('node:child_process') as {
  spawnSync(
    command: string,
    args: string[],
    options: { encoding: 'utf8' },
  ): { status: number | null; stdout: string; stderr: string; error?: Error };
};

/** The demo practice with its first office only, as a small practice would be set up. */
const PRACTICE: PracticeInfo = { ...DEMO_PRACTICE, offices: DEMO_PRACTICE.offices.slice(0, 1) };

const LONG_NAME =
  'Influenza, seasonal, injectable, preservative free, quadrivalent, 0.5 mL dose for adults and children';

const cvx = (code: string, display: string) => ({
  coding: [{ system: 'http://hl7.org/fhir/sid/cvx', code, display }],
});

const MAIN_DOSES: Immunization[] = [
  {
    resourceType: 'Immunization',
    id: 'flu-2024',
    status: 'completed',
    vaccineCode: cvx('150', LONG_NAME),
    occurrenceDateTime: '2024-10-03T09:30:00-05:00',
    manufacturer: { display: 'Sanofi Pasteur Inc' },
    lotNumber: 'UT7021AA',
    site: { coding: [{ code: 'LA', display: 'left arm' }] },
    route: { coding: [{ code: 'IM', display: 'Injection, intramuscular' }] },
    performer: [{ function: { coding: [{ code: 'AP' }] }, actor: { display: 'Dr. Đặng Thị Ngọc' } }],
    location: { display: 'Main Street Office' },
    protocolApplied: [{ series: 'Flu 2024-25', doseNumberPositiveInt: 1, seriesDosesPositiveInt: 1 }],
  },
  {
    resourceType: 'Immunization',
    id: 'covid-refused',
    status: 'not-done',
    statusReason: { coding: [{ code: 'PATOBJ', display: 'Patient objection' }] },
    vaccineCode: cvx('208', 'SARS-COV-2 (COVID-19) vaccine, mRNA'),
    occurrenceDateTime: '2023-09-15',
  },
  {
    // 23:45 in Los Angeles on 1 March is already 2 March in UTC: it was given on 1 March.
    resourceType: 'Immunization',
    id: 'tdap-late',
    status: 'completed',
    vaccineCode: cvx('115', 'Tdap'),
    occurrenceDateTime: '2021-03-01T23:45:00-08:00',
    manufacturer: { display: 'GlaxoSmithKline' },
    lotNumber: 'AC52B030AA',
    performer: [{ actor: { display: 'Nurse Kim Lee' } }],
  },
  {
    // 02:24 in India on 9 June is still 8 June in UTC and in the Americas: it was given on 9 June.
    resourceType: 'Immunization',
    id: 'hepb-early',
    status: 'completed',
    vaccineCode: cvx('08', 'Hep B, adolescent or pediatric'),
    occurrenceDateTime: '2016-06-09T02:24:00+05:30',
    protocolApplied: [{ doseNumberPositiveInt: 3, seriesDosesPositiveInt: 3 }],
  },
];

/** Older routine doses, enough to need a second page: one a year from 1990 to 2009. */
const OLDER_DOSES: Immunization[] = Array.from({ length: 20 }, (_, n) => ({
  resourceType: 'Immunization',
  id: `td-${n}`,
  status: 'completed',
  vaccineCode: cvx(String(100 + n), `Routine vaccine ${n}`),
  occurrenceDateTime: `${1990 + n}-05-${String(1 + (n % 28)).padStart(2, '0')}`,
  manufacturer: { display: 'Merck Sharp & Dohme' },
  lotNumber: `LOT${n}`,
}));

const RECORD: (Immunization | Patient)[] = [
  // Out of order on purpose: the printout puts the newest first.
  ...OLDER_DOSES.slice(0, 10),
  MAIN_DOSES[2]!,
  {
    resourceType: 'Patient',
    id: 'pat-1',
    name: [{ given: ['María', 'José'], family: 'Villaseñor' }],
    birthDate: '1988-02-29',
  },
  ...OLDER_DOSES.slice(10),
  MAIN_DOSES[3]!,
  MAIN_DOSES[0]!,
  MAIN_DOSES[1]!,
  {
    resourceType: 'Immunization',
    id: 'wrong',
    status: 'entered-in-error',
    vaccineCode: cvx('999', 'Wrong chart'),
  },
];

// A printout made at 03:30 UTC on 4 December 2026, which is still 3 December at the practice.
const MADE_AT = new Date('2026-12-04T03:30:00Z');

const env = nodeProcess.env;
const originalZone = env.TZ;
const folders: string[] = [];
afterEach(() => {
  if (originalZone === undefined) delete env.TZ;
  else env.TZ = originalZone;
  for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});

/** Runs one of poppler's tools (Debian's poppler-utils) on the PDF and returns what it printed. */
async function poppler(tool: 'pdftotext' | 'pdfinfo', blob: Blob, args: string[] = []): Promise<string> {
  const folder = fs.mkdtempSync(`${os.tmpdir()}/vaccination-pdf-`);
  folders.push(folder);
  const file = `${folder}/record.pdf`;
  fs.writeFileSync(file, new Uint8Array(await blob.arrayBuffer()));
  const run = childProcess.spawnSync(tool, [...args, file, ...(tool === 'pdftotext' ? ['-'] : [])], {
    encoding: 'utf8',
  });
  if (run.error || run.status === null) {
    throw new Error(
      `${tool} could not be run (${run.error?.message ?? 'no exit status'}). It comes with Debian's ` +
        'poppler-utils: apt-get install -y poppler-utils (.ci/run installs it on CI).',
    );
  }
  if (run.status !== 0) throw new Error(`${tool} failed (exit ${run.status}): ${run.stderr}`);
  return run.stdout;
}

/** The PDF's text as `pdftotext -layout` reads it; pages are separated by form feeds. */
const readPdf = (blob: Blob) => poppler('pdftotext', blob, ['-layout', '-enc', 'UTF-8']);

const words = (text: string) => text.split(/\s+/).filter(Boolean);

/** Whether `phrase`'s words appear in `text` in this order (other columns' words may fall between). */
function inOrder(text: string, phrase: string): boolean {
  const all = words(text);
  let at = 0;
  for (const word of words(phrase)) {
    const found = all.indexOf(word, at);
    if (found < 0) return false;
    at = found + 1;
  }
  return true;
}

describe('the printable vaccination record', () => {
  it('lists every dose newest first with its vaccine, CVX code and date, over numbered pages', async () => {
    // Whatever zone the device is in, a dose's day is the one written in the record.
    env.TZ = 'Pacific/Honolulu';
    const text = await readPdf(
      vaccinationPdf({
        practice: PRACTICE,
        resources: RECORD,
        madeAt: MADE_AT,
        timeZone: PRACTICE.timeZone,
        paper: 'letter',
      }),
    );
    const pages = text.split('\f').filter((page) => page.trim() !== '');

    // The practice, one of its offices, the patient and when it was printed.
    expect(text).toContain('Riverbend Family Health');
    expect(text).toContain('Main Street Office, 120 Main Street, Riverbend, IL 60901');
    expect(text).toContain('Phone (555) 010-4401');
    expect(text).toContain('Patient: María José Villaseñor');
    expect(text).toContain('Date of birth: Feb 29, 1988');
    expect(text).toContain('Printed Dec 3, 2026');
    expect(text).toContain(
      '24 doses on record, 1 of them not given, newest first. A dash (-) means not recorded.',
    );

    // Every page is numbered of the whole, names whose record it is and when it was printed, and
    // has the table's heading.
    expect(pages).toHaveLength(2);
    pages.forEach((page, n) => {
      expect(page).toContain(`Page ${n + 1} of 2`);
      expect(page).toContain('Vaccination record for María José Villaseñor - printed Dec 3, 2026');
      expect(page).toMatch(
        /Date given\s+Vaccine \(CVX code\)\s+Dose\s+Manufacturer \/ lot\s+Site \/ route\s+Given by \/ where/,
      );
    });
    expect(pages[1]).toContain('Vaccination record for María José Villaseñor (born Feb 29, 1988), continued');

    // The four doses that matter most, with their details.
    const flu = text.split('\n').find((line) => line.includes('Oct 3, 2024'))!;
    expect(flu).toMatch(
      /Oct 3, 2024\s+Influenza, seasonal,.*Dose 1 of 1\s+Sanofi Pasteur Inc\s+Left arm\s+Dr\. Dang Thi Ngoc/,
    );
    // The long name wraps inside its column, all of it printed.
    expect(text).not.toContain(LONG_NAME);
    expect(inOrder(text, LONG_NAME)).toBe(true);
    expect(inOrder(text, `${LONG_NAME} CVX 150`)).toBe(true);
    expect(text).toMatch(/Flu 2024-25\s+Lot UT7021AA\s+Injection,\s+at Main Street Office/);
    expect(text).toMatch(/Sep 15, 2023\s+SARS-COV-2 \(COVID-19\)/);
    expect(
      inOrder(
        text,
        'Sep 15, 2023 SARS-COV-2 (COVID-19) vaccine, mRNA CVX 208 NOT GIVEN Reason: Patient objection',
      ),
    ).toBe(true);
    expect(text).toMatch(/Mar 1, 2021\s+Tdap\s+-\s+GlaxoSmithKline\s+-\s+Nurse Kim Lee/);
    expect(inOrder(text, 'CVX 115 Lot AC52B030AA')).toBe(true);
    expect(text).toMatch(/Jun 9, 2016\s+Hep B, adolescent or pediatric\s+Dose 3 of 3/);
    expect(inOrder(text, 'CVX 08')).toBe(true);
    expect(text).not.toContain('Mar 2, 2021');
    expect(text).not.toContain('Jun 8, 2016');
    expect(text).not.toContain('Wrong chart');

    // Every dose: its date beside its vaccine, and its CVX code, in order from the newest.
    const expected = [
      ['Oct 3, 2024', 'Influenza, seasonal,', '150'],
      ['Sep 15, 2023', 'SARS-COV-2', '208'],
      ['Mar 1, 2021', 'Tdap', '115'],
      ['Jun 9, 2016', 'Hep B', '08'],
      ...OLDER_DOSES.map((_dose, n) => [
        `May ${1 + (n % 28)}, ${1990 + n}`,
        `Routine vaccine ${n}`,
        String(100 + n),
      ]).reverse(),
    ];
    let from = 0;
    for (const [date, vaccine, code] of expected) {
      const at = text.indexOf(date!, from);
      expect(at, `${date} after the dose before it`).toBeGreaterThanOrEqual(0);
      const row = text.slice(at, text.indexOf('\n', at));
      expect(row, `${date} row`).toContain(vaccine!);
      expect(text.slice(at), `${date} CVX`).toContain(`CVX ${code}`);
      from = at + 1;
    }
  });

  it('keeps non-Latin-1 names readable as their closest Latin-1 letters, and Latin-1 as it is', () => {
    expect(latin1Text('María José Villaseñor')).toBe('María José Villaseñor');
    expect(latin1Text('Nguyễn Thị Đặng')).toBe('Nguyen Thi Dang');
    expect(latin1Text('Łukasz Wałęsa – “ﬁne”')).toBe('Lukasz Walesa - "fine"');
    expect(latin1Text('Иван')).toBe('????');
  });

  it('prints on Letter in the US and Canada and on A4 elsewhere', async () => {
    expect(paperSize(PRACTICE, 'en-GB')).toBe('letter');
    const offices = (address: string) => ({ offices: [{ id: 'o', name: 'Office', address, phone: '1' }] });
    expect(paperSize(offices('1 Rue Sherbrooke, Montréal, QC H3A 0G4'), 'fr-FR')).toBe('letter');
    expect(paperSize(offices('10 Downing Street, London SW1A 2AA'), 'en-US')).toBe('letter');
    expect(paperSize(offices('10 Downing Street, London SW1A 2AA'), 'en-GB')).toBe('a4');
    expect(paperSize(null, 'en')).toBe('letter');
    expect(paperSize(null, 'fr-CA')).toBe('letter');
    expect(paperSize(null, 'de-DE')).toBe('a4');
    expect(paperSize(null, undefined)).toBe('a4');

    const printed = (paper: 'letter' | 'a4') =>
      vaccinationPdf({ practice: PRACTICE, resources: RECORD, madeAt: MADE_AT, timeZone: 'UTC', paper });
    expect(await poppler('pdfinfo', printed('letter'))).toMatch(
      /Pages:\s+2\n[\s\S]*Page size:\s+612 x 792 pts \(letter\)/,
    );
    const a4 = printed('a4');
    expect(await poppler('pdfinfo', a4)).toMatch(
      /Pages:\s+2\n[\s\S]*Page size:\s+595\.2\d* x 841\.8\d* pts \(A4\)/,
    );
    const a4Text = await readPdf(a4);
    expect(a4Text).toContain('Page 2 of 2');
    expect(a4Text).toContain('Printed Dec 4, 2026');
  });

  it('names the file by the day it was printed, never by whose record it is', () => {
    expect(vaccinationFileName(MADE_AT, 'America/Chicago')).toBe('vaccination-record-2026-12-03.pdf');
    expect(vaccinationFileName(MADE_AT, 'Europe/Paris')).toBe('vaccination-record-2026-12-04.pdf');
  });
});

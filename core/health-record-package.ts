// The downloadable and e-mailed .zip of a Consolidated Clinical Summary: the C-CDA XML (for the
// receiving provider's system), the same document as a readable web page, and a short README.
// The same code makes it in the browser (offline, from the device's copy) and on the server
// (for "Send via Email"). jszip is loaded by the caller only when a package is made.
import type JSZip from 'jszip';
import type { PracticeInfo } from './practice';

export const PACKAGE_FILES = {
  xml: 'consolidated-clinical-summary.xml',
  html: 'consolidated-clinical-summary.html',
  readme: 'README.txt',
} as const;

export interface PackageInput {
  xml: string;
  html: string;
  practice: PracticeInfo;
  /** When the summary was made (a FHIR instant with its offset). */
  generatedAt: string;
  /** Which records it covers, in words ("All time", "Mar 4, 2025", "Jan 1, 2024 – Mar 4, 2025"). */
  coverage: string;
}

export function readmeText(input: Pick<PackageInput, 'practice' | 'generatedAt' | 'coverage'>): string {
  const { practice } = input;
  const office = practice.offices[0];
  return [
    `Consolidated Clinical Summary from ${practice.name}`,
    '',
    `Made ${input.generatedAt.slice(0, 10)}; records covered: ${input.coverage}.`,
    '',
    `${PACKAGE_FILES.html}: the summary to read in any web browser.`,
    `${PACKAGE_FILES.xml}: the same summary as an HL7 C-CDA R2.1 Continuity of Care Document, for a`,
    "provider's electronic health record system.",
    '',
    'This is a copy of a medical record. Keep it as you would keep a paper chart: it is not',
    'encrypted, and anyone who has the file can read it.',
    '',
    `Questions about it: ${practice.supportPhone} or ${practice.supportEmail}` +
      (office ? ` (${office.name}, ${office.address}).` : '.'),
    '',
  ].join('\n');
}

/** The package's bytes. `zip` is jszip's constructor, passed in so jszip loads only when needed. */
export async function buildPackage(zip: typeof JSZip, input: PackageInput): Promise<Uint8Array<ArrayBuffer>> {
  const archive = new zip();
  // A fixed date inside the archive: the same summary always packs to the same bytes.
  const date = new Date(input.generatedAt);
  archive.file(PACKAGE_FILES.html, input.html, { date });
  archive.file(PACKAGE_FILES.xml, input.xml, { date });
  archive.file(PACKAGE_FILES.readme, readmeText(input), { date });
  const bytes = await archive.generateAsync({
    type: 'uint8array',
    compression: 'DEFLATE',
    compressionOptions: { level: 6 },
  });
  // jszip types its output over any buffer; it is a plain ArrayBuffer, as Blob and nodemailer want.
  return new Uint8Array(bytes);
}

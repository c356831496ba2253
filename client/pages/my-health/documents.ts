// Documents in the record, as the practice's guide names their kinds: care summaries, letters
// from providers, lab results, imaging and diagnostic results, patient cases and health
// reminders. From DocumentReference and from DiagnosticReport.presentedForm (a report already
// filed as a DocumentReference is listed once). Classified by LOINC and category codes, then by
// the words of their type; decoding of inline attachments for the viewer.

import { clinicalDayWithin, clinicalTime, formatClinicalDate } from '../../../core/clinical-dates';
import { recordIndex } from '../../../core/fhir/record-index';
import { codingBySystem, patientText, SYSTEM } from '../../../core/fhir/text';
import type {
  AnyResource,
  Attachment,
  CodeableConcept,
  DiagnosticReport,
  DocumentReference,
} from '../../../core/fhir/types';
import { isImagingReport } from './test-results';

export type DocumentKind =
  | 'care-summary'
  | 'letter'
  | 'lab'
  | 'imaging'
  | 'patient-case'
  | 'reminder'
  | 'other';

/** Filter labels, in the guide's order. */
export const KIND_LABELS: Record<DocumentKind, string> = {
  'care-summary': 'Care summaries',
  letter: 'Letters from your providers',
  lab: 'Lab results',
  imaging: 'Imaging and diagnostic results',
  'patient-case': 'Patient cases',
  reminder: 'Health reminders',
  other: 'Other documents',
};

/** One document's kind, as a tag on it. */
export const KIND_NAMES: Record<DocumentKind, string> = {
  'care-summary': 'Care summary',
  letter: 'Letter from your provider',
  lab: 'Lab result',
  imaging: 'Imaging or diagnostic result',
  'patient-case': 'Patient case',
  reminder: 'Health reminder',
  other: 'Document',
};

export const KIND_ORDER = Object.keys(KIND_LABELS) as DocumentKind[];

/**
 * LOINC document codes (type, or report code) the practice's kinds are made of. Health reminders
 * have no code of their own here; they are found by their words.
 */
const LOINC_KINDS: Record<string, DocumentKind> = {
  // Care summaries: visit summaries and the notes of a visit.
  '34133-9': 'care-summary', // Summary of episode note
  '60591-5': 'care-summary', // Patient summary
  '18842-5': 'care-summary', // Discharge summary
  '11506-3': 'care-summary', // Progress note
  '34117-2': 'care-summary', // History and physical note
  '51847-2': 'care-summary', // Evaluation + Plan note
  '34111-5': 'care-summary', // Emergency department note
  '28570-0': 'care-summary', // Procedure note
  '11504-8': 'care-summary', // Surgical operation note
  '34109-9': 'care-summary', // Note
  // Letters from providers.
  '11488-4': 'letter', // Consult note
  '57133-1': 'letter', // Referral note
  // Lab results.
  '11502-2': 'lab', // Laboratory report
  '26436-6': 'lab', // Laboratory studies
  '11526-1': 'lab', // Pathology study
  '60567-5': 'lab', // Comprehensive pathology report panel
  // Imaging and diagnostic results.
  '18748-4': 'imaging', // Diagnostic imaging study
  '18726-0': 'imaging', // Radiology studies
  '18782-3': 'imaging', // Radiology study observation
  '11524-6': 'imaging', // EKG study
  '18745-0': 'imaging', // Cardiac catheterization study
  '11522-0': 'imaging', // Echocardiography study
  '18751-8': 'imaging', // Endoscopy study
  '36643-5': 'imaging', // XR Chest 2 views
  '24604-1': 'imaging', // MG Breast diagnostic
  // Patient cases: calls and questions handled by the practice.
  '34748-4': 'patient-case', // Telephone encounter note
};

const WORD_KINDS: [RegExp, DocumentKind][] = [
  [/reminder|recall|\bdue\b|overdue/i, 'reminder'],
  [/letter|correspondence|consult|referral/i, 'letter'],
  [/\bcase\b|telephone|phone|message/i, 'patient-case'],
  [/laborator|\blab\b|pathology|specimen|blood test/i, 'lab'],
  [
    /imaging|radiolog|x-?ray|\bxr\b|\bct\b|\bmri?\b|ultrasound|sonogra|mammo|echocardio|\bekg\b|\becg\b|electrocardio|\bscan\b|diagnostic|endoscop|colonoscop/i,
    'imaging',
  ],
  [/summary|discharge|visit|progress|history and physical|clinical note|\bnote\b/i, 'care-summary'],
];

function kindFromCodes(concepts: readonly (CodeableConcept | undefined)[]): DocumentKind | undefined {
  for (const concept of concepts)
    for (const coding of concept?.coding ?? []) {
      if (!coding.code) continue;
      const system = coding.system?.replace(/\/$/, '');
      if ((system === SYSTEM.loinc || system === undefined) && LOINC_KINDS[coding.code])
        return LOINC_KINDS[coding.code];
    }
  return undefined;
}

function kindFromWords(texts: readonly string[]): DocumentKind | undefined {
  for (const text of texts) {
    if (!text) continue;
    for (const [pattern, kind] of WORD_KINDS) if (pattern.test(text)) return kind;
  }
  return undefined;
}

const conceptWords = (concept: CodeableConcept | undefined): string[] => [
  concept?.text ?? '',
  ...(concept?.coding ?? []).map((c) => c.display ?? ''),
];

export function documentReferenceKind(doc: DocumentReference): DocumentKind {
  const byCode = kindFromCodes([doc.type, ...(doc.category ?? [])]);
  if (byCode) return byCode;
  const byWords = kindFromWords([
    ...conceptWords(doc.type),
    doc.description ?? '',
    ...(doc.category ?? []).flatMap(conceptWords),
  ]);
  if (byWords) return byWords;
  const usCore = (doc.category ?? []).some((c) => c.coding?.some((x) => x.code === 'clinical-note'));
  return usCore ? 'care-summary' : 'other';
}

export function diagnosticReportKind(report: DiagnosticReport): DocumentKind {
  const byCode = kindFromCodes([report.code]);
  if (byCode) return byCode;
  const sections = (report.category ?? []).flatMap((c) => (c.coding ?? []).map((x) => x.code?.toUpperCase()));
  if (isImagingReport(report)) return 'imaging';
  if (
    sections.includes('LAB') ||
    sections.some((s) => s && ['PAT', 'SP', 'CP', 'HM', 'CH', 'MB'].includes(s))
  )
    return 'lab';
  const byWords = kindFromWords([
    ...conceptWords(report.code),
    ...(report.category ?? []).flatMap(conceptWords),
  ]);
  if (byWords) return byWords;
  return sections.length > 0 ? 'imaging' : 'other';
}

export interface RecordDocument {
  key: string;
  kind: DocumentKind;
  title: string;
  /** The document's FHIR date or dateTime. */
  date?: string;
  time: number;
  author: string;
  organization: string;
  attachments: Attachment[];
  /** Replaced, preliminary, amended... in words, when not simply current and final. */
  status?: string;
  source: DocumentReference | DiagnosticReport;
}

const attachmentKey = (a: Attachment) =>
  a.data
    ? `${a.contentType ?? ''}|${a.data.length}|${a.data.slice(0, 96)}|${a.data.slice(-96)}`
    : `url|${a.url ?? ''}`;

const DOC_STATUS: Record<string, string> = {
  preliminary: 'Draft',
  amended: 'Amended',
  'entered-in-error': 'Entered in error',
};

/**
 * A document's own title when it has one (description, attachment title); otherwise its type with
 * its date and author ("History and physical note, Jul 30, 1967, Dr. Ana Silva"), so that the
 * many notes of one type a record holds can be told apart, also by a screen reader.
 */
export function documentTitle(doc: DocumentReference, date?: string, author?: string): string {
  const own =
    doc.description?.trim() || doc.content?.find((c) => c.attachment?.title)?.attachment?.title?.trim();
  if (own) return own;
  const when = date ?? doc.date ?? doc.context?.period?.start;
  const by = author ?? doc.author?.[0]?.display ?? doc.authenticator?.display ?? '';
  return [patientText(doc.type) || 'Document', formatClinicalDate(when), by.trim()]
    .filter(Boolean)
    .join(', ');
}

/** The status a patient should notice: replaced by a newer version, a draft, amended, in error. */
export function documentStatus(doc: DocumentReference): string | undefined {
  if (doc.status === 'superseded') return 'Replaced by a newer version';
  if (doc.status === 'entered-in-error') return 'Entered in error';
  return doc.docStatus ? DOC_STATUS[doc.docStatus] : undefined;
}

function buildDocuments(resources: readonly AnyResource[]): RecordDocument[] {
  const index = recordIndex(resources);
  const documents: RecordDocument[] = [];
  const filed = new Set<string>();
  index.all('DocumentReference').forEach((doc, i) => {
    if (doc.status === 'entered-in-error') return;
    const attachments = (doc.content ?? []).map((c) => c.attachment).filter((a): a is Attachment => !!a);
    for (const a of attachments) filed.add(attachmentKey(a));
    for (const id of doc.identifier ?? []) if (id.value) filed.add(id.value);
    for (const related of doc.context?.related ?? []) if (related.reference) filed.add(related.reference);
    const date = doc.date ?? doc.context?.period?.start ?? attachments.find((a) => a.creation)?.creation;
    const author = doc.author?.[0]?.display ?? doc.authenticator?.display ?? '';
    documents.push({
      key: `doc:${doc.id ?? i}`,
      kind: documentReferenceKind(doc),
      title: documentTitle(doc, date, author),
      date,
      time: clinicalTime(date),
      author,
      organization: doc.custodian?.display ?? '',
      attachments,
      status: documentStatus(doc),
      source: doc,
    });
  });
  index.all('DiagnosticReport').forEach((report, i) => {
    const forms = report.presentedForm ?? [];
    if (forms.length === 0 || report.status === 'entered-in-error' || report.status === 'cancelled') return;
    if (report.id && (filed.has(`urn:uuid:${report.id}`) || filed.has(`DiagnosticReport/${report.id}`)))
      return;
    if (forms.every((a) => filed.has(attachmentKey(a)))) return;
    const date = report.effectiveDateTime ?? report.effectivePeriod?.start ?? report.issued;
    documents.push({
      key: `report:${report.id ?? i}`,
      kind: diagnosticReportKind(report),
      title:
        forms.find((a) => a.title)?.title?.trim() ||
        patientText(report.code) ||
        codingBySystem(report.code, SYSTEM.loinc)?.display ||
        'Report',
      date,
      time: clinicalTime(date),
      author: report.resultsInterpreter?.[0]?.display ?? report.performer?.[0]?.display ?? '',
      organization: '',
      attachments: forms,
      status:
        report.status === 'preliminary'
          ? 'Draft'
          : report.status === 'amended' || report.status === 'corrected'
            ? 'Corrected'
            : undefined,
      source: report,
    });
  });
  const keyed = documents.map((d, order) => ({ d, order, t: Number.isNaN(d.time) ? -Infinity : d.time }));
  keyed.sort((a, b) => b.t - a.t || a.order - b.order);
  return keyed.map((k) => k.d);
}

const cache = new WeakMap<readonly AnyResource[], RecordDocument[]>();

/** Every document in the record, newest first (cached per array). */
export function recordDocuments(resources: readonly AnyResource[]): RecordDocument[] {
  let list = cache.get(resources);
  if (!list) {
    list = buildDocuments(resources);
    cache.set(resources, list);
  }
  return list;
}

export interface DocumentFilter {
  kind?: DocumentKind | '';
  /** YYYY-MM-DD, inclusive, on the calendar day written in each document's date. */
  from?: string;
  to?: string;
}

export function filterDocuments(
  documents: readonly RecordDocument[],
  filter: DocumentFilter,
): RecordDocument[] {
  const { kind, from = '', to = '' } = filter;
  if (!kind && !from && !to) return [...documents];
  return documents.filter(
    (d) => (!kind || d.kind === kind) && ((!from && !to) || clinicalDayWithin(d.date, from, to)),
  );
}

// ---------------------------------------------------------------------------------------------
// Attachments

/** "text/plain; charset=utf-8" → "text/plain". */
export const mediaType = (contentType: string | undefined): string =>
  (contentType ?? '').split(';')[0]!.trim().toLowerCase();

const charset = (contentType: string | undefined): string =>
  /charset=("?)([^";]+)\1/i.exec(contentType ?? '')?.[2]?.trim() ?? 'utf-8';

export function base64Bytes(data: string): Uint8Array {
  const binary = atob(data.replace(/\s+/g, ''));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** An attachment's inline text, in its declared character set (UTF-8 when none or unknown). */
export function attachmentText(attachment: Attachment): string {
  const bytes = base64Bytes(attachment.data ?? '');
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset(attachment.contentType));
  } catch {
    decoder = new TextDecoder('utf-8');
  }
  return decoder.decode(bytes).replace(/\r\n?/g, '\n');
}

export type ViewKind = 'text' | 'html' | 'pdf' | 'image' | 'download' | 'online-only';

const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/** How the viewer shows an attachment. */
export function viewKind(attachment: Attachment): ViewKind {
  if (!attachment.data) return 'online-only';
  const type = mediaType(attachment.contentType);
  if (type === 'text/html' || type === 'application/xhtml+xml') return 'html';
  if (type === 'application/pdf') return 'pdf';
  if (IMAGE_TYPES.has(type)) return 'image';
  if (type.startsWith('text/') || type === '' || type === 'application/json') return 'text';
  return 'download';
}

const PREFERENCE: ViewKind[] = ['html', 'pdf', 'text', 'image', 'download', 'online-only'];

/** The attachment the viewer opens first: inline HTML, PDF, text, image, then anything else. */
export function preferredAttachment(attachments: readonly Attachment[]): Attachment | undefined {
  let best: Attachment | undefined;
  let rank = PREFERENCE.length;
  for (const a of attachments) {
    const r = PREFERENCE.indexOf(viewKind(a));
    if (r < rank) {
      best = a;
      rank = r;
    }
  }
  return best;
}

/** A file name for downloading: the title without characters file systems refuse. */
export function fileName(title: string, contentType: string | undefined): string {
  const base =
    title
      .replace(/[\\/:*?"<>|]+/g, ' ')
      .replace(/\p{Cc}+/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 80) || 'document';
  const type = mediaType(contentType);
  const extension =
    type === 'application/pdf'
      ? '.pdf'
      : type === 'text/html'
        ? '.html'
        : type === 'image/png'
          ? '.png'
          : type === 'image/jpeg'
            ? '.jpg'
            : type.startsWith('text/')
              ? '.txt'
              : '';
  return base.toLowerCase().endsWith(extension) ? base : `${base}${extension}`;
}

// A PDF's structure check: the header, then startxref and %%EOF near the end, and no active content.
// A PDF that can run a script, launch a program, carry other files or play media is refused, and so
// is one whose compressed object streams cannot be read to make sure. PDFs are stored as sent.
//
// Names are looked for as PDF reads them (#xx escapes decoded), in the file's own syntax and inside
// its object streams (PDF 1.5 packs dictionaries in Flate-compressed streams, where the raw bytes
// show nothing). The long names count anywhere, stream data included: an object may hide where the
// cross-reference table points into a stream. The short /JS counts outside stream data only, since
// three random bytes of a compressed picture spell it now and then; a script it names still needs
// a /JavaScript or /Rendition action, which count anywhere.
import { inflateSync } from 'node:zlib';
import { type Checked, damaged } from './checked';
import { PDF_ACTIVE_CONTENT_SENTENCE } from './problems';

const HEADER = /^%PDF-(?:1\.\d|2\.0)/;
/** The spec's tail: startxref and %%EOF are within the last 1024 bytes. */
const TAIL_BYTES = 1024;
/** Scripts, launched programs, embedded files, rich media and XML forms (which script). */
const ACTIVE_ANYWHERE = new Set([
  'JavaScript',
  'Launch',
  'EmbeddedFile',
  'EmbeddedFiles',
  'XFA',
  'Rendition',
]);
const activeAnywhere = (name: string) => ACTIVE_ANYWHERE.has(name) || name.startsWith('RichMedia');

const NAME = /\/([^\s()<>[\]{}/%]*)/g;
/** Names that may be active ones: their first letter is one of theirs, or an escape. */
const CANDIDATE = /\/([JLEXR#][^\s()<>[\]{}/%]*)/g;
const STREAM = />>\s*stream(?:\r\n|\n|\r)/g;
/** /Length 1234, or /Length 12 0 R (the length is object 12). */
const LENGTH = /\/Length\s+(\d+)(?:\s+(\d+)\s+R)?/g;
/** Object streams are read and inflated up to this much in all: no file makes the server read gigabytes. */
const MAX_INFLATED_BYTES = 32 * 1024 * 1024;

const UNCHECKABLE =
  'This PDF cannot be checked, for instance because it is password-protected. Save or print it as a new PDF without a password, then attach that one.';

/** A name as PDF reads it: "#4A#53" is "JS". */
const decodeName = (raw: string) =>
  raw.includes('#')
    ? raw.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
    : raw;

function namesOf(text: string): string[] {
  return Array.from(text.matchAll(NAME), (m) => decodeName(m[1] ?? ''));
}

/** Whether the text names active content; `inStreamData` says whether a position is in a stream's data. */
function namesActive(text: string, inStreamData: (at: number) => boolean = () => false): boolean {
  const candidates = new RegExp(CANDIDATE.source, 'g');
  for (let m = candidates.exec(text); m !== null; m = candidates.exec(text)) {
    const name = decodeName(m[1] ?? '');
    if (activeAnywhere(name) || (name === 'JS' && !inStreamData(m.index))) return true;
  }
  return false;
}

interface Stream {
  dictionary: string[];
  start: number;
  end: number;
  /** Found inside an earlier stream's data: a stream only if something points there. */
  nested: boolean;
}

/** Objects that are a plain number ("12 0 obj 3412 endobj"): where an indirect /Length lives. */
const NUMBER_OBJECT = /(\d+)\s+(\d+)\s+obj\s*(\d+)\s*endobj/g;

/**
 * Every stream of the file: its dictionary's names and where its data lies. A stream's dictionary
 * is read from the end of the stream before it (inside another stream's data, from the keyword
 * before it), so no name it holds can be left out by a trick of its own text, and each byte is read
 * a bounded number of times however many streams a file claims to have.
 */
function streamsOf(text: string): Stream[] {
  let numbers: Map<string, string> | undefined;
  const numberObject = (id: string) => {
    numbers ??= new Map(Array.from(text.matchAll(NUMBER_OBJECT), (m) => [`${m[1]} ${m[2]}`, m[3] ?? '']));
    return numbers.get(id);
  };
  let endstream = -2;
  const endstreamAfter = (from: number) => {
    if (endstream !== -1 && endstream < from) endstream = text.indexOf('endstream', from);
    return endstream;
  };
  /** By its /Length (direct, or the object it refers to) when endstream follows there, else at endstream. */
  const endOf = (dictionary: string, start: number) => {
    // The last /Length before the keyword is the stream's own (an encryption dictionary has one too).
    const length = Array.from(dictionary.matchAll(LENGTH)).at(-1);
    const value = length?.[2] === undefined ? length?.[1] : numberObject(`${length[1]} ${length[2]}`);
    const byLength = value === undefined ? -1 : start + Number(value);
    return byLength >= start && /^\s*endstream/.test(text.slice(byLength, byLength + 16))
      ? byLength
      : endstreamAfter(start);
  };

  const streams: Stream[] = [];
  let outerEnd = 0;
  let previousEnd = 0;
  let previousKeyword = 0;
  for (const match of text.matchAll(STREAM)) {
    const keyword = match.index;
    const nested = keyword < outerEnd;
    const from = Math.max(previousKeyword, previousEnd <= keyword ? previousEnd : 0);
    const dictionary = text.slice(Math.max(from, keyword - 65_536), keyword + 2);
    const start = keyword + match[0].length;
    previousKeyword = start;
    const end = endOf(dictionary, start);
    if (end < 0) continue;
    streams.push({ dictionary: namesOf(dictionary), start, end, nested });
    if (!nested) outerEnd = end;
    previousEnd = end;
  }
  return streams;
}

/** The bytes of an object stream as PDF reads them, or null when they cannot be read here. */
function objectStreamText(bytes: Buffer, stream: Stream, budget: { left: number }): string | null {
  const filters = stream.dictionary.filter((n) => n.endsWith('Decode') || n === 'Crypt');
  const data = bytes.subarray(stream.start, stream.end);
  // What is read counts too: a file claiming thousands of overlapping object streams reads little.
  if (data.length > budget.left) return null;
  budget.left -= data.length;
  if (filters.length === 0) return data.toString('latin1');
  if (filters.length > 1 || filters[0] !== 'FlateDecode' || stream.dictionary.includes('DecodeParms'))
    return null;
  try {
    const inflated = inflateSync(data, { maxOutputLength: Math.max(1, budget.left) });
    budget.left -= inflated.length;
    return inflated.toString('latin1');
  } catch {
    return null;
  }
}

export function checkPdf(bytes: Buffer): Checked {
  const text = bytes.toString('latin1');
  if (!HEADER.test(text.slice(0, 16))) return damaged('PDF');
  const tail = text.slice(-TAIL_BYTES);
  const startxref = tail.lastIndexOf('startxref');
  if (startxref < 0 || tail.indexOf('%%EOF', startxref) < 0) return damaged('PDF');

  const streams = streamsOf(text);
  const data = streams.filter((s) => !s.nested);
  let next = 0;
  // Positions come in order: one pass over the streams.
  const inStreamData = (at: number) => {
    while (next < data.length && data[next]!.end <= at) next += 1;
    return next < data.length && data[next]!.start <= at;
  };
  if (namesActive(text, inStreamData)) return { ok: false, why: PDF_ACTIVE_CONTENT_SENTENCE };
  const budget = { left: MAX_INFLATED_BYTES };
  for (const stream of streams) {
    if (!stream.dictionary.includes('ObjStm')) continue;
    const objects = objectStreamText(bytes, stream, budget);
    if (objects === null) return { ok: false, why: UNCHECKABLE };
    if (namesActive(objects)) return { ok: false, why: PDF_ACTIVE_CONTENT_SENTENCE };
  }
  return { ok: true, bytes };
}

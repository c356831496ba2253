// Real small files for attachment tests, built in code (no binary fixtures): PDFs with and without
// scripts, PNGs with and without metadata chunks, a baseline JPEG with and without an Exif segment
// holding a GPS position, a video header and an HTML page. And the client's side of the upload
// protocol: encrypt a file once, PUT its chunks, and name it in a message (an AttachmentRef).
// Shared by the route tests, the end-to-end journeys, the fault tests and the bench: `send` is
// app.request in-process or fetch against a running server.
import { deflateSync } from 'node:zlib';
import { encryptAttachment } from '../../core/attachment-crypto';
import {
  type AttachmentMediaType,
  type AttachmentRef,
  UPLOAD_CHUNK_BYTES,
  UPLOAD_TOTAL_HEADER,
} from '../../core/attachments';
import { uploadChunkPath } from '../../core/message-paths';
import { crc32 } from '../services/messages/attachments/crc32';

type Bytes = Uint8Array<ArrayBuffer>;

const latin1 = (text: string): Bytes => new Uint8Array(Buffer.from(text, 'latin1'));
const concat = (...parts: Uint8Array[]): Bytes => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
};
const u16 = (n: number) => Uint8Array.of(n >> 8, n & 0xff);
const u32 = (n: number) => Uint8Array.of(n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);

/** Does `haystack` hold these bytes anywhere? */
export function containsBytes(haystack: Uint8Array, needle: Uint8Array | string): boolean {
  const bytes = typeof needle === 'string' ? latin1(needle) : needle;
  return Buffer.from(haystack.buffer, haystack.byteOffset, haystack.byteLength).indexOf(bytes) >= 0;
}

// PDF -------------------------------------------------------------------------------------------

export interface PdfOptions {
  /** The page's one line of text. */
  text?: string;
  /** More entries of the document catalog, as PDF source ("/OpenAction << … >>"). */
  catalog?: string;
  /** More objects, numbered from 6, as PDF source (without "n 0 obj" and "endobj"). */
  objects?: Array<string | Uint8Array>;
}

/**
 * A one-page PDF 1.5 with a real cross-reference table: catalog, page tree, page, content stream and
 * Helvetica. Opens in any viewer.
 */
export function pdfFile(options: PdfOptions = {}): Bytes {
  const text = (options.text ?? 'Lab result: within normal range').replace(/[()\\]/g, '\\$&');
  const content = `BT /F1 14 Tf 24 60 Td (${text}) Tj ET`;
  const objects: Array<string | Uint8Array> = [
    `<< /Type /Catalog /Pages 2 0 R${options.catalog ? ` ${options.catalog}` : ''} >>`,
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 320 120] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    ...(options.objects ?? []),
  ];
  const parts: Uint8Array[] = [latin1('%PDF-1.5\n%\xe2\xe3\xcf\xd3\n')];
  let length = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(length);
    const body = typeof object === 'string' ? latin1(object) : object;
    const part = concat(latin1(`${i + 1} 0 obj\n`), body, latin1('\nendobj\n'));
    parts.push(part);
    length += part.length;
  });
  const xref = [
    'xref',
    `0 ${objects.length + 1}`,
    '0000000000 65535 f ',
    ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n `),
    'trailer',
    `<< /Size ${objects.length + 1} /Root 1 0 R >>`,
    'startxref',
    String(length),
    '%%EOF',
    '',
  ].join('\n');
  return concat(...parts, latin1(xref));
}

/** A PDF that runs JavaScript when opened. */
export const pdfWithJavaScript = (): Bytes =>
  pdfFile({ catalog: '/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >>' });

/** The same script, its names spelt with #xx escapes (/J#61vaScript is /JavaScript to a reader). */
export const pdfWithEscapedJavaScript = (): Bytes =>
  pdfFile({ catalog: '/OpenAction << /S /J#61vaScript /J#53 (app.alert\\(1\\)) >>' });

/**
 * The script's action as object 7, packed in a Flate-compressed object stream (PDF 1.5): nothing of
 * it shows in the raw bytes. (For the check only: a viewer would also want a cross-reference stream.)
 */
export function pdfWithScriptInObjectStream(): Bytes {
  const index = '7 0 ';
  const data = deflateSync(Buffer.from(`${index}<< /S /JavaScript /JS (app.alert\\(1\\)) >>`, 'latin1'));
  const stream = concat(
    latin1(
      `<< /Type /ObjStm /N 1 /First ${index.length} /Filter /FlateDecode /Length ${data.length} >>\nstream\n`,
    ),
    data,
    latin1('\nendstream'),
  );
  return pdfFile({ catalog: '/OpenAction 7 0 R', objects: [stream] });
}

/** A PDF carrying another file (an embedded file stream). */
export const pdfWithEmbeddedFile = (): Bytes =>
  pdfFile({
    catalog: '/Names << /EmbeddedFiles << /Names [(a.exe) 6 0 R] >> >>',
    objects: ['<< /Type /EmbeddedFile /Length 2 >>\nstream\nMZ\nendstream'],
  });

// PNG -------------------------------------------------------------------------------------------

export const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

/** One PNG chunk: length, type, data and its CRC. */
export function pngChunk(type: string, data: Uint8Array = new Uint8Array()): Bytes {
  const typed = concat(latin1(type), data);
  return concat(u32(data.length), typed, u32(crc32(typed)));
}

export interface PngOptions {
  width?: number;
  height?: number;
  /** Pseudo-random pixels (seeded, the same every time) instead of a gradient: they do not compress. */
  noise?: boolean;
  /** Chunks placed between IHDR and IDAT (metadata, say). */
  extra?: Uint8Array[];
}

/** An 8-bit RGB PNG, compressed with zlib, every CRC right. */
export function pngFile(options: PngOptions = {}): Bytes {
  const width = options.width ?? 24;
  const height = options.height ?? 16;
  let seed = 0x2545f491;
  const random = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return seed & 0xff;
  };
  const rows = new Uint8Array(height * (1 + width * 3));
  for (let y = 0; y < height; y += 1) {
    const row = y * (1 + width * 3);
    rows[row] = 0; // filter: none
    for (let x = 0; x < width; x += 1) {
      const at = row + 1 + x * 3;
      rows[at] = options.noise ? random() : (x * 255) / width;
      rows[at + 1] = options.noise ? random() : (y * 255) / height;
      rows[at + 2] = options.noise ? random() : 160;
    }
  }
  const header = concat(u32(width), u32(height), Uint8Array.of(8, 2, 0, 0, 0));
  return concat(
    PNG_SIGNATURE,
    pngChunk('IHDR', header),
    ...(options.extra ?? []),
    pngChunk('IDAT', deflateSync(rows)),
    pngChunk('IEND'),
  );
}

/** Text an editor or a phone writes into a PNG: what must not reach the practice. */
export const PNG_METADATA_TEXT = {
  author: 'Author\0Jane Q. Patient',
  comment: 'Comment\0Taken at 12 Elm Street',
  exif: 'MM\0*\0\0\0\x08GPS-in-exif',
};

/** A PNG with text, compressed text, international text, Exif and time chunks. */
export const pngWithMetadata = (): Bytes =>
  pngFile({
    extra: [
      pngChunk('tEXt', latin1(PNG_METADATA_TEXT.author)),
      pngChunk('zTXt', concat(latin1('Location\0\0'), deflateSync(Buffer.from('41.87N 87.62W')))),
      pngChunk('iTXt', latin1(`${PNG_METADATA_TEXT.comment.replace('\0', '\0\0\0\0\0')}`)),
      pngChunk('eXIf', latin1(PNG_METADATA_TEXT.exif)),
      pngChunk('tIME', Uint8Array.of(0x07, 0xea, 3, 10, 15, 0, 0)),
      pngChunk('pHYs', concat(u32(2835), u32(2835), Uint8Array.of(1))),
    ],
  });

// JPEG ------------------------------------------------------------------------------------------

const segment = (marker: number, payload: Uint8Array) =>
  concat(Uint8Array.of(0xff, marker), u16(payload.length + 2), payload);

/**
 * A baseline JPEG, 16×16 grey, written by hand: JFIF APP0, one quantisation table, a baseline frame
 * of one component, the smallest Huffman tables (one code each: DC difference 0, end of block) and
 * a scan of four blocks whose codes fill exactly one byte. Decodes in every viewer.
 */
export function jpegFile(): Bytes {
  const jfif = segment(
    0xe0,
    concat(latin1('JFIF\0'), Uint8Array.of(1, 1, 0), u16(1), u16(1), Uint8Array.of(0, 0)),
  );
  const dqt = segment(0xdb, concat(Uint8Array.of(0x00), new Uint8Array(64).fill(1)));
  const sof = segment(0xc0, concat(Uint8Array.of(8), u16(16), u16(16), Uint8Array.of(1, 1, 0x11, 0)));
  const oneCode = (tableClass: number) =>
    concat(Uint8Array.of((tableClass << 4) | 0, 1), new Uint8Array(15), Uint8Array.of(0x00));
  const dht = segment(0xc4, concat(oneCode(0), oneCode(1)));
  const sos = segment(0xda, Uint8Array.of(1, 1, 0x00, 0, 63, 0));
  return concat(
    Uint8Array.of(0xff, 0xd8),
    jfif,
    dqt,
    sof,
    dht,
    sos,
    Uint8Array.of(0x00),
    Uint8Array.of(0xff, 0xd9),
  );
}

/** The position a phone writes: 41° 52' 30" N, 87° 37' 12" W, as Exif rationals. */
export const GPS_LATITUDE = concat(u32(41), u32(1), u32(52), u32(1), u32(30), u32(1));
export const GPS_LONGITUDE = concat(u32(87), u32(1), u32(37), u32(1), u32(12), u32(1));

/**
 * An APP1 Exif segment (big-endian TIFF): IFD0 with the camera's Make and a GPSInfo pointer, and a
 * GPS IFD with latitude and longitude and their N/W references.
 */
export function exifGpsSegment(): Bytes {
  // Offsets count from the TIFF header. IFD0 at 8: 2 entries (2 + 24 + 4 = 30 bytes) → 38.
  const make = latin1('Portal\0');
  const makeAt = 38;
  const gpsAt = makeAt + make.length;
  // GPS IFD: 4 entries (2 + 48 + 4 = 54 bytes); its rationals follow.
  const latitudeAt = gpsAt + 54;
  const longitudeAt = latitudeAt + GPS_LATITUDE.length;
  const entry = (tag: number, type: number, count: number, value: Uint8Array) =>
    concat(
      u16(tag),
      u16(type),
      u32(count),
      value.length === 4 ? value : concat(value, new Uint8Array(4 - value.length)),
    );
  const tiff = concat(
    latin1('MM\0*'),
    u32(8),
    u16(2),
    entry(0x010f, 2, make.length, u32(makeAt)), // Make
    entry(0x8825, 4, 1, u32(gpsAt)), // GPSInfo
    u32(0),
    make,
    u16(4),
    entry(0x0001, 2, 2, latin1('N\0')), // GPSLatitudeRef
    entry(0x0002, 5, 3, u32(latitudeAt)), // GPSLatitude
    entry(0x0003, 2, 2, latin1('W\0')), // GPSLongitudeRef
    entry(0x0004, 5, 3, u32(longitudeAt)), // GPSLongitude
    u32(0),
    GPS_LATITUDE,
    GPS_LONGITUDE,
  );
  return segment(0xe1, concat(latin1('Exif\0\0'), tiff));
}

export const JPEG_COMMENT = 'Taken at 12 Elm Street';
export const XMP_LOCATION = 'exif:GPSLatitude="41,52.5N"';

/**
 * The baseline JPEG as a phone camera writes it: Exif with the GPS position, XMP saying it again,
 * a comment, and bytes after the end of the image.
 */
export function jpegWithGps(): Bytes {
  const jpeg = jpegFile();
  const xmp = segment(
    0xe1,
    latin1(`http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><rdf:Description ${XMP_LOCATION}/></x:xmpmeta>`),
  );
  const comment = segment(0xfe, latin1(JPEG_COMMENT));
  return concat(
    jpeg.subarray(0, 2),
    exifGpsSegment(),
    xmp,
    jpeg.subarray(2, -2),
    comment,
    jpeg.subarray(-2),
    latin1('trailing'),
  );
}

// Not allowed ------------------------------------------------------------------------------------

/** The start of an MP4 video: an ftyp box (isom) and an empty mdat box. */
export const mp4File = (): Bytes =>
  concat(u32(32), latin1('ftypisom'), u32(0x200), latin1('isomiso2avc1mp41'), u32(8), latin1('mdat'));

/** An HTML page with a script: what a "PNG" must never turn out to be. */
export const htmlFile = (): Bytes =>
  latin1('<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>');

// The upload protocol ----------------------------------------------------------------------------

/** How requests reach the server: `(path, init) => t.app.request(path, init)`, or fetch with a base URL. */
export type Send = (path: string, init: RequestInit) => Promise<Response>;

/** A file encrypted as the app does it, under a fresh upload id, and the reference a message sends. */
export interface SealedFile {
  uploadId: string;
  cipher: Bytes;
  ref: AttachmentRef;
}

export async function sealFile(
  bytes: Bytes,
  name: string,
  mediaType: AttachmentMediaType,
  uploadId: string = crypto.randomUUID(),
): Promise<SealedFile> {
  const { cipher, key, iv, sha256 } = await encryptAttachment(bytes);
  return { uploadId, cipher, ref: { uploadId, name, mediaType, size: bytes.length, sha256, key, iv } };
}

/** The ciphertext's chunks, as the app cuts them. */
export function chunksOf(cipher: Uint8Array): Bytes[] {
  const chunks: Bytes[] = [];
  for (let at = 0; at < cipher.length; at += UPLOAD_CHUNK_BYTES)
    chunks.push(cipher.slice(at, Math.min(cipher.length, at + UPLOAD_CHUNK_BYTES)));
  return chunks;
}

/** One chunk PUT as the app sends it; `total` is the whole upload's size. */
export function putChunk(
  send: Send,
  token: string,
  uploadId: string,
  index: number,
  body: Uint8Array,
  total: number,
  headers: Record<string, string> = {},
): Promise<Response> {
  return send(uploadChunkPath(uploadId, index), {
    method: 'PUT',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/octet-stream',
      [UPLOAD_TOTAL_HEADER]: String(total),
      ...headers,
    },
    body: body as Bytes,
  });
}

/** PUTs the sealed file's chunks (all, or the indexes given); throws at the first that is not 204. */
export async function uploadChunks(
  send: Send,
  token: string,
  file: SealedFile,
  indexes?: readonly number[],
): Promise<void> {
  const chunks = chunksOf(file.cipher);
  for (const index of indexes ?? chunks.map((_, i) => i)) {
    const res = await putChunk(send, token, file.uploadId, index, chunks[index]!, file.cipher.length);
    if (res.status !== 204)
      throw new Error(`Chunk ${index} of ${file.ref.name}: ${res.status} ${await res.text()}`);
  }
}

/** Encrypts and uploads a file through the real routes; returns what a message names it by. */
export async function uploadFile(
  send: Send,
  token: string,
  bytes: Bytes,
  name: string,
  mediaType: AttachmentMediaType,
): Promise<AttachmentRef> {
  const file = await sealFile(bytes, name, mediaType);
  await uploadChunks(send, token, file);
  return file.ref;
}

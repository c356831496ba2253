// The content and structure checks of attachments, on files built in code: what each type's check
// keeps and drops, what it refuses as damaged or dangerous, and what it must not refuse.
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  containsBytes,
  exifGpsSegment,
  GPS_LATITUDE,
  htmlFile,
  jpegFile,
  jpegWithGps,
  mp4File,
  pdfFile,
  pdfWithEmbeddedFile,
  pdfWithEscapedJavaScript,
  pdfWithJavaScript,
  pdfWithScriptInObjectStream,
  pngChunk,
  pngFile,
  pngWithMetadata,
} from '../../../test-support/attachment-files';
import { checkStructure, contentTypeOf } from './file-check';
import { checkJpeg } from './jpeg';
import { checkPdf } from './pdf';
import { checkPng } from './png';
import { PDF_ACTIVE_CONTENT_SENTENCE } from './problems';

const buffer = (bytes: Uint8Array) => Buffer.from(bytes);
const kept = (result: ReturnType<typeof checkPdf>) => {
  if (!result.ok) throw new Error(`Refused: ${result.why}`);
  return new Uint8Array(result.bytes);
};
const why = (result: ReturnType<typeof checkPdf>) => (result.ok ? 'kept' : result.why);
const join = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));
const text = (s: string) => Buffer.from(s, 'latin1');
/** A JPEG segment: marker, length, payload. */
const segment = (marker: number, payload: Uint8Array) =>
  join(Uint8Array.of(0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 0xff), payload);

describe('what a file is, by content', () => {
  it('knows the three allowed types and nothing else, whatever a name says', async () => {
    expect(await contentTypeOf(buffer(pdfFile()))).toBe('application/pdf');
    expect(await contentTypeOf(buffer(jpegFile()))).toBe('image/jpeg');
    expect(await contentTypeOf(buffer(pngFile()))).toBe('image/png');
    expect(await contentTypeOf(buffer(mp4File()))).toBeNull();
    expect(await contentTypeOf(buffer(htmlFile()))).toBeNull();
    expect(await contentTypeOf(Buffer.alloc(0))).toBeNull();
    // JPEG-LS starts like a JPEG; no viewer in a browser shows it.
    expect(
      await contentTypeOf(buffer(join(Uint8Array.of(0xff, 0xd8, 0xff, 0xf7), jpegFile().subarray(4)))),
    ).toBeNull();
  });

  it('runs the structure check of the type it is given', () => {
    expect(checkStructure('image/png', buffer(pngWithMetadata())).ok).toBe(true);
    expect(checkStructure('image/png', buffer(jpegFile())).ok).toBe(false);
  });
});

describe('PDF', () => {
  it('keeps a plain PDF as it is', () => {
    const pdf = pdfFile();
    expect(kept(checkPdf(buffer(pdf)))).toEqual(pdf);
  });

  it('refuses scripts and embedded files, however they are spelt or packed', () => {
    for (const pdf of [
      pdfWithJavaScript(),
      pdfWithEscapedJavaScript(),
      pdfWithScriptInObjectStream(),
      pdfWithEmbeddedFile(),
    ])
      expect(why(checkPdf(buffer(pdf)))).toBe(PDF_ACTIVE_CONTENT_SENTENCE);
    for (const catalog of [
      '/OpenAction << /S /Launch /F (cmd.exe) >>',
      '/AcroForm << /XFA 6 0 R >>',
      '/OpenAction << /S /Rendition /JS (x) >>',
      '/Annots [<< /Subtype /RichMedia >>]',
    ])
      expect(why(checkPdf(buffer(pdfFile({ catalog }))))).toBe(PDF_ACTIVE_CONTENT_SENTENCE);
  });

  it('counts long names in stream data too, where a cross-reference may point, but not three random bytes spelling /JS', () => {
    const picture = (data: string) =>
      `<< /Length ${data.length} /Filter /DCTDecode >>\nstream\n${data}\nendstream`;
    expect(checkPdf(buffer(pdfFile({ objects: [picture('\x13\x88/JS \x02\xfe')] }))).ok).toBe(true);
    expect(why(checkPdf(buffer(pdfFile({ objects: [picture('<</S/JavaScript/JS(x)>>')] }))))).toBe(
      PDF_ACTIVE_CONTENT_SENTENCE,
    );
  });

  it('reads harmless object streams, and refuses one it cannot read', () => {
    const objects = (dictionary: string, data: Uint8Array) =>
      join(
        text(`<< /Type /ObjStm /N 1 /First 4 ${dictionary} /Length ${data.length} >>\nstream\n`),
        data,
        text('\nendstream'),
      );
    const harmless = deflateSync(text('7 0 << /Type /Metadata >>'));
    expect(checkPdf(buffer(pdfFile({ objects: [objects('/Filter /FlateDecode', harmless)] }))).ok).toBe(true);
    for (const unreadable of [
      objects('/Filter /FlateDecode', text('not deflate at all')),
      objects('/Filter [/ASCIIHexDecode /FlateDecode]', harmless),
      objects('/Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 5 >>', harmless),
    ])
      expect(why(checkPdf(buffer(pdfFile({ objects: [unreadable] }))))).toMatch(/cannot be checked/);
  });

  it('checks a 10 MB PDF of hundreds of thousands of claimed streams or names in about a second', () => {
    const ten = 10 * 1024 * 1024;
    const nested = '<< /Type /ObjStm /Length 9 0 R >>\nstream\n'.repeat(300_000).slice(0, ten);
    for (const body of [
      `<< /Length 3 >>\nstream\n${nested}\nendstream`,
      '<<>>stream\n'.repeat(900_000),
      '/J'.repeat(ten / 2),
    ]) {
      const pdf = buffer(pdfFile({ objects: [body] }));
      const started = performance.now();
      checkPdf(pdf);
      // Quadratic work would take minutes; the margin is for a busy two-core machine.
      expect(performance.now() - started).toBeLessThan(8000);
    }
  });

  it('refuses a PDF without its header or its end', () => {
    const pdf = pdfFile();
    expect(checkPdf(buffer(pdf.subarray(0, pdf.length - 40))).ok).toBe(false);
    expect(checkPdf(buffer(join(text('%!PS-Adobe-3.0\n'), pdf))).ok).toBe(false);
    expect(checkPdf(buffer(join(pdf, new Uint8Array(2000).fill(0x20)))).ok).toBe(false);
  });
});

describe('JPEG', () => {
  it('keeps a baseline JPEG byte for byte', () => {
    expect(kept(checkJpeg(buffer(jpegFile())))).toEqual(jpegFile());
  });

  it('drops Exif (and its GPS), XMP, comments and what follows the picture', () => {
    const cleaned = kept(checkJpeg(buffer(jpegWithGps())));
    expect(cleaned).toEqual(jpegFile());
    expect(containsBytes(cleaned, GPS_LATITUDE)).toBe(false);
  });

  it('keeps an ICC colour profile and Adobe’s APP14, and drops other APP2 and APP3 to APP15 segments', () => {
    const jpeg = jpegFile();
    const icc = segment(0xe2, text('ICC_PROFILE\0\x01\x01profile'));
    const mpf = segment(0xe2, text('MPF\0index of a second picture'));
    const adobe = segment(0xee, text('Adobe\0\x64\0\0\0\0\x01'));
    const makers = [0xe3, 0xe9, 0xed, 0xef].map((m) => segment(m, text(`maker ${m}`)));
    const input = join(jpeg.subarray(0, 20), icc, mpf, adobe, ...makers, jpeg.subarray(20));
    expect(jpeg.subarray(2, 4)).toEqual(Uint8Array.of(0xff, 0xe0));
    expect(kept(checkJpeg(buffer(input)))).toEqual(join(jpeg.subarray(0, 20), icc, adobe, jpeg.subarray(20)));
  });

  it('refuses a JPEG cut short, with a segment running past the end, or a scan before its frame', () => {
    const jpeg = jpegFile();
    expect(checkJpeg(buffer(jpeg.subarray(0, jpeg.length - 2))).ok).toBe(false);
    expect(
      checkJpeg(buffer(join(jpeg.subarray(0, 2), Uint8Array.of(0xff, 0xe1, 0x7f, 0xff), text('Exif')))),
    ).toMatchObject({
      ok: false,
    });
    const sosAt = Buffer.from(jpeg).indexOf(Uint8Array.of(0xff, 0xda));
    const sofAt = Buffer.from(jpeg).indexOf(Uint8Array.of(0xff, 0xc0));
    const noFrame = join(jpeg.subarray(0, sofAt), jpeg.subarray(sofAt + 19));
    expect(sosAt).toBeGreaterThan(sofAt);
    expect(checkJpeg(buffer(noFrame)).ok).toBe(false);
    expect(checkJpeg(buffer(join(Uint8Array.of(0xff, 0xd8), exifGpsSegment()))).ok).toBe(false);
  });
});

describe('PNG', () => {
  it('keeps a PNG without metadata byte for byte', () => {
    const png = pngFile();
    expect(kept(checkPng(buffer(png)))).toEqual(png);
  });

  it('drops text, Exif and time chunks, keeps the rest, and cuts what follows IEND', () => {
    const cleaned = kept(checkPng(buffer(join(pngWithMetadata(), text('<html>after the end</html>')))));
    for (const gone of ['tEXt', 'zTXt', 'iTXt', 'eXIf', 'tIME', '<html>'])
      expect(containsBytes(cleaned, gone)).toBe(false);
    expect(containsBytes(cleaned, 'pHYs')).toBe(true);
    expect(checkPng(buffer(cleaned)).ok).toBe(true);
  });

  it('refuses a wrong CRC, IHDR not first, no IEND, no image data or an unknown critical chunk', () => {
    const png = pngFile();
    const wrongCrc = png.slice();
    wrongCrc.set([wrongCrc[29]! ^ 1], 29); // the last byte of IHDR's CRC
    const signature = png.subarray(0, 8);
    const ihdr = png.subarray(8, 33);
    const rest = png.subarray(33);
    for (const bad of [
      wrongCrc,
      join(signature, pngChunk('gAMA', Uint8Array.of(0, 0, 0xb1, 0x8f)), ihdr, rest),
      png.subarray(0, png.length - 12),
      join(signature, ihdr, pngChunk('IEND')),
      join(signature, ihdr, pngChunk('ZZZZ', text('?')), rest),
      htmlFile(),
    ])
      expect(checkPng(buffer(bad)).ok).toBe(false);
  });
});

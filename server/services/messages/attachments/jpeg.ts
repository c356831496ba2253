// A JPEG's structure check and cleaning: the segments from SOI through each scan to EOI, each
// length inside the file, a frame header before the first scan. Dropped: APP1 (Exif and XMP, where
// a phone writes the GPS position), APP3 to APP13 and APP15 (makers' notes, IPTC captions), APP2
// other than an ICC colour profile (multi-picture indexes) and comments (COM). Kept: APP0 (JFIF),
// the ICC profile and APP14 (Adobe's colour transform), which the picture needs to look right.
// Anything after EOI goes.
import { type Checked, damaged } from './checked';

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const TEM = 0x01;
const COM = 0xfe;
const APP0 = 0xe0;
const APP2 = 0xe2;
const APP14 = 0xee;
const ICC_PROFILE = Buffer.from('ICC_PROFILE\0', 'latin1');

const isRestart = (marker: number) => marker >= 0xd0 && marker <= 0xd7;
const isApp = (marker: number) => marker >= 0xe0 && marker <= 0xef;
/** SOF0 to SOF15, but not DHT (C4), JPG (C8) and DAC (CC), which share the range. */
const isFrame = (marker: number) =>
  marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

function kept(marker: number, payload: Buffer): boolean {
  if (marker === COM) return false;
  if (!isApp(marker)) return true;
  if (marker === APP2) return payload.subarray(2, 2 + ICC_PROFILE.length).equals(ICC_PROFILE);
  return marker === APP0 || marker === APP14;
}

/** Where the entropy-coded data after a scan header ends: at the next marker (not a stuffed 00 or RSTn). */
function scanEnd(bytes: Buffer, from: number): number {
  let i = from;
  while (i < bytes.length - 1) {
    if (bytes[i] === 0xff) {
      const next = bytes[i + 1]!;
      if (next === 0x00 || isRestart(next)) {
        i += 2;
        continue;
      }
      return i;
    }
    i += 1;
  }
  return bytes.length;
}

export function checkJpeg(bytes: Buffer): Checked {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== SOI) return damaged('JPEG');
  const out: Buffer[] = [Buffer.of(0xff, SOI)];
  let at = 2;
  let frame = false;
  let scan = false;
  for (;;) {
    if (at >= bytes.length || bytes[at] !== 0xff) return damaged('JPEG');
    while (at < bytes.length && bytes[at] === 0xff) at += 1; // fill bytes before a marker
    if (at >= bytes.length) return damaged('JPEG');
    const marker = bytes[at]!;
    at += 1;
    if (marker === EOI) {
      if (!scan) return damaged('JPEG');
      out.push(Buffer.of(0xff, EOI));
      return { ok: true, bytes: Buffer.concat(out) };
    }
    if (marker === TEM) {
      out.push(Buffer.of(0xff, TEM));
      continue;
    }
    if (marker === 0x00 || marker === SOI || isRestart(marker)) return damaged('JPEG');
    if (at + 2 > bytes.length) return damaged('JPEG');
    const length = bytes.readUInt16BE(at);
    const end = at + length;
    if (length < 2 || end > bytes.length) return damaged('JPEG');
    const segment = bytes.subarray(at, end);
    if (isFrame(marker)) frame = true;
    if (marker === SOS) {
      if (!frame) return damaged('JPEG');
      const dataEnd = scanEnd(bytes, end);
      out.push(Buffer.of(0xff, SOS), segment, bytes.subarray(end, dataEnd));
      scan = true;
      at = dataEnd;
      continue;
    }
    if (kept(marker, segment)) out.push(Buffer.of(0xff, marker), segment);
    at = end;
  }
}

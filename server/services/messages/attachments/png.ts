// A PNG's structure check and cleaning: the signature, then chunks whose lengths fit and whose CRCs
// verify, IHDR first and IEND last. Text chunks (tEXt, zTXt, iTXt), Exif (eXIf) and the time
// (tIME) are dropped: they can carry a location, names or other details; anything after IEND goes.
import { type Checked, damaged } from './checked';
import { crc32 } from './crc32';

export const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

/** Ancillary chunks that carry metadata rather than the picture. */
const DROPPED = new Set(['tEXt', 'zTXt', 'iTXt', 'eXIf', 'tIME']);
/** The critical chunks PNG defines; another critical chunk means no viewer could show the file. */
const CRITICAL = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND']);
const CHUNK_TYPE = /^[A-Za-z]{4}$/;
const MAX_CHUNK_LENGTH = 0x7fffffff;

export function checkPng(bytes: Buffer): Checked {
  if (bytes.length < PNG_SIGNATURE.length || !PNG_SIGNATURE.every((b, i) => bytes[i] === b))
    return damaged('PNG');
  const kept: Buffer[] = [bytes.subarray(0, PNG_SIGNATURE.length)];
  let at = PNG_SIGNATURE.length;
  let first = true;
  let images = 0;
  for (;;) {
    if (at + 12 > bytes.length) return damaged('PNG');
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    const end = at + 12 + length;
    if (length > MAX_CHUNK_LENGTH || end > bytes.length || !CHUNK_TYPE.test(type)) return damaged('PNG');
    const crc = bytes.readUInt32BE(end - 4);
    if (crc32(bytes.subarray(at + 4, end - 4)) !== crc) return damaged('PNG');
    if (
      first !== (type === 'IHDR') ||
      (type === 'IHDR' && length !== 13) ||
      (type === 'IEND' && length !== 0)
    )
      return damaged('PNG');
    const critical = type.charCodeAt(0) < 0x61; // an upper-case first letter
    if (critical && !CRITICAL.has(type)) return damaged('PNG');
    if (type === 'IDAT') images += 1;
    if (!DROPPED.has(type)) kept.push(bytes.subarray(at, end));
    first = false;
    at = end;
    if (type === 'IEND') break;
  }
  if (images === 0) return damaged('PNG');
  return { ok: true, bytes: Buffer.concat(kept) };
}

// What a decrypted file really is, by its content: the magic numbers the app checked too
// (core/attachments.ts sniffMediaType), confirmed by file-type, which knows many more formats (a
// JPEG-LS or a video dressed as a JPEG is neither of the allowed types). Then the type's own
// structure check, which also cleans the file of its metadata.
import { fileTypeFromBuffer } from 'file-type';
import { type AttachmentMediaType, sniffMediaType } from '../../../../core/attachments';
import type { Checked } from './checked';
import { checkJpeg } from './jpeg';
import { checkPdf } from './pdf';
import { checkPng } from './png';

/** file-type's names for the allowed types (an Illustrator file is a PDF, an animated PNG a PNG). */
const ALLOWED: Record<string, AttachmentMediaType> = {
  'application/pdf': 'application/pdf',
  'application/illustrator': 'application/pdf',
  'image/jpeg': 'image/jpeg',
  'image/png': 'image/png',
  'image/apng': 'image/png',
};

const CHECKS: Record<AttachmentMediaType, (bytes: Buffer) => Checked> = {
  'application/pdf': checkPdf,
  'image/jpeg': checkJpeg,
  'image/png': checkPng,
};

/** The allowed type the content is, or null when it is none of them (whatever its name says). */
export async function contentTypeOf(bytes: Buffer): Promise<AttachmentMediaType | null> {
  const sniffed = sniffMediaType(bytes.subarray(0, 16));
  if (sniffed === null) return null;
  const detected = await fileTypeFromBuffer(bytes);
  return detected !== undefined && ALLOWED[detected.mime] === sniffed ? sniffed : null;
}

/** The structure check of an allowed type: the bytes to store, or why the file cannot go. */
export const checkStructure = (type: AttachmentMediaType, bytes: Buffer): Checked => CHECKS[type](bytes);

// A file the user chose for a message, made ready to send: checked by its content (the guide's
// types and sizes, core/attachments.ts), photos re-encoded so that no location or other metadata
// leaves the device, encrypted under a key of its own, and its ciphertext kept on the device
// (device-db `files`) until the message is sent. What comes back is what the message names.
import { encryptAttachment } from '../../../core/attachment-crypto';
import {
  type AttachmentRef,
  attachmentProblem,
  cleanAttachmentName,
  formatFileSize,
  type ImageMediaType,
  isImageType,
  MAX_ATTACHMENT_BYTES,
  sniffMediaType,
} from '../../../core/attachments';
import { sharedDeviceDb } from '../device-db';

export type Prepared = { ref: AttachmentRef; preview: Blob } | { problem: string };

/** Photos larger than this on their long side are scaled down: plenty for a clinician to read. */
const MAX_IMAGE_SIDE = 6000;
const JPEG_QUALITY = 0.92;

export async function prepareAttachment(file: File, accountId: string): Promise<Prepared> {
  const head = new Uint8Array(await file.slice(0, 16).arrayBuffer());
  const problem = attachmentProblem({ name: file.name, size: file.size, head });
  if (problem) return { problem };
  const mediaType = sniffMediaType(head)!;
  const name = cleanAttachmentName(file.name, mediaType);
  let bytes: Uint8Array<ArrayBuffer>;
  if (isImageType(mediaType)) {
    const clean = await withoutMetadata(file, mediaType);
    if (!clean) return { problem: `${name} could not be opened as a picture. Choose another file.` };
    bytes = clean;
    if (bytes.byteLength > MAX_ATTACHMENT_BYTES)
      return { problem: `${name} is ${formatFileSize(bytes.byteLength)}. Each file can be at most 10 MB.` };
  } else {
    bytes = new Uint8Array(await file.arrayBuffer());
  }
  const sealed = await encryptAttachment(bytes);
  const uploadId = crypto.randomUUID();
  await sharedDeviceDb().files.put({
    id: uploadId,
    accountId,
    cipher: sealed.cipher,
    createdAt: new Date().toISOString(),
  });
  return {
    ref: {
      uploadId,
      name,
      mediaType,
      size: bytes.byteLength,
      sha256: sealed.sha256,
      key: sealed.key,
      iv: sealed.iv,
    },
    preview: new Blob([bytes], { type: mediaType }),
  };
}

/**
 * The picture drawn anew: only its pixels survive, not the camera's EXIF (location, device, time),
 * XMP or text chunks. The photo's orientation is applied first, so it still shows the right way up.
 */
async function withoutMetadata(file: Blob, type: ImageMediaType): Promise<Uint8Array<ArrayBuffer> | null> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    return null;
  }
  const scale = Math.min(1, MAX_IMAGE_SIDE / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d');
  if (!context) return null;
  if (type === 'image/jpeg') {
    // JPEG has no transparency: a transparent pixel would turn black.
    context.fillStyle = '#fff';
    context.fillRect(0, 0, width, height);
  }
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  const blob = await canvas.convertToBlob({
    type,
    ...(type === 'image/jpeg' ? { quality: JPEG_QUALITY } : {}),
  });
  return new Uint8Array(await blob.arrayBuffer());
}

/** A file the user removed before sending (or a draft discarded): its ciphertext goes too. */
export async function forgetPreparedFiles(uploadIds: readonly string[]): Promise<void> {
  if (uploadIds.length > 0) await sharedDeviceDb().files.bulkDelete([...uploadIds]);
}

// Message attachments: the practice guide's rule (up to 10 files per message, PDF, JPEG/JPG or PNG,
// 10 MB each, no video), the check the app makes before anything is stored or sent, and the upload
// protocol shared by the app, the service worker and the server (which checks everything again, by
// content).
//
// How a file travels. The app re-encodes photos (no location or other metadata leaves the device),
// then encrypts the file once with a fresh AES-256-GCM key. The device keeps only that ciphertext
// (the service worker may upload it while the app is locked, without being able to read it). The
// ciphertext is uploaded in chunks, each PUT idempotent by its index, so a dropped connection resumes
// where it stopped. The message that carries the file names each upload with its key (an
// AttachmentRef). Queued offline, that message is sealed to the server with the rest of the request;
// only then can the server decrypt the upload, check it and store it with the message, in one
// transaction: a message and its files arrive together, once, or not at all.
import { z } from 'zod';

/** "You can attach up to 10 files … per message". */
export const MAX_ATTACHMENTS_PER_MESSAGE = 10;
/** "… with a maximum file size of 10 MB each". */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/** Longest file name kept (the rest of a longer name is cut before the extension). */
export const MAX_ATTACHMENT_NAME_CHARS = 120;

/** The upload's chunk size: small enough that a cut connection loses little, large enough to be quick. */
export const UPLOAD_CHUNK_BYTES = 512 * 1024;
/** AES-GCM adds a 16-byte tag: an upload is the file's size plus this. */
export const ATTACHMENT_CIPHER_OVERHEAD = 16;
/** An upload no message took within this time is deleted by the server. */
export const UPLOAD_KEPT_HOURS = 72;

export const ATTACHMENT_TYPES = [
  { mediaType: 'application/pdf', extensions: ['pdf'], label: 'PDF' },
  { mediaType: 'image/jpeg', extensions: ['jpg', 'jpeg'], label: 'JPEG' },
  { mediaType: 'image/png', extensions: ['png'], label: 'PNG' },
] as const;
export type AttachmentMediaType = (typeof ATTACHMENT_TYPES)[number]['mediaType'];
const MEDIA_TYPES = ATTACHMENT_TYPES.map((t) => t.mediaType) as [
  AttachmentMediaType,
  ...AttachmentMediaType[],
];

/** For <input type=file accept>: the types by name and by extension (some pickers know only one). */
export const ATTACH_ACCEPT = [
  ...ATTACHMENT_TYPES.map((t) => t.mediaType),
  ...ATTACHMENT_TYPES.flatMap((t) => t.extensions.map((e) => `.${e}`)),
].join(',');

export type ImageMediaType = Exclude<AttachmentMediaType, 'application/pdf'>;
export const isImageType = (type: AttachmentMediaType): type is ImageMediaType => type !== 'application/pdf';

/** The type a file's first bytes say it is (magic numbers), or null for anything else. */
export function sniffMediaType(head: Uint8Array): AttachmentMediaType | null {
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf'; // %PDF-
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  return null;
}

const extensionOf = (name: string): string => /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';

/** What the guide allows, as the user reads it: "PDF, JPEG, JPG or PNG". */
export const ALLOWED_TYPES_SENTENCE = 'You can attach PDF, JPEG, JPG or PNG files.';

/**
 * Why a chosen file cannot be attached, in a sentence the user can act on; null when it can. The
 * type is decided by the file's own first bytes: a video renamed ".pdf" is still a video.
 */
export function attachmentProblem(file: { name: string; size: number; head: Uint8Array }): string | null {
  const name = file.name || 'This file';
  if (file.size === 0) return `${name} is empty. Choose the file again, or another one.`;
  const sniffed = sniffMediaType(file.head);
  if (sniffed === null) {
    const video = /^(mp4|m4v|mov|avi|wmv|webm|mkv|3gp|mpg|mpeg)$/.test(extensionOf(file.name));
    return video
      ? `${name} is a video. Videos cannot be sent through the portal. ${ALLOWED_TYPES_SENTENCE}`
      : `${name} is not a PDF, JPEG or PNG file. ${ALLOWED_TYPES_SENTENCE}`;
  }
  if (file.size > MAX_ATTACHMENT_BYTES)
    return `${name} is ${formatFileSize(file.size)}. Each file can be at most 10 MB.`;
  return null;
}

export const TOO_MANY_ATTACHMENTS = `You can attach up to ${MAX_ATTACHMENTS_PER_MESSAGE} files to one message.`;

/** A file's name as stored and shown: no folders, no control characters, at most 120 characters. */
export function cleanAttachmentName(name: string, type: AttachmentMediaType): string {
  const base =
    name
      .normalize('NFC')
      .split(/[\\/]/)
      .pop()
      ?.replace(/[\p{Cc}\p{Cf}"<>|:*?]/gu, '')
      .trim() ?? '';
  const fallbackExtension = ATTACHMENT_TYPES.find((t) => t.mediaType === type)!.extensions[0];
  const named = base === '' || base.startsWith('.') ? `attachment.${fallbackExtension}` : base;
  if (named.length <= MAX_ATTACHMENT_NAME_CHARS) return named;
  const extension = extensionOf(named);
  const keep = MAX_ATTACHMENT_NAME_CHARS - extension.length - 1;
  return `${named.slice(0, keep)}.${extension}`;
}

export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** How many chunks an upload of `cipherBytes` has. */
export const chunkCount = (cipherBytes: number): number => Math.ceil(cipherBytes / UPLOAD_CHUNK_BYTES);

const base64Url = (bytes: number) =>
  z.string().regex(new RegExp(`^[A-Za-z0-9_-]{${Math.ceil((bytes * 4) / 3)}}$`), 'Use base64url.');

/**
 * One file a message carries: which upload, what it is, and the key that opens it. Sent to the
 * server inside the message request (sealed to the server when it waited in the outbox).
 */
export const attachmentRef = z.object({
  uploadId: z.uuid(),
  name: z.string().min(1).max(MAX_ATTACHMENT_NAME_CHARS),
  mediaType: z.enum(MEDIA_TYPES, { message: ALLOWED_TYPES_SENTENCE }),
  /** The file's own size (the upload is this plus the GCM tag). */
  size: z.number().int().min(1).max(MAX_ATTACHMENT_BYTES),
  /** SHA-256 of the file, hex: the server checks what it decrypted is what the app sealed. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** The AES-256-GCM key (32 bytes) and IV (12 bytes), base64url without padding. */
  key: base64Url(32),
  iv: base64Url(12),
});
export type AttachmentRef = z.infer<typeof attachmentRef>;

export const attachmentRefs = z
  .array(attachmentRef)
  .max(MAX_ATTACHMENTS_PER_MESSAGE, TOO_MANY_ATTACHMENTS)
  .refine((refs) => new Set(refs.map((r) => r.uploadId)).size === refs.length, 'Each file once.');

/** A stored attachment, as both sides see it on a message. */
export interface AttachmentView {
  id: string;
  name: string;
  mediaType: AttachmentMediaType;
  size: number;
}

/** GET of an upload: how far it got, so an interrupted upload resumes at the next chunk. */
export interface UploadStatus {
  uploadId: string;
  /** The upload's whole size (ciphertext), as its first chunk said. */
  total: number;
  /** Indexes of the chunks the server holds. */
  chunks: number[];
}

/** Each chunk PUT says the whole upload's size in this header; the first one fixes it. */
export const UPLOAD_TOTAL_HEADER = 'upload-total';

export const ATTACHMENT_PROBLEM_TYPES = {
  /** 415: the content is not a PDF, JPEG or PNG, whatever its name or declared type says. */
  unsupportedType: '/problems/attachment-type',
  /** 422: the file is damaged, not what its declared type says, or a PDF with scripts. */
  invalidFile: '/problems/attachment-invalid',
  /** 413: larger than 10 MB, or a chunk larger than a chunk. */
  tooLarge: '/problems/attachment-too-large',
  /** 409: the message names an upload that is missing chunks (or belongs to no one it may use). */
  uploadIncomplete: '/problems/upload-incomplete',
  /** 409: a chunk disagrees with the size the upload started with. */
  uploadConflict: '/problems/upload-conflict',
  /** 429: too many uploads waiting for a message on this account. */
  tooManyUploads: '/problems/too-many-uploads',
} as const;

// The problem+json answers about attachments and uploads, worded for the person who chose the file.
// A refusal of a file in a message names it (the sender's own file name) and its place in the list,
// so the app can point at the file to change.
import {
  ALLOWED_TYPES_SENTENCE,
  ATTACHMENT_PROBLEM_TYPES,
  MAX_ATTACHMENT_BYTES,
  UPLOAD_CHUNK_BYTES,
} from '../../../../core/attachments';
import { PROBLEM_TYPES, type Problem } from '../../../../core/problem';

/** Which file of the message a refusal is about: its place in `attachments` and its name. */
export interface FileAt {
  position: number;
  name: string;
}

const about = (file: FileAt, message: string) => ({ [`body.attachments.${file.position}`]: message });

export const PDF_ACTIVE_CONTENT_SENTENCE =
  'PDFs with scripts or embedded files cannot be sent through the portal. Print or export it to a new PDF and attach that one instead.';

export const attachmentProblems = {
  /** The path's upload id is no UUID (the app makes one per file). */
  badUploadId: (): Problem => ({
    type: PROBLEM_TYPES.invalidInput,
    title: 'This is not an upload id',
    status: 400,
    detail: 'An upload is named by the UUID the app made for the file.',
    errors: { 'path.uploadId': 'Use a UUID.' },
  }),
  /** Unknown, expired, or another account's: the same answer, so no one learns which. */
  uploadNotFound: (): Problem => ({
    type: PROBLEM_TYPES.notFound,
    title: 'Not found',
    status: 404,
    detail: 'There is no upload of yours with this id. Start the upload again from its first chunk.',
  }),
  /** The path's chunk number is no number. */
  badIndexSyntax: (): Problem => ({
    type: PROBLEM_TYPES.invalidInput,
    title: 'This is not a chunk number',
    status: 400,
    detail: 'Chunks are numbered 0, 1, 2 and so on.',
    errors: { 'path.index': 'Use a whole number from 0.' },
  }),
  badIndex: (): Problem => ({
    type: PROBLEM_TYPES.invalidInput,
    title: 'There is no such chunk in this upload',
    status: 422,
    detail: `Chunks are numbered from 0, one per ${UPLOAD_CHUNK_BYTES} bytes of the upload.`,
    errors: { 'path.index': 'Use the number of a chunk of this upload.' },
  }),
  badTotal: (): Problem => ({
    type: PROBLEM_TYPES.invalidInput,
    title: 'The upload’s size is missing',
    status: 422,
    detail: 'Each chunk says the whole upload’s size in bytes in the Upload-Total header.',
    errors: { 'header.upload-total': 'Send the whole upload’s size in bytes.' },
  }),
  /** An upload larger than a 10 MB file, or a chunk larger than a chunk. */
  tooLarge: (what: 'upload' | 'chunk'): Problem => ({
    type: ATTACHMENT_PROBLEM_TYPES.tooLarge,
    title: what === 'upload' ? 'This file is larger than 10 MB' : 'This chunk is too large',
    status: 413,
    detail:
      what === 'upload'
        ? `Each file can be at most 10 MB (${MAX_ATTACHMENT_BYTES} bytes).`
        : `A chunk is at most ${UPLOAD_CHUNK_BYTES} bytes.`,
  }),
  emptyUpload: (): Problem => ({
    type: ATTACHMENT_PROBLEM_TYPES.invalidFile,
    title: 'This file is empty',
    status: 422,
    detail: 'Choose the file again, or another one.',
  }),
  /** Every chunk but the last is a whole chunk; the last is what remains. */
  badChunkLength: (expected: number): Problem => ({
    type: PROBLEM_TYPES.invalidInput,
    title: 'This chunk has the wrong length',
    status: 422,
    detail: `This chunk of the upload is ${expected} bytes long.`,
    errors: { body: `Send ${expected} bytes.` },
  }),
  /** A chunk that says another total than the first one, or other bytes than it had. */
  uploadConflict: (what: 'total' | 'chunk'): Problem => ({
    type: ATTACHMENT_PROBLEM_TYPES.uploadConflict,
    title:
      what === 'total'
        ? 'This chunk belongs to an upload of another size'
        : 'This chunk was already received with other bytes',
    status: 409,
    detail: 'An upload keeps the size and the chunks it started with. Upload the file again under a new id.',
  }),
  /** Answered with Retry-After: when the account's oldest waiting upload is deleted. */
  tooManyUploads: (): Problem => ({
    type: ATTACHMENT_PROBLEM_TYPES.tooManyUploads,
    title: 'Too many files are waiting to be sent',
    status: 429,
    detail:
      'Send the messages your files are waiting for first. Files no message took are deleted after a while.',
  }),

  // A file a message names.
  uploadIncomplete: (file: FileAt): Problem => ({
    type: ATTACHMENT_PROBLEM_TYPES.uploadIncomplete,
    title: `${file.name} has not finished uploading`,
    status: 409,
    detail: 'Upload every chunk of the file before sending the message that carries it.',
    errors: about(file, 'Upload this file first.'),
  }),
  unsupportedType: (file: FileAt): Problem => ({
    type: ATTACHMENT_PROBLEM_TYPES.unsupportedType,
    title: `${file.name} is not a PDF, JPEG or PNG file`,
    status: 415,
    detail: `${ALLOWED_TYPES_SENTENCE} Videos and other files cannot be sent through the portal.`,
    errors: about(file, ALLOWED_TYPES_SENTENCE),
  }),
  /** Damaged, not what its declared type says, not what the message says it is, or a PDF with scripts. */
  invalidFile: (file: FileAt, sentence: string): Problem => ({
    type: ATTACHMENT_PROBLEM_TYPES.invalidFile,
    title: `${file.name} cannot be sent`,
    status: 422,
    detail: sentence,
    errors: about(file, sentence),
  }),
  /** An attachment out of reach: unknown, on another thread, or on a thread this caller may not open. */
  attachmentNotFound: (): Problem => ({
    type: PROBLEM_TYPES.notFound,
    title: 'Not found',
    status: 404,
    detail: 'There is no file you can open with this id.',
  }),
};

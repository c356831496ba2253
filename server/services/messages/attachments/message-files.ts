// The files a message carries, from upload to storage, in two steps. prepare() opens each upload the
// message names with its key, checks what it is and cleans it; it writes nothing, so any refusal
// leaves everything as it was (the upload stays, for a corrected message to use). attach() runs in
// the message's own transaction: it takes each upload (deleting it) and stores the cleaned file, so
// the message and its files are stored together, once, or not at all.
import {
  ATTACHMENT_CIPHER_OVERHEAD,
  ATTACHMENT_TYPES,
  type AttachmentMediaType,
  type AttachmentRef,
  type AttachmentView,
  cleanAttachmentName,
} from '../../../../core/attachments';
import type { AppDeps } from '../../../context';
import { ProblemException } from '../../../http/problem';
import { newId } from '../../accounts/secrets';
import { perApp } from '../../per-app';
import { attachmentView, createAttachmentStore, type StoredAttachment } from './attachment-store';
import { checkStructure, contentTypeOf } from './file-check';
import { openUpload, sha256Hex } from './open-upload';
import { attachmentProblems, type FileAt } from './problems';
import { uploadsOf } from './uploads';

/** A file checked and cleaned, waiting for its message's transaction. */
export interface PreparedFile {
  uploadId: string;
  /** The upload's size, which attach() takes it by. */
  uploadTotal: number;
  name: string;
  mediaType: AttachmentMediaType;
  bytes: Buffer;
}

export interface MessageFiles {
  /** Opens, checks and cleans the files, in order; throws the first refusal (409, 415 or 422). */
  prepare(accountId: string, refs: readonly AttachmentRef[]): Promise<PreparedFile[]>;
  /** Inside the message's transaction: takes the uploads and stores the files with the message. */
  attach(accountId: string, messageId: string, files: readonly PreparedFile[], at: string): AttachmentView[];
  viewsOf(threadIds: readonly string[]): Map<string, AttachmentView[]>;
  find(threadId: string, attachmentId: string): StoredAttachment | undefined;
}

export const messageFilesOf = perApp((deps: AppDeps) => createMessageFiles(deps));

const labelOf = (type: AttachmentMediaType) => ATTACHMENT_TYPES.find((t) => t.mediaType === type)!.label;

/** The name as stored: cleaned, and ending in the type's extension, so a saved copy opens as what it is. */
export function storedName(name: string, type: AttachmentMediaType): string {
  const { extensions } = ATTACHMENT_TYPES.find((t) => t.mediaType === type)!;
  const cleaned = cleanAttachmentName(name, type);
  const extension = /\.([^.]+)$/.exec(cleaned)?.[1]?.toLowerCase() ?? '';
  return (extensions as readonly string[]).includes(extension)
    ? cleaned
    : cleanAttachmentName(`${cleaned}.${extensions[0]}`, type);
}

function createMessageFiles(deps: AppDeps): MessageFiles {
  const uploads = uploadsOf(deps);
  const store = createAttachmentStore(deps.db);

  const prepareOne = async (accountId: string, ref: AttachmentRef, file: FileAt): Promise<PreparedFile> => {
    const invalid = (sentence: string) =>
      new ProblemException(attachmentProblems.invalidFile(file, sentence));
    const upload = uploads.complete(accountId, ref.uploadId);
    if (!upload) throw new ProblemException(attachmentProblems.uploadIncomplete(file));
    if (upload.total !== ref.size + ATTACHMENT_CIPHER_OVERHEAD)
      throw invalid('The file’s size does not match its upload. Attach the file again.');
    const opened = openUpload(upload.bytes, ref);
    if (!opened.ok)
      throw invalid(
        opened.why === 'key'
          ? 'The file could not be opened with the key sent with it. Attach the file again.'
          : 'The file does not match its checksum. Attach the file again.',
      );
    const type = await contentTypeOf(opened.bytes);
    if (type === null) throw new ProblemException(attachmentProblems.unsupportedType(file));
    if (type !== ref.mediaType)
      throw invalid(
        `The file is a ${labelOf(type)} file, but it was sent as a ${labelOf(ref.mediaType)}. Attach it again.`,
      );
    const checked = checkStructure(type, opened.bytes);
    if (!checked.ok) throw invalid(checked.why);
    return {
      uploadId: ref.uploadId,
      uploadTotal: upload.total,
      name: storedName(ref.name, type),
      mediaType: type,
      bytes: checked.bytes,
    };
  };

  return {
    async prepare(accountId, refs) {
      const files: PreparedFile[] = [];
      // One at a time: ten 10 MB files are not opened at once.
      for (const [position, ref] of refs.entries())
        files.push(await prepareOne(accountId, ref, { position, name: ref.name }));
      return files;
    },

    attach(accountId, messageId, files, at) {
      return files.map((file, position) => {
        // Taken meanwhile by another message, or expired: this message cannot carry it.
        if (!uploads.take(accountId, file.uploadId, file.uploadTotal))
          throw new ProblemException(attachmentProblems.uploadIncomplete({ position, name: file.name }));
        const row = {
          id: newId(),
          message_id: messageId,
          position,
          name: file.name,
          media_type: file.mediaType,
          size: file.bytes.length,
          sha256: sha256Hex(file.bytes),
          created_at: at,
          data: file.bytes,
        };
        store.insert(row);
        return attachmentView(row);
      });
    },

    viewsOf: (threadIds) => store.viewsOf(threadIds),
    find: (threadId, attachmentId) => store.find(threadId, attachmentId),
  };
}

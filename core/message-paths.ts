// The secure messages API's paths (core/messages.ts has the rules and shapes). Free of zod, so the
// record cache's sync, which copies messages for offline reading, stays small.

export const messagesPath = (patientId: string) => `/api/patients/${encodeURIComponent(patientId)}/messages`;
export const recipientsPath = (patientId: string) => `${messagesPath(patientId)}/recipients`;
export const repliesPath = (patientId: string, threadId: string) =>
  `${messagesPath(patientId)}/${encodeURIComponent(threadId)}/replies`;
export const threadReadPath = (patientId: string, threadId: string) =>
  `${messagesPath(patientId)}/${encodeURIComponent(threadId)}/read`;

/** One file of a message in a thread on this record (the patient's side). */
export const attachmentPath = (patientId: string, threadId: string, attachmentId: string) =>
  `${messagesPath(patientId)}/${encodeURIComponent(threadId)}/attachments/${encodeURIComponent(attachmentId)}`;

export const staffInboxPath = '/api/staff/messages';
export const staffRepliesPath = (threadId: string) =>
  `${staffInboxPath}/${encodeURIComponent(threadId)}/replies`;
export const staffAttachmentPath = (threadId: string, attachmentId: string) =>
  `${staffInboxPath}/${encodeURIComponent(threadId)}/attachments/${encodeURIComponent(attachmentId)}`;

/** An upload of the signed-in account (GET: how far it got), and one chunk of it (PUT). */
export const uploadPath = (uploadId: string) => `/api/uploads/${encodeURIComponent(uploadId)}`;
export const uploadChunkPath = (uploadId: string, index: number) => `${uploadPath(uploadId)}/chunks/${index}`;

// The secure messages API's paths (core/messages.ts has the rules and shapes). Free of zod, so the
// record cache's sync, which copies messages for offline reading, stays small.

export const messagesPath = (patientId: string) => `/api/patients/${encodeURIComponent(patientId)}/messages`;
export const recipientsPath = (patientId: string) => `${messagesPath(patientId)}/recipients`;
export const repliesPath = (patientId: string, threadId: string) =>
  `${messagesPath(patientId)}/${encodeURIComponent(threadId)}/replies`;
export const threadReadPath = (patientId: string, threadId: string) =>
  `${messagesPath(patientId)}/${encodeURIComponent(threadId)}/read`;

export const staffInboxPath = '/api/staff/messages';
export const staffRepliesPath = (threadId: string) =>
  `${staffInboxPath}/${encodeURIComponent(threadId)}/replies`;

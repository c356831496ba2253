// The practice's side of secure messages, for staff accounts: the inbox of conversations waiting
// for an answer and the reply. Online only, through the session: nothing of it is kept on the
// device (the practice's devices are shared), so these calls never touch the record cache or the
// outbox. A personal account gets 403 (MESSAGE_PROBLEM_TYPES.staffOnly).
import {
  type MessageView,
  type StaffInboxAnswer,
  staffInboxPath,
  staffRepliesPath,
} from '../../core/messages';
import { session } from './session';

/** GET /api/staff/messages: threads whose last message is from the patient's side, oldest waiting first. */
export const staffInbox = () => session.request<StaffInboxAnswer>(staffInboxPath);

/**
 * POST /api/staff/messages/:threadId/replies → 201 with the new message. The same key sent again
 * (a try whose answer was lost) gets the first answer back instead of a second message.
 */
export const staffReply = (threadId: string, body: string, idempotencyKey: string = crypto.randomUUID()) =>
  session.request<MessageView>(staffRepliesPath(threadId), {
    method: 'POST',
    body: { body },
    headers: { 'idempotency-key': idempotencyKey },
  });

// How the practice inbox words its list: since when a conversation waits, and how many wait.
import type { ThreadView } from '../../../core/messages';

/**
 * When the patient's side started waiting: the first of the patient-side messages after the
 * practice's last answer (the thread's start when nobody has answered yet).
 */
export function waitingSince(thread: Pick<ThreadView, 'messages' | 'lastMessageAt'>): string {
  let since = thread.lastMessageAt;
  for (let i = thread.messages.length - 1; i >= 0; i -= 1) {
    const message = thread.messages[i]!;
    if (message.from !== 'patient') break;
    since = message.sentAt;
  }
  return since;
}

export function waitingCountText(count: number): string {
  if (count === 0) return 'No conversations are waiting for an answer.';
  return count === 1
    ? '1 conversation is waiting for an answer, oldest first.'
    : `${count} conversations are waiting for an answer, oldest first.`;
}

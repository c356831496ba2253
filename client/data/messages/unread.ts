// Which conversations have an answer the signed-in account has not read, per person, from the
// device's copy of the messages: what Home shows as "New messages". Loaded on demand, so Home
// itself stays free of the record cache's code.
import type { MessagesAnswer } from '../../../core/messages';
import { vault } from '../records/app-records';
import { RecordsReader } from '../records/records-reader';

export interface UnreadForPerson {
  patientId: string;
  displayName: string;
  /** Whether this is the account holder's own record. */
  self: boolean;
  conversations: number;
}

/** Empty while the cache is locked or holds no messages yet. */
export async function unreadConversations(): Promise<UnreadForPerson[]> {
  const cache = vault.current;
  if (!cache || cache.locked) return [];
  const reader = new RecordsReader(cache);
  const found: UnreadForPerson[] = [];
  for (const person of await reader.people()) {
    const answer = await reader.snapshot<MessagesAnswer>(person.patientId, 'messages');
    const conversations = answer?.value.threads.filter((t) => t.unread).length ?? 0;
    if (conversations > 0)
      found.push({
        patientId: person.patientId,
        displayName: person.displayName,
        self: person.access === 'self',
        conversations,
      });
  }
  return found;
}

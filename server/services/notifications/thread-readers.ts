// Who on the patient's side may read a thread, and so hears about a practice answer in it: the
// patient's own account and each family member whose access today reaches the thread (Full for
// every thread, Billing only for billing threads: the rule messaging applies). services/access
// decides the access, age rules included; this only asks it.
import type { MessageTopic } from '../../../core/messages';
import type { Db } from '../../db/database';
import { liveGrantsOf } from '../access/proxy-access';
import { accessTo, type ReachDeps } from '../access/reach';
import { type AccountRow, findAccountById, findAccountByPatient } from '../accounts/account-store';

export interface ThreadFacts {
  id: string;
  patient_id: string;
  topic: MessageTopic;
}

export interface PracticeAnswer {
  thread: ThreadFacts;
  /** When the practice's latest answer in the thread was sent. */
  sentAt: string;
}

/** The thread and its latest practice answer; undefined when either is missing. */
export function latestPracticeAnswer(db: Db, threadId: string): PracticeAnswer | undefined {
  const thread = db
    .prepare<[string], ThreadFacts>('SELECT id, patient_id, topic FROM message_threads WHERE id = ?')
    .get(threadId);
  if (!thread) return undefined;
  const sentAt = db
    .prepare<[string], string>(
      `SELECT sent_at FROM messages WHERE thread_id = ? AND from_side = 'practice'
       ORDER BY sent_at DESC, rowid DESC LIMIT 1`,
    )
    .pluck()
    .get(threadId);
  return sentAt === undefined ? undefined : { thread, sentAt };
}

/** The accounts that may open this thread today, the patient's own first. */
export function threadReaders(deps: ReachDeps, thread: ThreadFacts): AccountRow[] {
  const candidates = new Map<string, AccountRow>();
  const own = findAccountByPatient(deps.db, thread.patient_id);
  if (own) candidates.set(own.id, own);
  for (const grant of liveGrantsOf(deps.db, thread.patient_id)) {
    const account = candidates.has(grant.account_id) ? undefined : findAccountById(deps.db, grant.account_id);
    if (account) candidates.set(account.id, account);
  }
  return [...candidates.values()].filter((account) => {
    if (account.status !== 'active') return false;
    const access = accessTo(deps, account, thread.patient_id);
    return access === 'self' || access === 'full' || (access === 'billing' && thread.topic === 'billing');
  });
}

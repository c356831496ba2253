// Secure messages: what each caller may see and write, on the patient's side (the patient, or a
// family member acting for them, whose access routes/messages.ts asked services/access for) and on
// the practice's side (staff accounts). Bodies and files are health information: nothing here logs
// them. A message's files are checked before its transaction and stored in it
// (attachments/message-files.ts).

import {
  MAX_MESSAGES_PER_THREAD,
  MAX_NEW_CONVERSATIONS_PER_DAY,
  MAX_THREADS_LISTED,
  type MessageRecipients,
  type MessagesAnswer,
  type MessageTopic,
  type MessageView,
  type NewMessageRequest,
  type ReplyRequest,
  type StaffInboxAnswer,
  type ThreadView,
  topicOf,
} from '../../../core/messages';
import type { AccessLevel } from '../../../core/records';
import type { AppDeps } from '../../context';
import { ProblemException } from '../../http/problem';
import { cardOf } from '../access/reach';
import type { AccountRow } from '../accounts/account-store';
import { accountServices } from '../accounts/index';
import { newId } from '../accounts/secrets';
import { perApp } from '../per-app';
import { storeOf } from '../records/store-of';
import type { StoredAttachment } from './attachments/attachment-store';
import { messageFilesOf } from './attachments/message-files';
import { attachmentProblems } from './attachments/problems';
import { createMessageAudit, type MessageAudit } from './message-audit';
import { messageProblems } from './problems';
import { findRecipient, providersSeen } from './recipients';
import {
  conversationsStartedBy,
  findAnyThread,
  findThread,
  insertMessage,
  insertThread,
  markThreadRead,
  messageCount,
  messagesOf,
  messageView,
  readsOf,
  type ThreadRow,
  threadsAwaitingPractice,
  threadsOf,
  threadView,
} from './thread-store';

export const BILLING_OFFICE_NAME = 'Billing office';

/** A caller on the patient's side, with the access services/access gave them (never null here). */
export interface PatientSideCaller {
  account: AccountRow;
  patientId: string;
  access: AccessLevel;
  device: string;
}

export interface StaffCaller {
  account: AccountRow;
  device: string;
}

/** The topics a caller may see: billing only for a billing-only family member. */
const visibleTopic = (access: AccessLevel): MessageTopic | null => (access === 'billing' ? 'billing' : null);

/** The name a message is signed with: the account's own name as the practice has it. */
export function authorNameOf(deps: Pick<AppDeps, 'db' | 'now' | 'config'>, account: AccountRow): string {
  const name = `${account.given_name} ${account.family_name}`.trim();
  if (name !== '') return name;
  const own = account.patient_id === null ? undefined : cardOf(deps, account.patient_id);
  return own?.displayName || account.email;
}

export interface Messaging {
  list(caller: PatientSideCaller): MessagesAnswer;
  recipients(caller: PatientSideCaller): MessageRecipients;
  start(caller: PatientSideCaller, request: NewMessageRequest): Promise<ThreadView>;
  reply(caller: PatientSideCaller, threadId: string, request: ReplyRequest): Promise<MessageView>;
  /** Read up to the message `upTo` (when it is one of the thread's), else up to now. */
  markRead(caller: PatientSideCaller, threadId: string, upTo?: string): void;
  inbox(caller: StaffCaller): StaffInboxAnswer;
  staffReply(caller: StaffCaller, threadId: string, request: ReplyRequest): Promise<MessageView>;
  /** A file of a message in a thread this caller may see; anything else is 404, existence hidden. */
  attachment(caller: PatientSideCaller, threadId: string, attachmentId: string): StoredAttachment;
  staffAttachment(caller: StaffCaller, threadId: string, attachmentId: string): StoredAttachment;
}

/** One messaging service per app (its audit statements are prepared once). */
export const messagingOf = perApp(
  (deps: AppDeps): Messaging =>
    createMessaging(deps, createMessageAudit(deps.db, accountServices(deps).audit, deps.now)),
);

function createMessaging(deps: AppDeps, audit: MessageAudit): Messaging {
  const { db } = deps;
  const store = storeOf(deps);
  const files = messageFilesOf(deps);
  const nowIso = () => deps.now().toISOString();

  const viewsFor = (threads: ThreadRow[], accountId: string, side: 'patient' | 'practice') => {
    const ids = threads.map((t) => t.id);
    const messages = messagesOf(db, ids);
    const reads = readsOf(db, accountId, ids);
    const attachments = files.viewsOf(ids);
    return threads.map((t) => threadView(t, messages.get(t.id) ?? [], reads.get(t.id), side, attachments));
  };

  /** The thread on this record that this caller may see, or undefined. */
  const threadInReach = (caller: PatientSideCaller, threadId: string): ThreadRow | undefined => {
    const thread = findThread(db, caller.patientId, threadId);
    const topic = visibleTopic(caller.access);
    return !thread || (topic !== null && thread.topic !== topic) ? undefined : thread;
  };
  /** The thread on this record that this caller may see; anything else is 404, existence hidden. */
  const visibleThread = (caller: PatientSideCaller, threadId: string): ThreadRow => {
    const thread = threadInReach(caller, threadId);
    if (!thread) throw new ProblemException(messageProblems.threadNotFound());
    return thread;
  };

  /** Adds a patient-side message to a thread (which must have room), marks it read, writes the audit. */
  const addPatientMessage = (caller: PatientSideCaller, threadId: string, body: string, at: string) => {
    const { account, patientId } = caller;
    const onBehalfOf = account.patient_id === patientId ? null : (cardOf(deps, patientId)?.displayName ?? '');
    const row = {
      id: newId(),
      thread_id: threadId,
      from_side: 'patient' as const,
      author_account_id: account.id,
      author_name: authorNameOf(deps, account),
      on_behalf_of: onBehalfOf,
      body,
      sent_at: at,
    };
    insertMessage(db, row);
    // Writing in a thread means having read it.
    markThreadRead(db, threadId, account.id, at);
    audit.sent({ authorAccountId: account.id, patientId, device: caller.device });
    return row;
  };

  const DAY_MS = 24 * 60 * 60_000;
  /** Refuses a new conversation beyond the day's limit, saying when the next one is possible. */
  const ensureDailyRoom = (accountId: string) => {
    const since = new Date(deps.now().getTime() - DAY_MS).toISOString();
    const { count, oldest } = conversationsStartedBy(db, accountId, since);
    if (count < MAX_NEW_CONVERSATIONS_PER_DAY) return;
    const seconds = Math.max(
      1,
      Math.ceil((Date.parse(oldest ?? since) + DAY_MS - deps.now().getTime()) / 1000),
    );
    throw new ProblemException(messageProblems.tooManyConversations(), { 'retry-after': String(seconds) });
  };
  const ensureRoom = (threadId: string) => {
    if (messageCount(db, threadId) >= MAX_MESSAGES_PER_THREAD)
      throw new ProblemException(messageProblems.threadFull());
  };

  return {
    list(caller) {
      const threads = threadsOf(db, caller.patientId, visibleTopic(caller.access), MAX_THREADS_LISTED);
      if (caller.access !== 'self' && threads.length > 0)
        audit.viewed({ accountId: caller.account.id, patientId: caller.patientId, device: caller.device });
      return {
        patientId: caller.patientId,
        threads: viewsFor(threads, caller.account.id, 'patient'),
        asOf: nowIso(),
      };
    },

    recipients(caller) {
      // Which providers someone saw is part of their health record: not for billing only.
      const providers = caller.access === 'billing' ? [] : providersSeen(db, store, caller.patientId);
      return { providers, billingOffice: true };
    },

    async start(caller, request) {
      const topic = topicOf(request.subject);
      if (topic === 'care' && caller.access === 'billing')
        throw new ProblemException(messageProblems.careSubjectBillingOnly());
      let withName = BILLING_OFFICE_NAME;
      let locationName = '';
      let practitionerId: string | null = null;
      let locationId: string | null = null;
      if (topic === 'care') {
        // The schema makes both present for a care subject.
        const found = findRecipient(
          providersSeen(db, store, caller.patientId),
          request.providerId ?? '',
          request.locationId ?? '',
        );
        if ('unknown' in found) throw new ProblemException(messageProblems.unknownRecipient(found.unknown));
        withName = found.provider.name;
        locationName = found.location.name;
        practitionerId = found.provider.id;
        locationId = found.location.id;
      }
      // Refused before its files are opened; checked again in the transaction.
      ensureDailyRoom(caller.account.id);
      const prepared = await files.prepare(caller.account.id, request.attachments ?? []);
      const at = nowIso();
      const threadId = newId();
      db.transaction(() => {
        ensureDailyRoom(caller.account.id);
        insertThread(db, {
          id: threadId,
          patient_id: caller.patientId,
          topic,
          subject: request.subject,
          practitioner_id: practitionerId,
          location_id: locationId,
          with_name: withName,
          location_name: locationName,
          started_at: at,
          last_message_at: at,
        });
        const message = addPatientMessage(caller, threadId, request.body, at);
        files.attach(caller.account.id, message.id, prepared, at);
      })();
      const [view] = viewsFor([findAnyThread(db, threadId)!], caller.account.id, 'patient');
      return view!;
    },

    async reply(caller, threadId, { body, attachments = [] }) {
      // A thread out of reach is 404 before any file is opened.
      ensureRoom(visibleThread(caller, threadId).id);
      const prepared = await files.prepare(caller.account.id, attachments);
      return db.transaction(() => {
        const thread = visibleThread(caller, threadId);
        ensureRoom(thread.id);
        const at = nowIso();
        const message = addPatientMessage(caller, thread.id, body, at);
        return messageView(message, files.attach(caller.account.id, message.id, prepared, at));
      })();
    },

    markRead(caller, threadId, upTo) {
      const thread = visibleThread(caller, threadId);
      const seen =
        upTo === undefined
          ? undefined
          : messagesOf(db, [thread.id])
              .get(thread.id)
              ?.find((m) => m.id === upTo);
      markThreadRead(db, thread.id, caller.account.id, seen?.sent_at ?? nowIso());
    },

    inbox(caller) {
      const threads = threadsAwaitingPractice(db, MAX_THREADS_LISTED);
      const names = new Map<string, string>();
      const nameOf = (patientId: string) => {
        let name = names.get(patientId);
        if (name === undefined) {
          name = cardOf(deps, patientId)?.displayName ?? '';
          names.set(patientId, name);
        }
        return name;
      };
      // The practice reading a patient's messages is on that patient's history too (coalesced).
      for (const patientId of new Set(threads.map((t) => t.patient_id)))
        audit.viewed({ accountId: caller.account.id, patientId, device: caller.device });
      return {
        threads: viewsFor(threads, caller.account.id, 'practice').map((view) => ({
          ...view,
          patientName: nameOf(view.patientId),
        })),
        asOf: nowIso(),
      };
    },

    async staffReply(caller, threadId, { body, attachments = [] }) {
      const found = findAnyThread(db, threadId);
      if (!found) throw new ProblemException(messageProblems.threadNotFound());
      ensureRoom(found.id);
      const prepared = await files.prepare(caller.account.id, attachments);
      return db.transaction(() => {
        const thread = findAnyThread(db, threadId);
        if (!thread) throw new ProblemException(messageProblems.threadNotFound());
        ensureRoom(thread.id);
        const at = nowIso();
        const row = {
          id: newId(),
          thread_id: thread.id,
          from_side: 'practice' as const,
          author_account_id: caller.account.id,
          author_name: authorNameOf(deps, caller.account),
          on_behalf_of: null,
          body,
          sent_at: at,
        };
        insertMessage(db, row);
        markThreadRead(db, thread.id, caller.account.id, at);
        audit.answered({
          staffAccountId: caller.account.id,
          patientId: thread.patient_id,
          device: caller.device,
        });
        return messageView(row, files.attach(caller.account.id, row.id, prepared, at));
      })();
    },

    attachment(caller, threadId, attachmentId) {
      const thread = threadInReach(caller, threadId);
      const file = thread && files.find(thread.id, attachmentId);
      if (!file) throw new ProblemException(attachmentProblems.attachmentNotFound());
      if (caller.access !== 'self')
        audit.viewed({ accountId: caller.account.id, patientId: caller.patientId, device: caller.device });
      return file;
    },

    staffAttachment(caller, threadId, attachmentId) {
      const thread = findAnyThread(db, threadId);
      const file = thread && files.find(thread.id, attachmentId);
      if (!thread || !file) throw new ProblemException(attachmentProblems.attachmentNotFound());
      audit.viewed({ accountId: caller.account.id, patientId: thread.patient_id, device: caller.device });
      return file;
    },
  };
}

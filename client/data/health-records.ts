// Health Records on the device: the Consolidated Clinical Summary made here from the encrypted copy
// of the record (offline too, by the same core/ccda generator the server runs), its .zip, and the
// two things the server must know of: what was viewed or downloaded (for the activity history) and
// "Send via Email". Both go straight to the server when connected, else through the outbox.
// The generator and jszip are loaded only when a summary is first made.
import { API } from '../../core/api-paths';
import type { CcdOutput } from '../../core/ccda/index';
import { instantIn } from '../../core/clinical-dates';
import type { AnyResource } from '../../core/fhir/types';
import {
  type DateSelection,
  type HealthRecordEmailRequest,
  type HealthRecordEvent,
  type HealthRecordLinkCreated,
  packageFileName,
  selectionWords,
} from '../../core/health-records';
import type { PracticeInfo } from '../../core/practice';
import { RECORD_TYPES } from '../../core/records';
import { type SendOutcome, sendOrQueue } from './outbox/send-or-queue';
import type { RecordsReader } from './records/records-reader';

/** Every record of one person on this device, as the sync brought it. */
export async function recordOf(reader: RecordsReader, patientId: string): Promise<AnyResource[]> {
  const lists = await Promise.all(RECORD_TYPES.map((type) => reader.list(patientId, type)));
  return lists.flat().map((record) => record.resource as AnyResource);
}

export interface MadeSummary extends CcdOutput {
  generatedAt: string;
  selection: DateSelection;
}

/** The summary of these records for the chosen dates, made on the device. */
export async function makeSummary(
  resources: readonly AnyResource[],
  practice: PracticeInfo,
  selection: DateSelection,
): Promise<MadeSummary> {
  const { buildCcd } = await import('../../core/ccda/index');
  // In the practice's own offset, so 'Created' reads as the clocks there read.
  const generatedAt = instantIn(practice.timeZone, new Date());
  return {
    ...buildCcd({ resources, practice, generatedAt, documentId: crypto.randomUUID(), selection }),
    generatedAt,
    selection,
  };
}

/** The .zip to download: the C-CDA, the readable page and a README, and its file name. */
export async function packageOf(
  summary: MadeSummary,
  practice: PracticeInfo,
): Promise<{ blob: Blob; fileName: string }> {
  const [{ default: JSZip }, { buildPackage }] = await Promise.all([
    import('jszip'),
    import('../../core/health-record-package'),
  ]);
  const bytes = await buildPackage(JSZip, {
    xml: summary.xml,
    html: summary.html,
    practice,
    generatedAt: summary.generatedAt,
    coverage: selectionWords(summary.selection),
  });
  return {
    blob: new Blob([bytes], { type: 'application/zip' }),
    fileName: packageFileName(summary.generatedAt),
  };
}

/** Tells the server (now or once back online) that the summary was viewed or downloaded here. */
export function noteHealthRecordEvent(
  patientId: string,
  event: HealthRecordEvent,
  selection: DateSelection,
): Promise<SendOutcome<null>> {
  return sendOrQueue<null>(
    {
      kind: 'health-record-event',
      method: 'POST',
      path: API.patients.healthRecordEvents(patientId),
      body: { event, selection },
    },
    null,
    'Unlock the portal to keep this on the device until you are connected.',
  );
}

/** What "Waiting to send" shows of an e-mail asked for offline. */
export interface WaitingEmail {
  email: string;
  coverage: string;
}

/** "Send via Email": sent by the server now, or queued (with a readable copy) until back online. */
export function emailHealthRecord(
  patientId: string,
  request: HealthRecordEmailRequest,
): Promise<SendOutcome<{ sentTo: string }>> {
  const copy: WaitingEmail = { email: request.email, coverage: selectionWords(request.selection) };
  return sendOrQueue<{ sentTo: string }>(
    {
      kind: 'health-record-email',
      method: 'POST',
      path: API.patients.healthRecordEmail(patientId),
      body: request,
    },
    { topic: 'health-record', patientId, content: copy },
    'Unlock the portal to keep this request on the device until you are connected.',
  );
}

/**
 * "Send a secure link": online only, since the patient must get the code at once to pass it on.
 * The request still carries an idempotency key, so a retry after a lost answer sends one link.
 */
export async function sendSecureLink(patientId: string, request: HealthRecordEmailRequest) {
  const { session } = await import('./session');
  return session.request<HealthRecordLinkCreated>(API.patients.healthRecordLinks(patientId), {
    method: 'POST',
    body: request,
    headers: { 'idempotency-key': crypto.randomUUID() },
  });
}

/** E-mails asked for offline and not sent yet, oldest first (queued or refused). */
export async function waitingEmails(patientId: string) {
  const { vault } = await import('./records/app-records');
  const cache = vault.current;
  if (!cache || cache.locked) return [];
  const { waitingFor } = await import('./outbox');
  return (await waitingFor<WaitingEmail>(cache, 'health-record', patientId)).filter(
    (change) => change.kind === 'health-record-email' && change.content !== null,
  );
}

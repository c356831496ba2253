// Health Records on the server: what was done with the summary on a device (viewed, downloaded) and
// "Send via Email", which makes the same Consolidated Clinical Summary the phone would make (the
// record exactly as a device receives it, core/ccda) and mails it as the .zip. Every one of them
// lands in the patient's activity history, a transmission with its addressee.
import JSZip from 'jszip';
import { buildCcd } from '../../../core/ccda/index';
import { instantIn } from '../../../core/clinical-dates';
import { buildPackage } from '../../../core/health-record-package';
import {
  type DateSelection,
  type HealthRecordEvent,
  type HealthRecordLinkCreated,
  MAX_TRANSMISSIONS_PER_DAY,
  packageFileName,
  selectionProblems,
  selectionWords,
} from '../../../core/health-records';
import type { AppDeps } from '../../context';
import { ProblemException, problems } from '../../http/problem';
import { practiceCalendar } from '../access/calendar';
import { type AccountRow, findAccountByPatient } from '../accounts/account-store';
import { accountServices } from '../accounts/index';
import { deviceRecord } from '../ccda/device-record';
import { mails } from '../mail/messages';
import { perApp } from '../per-app';
import { storeOf } from '../records/store-of';
import { healthRecordProblems } from './problems';
import { type LinkPackage, secureLinksOf } from './secure-links';

export interface HealthRecordCaller {
  account: AccountRow;
  patientId: string;
  /** Billing only never reaches here (403). */
  access: 'self' | 'full';
  device: string;
}

export interface EmailTransmission {
  email: string;
  selection: DateSelection;
  recipient: 'self' | 'provider';
}

const EVENT_ACTIONS = { viewed: 'record-viewed', downloaded: 'record-downloaded' } as const;

/** One Health Records service per app (its statements are prepared once). */
export const healthRecordsOf = perApp((deps: AppDeps) => {
  const store = storeOf(deps);
  const { audit } = accountServices(deps);
  const links = secureLinksOf(deps);
  const sentToday = deps.db.prepare<[string, string], { n: number }>(
    `SELECT COUNT(*) AS n FROM audit_events WHERE action = 'record-transmitted' AND actor_account_id = ? AND at > ?`,
  );

  /** Whose history it lands on: the patient's account when they have one, else the actor's. */
  const note = (
    caller: HealthRecordCaller,
    action: (typeof EVENT_ACTIONS)[HealthRecordEvent] | 'record-transmitted',
    addressee?: string,
  ) =>
    audit({
      action,
      accountId: findAccountByPatient(deps.db, caller.patientId)?.id ?? caller.account.id,
      actorAccountId: caller.account.id,
      patientId: caller.patientId,
      addressee: addressee ?? null,
      device: caller.device,
    });

  const checkSelection = (selection: DateSelection) => {
    const found = selectionProblems(selection, practiceCalendar(deps).today);
    const fields = Object.entries(found).map(([field, message]) => [`body.selection.${field}`, message]);
    if (fields.length > 0) throw new ProblemException(problems.invalidInput(Object.fromEntries(fields)));
  };

  /** The summary of the record as a device has it, for these dates, and its .zip. */
  const packageFor = async (caller: HealthRecordCaller, selection: DateSelection): Promise<LinkPackage> => {
    checkSelection(selection);
    const since = new Date(deps.now().getTime() - 24 * 3_600_000).toISOString();
    if ((sentToday.get(caller.account.id, since)?.n ?? 0) >= MAX_TRANSMISSIONS_PER_DAY)
      throw new ProblemException(healthRecordProblems.tooManyTransmissions(), { 'retry-after': '3600' });
    const resources = deviceRecord(store, {
      patientId: caller.patientId,
      access: caller.access,
      sensitiveCodes: deps.config.records.sensitiveResultCodes,
    });
    if (!resources.some((r) => r.resourceType === 'Patient'))
      throw new ProblemException(healthRecordProblems.noRecord());
    const practice = deps.config.practice;
    const generatedAt = instantIn(practice.timeZone, deps.now());
    const { xml, html } = buildCcd({
      resources,
      practice,
      generatedAt,
      documentId: crypto.randomUUID(),
      selection,
    });
    const zip = await buildPackage(JSZip, {
      xml,
      html,
      practice,
      generatedAt,
      coverage: selectionWords(selection),
    });
    return { fileName: packageFileName(generatedAt), zip, html };
  };

  return {
    /** A view or download made on the device (offline too: it arrives through the outbox). */
    recordEvent(caller: HealthRecordCaller, event: HealthRecordEvent, selection: DateSelection): void {
      checkSelection(selection);
      note(caller, EVENT_ACTIONS[event]);
    },

    /** Makes the summary and its package and mails them; throws a 4xx problem for a bad request. */
    async email(caller: HealthRecordCaller, request: EmailTransmission): Promise<{ sentTo: string }> {
      const made = await packageFor(caller, request.selection);
      const mail = mails.healthRecord(deps.config.practice, { recipient: request.recipient });
      try {
        await deps.mailer.send({
          to: request.email,
          ...mail,
          attachments: [{ filename: made.fileName, content: made.zip, contentType: 'application/zip' }],
        });
      } catch {
        throw new ProblemException(healthRecordProblems.mailNotSent());
      }
      note(caller, 'record-transmitted', request.email);
      return { sentTo: request.email };
    },

    /** "Send a secure link": the package waits for the recipient, who opens it once with the code. */
    async link(caller: HealthRecordCaller, request: EmailTransmission): Promise<HealthRecordLinkCreated> {
      return links.create(caller, request.email, await packageFor(caller, request.selection));
    },

    openLink: links.open,
  };
});

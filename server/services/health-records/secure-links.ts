// "Send a secure link": the encrypted way to send the summary (ONC 170.315(e)(1)). The recipient's
// e-mail carries only a link to this portal over HTTPS; the summary itself waits here, and opens
// once, for whoever has both the link and the code the patient passes on by other means (a phone
// call, a text). The link ends after LINK_DAYS or at its first successful use, and wrong codes are
// counted: after MAX_CODE_TRIES the link is closed for good.
import type { HealthRecordLinkCreated, SharedHealthRecord } from '../../../core/health-records';
import { LINK_DAYS, MAX_CODE_TRIES } from '../../../core/health-records';
import type { AppDeps } from '../../context';
import { ProblemException } from '../../http/problem';
import { findAccountByPatient } from '../accounts/account-store';
import { accountServices } from '../accounts/index';
import { keyedHash, newId, randomDigits, randomToken, sameHash, sha256 } from '../accounts/secrets';
import { mails } from '../mail/messages';
import { perApp } from '../per-app';
import type { HealthRecordCaller } from './health-records';
import { healthRecordProblems } from './problems';

interface LinkRow {
  id: string;
  patient_id: string;
  created_by_account_id: string;
  recipient_email: string;
  code_hash: string;
  file_name: string;
  package: Buffer | null;
  html: string | null;
  failed_attempts: number;
  expires_at: string;
  used_at: string | null;
}

export interface LinkPackage {
  fileName: string;
  zip: Uint8Array;
  html: string;
}

const codeHash = (key: Buffer, linkId: string, code: string) => keyedHash(key, code, `record-link:${linkId}`);
const tokenHash = (token: string) => sha256(token, 'record-link');

/** One secure-link service per app (its statements are prepared once). */
export const secureLinksOf = perApp((deps: AppDeps) => {
  const { db } = deps;
  const { audit } = accountServices(deps);
  const insert = db.prepare(
    `INSERT INTO health_record_links (id, patient_id, created_by_account_id, recipient_email, token_hash,
       code_hash, file_name, package, html, created_at, expires_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const byToken = db.prepare<[string], LinkRow>('SELECT * FROM health_record_links WHERE token_hash = ?');
  const countFailure = db.prepare(
    'UPDATE health_record_links SET failed_attempts = failed_attempts + 1 WHERE id = ?',
  );
  // The package leaves with the first successful use, or as soon as the link is found unusable.
  const close = db.prepare(
    'UPDATE health_record_links SET package = NULL, html = NULL, used_at = COALESCE(used_at, ?) WHERE id = ?',
  );
  const drop = db.prepare('UPDATE health_record_links SET package = NULL, html = NULL WHERE id = ?');
  const patientHistory = (patientId: string, fallback: string) =>
    findAccountByPatient(db, patientId)?.id ?? fallback;

  /** Stores the package under a new link; the token goes only into the recipient's e-mail. */
  const issue = (
    caller: Pick<HealthRecordCaller, 'account' | 'patientId'>,
    recipientEmail: string,
    made: LinkPackage,
  ) => {
    const id = newId();
    const token = randomToken();
    const code = randomDigits(8);
    const now = deps.now();
    const expiresAt = new Date(now.getTime() + LINK_DAYS * 86_400_000).toISOString();
    insert.run(
      id,
      caller.patientId,
      caller.account.id,
      recipientEmail,
      tokenHash(token),
      codeHash(deps.keys.codeHmacKey, id, code),
      made.fileName,
      Buffer.from(made.zip),
      made.html,
      now.toISOString(),
      expiresAt,
    );
    return { id, token, code, expiresAt };
  };

  return {
    issue,

    /** Keeps the package for the recipient, mails them the link, and gives the patient the code. */
    async create(
      caller: HealthRecordCaller,
      recipientEmail: string,
      made: LinkPackage,
    ): Promise<HealthRecordLinkCreated> {
      const { id, token, code, expiresAt } = issue(caller, recipientEmail, made);
      const url = new URL(`/records/shared#${token}`, deps.config.publicUrl).toString();
      try {
        await deps.mailer.send({
          to: recipientEmail,
          ...mails.healthRecordLink(deps.config.practice, { url, days: LINK_DAYS }),
        });
      } catch {
        drop.run(id);
        throw new ProblemException(healthRecordProblems.mailNotSent());
      }
      audit({
        action: 'record-transmitted',
        accountId: patientHistory(caller.patientId, caller.account.id),
        actorAccountId: caller.account.id,
        patientId: caller.patientId,
        addressee: recipientEmail,
        device: caller.device,
      });
      return { sentTo: recipientEmail, code: `${code.slice(0, 4)} ${code.slice(4)}`, expiresAt };
    },

    /** The recipient opens the link with the code: the summary, once. */
    open(token: string, code: string, device: string): SharedHealthRecord {
      const row = byToken.get(tokenHash(token));
      if (!row) throw new ProblemException(healthRecordProblems.linkNotFound());
      if (row.used_at !== null) throw new ProblemException(healthRecordProblems.linkUsed());
      if (row.expires_at <= deps.now().toISOString()) {
        drop.run(row.id);
        throw new ProblemException(healthRecordProblems.linkExpired());
      }
      if (row.failed_attempts >= MAX_CODE_TRIES || row.package === null || row.html === null)
        throw new ProblemException(healthRecordProblems.linkClosed());
      if (!sameHash(row.code_hash, codeHash(deps.keys.codeHmacKey, row.id, code.replace(/\s+/g, '')))) {
        countFailure.run(row.id);
        if (row.failed_attempts + 1 >= MAX_CODE_TRIES) {
          drop.run(row.id);
          throw new ProblemException(healthRecordProblems.linkClosed());
        }
        throw new ProblemException(
          healthRecordProblems.wrongLinkCode(MAX_CODE_TRIES - row.failed_attempts - 1),
        );
      }
      const shared: SharedHealthRecord = {
        fileName: row.file_name,
        html: row.html,
        zipBase64: row.package.toString('base64'),
      };
      close.run(deps.now().toISOString(), row.id);
      audit({
        action: 'record-link-opened',
        accountId: patientHistory(row.patient_id, row.created_by_account_id),
        actorAccountId: null,
        patientId: row.patient_id,
        addressee: row.recipient_email,
        device,
      });
      return shared;
    },
  };
});

// Sends e-mail through nodemailer: over SMTP when SMTP_URL is set, otherwise into the development
// mailbox, a folder of .eml files (`${DATA_DIR}/mailbox/`), so no message silently disappears.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { Config } from '../../config';
import { errorFields, type Logger } from '../../log';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Files the user chose to send (a health record package); nothing else carries attachments. */
  attachments?: Array<{ filename: string; content: Uint8Array; contentType: string }>;
}

export interface Mailer {
  /** Resolves once the message was handed over; rejects when it could not be. */
  send(message: MailMessage): Promise<void>;
  /**
   * Sends without making the request wait: answers then take the same time whether or not a
   * mail went out (which would otherwise tell whether an address has an account). Failures are logged.
   */
  post(message: MailMessage): void;
}

export function mailboxDir(config: Config): string {
  return join(config.dataDir, 'mailbox');
}

export function createMailer(config: Config, log: Logger): Mailer {
  const from = { name: config.practice.name, address: config.mail.from };
  const smtp = config.mail.smtpUrl;
  const transport = smtp
    ? nodemailer.createTransport(smtp)
    : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const folder = mailboxDir(config);
  let written = 0;

  const send = async (message: MailMessage): Promise<void> => {
    const { attachments, ...rest } = message;
    const info = await transport.sendMail({
      from,
      ...rest,
      ...(attachments
        ? { attachments: attachments.map((file) => ({ ...file, content: Buffer.from(file.content) })) }
        : {}),
    });
    if (smtp) {
      log.info('mail_sent', { via: 'smtp' });
      return;
    }
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    written += 1;
    const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}-${written}.eml`;
    writeFileSync(join(folder, name), (info as { message: Buffer }).message, { mode: 0o600 });
    // Where to look, never what it says: codes and links are secrets.
    log.info('mail_written_to_development_mailbox', { folder, file: name });
  };

  return {
    send,
    post(message) {
      send(message).catch((error: unknown) => log.error('mail_failed', errorFields(error)));
    },
  };
}

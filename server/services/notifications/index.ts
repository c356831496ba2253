// New-message notifications (issue 11). When the practice answers in a thread, each account on the
// patient's side that may read the thread hears so: by e-mail when its profile asks for it and its
// address is confirmed, and by Web Push on each browser it subscribed. Neither says anything about
// anyone's health: no provider, subject, text or patient, only the practice's name and a link to
// Messages. One entry point, practiceAnswered(), called once the staff reply is stored.
import { NOTICE_URL, newMessageNotice } from '../../../core/push-notice';
import type { AppDeps } from '../../context';
import type { LogFields } from '../../log';
import { type AccountRow, readProfileFields } from '../accounts/account-store';
import { mails } from '../mail/messages';
import { perApp } from '../per-app';
import { createNoticeStore } from './notice-store';
import { createPushSender } from './push-sender';
import { pushSubscriptionsOf } from './push-subscriptions';
import { latestPracticeAnswer, threadReaders } from './thread-readers';

/** What one practice answer set off, in counts only (for tests and the log). */
export interface NoticeReport {
  /** Accounts told (a notice was due and they have a way to be told). */
  accounts: number;
  mails: number;
  pushes: number;
  /** Subscriptions the push service said were gone, now forgotten. */
  gone: number;
  failed: number;
}

const nothingSent = (): NoticeReport => ({ accounts: 0, mails: 0, pushes: 0, gone: 0, failed: 0 });

/** An error's kind and SMTP code, never its message: SMTP rejections quote the recipient's address. */
function quietErrorFields(error: unknown): LogFields {
  const e = error as { name?: unknown; code?: unknown; responseCode?: unknown } | null;
  return {
    errorName: typeof e?.name === 'string' ? e.name : typeof error,
    code: typeof e?.code === 'string' ? e.code : undefined,
    responseCode: typeof e?.responseCode === 'number' ? e.responseCode : undefined,
  };
}

const wantsMail = (account: AccountRow): boolean =>
  account.email_confirmed_at !== null && readProfileFields(account).notifications.emailNewMessage;

const notifierOf = perApp((deps: AppDeps) => {
  const { db, config, log, mailer } = deps;
  const notices = createNoticeStore(db);
  const subscriptions = pushSubscriptionsOf(deps).store;
  const sender = createPushSender(deps);
  const link = new URL(NOTICE_URL, config.publicUrl).toString();

  return async (threadId: string): Promise<NoticeReport> => {
    const report = nothingSent();
    const answer = latestPracticeAnswer(db, threadId);
    if (!answer) return report;
    const mail = mails.newMessage(config.practice, { url: link });
    const notice = newMessageNotice(config.practice.name);
    const tasks: Array<Promise<void>> = [];

    for (const account of threadReaders(deps, answer.thread)) {
      const byMail = wantsMail(account);
      const devices = subscriptions.ofAccount(account.id);
      // An account with no way to be told claims nothing: a device it subscribes later still hears.
      if (!byMail && devices.length === 0) continue;
      if (!notices.claim(answer.thread.id, account.id, answer.sentAt, deps.now())) continue;
      report.accounts += 1;
      if (byMail)
        tasks.push(
          mailer.send({ to: account.email, ...mail }).then(
            () => {
              report.mails += 1;
            },
            (error: unknown) => {
              report.failed += 1;
              log.warn('new_message_mail_failed', quietErrorFields(error));
            },
          ),
        );
      for (const device of devices)
        tasks.push(
          sender.send(device, notice).then(({ outcome, status }) => {
            if (outcome === 'delivered') report.pushes += 1;
            else if (outcome === 'gone') {
              subscriptions.forget(device.endpoint);
              report.gone += 1;
            } else {
              report.failed += 1;
              log.warn('new_message_push_failed', { outcome, status });
            }
          }),
        );
    }
    await Promise.all(tasks);
    if (report.accounts > 0) log.info('new_message_notices', { ...report });
    return report;
  };
});

/**
 * The practice answered in this thread: tell the patient's side. Call it after the staff reply is
 * stored. It returns at once and does its work after the answer has gone out; it never rejects
 * (every failure is logged without personal data), so the caller need not await it. Tests await
 * it for the counts; null when it failed as a whole.
 */
export function practiceAnswered(deps: AppDeps, answer: { threadId: string }): Promise<NoticeReport | null> {
  const run = new Promise<void>((resolve) => setImmediate(resolve))
    .then(() => notifierOf(deps)(answer.threadId))
    .catch((error: unknown) => {
      deps.log.error('new_message_notices_failed', quietErrorFields(error));
      return null;
    });
  const running = runningOf(deps);
  running.add(run);
  void run.finally(() => running.delete(run));
  return run;
}

const runningOf = perApp((_deps: AppDeps) => new Set<Promise<NoticeReport | null>>());

/**
 * Waits for the notices set off so far (the staff reply route does not wait for them) and gives
 * their reports (tests of the route read the counts here).
 */
export function noticesSettled(deps: AppDeps): Promise<Array<NoticeReport | null>> {
  return Promise.all([...runningOf(deps)]);
}

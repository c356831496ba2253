// Starts the portal: checks configuration, prepares the database and keys, seeds the demo practice
// on first start and serves the app and the API from one Node process.
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { createApp } from './app';
import type { Config } from './config';
import type { AppDeps } from './context';
import { openDatabase } from './db/database';
import { migrate } from './db/migrate';
import { createLogger } from './log';
import { ensureDemoPractice } from './services/demo';
import { type DemoSignIn, ensureDemoAccounts } from './services/demo/accounts';
import { startAgeWatch } from './services/family/age-watch';
import { ensureServerKeys } from './services/keys/server-keys';
import { createMailer, mailboxDir } from './services/mail/mailer';

export interface RunningServer {
  url: string;
  /** The demo accounts' sign-ins when SEED_DEMO is on (fictional people), else empty. */
  demoSignIns: DemoSignIn[];
  close(): Promise<void>;
}

export async function startServer(config: Config): Promise<RunningServer> {
  const log = createLogger(config.logLevel);
  const db = openDatabase(config.databasePath);
  try {
    const applied = migrate(db);
    if (applied.length > 0) log.info('migrations_applied', { count: applied.length, last: applied.at(-1) });
  } catch (error) {
    db.close();
    throw error;
  }
  const keys = await ensureServerKeys(config.dataDir);
  let demo: DemoSignIn[] = [];
  if (config.seedDemo) {
    if (ensureDemoPractice(db, { asOf: new Date(), practice: config.practice }))
      log.info('demo_practice_created');
    demo = await ensureDemoAccounts(db, new Date(), config.practice.timeZone);
  }
  if (config.records.sensitiveResultCodes.size === 0)
    log.warn('sensitive_results_not_hidden', {
      hint: 'SENSITIVE_RESULT_CODES is empty: family members see every result',
    });
  const mailer = createMailer(config, log);
  if (!config.mail.smtpUrl) log.info('mail_goes_to_development_mailbox', { folder: mailboxDir(config) });
  if (!existsSync(join(config.distDir, 'index.html'))) {
    log.warn('app_not_built', { distDir: config.distDir, hint: 'run npm run build' });
  }

  const deps: AppDeps = { db, config, log, keys, mailer, now: () => new Date() };
  const app = createApp(deps);
  // The age rules change access on birthdays; the watch writes those changes to the history.
  const stopAgeWatch = startAgeWatch(deps);
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const url = `http://${shownHost}:${port}`;
  log.info('listening', { url });

  return {
    url,
    demoSignIns: demo,
    close: () =>
      new Promise<void>((resolve) => {
        stopAgeWatch();
        server.close(() => {
          db.close();
          resolve();
        });
        // Keep-alive connections would hold close() open; ask them to finish.
        if ('closeIdleConnections' in server) server.closeIdleConnections();
      }),
  };
}

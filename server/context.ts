// What every route module receives: the database, the configuration, the logger, the server's
// keys, the mailer and the clock (injectable so tests can move time instead of waiting).
import type { Config } from './config';
import type { Db } from './db/database';
import type { Logger } from './log';
import type { ServerKeys } from './services/keys/server-keys';
import type { Mailer } from './services/mail/mailer';

export interface AppDeps {
  db: Db;
  config: Config;
  log: Logger;
  keys: ServerKeys;
  mailer: Mailer;
  now: () => Date;
}

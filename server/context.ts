// What every route module receives: the database, the configuration and the logger.
import type { Config } from './config';
import type { Db } from './db/database';
import type { Logger } from './log';

export interface AppDeps {
  db: Db;
  config: Config;
  log: Logger;
}

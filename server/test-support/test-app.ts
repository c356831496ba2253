// Builds the real app over a fresh SQLite file in a temporary folder, for route tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../app';
import { type Config, loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { migrate } from '../db/migrate';
import { createLogger, type Logger } from '../log';

export interface TestApp {
  app: ReturnType<typeof createApp>;
  db: ReturnType<typeof openDatabase>;
  config: Config;
  dir: string;
  logLines: string[];
  cleanup(): void;
}

export function createTestApp(env: Record<string, string> = {}): TestApp {
  const dir = mkdtempSync(join(tmpdir(), 'portal-test-'));
  const config = loadConfig({
    DATABASE_PATH: join(dir, 'portal.db'),
    DIST_DIR: join(dir, 'dist'),
    LOG_LEVEL: 'debug',
    ...env,
  });
  const db = openDatabase(config.databasePath);
  migrate(db);
  const logLines: string[] = [];
  const log: Logger = createLogger('debug', (line) => logLines.push(line));
  return {
    app: createApp({ db, config, log }),
    db,
    config,
    dir,
    logLines,
    cleanup() {
      if (db.open) db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

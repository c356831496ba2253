// Builds the real app over a fresh SQLite file in a temporary folder, for route tests, with a
// clock the test moves (codes and links expire without waiting).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../app';
import { type Config, loadConfig } from '../config';
import type { AppDeps } from '../context';
import { openDatabase } from '../db/database';
import { migrate } from '../db/migrate';
import { createLogger, type Logger } from '../log';
import { ensureServerKeys } from '../services/keys/server-keys';
import { createMailer } from '../services/mail/mailer';

export interface TestClock {
  now(): Date;
  advance(ms: number): void;
  set(at: Date): void;
}

export function createTestClock(start: Date = new Date()): TestClock {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advance: (ms) => {
      current += ms;
    },
    set: (at) => {
      current = at.getTime();
    },
  };
}

export interface TestApp {
  app: ReturnType<typeof createApp>;
  db: ReturnType<typeof openDatabase>;
  config: Config;
  deps: AppDeps;
  clock: TestClock;
  dir: string;
  logLines: string[];
  cleanup(): void;
}

export async function createTestApp(
  env: Record<string, string> = {},
  clock = createTestClock(),
): Promise<TestApp> {
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
  const deps: AppDeps = {
    db,
    config,
    log,
    keys: await ensureServerKeys(config.dataDir),
    mailer: createMailer(config, log),
    now: clock.now,
  };
  return {
    app: createApp(deps),
    db,
    config,
    deps,
    clock,
    dir,
    logLines,
    cleanup() {
      if (db.open) db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

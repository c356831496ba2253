// Starts the real production server (dist-server/main.js) on a free loopback port with its own
// temporary database and data folder, and stops it again.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface PortalServer {
  url: string;
  dir: string;
  distDir: string;
  output: () => string;
  stop(): Promise<void>;
}

export interface StartOptions {
  env?: Record<string, string>;
  /** Serve a private copy of dist/ so a test may replace it with another build. */
  copyDist?: boolean;
  /** Another copy of the built server to run instead of dist-server/main.js. */
  script?: string;
  /**
   * Runs before the server starts, with its temporary folder and the database it will open: to
   * import records into it, say (see importBundles).
   */
  beforeStart?: (dir: string, databasePath: string) => Promise<void> | void;
  /**
   * Listen on a port chosen beforehand and give the server that address as PUBLIC_URL, so the
   * links it writes into e-mails (password reset) lead back to it. Without it, links name port 0.
   */
  linksToSelf?: boolean;
}

/** A loopback port free right now (closed again at once, so the server can take it). */
function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}

/** Imports FHIR bundles into a database with the project's own CLI (`npm run import`). */
export function importBundles(databasePath: string, files: string[]): Promise<string> {
  return new Promise((done, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', resolve('scripts/import.ts'), ...files],
      { env: { PATH: process.env.PATH ?? '', DATABASE_PATH: databasePath } },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`The import failed: ${error.message}\n${stdout}${stderr}`));
        else done(stdout);
      },
    );
  });
}

export async function startPortal(options: StartOptions = {}): Promise<PortalServer> {
  const dir = mkdtempSync(join(tmpdir(), 'portal-e2e-'));
  let distDir = resolve('dist');
  if (options.copyDist) {
    distDir = join(dir, 'dist');
    cpSync(resolve('dist'), distDir, { recursive: true });
  }
  const databasePath = join(dir, 'portal.db');
  await options.beforeStart?.(dir, databasePath);
  const port = options.linksToSelf ? await freePort() : 0;
  // node on the bundle directly: killing an npm or npx wrapper would leave the server running.
  const child: ChildProcess = spawn(process.execPath, [options.script ?? resolve('dist-server/main.js')], {
    env: {
      PATH: process.env.PATH ?? '',
      HOST: '127.0.0.1',
      PORT: String(port),
      ...(port ? { PUBLIC_URL: `http://127.0.0.1:${port}` } : {}),
      DATABASE_PATH: databasePath,
      DIST_DIR: distDir,
      LOG_LEVEL: 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`The server did not start:\n${output}`)), 60_000);
    const look = () => {
      const match = /Open (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    };
    child.stdout?.on('data', look);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The server exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    dir,
    distDir,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((done) => child.once('exit', done));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

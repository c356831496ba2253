// Starts the real production server (dist-server/main.js) on a free loopback port with its own
// temporary database and data folder, and stops it again.
import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
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
}

export async function startPortal(options: StartOptions = {}): Promise<PortalServer> {
  const dir = mkdtempSync(join(tmpdir(), 'portal-e2e-'));
  let distDir = resolve('dist');
  if (options.copyDist) {
    distDir = join(dir, 'dist');
    cpSync(resolve('dist'), distDir, { recursive: true });
  }
  // node on the bundle directly: killing an npm or npx wrapper would leave the server running.
  const child: ChildProcess = spawn(process.execPath, [options.script ?? resolve('dist-server/main.js')], {
    env: {
      PATH: process.env.PATH ?? '',
      HOST: '127.0.0.1',
      PORT: '0',
      DATABASE_PATH: join(dir, 'portal.db'),
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

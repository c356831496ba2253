// Makes sure Debian's Chromium is present for the browser tests: installs it with apt-get when
// running as root, otherwise stops with the exact command to run.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import chromiumFlags from './chromium.json' with { type: 'json' };

export const CHROMIUM_PATH = process.env.CHROME_PATH ?? chromiumFlags.path;
const INSTALL = 'apt-get update && apt-get install -y chromium';

export function ensureChromium(): void {
  if (existsSync(CHROMIUM_PATH)) return;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM_PATH}. Install it with:\n  sudo sh -c '${INSTALL}'\nor set CHROME_PATH.`,
    );
  }
  process.stdout.write(`Chromium is missing at ${CHROMIUM_PATH}; installing it: ${INSTALL}\n`);
  execSync(INSTALL, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`apt-get finished but ${CHROMIUM_PATH} is still missing.`);
}

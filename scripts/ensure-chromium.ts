// Makes sure the Debian tools the tests use are present: Chromium for the browser tests, xmllint
// (libxml2-utils) for the C-CDA schema checks, pdftotext (poppler-utils) to read the PDFs back.
// Installs what is missing with apt-get when running as root, otherwise stops with the command.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import chromiumFlags from './chromium.json' with { type: 'json' };

export const CHROMIUM_PATH = process.env.CHROME_PATH ?? chromiumFlags.path;

const onPath = (command: string): boolean => {
  try {
    execSync(`command -v ${command}`, { stdio: 'ignore', shell: '/bin/sh' });
    return true;
  } catch {
    return false;
  }
};

/** Each Debian package the tests need, and how to tell it is there. */
const NEEDED: Array<{ pkg: string; present: () => boolean }> = [
  { pkg: 'chromium', present: () => existsSync(CHROMIUM_PATH) },
  { pkg: 'libxml2-utils', present: () => onPath('xmllint') },
  { pkg: 'poppler-utils', present: () => onPath('pdftotext') },
];

export function ensureTestTools(): void {
  const missing = NEEDED.filter((tool) => !tool.present()).map((tool) => tool.pkg);
  if (missing.length === 0) return;
  const install = `apt-get update && apt-get install -y ${missing.join(' ')}`;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `The tests need ${missing.join(', ')}. Install with:\n  sudo sh -c '${install}'\n(or set CHROME_PATH).`,
    );
  }
  process.stdout.write(`Installing what the tests need: ${install}\n`);
  execSync(install, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  const still = NEEDED.filter((tool) => !tool.present()).map((tool) => tool.pkg);
  if (still.length > 0) throw new Error(`apt-get finished but ${still.join(', ')} is still missing.`);
}

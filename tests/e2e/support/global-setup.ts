// Builds the app and the server once when they are missing, so `npm run test:e2e` works alone.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export default function setup(): void {
  if (!existsSync('dist/index.html') || !existsSync('dist-server/main.js')) {
    execFileSync('npm', ['run', 'build'], { stdio: 'inherit' });
  }
}

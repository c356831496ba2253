// Deploying a new version while a user has the app open: the user is told, chooses Reload, and
// lands on the new version on the same page.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchBrowser, openPage, waitForServiceWorker } from './support/browser';
import { type PortalServer, startPortal } from './support/server';

let server: PortalServer;
let browser: Browser;
let secondBuild: string;

beforeAll(async () => {
  server = await startPortal({ copyDist: true, env: { SEED_DEMO: 'false' } });
  browser = await launchBrowser();
  // A second version of the app: the same source with another build label, as a deployment would be.
  secondBuild = mkdtempSync(join(tmpdir(), 'portal-build-'));
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], {
    env: { ...process.env, BUILD_OUT_DIR: join(secondBuild, 'dist'), VITE_APP_BUILD: 'update-test-2' },
    stdio: 'inherit',
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (secondBuild) rmSync(secondBuild, { recursive: true, force: true });
});

const entryScript = () => document.querySelector<HTMLScriptElement>('script[type="module"]')?.src ?? '';

it('offers "A new version is available — Reload" after a deployment, and Reload brings the new version', async () => {
  const context = await browser.newContext({ viewport: { width: 375, height: 812 } });
  const { page, errors } = await openPage(context);
  await page.goto(`${server.url}/help`);
  await waitForServiceWorker(page);
  const firstEntry = await page.evaluate(entryScript);
  await expect(page.getByText('A new version is available').isVisible()).resolves.toBe(false);

  // Deploy: replace the served files with the second build.
  rmSync(server.distDir, { recursive: true, force: true });
  cpSync(join(secondBuild, 'dist'), server.distDir, { recursive: true });
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    await registration?.update();
  });

  const banner = page.getByText('A new version is available');
  await expect.poll(() => banner.isVisible(), { timeout: 20_000 }).toBe(true);
  await page.getByRole('button', { name: 'Reload' }).click();

  await expect.poll(() => page.evaluate(entryScript), { timeout: 20_000 }).not.toBe(firstEntry);
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toMatch(/help/i);
  expect(new URL(page.url()).pathname).toBe('/help');
  await expect.poll(() => page.getByText('update-test-2').count()).toBeGreaterThan(0);
  await expect(page.getByText('A new version is available').isVisible()).resolves.toBe(false);
  expect(errors).toEqual([]);
  await context.close();
});

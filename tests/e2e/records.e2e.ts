// My Health offline, end to end: a parent signs in and the records of himself and his 9-year-old are
// copied to the device; with no connection and the browser closed and opened again (a persistent
// profile, as on a phone), the password opens them and the child's vaccine details and newest lab
// result are there. Nothing readable sits in IndexedDB. A result that arrives while the app is
// closed is fetched by the service worker in the background, as soon as there is a connection.
// When the family link ends, the next sync takes the child's records off the device.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNC_MEASURE } from '../../core/records';
import chromiumFlags from '../../scripts/chromium.json' with { type: 'json' };
import { CHROMIUM_PATH } from '../../scripts/ensure-chromium';
import { openDatabase } from '../../server/db/database';
import { createResourceStore } from '../../server/services/records/store';
import { goTo, heading, waitForServiceWorker } from './support/browser';
import { rowsOfPatient } from './support/device';
import { type PortalServer, startPortal } from './support/server';

const PARENT = { email: 'daniel.okafor@example.com', password: 'river stone lantern 7' };
const CHILD_NAME = 'Amara Okafor';

let server: PortalServer;
let profileDir: string;

beforeAll(async () => {
  server = await startPortal();
  profileDir = mkdtempSync(join(tmpdir(), 'portal-profile-'));
});
afterAll(async () => {
  await server?.stop();
  rmSync(profileDir, { recursive: true, force: true });
});

/** Waits for a value; signing in and unlocking derive keys from the password, so allow time. */
const eventually = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 15_000 });

function launchPhone(): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    args: chromiumFlags.args,
    headless: true,
    viewport: { width: 390, height: 844 },
  });
}

/** Everything in the device's IndexedDB, as text: strings, numbers and the bytes of every buffer. */
function rawIndexedDb(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const parts: string[] = [];
    const decoder = new TextDecoder('utf-8', { fatal: false });
    const walk = (value: unknown, depth = 0): void => {
      if (depth > 8 || value === null || value === undefined) return;
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
        parts.push(String(value));
      } else if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) {
        const bytes =
          value instanceof ArrayBuffer
            ? new Uint8Array(value)
            : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
        parts.push(decoder.decode(bytes), String.fromCharCode(...bytes.slice(0, 65_536)));
      } else if (typeof value === 'object') {
        for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
          parts.push(key);
          walk(item, depth + 1);
        }
      }
    };
    for (const { name } of await indexedDB.databases()) {
      if (!name) continue;
      const db = await new Promise<IDBDatabase>((done, fail) => {
        const open = indexedDB.open(name);
        open.onsuccess = () => done(open.result);
        open.onerror = () => fail(open.error);
      });
      for (const store of Array.from(db.objectStoreNames)) {
        const rows = await new Promise<unknown[]>((done, fail) => {
          const all = db.transaction(store).objectStore(store).getAll();
          all.onsuccess = () => done(all.result);
          all.onerror = () => fail(all.error);
        });
        walk(rows);
      }
      db.close();
    }
    return parts.join('\n');
  });
}

/** Fires a Background Sync event in the app's service worker (DevTools protocol), as the browser does on reconnect. */
async function fireBackgroundSync(context: BrowserContext, page: Page, tag: string): Promise<void> {
  const cdp = await context.newCDPSession(page);
  const registrationId = new Promise<string>((resolve) => {
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
      const ours = registrations.find((r) => r.scopeURL.startsWith(server.url) && !r.isDeleted);
      if (ours) resolve(ours.registrationId);
    });
  });
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.dispatchSyncEvent', {
    origin: new URL(server.url).origin,
    registrationId: await registrationId,
    tag,
    lastChance: false,
  });
  await cdp.detach();
}

async function childPatientId(): Promise<string> {
  const signIn = await fetch(`${server.url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(PARENT),
  });
  const { accessToken } = (await signIn.json()) as { accessToken: string };
  const people = await fetch(`${server.url}/api/patients`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  const { people: list } = (await people.json()) as { people: { patientId: string; displayName: string }[] };
  const child = list.find((p) => p.displayName === CHILD_NAME);
  if (!child) throw new Error(`${CHILD_NAME} is not in reach of the demo parent`);
  return child.patientId;
}

describe('My Health offline', () => {
  it("copies a parent's and his child's records to the device, opens them offline after a restart with the password, and keeps nothing readable at rest", async () => {
    const childId = await childPatientId();

    // 1. Signed in and online: both records arrive.
    let phone = await launchPhone();
    let page = phone.pages()[0] ?? (await phone.newPage());
    await page.goto(`${server.url}/sign-in`);
    await waitForServiceWorker(page);
    await page.getByLabel('E-mail address').fill(PARENT.email);
    await page.getByLabel('Password', { exact: true }).fill(PARENT.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await eventually(() => heading(page)).toMatch(/^Hello, Daniel/);
    await goTo(page, '/my-health');
    await eventually(() => heading(page)).toBe('My Health');
    await eventually(() =>
      page
        .getByRole('status')
        .filter({ hasText: /Updated (just now|\d+ min ago)/ })
        .count(),
    ).toBe(1);
    await eventually(() => rowsOfPatient(page, childId)).toBeGreaterThan(50);
    const whose = page.getByLabel('Whose record');
    expect(await whose.locator('option').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('Daniel Okafor'), expect.stringContaining(CHILD_NAME)]),
    );

    // Nothing readable at rest: names, a medicine, a lab test and its unit, an allergy.
    const raw = await rawIndexedDb(page);
    expect(raw.length).toBeGreaterThan(10_000);
    for (const secret of [
      'Amara',
      'Okafor',
      'Albuterol',
      'albuterol',
      'Hemoglobin',
      'g/dL',
      'Peanut',
      'peanut',
    ]) {
      expect(raw, secret).not.toContain(secret);
    }

    // 2. No connection, and the browser is closed.
    await phone.setOffline(true);
    await phone.close();

    // 3. Opened again with no connection: locked; the password opens what is saved here.
    phone = await launchPhone();
    await phone.setOffline(true);
    page = phone.pages()[0] ?? (await phone.newPage());
    await page.goto(`${server.url}/my-health`);
    await eventually(() => heading(page)).toBe('The portal is locked');
    await eventually(() => page.getByText('You’re offline.').count()).toBeGreaterThan(0);
    await page.getByLabel('Password', { exact: true }).fill('not my password at all');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await eventually(() => page.getByText('That password is not right. Try again.').count()).toBe(1);
    await page.getByLabel('Password', { exact: true }).fill(PARENT.password);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await eventually(() => heading(page)).toBe('My Health');
    await eventually(() =>
      page.getByRole('status').filter({ hasText: 'Offline — showing data from' }).count(),
    ).toBe(1);

    await page.getByLabel('Whose record').selectOption({ label: CHILD_NAME });
    const vaccine = page.getByRole('button', { name: /Show vaccine details\s*: .*influenza/i }).first();
    await eventually(() => vaccine.count()).toBe(1);
    await vaccine.click();
    const details = page.locator('.vaccine-details:not([hidden])');
    await eventually(() => details.count()).toBe(1);
    const detailText = await details.innerText();
    expect(detailText).toMatch(/CVX code\s+\d+/);
    expect(detailText).toMatch(/Manufacturer\s+\S+/);
    expect(detailText).toMatch(/Lot number\s+\S+/);
    expect(detailText).toContain('Given by');

    await page.getByRole('tab', { name: 'Test Results' }).click();
    const newest = page
      .getByRole('tabpanel')
      .locator('article, li')
      .filter({ hasText: 'Hemoglobin' })
      .first();
    await eventually(() => newest.count()).toBe(1);
    expect(await newest.innerText()).toContain('12.4 g/dL');

    // 4. While the app is closed, the practice files a new result. The phone has a connection
    // again; its service worker fetches the result in the background (the Background Sync the
    // failed offline sync queued, fired here through DevTools), with no page of the app open.
    const db = openDatabase(join(server.dir, 'portal.db'));
    const refreshes = () => Number(db.prepare('SELECT COUNT(*) FROM refresh_tokens').pluck().get());
    createResourceStore(db).put({
      resourceType: 'Observation',
      id: 'e2e-background-lead',
      status: 'final',
      category: [
        {
          coding: [
            { system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' },
          ],
        },
      ],
      code: {
        coding: [{ system: 'http://loinc.org', code: '5671-3', display: 'Lead [Mass/volume] in Blood' }],
      },
      subject: { reference: `Patient/${childId}` },
      effectiveDateTime: new Date().toISOString(),
      valueQuantity: { value: 1.7, unit: 'ug/dL', system: 'http://unitsofmeasure.org', code: 'ug/dL' },
    });
    await phone.close();
    // Counted before the browser starts again: Chromium may fire the sync queued offline by itself
    // as soon as it is back, before the one fired below.
    const refreshesBefore = refreshes();
    phone = await launchPhone();
    const blank = phone.pages()[0] ?? (await phone.newPage());
    await fireBackgroundSync(phone, blank, 'records-refresh');
    await eventually(() => refreshes()).toBeGreaterThan(refreshesBefore);
    // The worker has its token; give it a moment to fetch and seal the page.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await phone.setOffline(true);
    for (const open of phone.pages()) await open.close();
    page = await phone.newPage();
    await page.goto(`${server.url}/my-health`);
    await eventually(() => heading(page)).toBe('The portal is locked');
    await page.getByLabel('Password', { exact: true }).fill(PARENT.password);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await eventually(() => heading(page)).toBe('My Health');
    await page.getByLabel('Whose record').selectOption({ label: CHILD_NAME });
    await page.getByRole('tab', { name: 'Test Results' }).click();
    const lead = page.getByRole('tabpanel').locator('article, li').filter({ hasText: 'Lead' }).first();
    await eventually(() => lead.count()).toBe(1);
    expect(await lead.innerText()).toContain('1.7');
    // The page itself reached nothing: the result came through the worker's background pull.
    const pageSyncs = await page.evaluate(
      (name) =>
        performance
          .getEntriesByName(name)
          .map((m) => (m as PerformanceMeasure).detail as { error: string | null }),
      SYNC_MEASURE,
    );
    expect(pageSyncs.map((d) => d.error)).toEqual(pageSyncs.map(() => 'offline'));

    // 5. Back online, the practice ends the family link: the next sync removes the child's records.
    await phone.setOffline(false);
    db.prepare(
      "UPDATE proxy_access SET ended_at = ?, ended_reason = 'removed-by-patient', updated_at = ? WHERE patient_id = ? AND ended_at IS NULL",
    ).run(new Date().toISOString(), new Date().toISOString(), childId);
    db.close();
    await eventually(() => page.getByRole('button', { name: 'Refresh' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await eventually(() => rowsOfPatient(page, childId)).toBe(0);
    await eventually(() => page.getByLabel('Whose record').count()).toBe(0);
    await phone.close();
  });
});

// What the journeys read off the device and do in its forms, shared by the e2e files: the records
// the device holds per person, and setting up an authenticator app as a new user would.
import * as OTPAuth from 'otpauth';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** How many records of one person the device holds (the clear patientId column of each row). */
export function rowsOfPatient(page: Page, patientId: string): Promise<number> {
  return page.evaluate(async (id) => {
    let count = 0;
    for (const { name } of await indexedDB.databases()) {
      if (!name?.startsWith('portal-records-')) continue;
      const db = await new Promise<IDBDatabase>((done, fail) => {
        const open = indexedDB.open(name);
        open.onsuccess = () => done(open.result);
        open.onerror = () => fail(open.error);
      });
      const rows = await new Promise<Array<{ patientId: string }>>((done, fail) => {
        const all = db.transaction('resources').objectStore('resources').getAll();
        all.onsuccess = () => done(all.result);
        all.onerror = () => fail(all.error);
      });
      count += rows.filter((row) => row.patientId === id).length;
      db.close();
    }
    return count;
  }, patientId);
}

/** The code an authenticator app shows for this key at this time. */
export function totpCode(key: string, timestamp = Date.now()): string {
  return new OTPAuth.TOTP({
    secret: OTPAuth.Secret.fromBase32(key),
    digits: 6,
    period: 30,
    algorithm: 'SHA1',
  }).generate({ timestamp });
}

/** On "Choose your security option": picks the authenticator app, types its code; returns the key. */
export async function setUpAuthenticator(page: Page): Promise<string> {
  await expect
    .poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 15_000 })
    .toBe('Choose your security option');
  await page.getByRole('button', { name: /^Authenticator app/ }).click();
  const keyText = page.getByLabel("Can't scan it? Type this key into the app instead:");
  await expect.poll(() => keyText.count(), { timeout: 15_000 }).toBe(1);
  const key = ((await keyText.textContent()) ?? '').replace(/\s+/g, '');
  await page.getByLabel('Code from the app').fill(totpCode(key));
  await page.getByRole('button', { name: 'Confirm' }).click();
  return key;
}

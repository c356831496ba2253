// The record a summary is built from on the server is the one a device would hold: every page of
// pull sync read to the end, later versions replacing earlier ones, removals left out, and the
// directory's names filled into references.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isReleased } from '../../../core/records';
import { seedDemoPractice } from '../demo/seed';
import { createResourceStore, type FhirResource, type ResourceStore } from '../records/store';
import { openTestDb, type TestDb } from '../records/test-db';
import { deviceRecord } from './device-record';
import { DEMO_AS_OF } from './test-records';

type Json = Record<string, unknown>;

let t: TestDb;
let store: ResourceStore;
beforeAll(() => {
  t = openTestDb();
  store = createResourceStore(t.db);
  seedDemoPractice(t.db, { asOf: DEMO_AS_OF });
});
afterAll(() => t.dispose());

const request = (patientId: string) => ({
  patientId,
  access: 'self' as const,
  sensitiveCodes: new Set<string>(),
});

describe('the record as a device receives it', () => {
  it('reads every page of a ten-year record, each resource once, only what the patient may see', () => {
    const record = deviceRecord(store, request('demo-older-adult'));
    // More than one page of 500: the paging went on until the server said there was no more.
    expect(record.length).toBeGreaterThan(1000);
    const keys = record.map((r) => `${r.resourceType}/${r.id}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(record.filter((r) => r.resourceType === 'Patient').map((r) => r.id)).toEqual(['demo-older-adult']);
    expect(record.every((r) => isReleased(r as unknown as Json))).toBe(true);
  });

  it('names the providers in references, since the directory itself never reaches the device', () => {
    const encounters = deviceRecord(store, request('demo-rich-adult')).filter(
      (r) => r.resourceType === 'Encounter',
    );
    const people = encounters.flatMap(
      (e) => ((e as unknown as Json).participant as Json[] | undefined) ?? [],
    );
    expect(people.length).toBeGreaterThan(0);
    for (const p of people) expect((p.individual as Json).display).toEqual(expect.stringMatching(/\S/));
  });

  it('holds a resource changed at the practice once, in its new version', () => {
    const before = deviceRecord(store, request('demo-partner-a'));
    const stored = before.find((r) => r.resourceType === 'Condition');
    if (!stored?.id) throw new Error('The demo partner has no condition');
    store.put({ ...(stored as FhirResource), note: [{ text: 'Reviewed at the annual visit' }] });
    const after = deviceRecord(store, request('demo-partner-a'));
    const versions = after.filter((r) => r.resourceType === 'Condition' && r.id === stored.id);
    expect(versions).toHaveLength(1);
    expect((versions[0] as unknown as Json).note).toEqual([{ text: 'Reviewed at the annual visit' }]);
    expect(after).toHaveLength(before.length);
  });

  it('leaves out a resource deleted at the practice', () => {
    const before = deviceRecord(store, request('demo-parent'));
    const gone = before.find((r) => r.resourceType === 'Immunization');
    if (!gone?.id) throw new Error('The demo parent has no immunization');
    expect(store.remove('Immunization', gone.id)).toBe(true);
    const after = deviceRecord(store, request('demo-parent'));
    expect(after.some((r) => r.resourceType === 'Immunization' && r.id === gone.id)).toBe(false);
    expect(after).toHaveLength(before.length - 1);
  });
});

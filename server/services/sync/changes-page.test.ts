// Building a pull-sync page: billing rows take no room, hidden rows still move the cursor, and the
// directory names a device shows come from the practice directory only.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createResourceStore, type FhirResource, type ResourceStore } from '../records/store';
import { openTestDb, type TestDb } from '../records/test-db';
import { buildChangesPage, type PageRequest } from './changes-page';
import { viewOf } from './view';

let tdb: TestDb;
let store: ResourceStore;
beforeEach(() => {
  tdb = openTestDb();
  store = createResourceStore(tdb.db);
  store.put({ resourceType: 'Patient', id: 'p1', name: [{ given: ['Ines'], family: 'Alves' }] });
});
afterEach(() => tdb.dispose());

const request = (over: Partial<PageRequest> = {}): PageRequest => ({
  patientId: 'p1',
  access: 'self',
  since: 0,
  limit: 10,
  sensitiveCodes: new Set(['7917-8']),
  ...over,
});

const result = (id: string, code: string, extra: Record<string, unknown> = {}): FhirResource => ({
  resourceType: 'Observation',
  id,
  status: 'final',
  code: { coding: [{ system: 'http://loinc.org', code }] },
  subject: { reference: 'Patient/p1' },
  effectiveDateTime: '2025-01-02',
  ...extra,
});

describe('a changes page', () => {
  it('skips thousands of claims in the database, not in the page', () => {
    tdb.db.transaction(() => {
      for (let i = 0; i < 3000; i++)
        store.put({
          resourceType: 'Claim',
          id: `claim-${i}`,
          patient: { reference: 'Patient/p1' },
          status: 'active',
        });
    })();
    store.put(result('glucose', '2339-0'));
    const page = buildChangesPage(store, request({ since: 1, limit: 1 }));
    expect(page.changes.map((c) => c.id)).toEqual(['glucose']);
    expect(page).toMatchObject({ next: store.lastSeq(), more: false });
  });

  it('moves the cursor past a page of hidden results, so the device never asks for them again', () => {
    store.put(result('hiv-1', '7917-8'));
    store.put(result('hiv-2', '7917-8'));
    const page = buildChangesPage(store, request({ access: 'full', since: 1 }));
    expect(page.changes).toEqual([
      { type: 'Observation', id: 'hiv-1', seq: 2, date: null },
      { type: 'Observation', id: 'hiv-2', seq: 3, date: null },
    ]);
    expect(page.next).toBe(3);
    const self = buildChangesPage(store, request({ since: 1 }));
    expect(self.changes.every((c) => c.resource !== undefined)).toBe(true);
  });

  it('names the practitioner, office and medicine from the directory, never from a patient’s own record', () => {
    store.put({
      resourceType: 'Practitioner',
      id: 'dr-a',
      name: [{ prefix: ['Dr.'], given: ['Ana'], family: 'Silva' }],
    });
    store.put({
      resourceType: 'Practitioner',
      id: 'np-b',
      name: [{ given: ['Ben'], family: 'Ortiz', suffix: ['NP'] }],
    });
    store.put({ resourceType: 'Location', id: 'clinic', name: 'Harbor Clinic' });
    store.put({ resourceType: 'Medication', id: 'med', code: { coding: [{ display: 'Lisinopril 10 MG' }] } });
    // Filed in another patient's record: not part of the directory.
    store.put(
      { resourceType: 'Organization', id: 'private-org', name: 'Someone’s employer' },
      { patientId: 'other' },
    );
    store.put({
      resourceType: 'MedicationRequest',
      id: 'rx',
      status: 'active',
      subject: { reference: 'Patient/p1' },
      medicationReference: { reference: 'Medication/med' },
      requester: { reference: 'Practitioner/dr-a' },
      performer: { reference: 'Practitioner/np-b' },
      recorder: { reference: 'Practitioner/dr-a', display: 'As the chart says' },
      supportingInformation: [{ reference: 'Location/clinic' }, { reference: 'Organization/private-org' }],
    });
    const [rx] = buildChangesPage(store, request({ since: store.lastSeq() - 1 })).changes;
    expect(rx?.resource).toMatchObject({
      medicationReference: { display: 'Lisinopril 10 MG' },
      requester: { display: 'Dr. Ana Silva' },
      performer: { display: 'Ben Ortiz, NP' },
      recorder: { display: 'As the chart says' },
      supportingInformation: [{ display: 'Harbor Clinic' }, { reference: 'Organization/private-org' }],
    });
    expect((rx!.resource!.supportingInformation as object[])[1]).not.toHaveProperty('display');
  });

  it('tells a family member’s device when the list of hidden results changes, and the patient’s not', () => {
    const a = new Set(['7917-8']);
    const b = new Set(['7917-8', '5221-7']);
    expect(viewOf('full', a)).toBe(viewOf('full', new Set(['7917-8'])));
    expect(viewOf('full', a)).not.toBe(viewOf('full', b));
    expect(viewOf('self', a)).toBe(viewOf('self', b));
    expect(buildChangesPage(store, request()).view).toBe(viewOf('self', a));
  });
});

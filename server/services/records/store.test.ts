// The resource store: what pull sync and the My Health pages will see after writes and deletions.
import { afterEach, describe, expect, it } from 'vitest';
import { createResourceStore, type FhirResource } from './store';
import { openTestDb, type TestDb } from './test-db';

let current: TestDb | undefined;
afterEach(() => current?.dispose());

function setup() {
  current = openTestDb();
  return createResourceStore(current.db);
}

const patient: FhirResource = {
  resourceType: 'Patient',
  id: 'pat-1',
  identifier: [{ system: 'urn:example:mrn', value: 'MRN-1' }],
  name: [{ family: 'Villaseñor', given: ['Ana'] }],
};

const glucose = (id: string, when: string, value: number): FhirResource => ({
  resourceType: 'Observation',
  id,
  status: 'final',
  code: {
    coding: [{ system: 'http://loinc.org', code: '2339-0', display: 'Glucose [Mass/volume] in Blood' }],
  },
  subject: { reference: 'Patient/pat-1' },
  effectiveDateTime: when,
  valueQuantity: { value, unit: 'mg/dL', system: 'http://unitsofmeasure.org', code: 'mg/dL' },
});

describe('resource store', () => {
  it('files an observation under its patient and its clinical date, with the next sequence number', () => {
    const store = setup();
    expect(store.put(patient)).toEqual({ outcome: 'added', seq: 1 });
    expect(store.put(glucose('obs-1', '2024-03-01T08:00:00-06:00', 98))).toEqual({
      outcome: 'added',
      seq: 2,
    });
    const stored = store.get('Observation', 'obs-1');
    expect(stored).toMatchObject({
      patientId: 'pat-1',
      date: '2024-03-01T08:00:00-06:00',
      seq: 2,
      deleted: false,
    });
    expect(store.get('Patient', 'pat-1')?.patientId).toBe('pat-1');
  });

  it('changes nothing when the same resource is written again, even with its fields in another order', () => {
    const store = setup();
    store.put(patient);
    const reordered = JSON.parse(
      JSON.stringify({
        name: patient.name,
        identifier: patient.identifier,
        id: 'pat-1',
        resourceType: 'Patient',
      }),
    );
    expect(store.put(reordered)).toEqual({ outcome: 'unchanged', seq: 0 });
    expect(store.lastSeq()).toBe(1);
  });

  it('gives a changed resource a new sequence number so devices pick it up', () => {
    const store = setup();
    store.put(patient);
    store.put(glucose('obs-1', '2024-03-01', 98));
    expect(store.put(glucose('obs-1', '2024-03-01', 131)).outcome).toBe('changed');
    expect(store.changesSince('pat-1', 2).resources.map((r) => [r.id, r.seq])).toEqual([['obs-1', 3]]);
  });

  it('leaves a tombstone with a new sequence number when a resource is deleted', () => {
    const store = setup();
    store.put(patient);
    store.put(glucose('obs-1', '2024-03-01', 98));
    expect(store.remove('Observation', 'obs-1')).toBe(true);
    expect(store.remove('Observation', 'obs-1')).toBe(false);
    const page = store.changesSince('pat-1', 2);
    expect(page.resources).toHaveLength(1);
    expect(page.resources[0]).toMatchObject({ id: 'obs-1', deleted: true, seq: 3 });
    expect(store.listForPatient('pat-1', 'Observation')).toEqual([]);
  });

  it('finds a patient by identifier, and forgets the identifier once the patient is deleted', () => {
    const store = setup();
    store.put(patient);
    expect(store.findByIdentifier('Patient', 'urn:example:mrn', 'MRN-1')).toBe('pat-1');
    expect(store.findAnyByIdentifier('urn:example:mrn', 'MRN-1')).toEqual([{ type: 'Patient', id: 'pat-1' }]);
    store.remove('Patient', 'pat-1');
    expect(store.findByIdentifier('Patient', 'urn:example:mrn', 'MRN-1')).toBeUndefined();
  });

  it('lists a patient’s resources of one type by date and pages changes in sequence order', () => {
    const store = setup();
    store.put(patient);
    store.put(glucose('b', '2024-03-02', 101));
    store.put(glucose('a', '2024-03-01', 99));
    store.put(glucose('c', '2024-03-03', 97));
    expect(store.listForPatient('pat-1', 'Observation').map((r) => r.id)).toEqual(['a', 'b', 'c']);
    const first = store.changesSince('pat-1', 0, 2);
    expect(first.resources.map((r) => r.id)).toEqual(['pat-1', 'b']);
    expect(first.more).toBe(true);
    const second = store.changesSince('pat-1', first.nextSince, 2);
    expect(second.resources.map((r) => r.id)).toEqual(['a', 'c']);
    expect(second.more).toBe(false);
    expect(store.countByType('pat-1')).toEqual({ Patient: 1, Observation: 3 });
  });

  it('pages only the types asked for, so other types take no room in a page', () => {
    const store = setup();
    store.put(patient);
    for (const id of ['c1', 'c2', 'c3'])
      store.put({ resourceType: 'Claim', id, patient: { reference: 'Patient/pat-1' }, status: 'active' });
    store.put(glucose('a', '2024-03-01', 99));
    store.remove('Claim', 'c1');
    const page = store.changesSince('pat-1', 0, 2, ['Patient', 'Observation']);
    expect(page.resources.map((r) => r.id)).toEqual(['pat-1', 'a']);
    expect(page).toMatchObject({ nextSince: 5, more: false });
    expect(store.changesSince('pat-1', 0, 10, []).resources).toEqual([]);
  });

  it('keeps names with accents intact', () => {
    const store = setup();
    store.put(patient);
    expect(store.get('Patient', 'pat-1')?.resource.name).toEqual([{ family: 'Villaseñor', given: ['Ana'] }]);
  });

  it('refuses a resource without a valid FHIR id and writes nothing', () => {
    const store = setup();
    expect(() => store.put({ ...patient, id: 'has spaces' })).toThrow(/valid FHIR id/);
    expect(store.lastSeq()).toBe(0);
  });
});

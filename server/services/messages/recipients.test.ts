// Who a patient may write to: the providers they have seen, with the offices they saw them at,
// those on their active care team first and named as such.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDemoPractice } from '../demo/index';
import { parseReference } from '../records/references';
import { createResourceStore } from '../records/store';
import { openTestDb, type TestDb } from '../records/test-db';
import { providersSeen } from './recipients';

let t: TestDb;
beforeAll(() => {
  t = openTestDb();
  ensureDemoPractice(t.db, { asOf: new Date('2026-03-10T15:00:00Z') });
});
afterAll(() => t.dispose());

describe('providers a patient may write to', () => {
  it('lists the care team first, marked, and only providers the patient has seen', () => {
    const store = createResourceStore(t.db);
    const patientId = 'demo-rich-adult';
    const team = new Set<string>();
    for (const { resource } of store.listForPatient(patientId, 'CareTeam'))
      for (const p of (resource.participant as Array<{ member?: { reference?: string } }>) ?? []) {
        const ref = parseReference(p.member?.reference ?? '');
        if (ref.kind === 'relative' && ref.type === 'Practitioner') team.add(ref.id);
      }
    const providers = providersSeen(t.db, store, patientId);
    expect(providers.length).toBeGreaterThan(0);
    const marked = providers.filter((p) => p.careTeam).map((p) => p.id);
    expect(marked.length).toBeGreaterThan(0);
    expect(marked.every((id) => team.has(id))).toBe(true);
    expect(providers.filter((p) => !p.careTeam).every((p) => !team.has(p.id))).toBe(true);
    // Care team first, then the others.
    const firstOther = providers.findIndex((p) => !p.careTeam);
    expect(firstOther === -1 || providers.slice(firstOther).every((p) => !p.careTeam)).toBe(true);
  });
});

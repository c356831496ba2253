// Property: whatever the history of changes and whatever goes wrong on the way (lost, repeated
// and cut answers, server errors, changes between pages, any page size), once a sync finally
// succeeds undisturbed the device shows exactly the server's current view, and nothing more.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Json } from '../../../core/json';
import {
  type AccessLevel,
  type ChangesPage,
  changesPath,
  PEOPLE_PATH,
  type PeopleResponse,
  type PersonInReach,
  seesClinicalData,
} from '../../../core/records';
import type { ApiOutcome } from '../api-request';
import type { RecordsCache } from './records-cache';
import type { CursorRow } from './records-db';
import { RecordsReader } from './records-reader';
import { type RecordsFetch, syncRecords } from './sync-records';
import { newAccountId, OFFLINE, problem, snapshotAnswer, testVault } from './test-support';

// ---- The model server: resource versions with seqs, pages served per the contract -------------

const PATIENTS = ['pat-a', 'pat-b'] as const;
type Patient = (typeof PATIENTS)[number];
const TYPES = ['Observation', 'Condition'] as const;

interface Version {
  patientId: Patient;
  type: string;
  id: string;
  seq: number;
  date: string | null;
  resource?: Json;
}

type Op =
  | {
      kind: 'upsert';
      patient: Patient;
      type: (typeof TYPES)[number];
      n: number;
      value: number;
      date: string | null;
    }
  | { kind: 'remove'; patient: Patient; type: (typeof TYPES)[number]; n: number }
  | { kind: 'access'; level: AccessLevel | 'gone' };

class ModelServer {
  #seq = 0;
  readonly #latest = new Map<string, Version>();
  /** pat-a is the account holder; pat-b is a family member whose access changes. */
  accessOfB: AccessLevel | 'gone' = 'full';

  apply(op: Op): void {
    if (op.kind === 'access') {
      this.accessOfB = op.level;
      return;
    }
    const id = `${op.patient}-${op.type}-${op.n}`.toLowerCase();
    const key = `${op.type}/${id}`;
    if (op.kind === 'remove') {
      const current = this.#latest.get(key);
      if (!current?.resource) return; // nothing to remove takes no seq, as in the real store
      this.#latest.set(key, { ...current, seq: ++this.#seq, resource: undefined });
      return;
    }
    const resource = { resourceType: op.type, id, valueInteger: op.value, effectiveDateTime: op.date };
    this.#latest.set(key, {
      patientId: op.patient,
      type: op.type,
      id,
      seq: ++this.#seq,
      date: op.date,
      resource,
    });
  }

  people(): PersonInReach[] {
    const people: PersonInReach[] = [
      { patientId: 'pat-a', displayName: 'A', birthDate: '1970-01-01', access: 'self', relationship: 'self' },
    ];
    if (this.accessOfB !== 'gone')
      people.push({
        patientId: 'pat-b',
        displayName: 'B',
        birthDate: '2010-01-01',
        access: this.accessOfB,
        relationship: 'child',
      });
    return people;
  }

  changes(patientId: string, since: number, limit: number): ApiOutcome<ChangesPage> {
    const person = this.people().find((p) => p.patientId === patientId);
    if (!person) return problem(404, 'Not found');
    if (!seesClinicalData(person.access)) return problem(403, 'Billing only');
    const after = [...this.#latest.values()]
      .filter((v) => v.patientId === patientId && v.seq > since)
      .sort((a, b) => a.seq - b.seq);
    const page = after.slice(0, limit);
    return {
      kind: 'ok',
      status: 200,
      data: {
        patientId,
        since,
        next: page.length > 0 ? page[page.length - 1]!.seq : since,
        more: after.length > limit,
        changes: page.map(({ type, id, seq, date, resource }) =>
          resource ? { type, id, seq, date, resource } : { type, id, seq, date },
        ),
      },
    };
  }

  /** What a caller sees now: each clinical person's live resources. */
  view(): Map<string, Map<string, Json>> {
    const view = new Map<string, Map<string, Json>>();
    for (const person of this.people().filter((p) => seesClinicalData(p.access)))
      view.set(person.patientId, new Map());
    for (const version of this.#latest.values())
      if (version.resource)
        view.get(version.patientId)?.set(`${version.type}/${version.id}`, version.resource);
    return view;
  }
}

// ---- Faults between the device and the server --------------------------------------------------

type Fault =
  | { kind: 'ok' }
  | { kind: 'drop' } // the network fails: this sync ends here
  | { kind: 'server-error' }
  | { kind: 'repeat'; back: number } // an earlier answer to this path is delivered again
  | { kind: 'change'; op: Op }; // the server changes just before answering

/** A fetch to the model server that plays the given faults, one per request, then behaves. */
function faultyFetch(server: ModelServer, faults: Fault[], limitCap: number): RecordsFetch {
  const previous = new Map<string, ApiOutcome<unknown>[]>();
  return async <T>(path: string): Promise<ApiOutcome<T>> => {
    await Promise.resolve();
    const fault = faults.shift() ?? { kind: 'ok' };
    if (fault.kind === 'drop') return OFFLINE;
    if (fault.kind === 'server-error') return problem(503, 'Unavailable');
    const url = new URL(path, 'http://portal.test');
    const route = url.pathname;
    const earlier = previous.get(route) ?? [];
    if (fault.kind === 'repeat' && earlier.length > 0)
      return earlier[earlier.length - 1 - (fault.back % earlier.length)] as ApiOutcome<T>;
    if (fault.kind === 'change') server.apply(fault.op);
    let answer: ApiOutcome<unknown>;
    const whole = snapshotAnswer(route, server.people());
    if (route === PEOPLE_PATH) {
      answer = { kind: 'ok', status: 200, data: { people: server.people() } satisfies PeopleResponse };
    } else if (whole) {
      answer = whole;
    } else {
      const patientId = PATIENTS.find((p) => route === changesPath(p));
      if (!patientId) throw new Error(`unexpected path ${path}`);
      const limit = Math.min(Number(url.searchParams.get('limit')), limitCap);
      answer = server.changes(patientId, Number(url.searchParams.get('since')), limit);
    }
    previous.set(route, [...earlier, answer]);
    return answer as ApiOutcome<T>;
  };
}

// ---- Arbitraries ------------------------------------------------------------------------------

const date = fc.option(
  fc
    .integer({ min: 0, max: 3_000 })
    .map((d) => new Date(Date.UTC(2015, 0, 1) + d * 86_400_000).toISOString().slice(0, 10)),
  { nil: null },
);
const recordOp: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('upsert' as const),
      patient: fc.constantFrom(...PATIENTS),
      type: fc.constantFrom(...TYPES),
      n: fc.integer({ min: 0, max: 7 }),
      value: fc.integer({ min: 0, max: 1_000 }),
      date,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('remove' as const),
      patient: fc.constantFrom(...PATIENTS),
      type: fc.constantFrom(...TYPES),
      n: fc.integer({ min: 0, max: 7 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('access' as const),
      level: fc.constantFrom<AccessLevel | 'gone'>('full', 'full', 'billing', 'gone'),
    }),
  },
);
const fault: fc.Arbitrary<Fault> = fc.oneof(
  { weight: 8, arbitrary: fc.constant({ kind: 'ok' } as const) },
  { weight: 1, arbitrary: fc.constant({ kind: 'drop' } as const) },
  { weight: 1, arbitrary: fc.constant({ kind: 'server-error' } as const) },
  { weight: 3, arbitrary: fc.nat(3).map((back) => ({ kind: 'repeat', back }) as const) },
  { weight: 2, arbitrary: recordOp.map((op) => ({ kind: 'change', op }) as const) },
);
const round = fc.record({
  ops: fc.array(recordOp, { maxLength: 30, size: 'medium' }),
  faults: fc.array(fault, { maxLength: 24, size: 'medium' }),
  pageSize: fc.oneof(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 12 })),
});

// ---- The device's view ----------------------------------------------------------------------

async function deviceView(cache: RecordsCache): Promise<Map<string, Map<string, Json>>> {
  const reader = new RecordsReader(cache);
  const view = new Map<string, Map<string, Json>>();
  for (const person of (await reader.people()).filter((p) => seesClinicalData(p.access))) {
    const records = new Map<string, Json>();
    for (const type of TYPES)
      for (const record of await reader.list(person.patientId, type))
        records.set(`${type}/${record.id}`, record.resource);
    view.set(person.patientId, records);
  }
  return view;
}

async function expectLevel(cache: RecordsCache, server: ModelServer): Promise<void> {
  const expected = server.view();
  expect(await deviceView(cache)).toEqual(expected);
  expect(await new RecordsReader(cache).people()).toEqual(server.people());
  // No row, and no cursor, of anyone outside the clinical view survives anywhere in the tables.
  const rows = await cache.db.resources.toArray();
  const total = [...expected.values()].reduce((sum, records) => sum + records.size, 0);
  expect(rows.length).toBe(total);
  expect(rows.every((row) => expected.has(row.patientId))).toBe(true);
  expect((await cache.db.cursors.toCollection().primaryKeys()).every((id) => expected.has(id))).toBe(true);
}

describe('pull sync against a model server', () => {
  it('always ends with the device equal to the server, whatever was lost, repeated or cut on the way', async () => {
    const vault = testVault();
    await fc.assert(
      fc.asyncProperty(fc.array(round, { minLength: 1, maxLength: 4 }), async (rounds) => {
        const accountId = newAccountId();
        const { cache } = await vault.openWithPassword(accountId, 'model server passphrase');
        const server = new ModelServer();
        // A repeated or stale page must never move a cursor back: it would bring older versions back.
        const cursorsBack: string[] = [];
        cache.db.cursors.hook('updating', (changes, patientId, current) => {
          const since = (changes as Partial<CursorRow>).since;
          if (since !== undefined && since < current.since) cursorsBack.push(String(patientId));
        });
        try {
          for (const { ops, faults, pageSize } of rounds) {
            for (const op of ops) server.apply(op);
            const undisturbed = !faults.some((f) => f.kind === 'change');
            const result = await syncRecords({
              cache,
              fetch: faultyFetch(server, [...faults], pageSize),
              events: new EventTarget(),
            });
            // A sync that succeeded with no change under its feet is already level.
            if (result.ok && undisturbed) await expectLevel(cache, server);
          }
          // Retry until success, as the app does when it is online again.
          let finished = false;
          for (let attempt = 0; attempt < 3 && !finished; attempt++) {
            const result = await syncRecords({
              cache,
              fetch: faultyFetch(server, [], 3),
              events: new EventTarget(),
            });
            finished = result.ok;
          }
          expect(finished).toBe(true);
          await expectLevel(cache, server);
          expect(cursorsBack).toEqual([]);
        } finally {
          await vault.wipe(accountId);
        }
      }),
      { numRuns: 60 },
    );
  }, 60_000);
});

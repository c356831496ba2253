// Test helpers for the record cache (imported by tests only): a fast vault, small FHIR fixtures,
// a tiny paging API over a fixed change list, and a raw dump of what IndexedDB holds.

import type { JWK } from 'jose';
import { API } from '../../../core/api-paths';
import { type BillingSummary, billingPath } from '../../../core/billing';
import type { FamilySettings } from '../../../core/family';
import type { Json } from '../../../core/json';
import {
  type MessageRecipients,
  type MessagesAnswer,
  messagesPath,
  recipientsPath,
} from '../../../core/messages';
import type { OutboxItem, OutboxKind, WaitingTopic } from '../../../core/outbox';
import type {
  AccessLevel,
  ChangesPage,
  PeopleResponse,
  PersonInReach,
  RecordChange,
} from '../../../core/records';
import { changesPath, PEOPLE_PATH } from '../../../core/records';
import type { ApiOutcome } from '../api-request';
import { sharedDeviceDb } from '../device-db';
import { queueRequest } from '../outbox/queue';
import type { SealingKey } from '../outbox/seal';
import type { RecordsCache } from './records-cache';
import type { RecordsFetch } from './sync-records';
import { RecordsVault, type VaultOptions } from './vault';

/** PBKDF2 iterations in tests: the cost is what 600,000 would make slow, not what is tested. */
export const TEST_ITERATIONS = 1_000;

let accounts = 0;
export function newAccountId(): string {
  accounts += 1;
  return `test-account-${accounts}-${Math.random().toString(36).slice(2, 8)}`;
}

export function testVault(options: VaultOptions = {}): RecordsVault {
  return new RecordsVault({ iterations: TEST_ITERATIONS, events: new EventTarget(), ...options });
}

// ---- Fixtures: words an attacker must not find on the device ---------------------------------

export const SELF = 'pat-self';
export const CHILD = 'pat-child';
export const AUNT = 'pat-aunt';

export const SECRETS = {
  familyName: 'Quintanilla',
  givenName: 'Marisol',
  childName: 'Teodoro',
  medication: 'Atorvastatin',
  labValue: '13.37',
  condition: 'Hypertensive',
  messageWord: 'Zanzibarian',
  facility: 'Wolverhampton',
};

export function person(
  patientId: string,
  displayName: string,
  access: AccessLevel,
  relationship = 'self',
): PersonInReach {
  return { patientId, displayName, birthDate: '1980-04-02', access, relationship };
}

export const PEOPLE: PersonInReach[] = [
  person(SELF, `${SECRETS.givenName} ${SECRETS.familyName}`, 'self'),
  person(CHILD, `${SECRETS.childName} ${SECRETS.familyName}`, 'full', 'child'),
];

export function patientResource(id: string, given: string, family: string): Json {
  return { resourceType: 'Patient', id, name: [{ given: [given], family }], birthDate: '1980-04-02' };
}

export function medication(id: string, patientId: string, display: string, authoredOn: string): Json {
  return {
    resourceType: 'MedicationRequest',
    id,
    status: 'active',
    subject: { reference: `Patient/${patientId}` },
    medicationCodeableConcept: {
      coding: [{ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '617310', display }],
    },
    authoredOn,
  };
}

export function observation(
  id: string,
  patientId: string,
  display: string,
  value: number,
  date: string,
): Json {
  return {
    resourceType: 'Observation',
    id,
    status: 'final',
    subject: { reference: `Patient/${patientId}` },
    code: { coding: [{ system: 'http://loinc.org', code: '2339-0', display }], text: display },
    valueQuantity: { value, unit: 'mmol/L' },
    effectiveDateTime: date,
  };
}

export function condition(id: string, patientId: string, text: string, date: string, note?: string): Json {
  return {
    resourceType: 'Condition',
    id,
    subject: { reference: `Patient/${patientId}` },
    code: { text },
    onsetDateTime: date,
    ...(note ? { note: [{ text: note }] } : {}),
  };
}

/** A change that stores `resource`, filed under `date`. */
export function upsert(resource: Json, seq: number, date: string | null): RecordChange {
  return { type: String(resource.resourceType), id: String(resource.id), seq, date, resource };
}

export function removal(type: string, id: string, seq: number): RecordChange {
  return { type, id, seq, date: null };
}

// ---- A tiny paging API over fixed changes ------------------------------------------------------

/** A person's billing answer with no statements. */
export function emptyBilling(patientId: string): BillingSummary {
  return { patientId, currency: 'USD', balanceCents: 0, statements: [], asOf: new Date(0).toISOString() };
}

export function emptyMessages(patientId: string): MessagesAnswer {
  return { patientId, threads: [], asOf: new Date(0).toISOString() };
}

export const NO_RECIPIENTS: MessageRecipients = { providers: [], billingOffice: true };

/**
 * The answer to a person's billing, messages or recipients path, or undefined for other paths;
 * `answers` overrides the empty defaults per person.
 */
/** Family access settings with no one given access. */
export const NO_FAMILY_ACCESS: FamilySettings = {
  canShare: true,
  canGrantFull: true,
  grants: [],
  invitations: [],
  requests: [],
};

export function snapshotAnswer(
  path: string,
  people: readonly PersonInReach[],
  answers: {
    billing?: Map<string, BillingSummary>;
    messages?: Map<string, MessagesAnswer>;
    family?: FamilySettings;
  } = {},
): ApiOutcome<unknown> | undefined {
  // The account holder's own settings; an account that is not a patient is never asked.
  if (path === API.family.settings && people.some((p) => p.access === 'self'))
    return ok(answers.family ?? NO_FAMILY_ACCESS);
  for (const p of people) {
    const id = p.patientId;
    if (path === billingPath(id)) return ok(answers.billing?.get(id) ?? emptyBilling(id));
    if (path === messagesPath(id)) return ok(answers.messages?.get(id) ?? emptyMessages(id));
    if (path === recipientsPath(id)) return ok(NO_RECIPIENTS);
  }
  return undefined;
}

/** Answers GET /api/patients and /changes from fixed data; `fail` can replace any answer. */
export class FixtureApi {
  people: PersonInReach[];
  changes: Map<string, RecordChange[]>;
  readonly billing = new Map<string, BillingSummary>();
  readonly messages = new Map<string, MessagesAnswer>();
  /** GET /api/family: the account holder's Family access settings. */
  family: FamilySettings = NO_FAMILY_ACCESS;
  /** Paths asked for, in order. */
  readonly requests: string[] = [];
  /** The server's view fingerprint sent with every page (ChangesPage.view), if any. */
  viewTag: string | undefined;
  /** Return an outcome to answer a request with it instead (a fault); undefined answers normally. */
  fail: (path: string, count: number) => ApiOutcome<unknown> | undefined = () => undefined;

  constructor(people: PersonInReach[], changes: Record<string, RecordChange[]>) {
    this.people = people;
    this.changes = new Map(Object.entries(changes));
  }

  readonly fetch: RecordsFetch = async <T>(path: string): Promise<ApiOutcome<T>> => {
    this.requests.push(path);
    const fault = this.fail(path, this.requests.length);
    if (fault) return fault as ApiOutcome<T>;
    if (path === PEOPLE_PATH) return ok({ people: this.people } satisfies PeopleResponse) as ApiOutcome<T>;
    const whole = snapshotAnswer(path, this.people, {
      billing: this.billing,
      messages: this.messages,
      family: this.family,
    });
    if (whole) return whole as ApiOutcome<T>;
    const url = new URL(path, 'http://portal.test');
    const person = this.people.find((p) => url.pathname === changesPath(p.patientId));
    if (!person) return problem(404, 'Not found') as ApiOutcome<T>;
    if (person.access === 'billing') return problem(403, 'Billing only') as ApiOutcome<T>;
    const since = Number(url.searchParams.get('since') ?? 0);
    const limit = Number(url.searchParams.get('limit') ?? 500);
    return ok(this.page(person.patientId, since, limit)) as ApiOutcome<T>;
  };

  /** What the server shows now: the latest version of each record, removals left out. */
  view(patientId: string): Map<string, Json> {
    const latest = new Map<string, RecordChange>();
    for (const change of this.changes.get(patientId) ?? []) latest.set(`${change.type}/${change.id}`, change);
    const view = new Map<string, Json>();
    for (const [key, change] of latest) if (change.resource) view.set(key, change.resource);
    return view;
  }

  page(patientId: string, since: number, limit: number): ChangesPage {
    const after = latestAfter(this.changes.get(patientId) ?? [], since);
    const changes = after.slice(0, limit);
    return {
      patientId,
      since,
      next: changes.length > 0 ? changes[changes.length - 1]!.seq : since,
      more: after.length > limit,
      changes,
      ...(this.viewTag === undefined ? {} : { view: this.viewTag }),
    };
  }
}

/** The server's feed: each record once, at its latest seq, in seq order. */
function latestAfter(changes: RecordChange[], since: number): RecordChange[] {
  const latest = new Map<string, RecordChange>();
  for (const change of changes) latest.set(`${change.type}/${change.id}`, change);
  return [...latest.values()].filter((c) => c.seq > since).sort((a, b) => a.seq - b.seq);
}

export function ok<T>(data: T): ApiOutcome<T> {
  return { kind: 'ok', status: 200, data };
}

export function problem(status: number, title: string, type = 'about:blank'): ApiOutcome<never> {
  return { kind: 'problem', status, problem: { type, title, status }, retryAfterSeconds: null };
}

export const OFFLINE: ApiOutcome<never> = { kind: 'offline' };

// ---- What an attacker with the device reads -----------------------------------------------------

/** Every value of every object store of a database, read with the raw IndexedDB API (no key). */
export async function dumpDatabase(name: string): Promise<{ stores: string[]; values: unknown[] }> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(name);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const stores = [...db.objectStoreNames];
  const values: unknown[] = [];
  for (const store of stores) {
    const rows = await new Promise<unknown[]>((resolve, reject) => {
      const request = db.transaction(store, 'readonly').objectStore(store).getAll();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    values.push(...rows);
  }
  db.close();
  return { stores, values };
}

/** Every readable form of a stored value: its strings and numbers, and its bytes decoded as text. */
export function readableForms(value: unknown): string {
  const out: string[] = [];
  const visit = (v: unknown): void => {
    if (typeof v === 'string') {
      out.push(v);
      // A value merely base64-encoded is still readable.
      if (/^[A-Za-z0-9+/]{8,}={0,2}$/.test(v)) out.push(safeAtob(v));
    } else if (typeof v === 'number') out.push(String(v));
    else if (v instanceof Uint8Array || v instanceof ArrayBuffer) {
      const bytes = v instanceof ArrayBuffer ? new Uint8Array(v) : v;
      out.push(new TextDecoder('utf-8').decode(bytes));
      out.push(new TextDecoder('latin1').decode(bytes));
      out.push(new TextDecoder('utf-16le').decode(bytes));
    } else if (Array.isArray(v)) v.forEach(visit);
    else if (typeof v === 'object' && v !== null) {
      for (const [key, child] of Object.entries(v)) {
        out.push(key);
        visit(child);
      }
    }
  };
  visit(value);
  return out.join('\n').toLowerCase();
}

function safeAtob(text: string): string {
  try {
    return atob(text);
  } catch {
    return '';
  }
}

// ---- Changes waiting in the outbox ----------------------------------------------------------------

let serverKey: Promise<SealingKey> | null = null;
/** A sealing key pair made for the tests, standing in for the server's published one. */
function testSealingKey(): Promise<SealingKey> {
  serverKey ??= (async () => {
    const pair = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']);
    const jwk = (await crypto.subtle.exportKey('jwk', pair.publicKey)) as JWK;
    return { kid: 'test-key', jwk: { ...jwk, alg: 'ECDH-ES' } };
  })();
  return serverKey;
}

/** Queues a change with its readable copy, as the app does when a change is made offline. */
export async function queueWaiting(
  cache: RecordsCache,
  change: {
    id?: string;
    kind: OutboxKind;
    topic: WaitingTopic;
    patientId: string;
    content: unknown;
    path?: string;
  },
): Promise<OutboxItem> {
  const { kind, topic, patientId, content } = change;
  return queueRequest(
    sharedDeviceDb(),
    {
      accountId: cache.accountId,
      kind,
      method: kind === 'family-change' ? 'DELETE' : 'POST',
      path: change.path ?? (kind === 'family-change' ? API.family.grant('g-1') : messagesPath(patientId)),
      body: null,
      ...(change.id ? { id: change.id } : {}),
      copy: { patientId, topic, content },
    },
    await testSealingKey(),
    cache.key,
  );
}

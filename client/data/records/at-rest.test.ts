// What someone holding the device (or a copy of its browser profile) can read from the cache
// without the password: ids, types, dates and ciphertext, and nothing else.
import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import type { BillingStatementLine } from '../../../core/billing';
import type { ThreadView } from '../../../core/messages';
import { sharedDeviceDb } from '../device-db';
import { saveDraft } from '../messages/drafts';
import { prepareAttachment } from '../messages/prepare-attachment';
import { openRecordsDb, recordsDbName } from './records-db';
import { RecordsReader } from './records-reader';
import { syncRecords } from './sync-records';
import {
  CHILD,
  condition,
  dumpDatabase,
  emptyBilling,
  emptyMessages,
  FixtureApi,
  medication,
  newAccountId,
  observation,
  PEOPLE,
  patientResource,
  queueWaiting,
  readableForms,
  SECRETS,
  SELF,
  testVault,
  upsert,
} from './test-support';

const PASSWORD = 'a long enough passphrase';

async function filledCache() {
  const vault = testVault();
  const accountId = newAccountId();
  const { cache } = await vault.openWithPassword(accountId, PASSWORD);
  const api = new FixtureApi(PEOPLE, {
    [SELF]: [
      upsert(patientResource(SELF, SECRETS.givenName, SECRETS.familyName), 1, null),
      upsert(
        medication('med-1', SELF, `${SECRETS.medication} 40 MG Oral Tablet`, '2024-03-01'),
        2,
        '2024-03-01',
      ),
      upsert(
        observation('obs-1', SELF, 'Glucose [Moles/volume] in Blood', 13.37, '2024-03-02T09:30:00Z'),
        3,
        '2024-03-02T09:30:00Z',
      ),
      upsert(
        condition('cond-1', SELF, `${SECRETS.condition} disorder`, '2020-01-01', 'Follows a low-salt diet'),
        4,
        '2020-01-01',
      ),
    ],
    [CHILD]: [upsert(patientResource(CHILD, SECRETS.childName, SECRETS.familyName), 5, null)],
  });
  api.billing.set(SELF, { ...emptyBilling(SELF), statements: [statementAt(SECRETS.facility)] });
  api.messages.set(SELF, {
    ...emptyMessages(SELF),
    threads: [threadSaying(`About my ${SECRETS.messageWord} rash`)],
  });
  // The practice's file on that message, copied for reading offline.
  const fetchFile = async () =>
    new Response(new TextEncoder().encode(`%PDF-1.7 ${SECRETS.condition} report`));
  expect((await syncRecords({ cache, fetch: api.fetch, fetchFile, events: new EventTarget() })).ok).toBe(
    true,
  );
  expect(await cache.db.files.count()).toBe(1);
  // A reply written offline, waiting to be sent.
  await queueWaiting(cache, {
    kind: 'message',
    topic: 'message',
    patientId: SELF,
    content: {
      threadId: 'thread-1',
      subject: null,
      withName: 'Dr. Example',
      locationName: '',
      body: `${SECRETS.medication} again`,
    },
  });
  // A message being written, with a file attached: its text and the file's name are health details.
  const pdf = new TextEncoder().encode(`%PDF-1.7 ${SECRETS.condition} letter`);
  const prepared = await prepareAttachment(
    new File([pdf], `${SECRETS.familyName} referral.pdf`, { type: 'application/pdf' }),
    accountId,
  );
  if ('problem' in prepared) throw new Error(prepared.problem);
  await saveDraft(cache, {
    id: 'draft-1',
    patientId: SELF,
    content: {
      kind: 'reply',
      threadId: 'thread-1',
      body: `The ${SECRETS.messageWord} rash is ${SECRETS.condition}`,
      attachments: [prepared.ref],
    },
  });
  return { vault, accountId, cache };
}

function statementAt(facility: string): BillingStatementLine {
  return {
    id: 'eob-1',
    serviceDate: '2024-03-01',
    facility,
    billedBy: 'Dr. Example',
    insurer: 'Medicaid',
    currency: 'USD',
    chargedCents: 15_000,
    insurancePaidCents: 12_000,
    adjustmentCents: 0,
    patientPaidCents: 0,
    patientOwesCents: 3_000,
    status: 'processed',
  };
}

function threadSaying(body: string): ThreadView {
  const at = '2024-03-02T10:00:00Z';
  return {
    id: 'thread-1',
    patientId: SELF,
    topic: 'care',
    subject: 'medical-question',
    withName: 'Dr. Example',
    locationName: 'Main office',
    startedAt: at,
    lastMessageAt: at,
    unread: false,
    messages: [
      {
        id: 'm-1',
        from: 'patient',
        authorName: 'Marisol',
        onBehalfOf: null,
        authorAccountId: 'a',
        sentAt: at,
        body,
        attachments: [
          { id: 'file-1', name: `${SECRETS.condition} scan.pdf`, mediaType: 'application/pdf', size: 30 },
        ],
      },
    ],
  };
}

describe('the record cache at rest', () => {
  it('holds no name, medication or lab value in readable form in any table', async () => {
    const { vault, accountId } = await filledCache();
    vault.lock();
    const { stores, values } = await dumpDatabase(recordsDbName(accountId));
    expect(stores.sort()).toEqual([
      'account',
      'cursors',
      'drafts',
      'files',
      'inbox',
      'inboxKey',
      'keyring',
      'people',
      'resources',
      'snapshots',
      'throttle',
      'waiting',
    ]);
    expect(values.length).toBeGreaterThan(5);
    const readable = readableForms(values);
    // The detector itself finds a name stored as bytes or base64, so its silence means something.
    const plain = new TextEncoder().encode(JSON.stringify({ family: SECRETS.familyName }));
    expect(readableForms([plain, btoa(SECRETS.labValue + SECRETS.medication)])).toContain(
      SECRETS.familyName.toLowerCase(),
    );
    expect(readableForms([btoa(SECRETS.medication)])).toContain(SECRETS.medication.toLowerCase());
    for (const secret of Object.values(SECRETS)) expect(readable).not.toContain(secret.toLowerCase());
    // What is in clear is what the design allows: ids, types and dates.
    expect(readable).toContain('medicationrequest');
    expect(readable).toContain('2024-03-01');
  });

  it("keeps a draft's files unreadable in the device database too (their keys are in the sealed draft)", async () => {
    const { vault, accountId } = await filledCache();
    vault.lock();
    const files = await sharedDeviceDb().files.where('accountId').equals(accountId).toArray();
    expect(files).toHaveLength(1);
    const readable = readableForms(files);
    for (const secret of Object.values(SECRETS)) expect(readable).not.toContain(secret.toLowerCase());
    expect(readable).not.toContain('referral');
  });

  it('still holds nothing readable while the app is unlocked and showing the records', async () => {
    const { accountId, cache } = await filledCache();
    const meds = await new RecordsReader(cache).list(SELF, 'MedicationRequest');
    expect(JSON.stringify(meds)).toContain(SECRETS.medication);
    const readable = readableForms((await dumpDatabase(recordsDbName(accountId))).values);
    for (const secret of Object.values(SECRETS)) expect(readable).not.toContain(secret.toLowerCase());
  });

  it('gives nothing readable to Dexie without the key either', async () => {
    const { vault, accountId } = await filledCache();
    vault.lock();
    const db = openRecordsDb(accountId);
    const rows = await Promise.all(db.tables.map((table) => table.toArray()));
    db.close();
    const readable = readableForms(rows);
    for (const secret of Object.values(SECRETS)) expect(readable).not.toContain(secret.toLowerCase());
  });

  it('uses a fresh IV for every record, so equal records do not look equal', async () => {
    const { vault, accountId } = await filledCache();
    vault.lock();
    const db = openRecordsDb(accountId);
    const rows = await db.resources.toArray();
    db.close();
    const ivs = new Set(rows.map((row) => row.iv.join(',')));
    expect(ivs.size).toBe(rows.length);
    expect(rows.every((row) => row.iv.byteLength === 12)).toBe(true);
  });

  it('does not open a ciphertext moved to another row', async () => {
    const { accountId, cache } = await filledCache();
    // An attacker swaps the medication's bytes into the condition's row.
    const raw = new Dexie(recordsDbName(accountId));
    await raw.open();
    const table = raw.table('resources');
    const med = await table.get([SELF, 'MedicationRequest', 'med-1']);
    const cond = await table.get([SELF, 'Condition', 'cond-1']);
    await table.put({ ...cond, iv: med.iv, data: med.data });
    raw.close();
    const reader = new RecordsReader(cache);
    await expect(reader.get(SELF, 'Condition', 'cond-1')).rejects.toMatchObject({ kind: 'storage' });
    expect((await reader.get(SELF, 'MedicationRequest', 'med-1'))?.resource.id).toBe('med-1');
  });

  it('keeps the data key wrapped: the keyring holds no usable key material in clear', async () => {
    const { vault, accountId } = await filledCache();
    vault.lock();
    const db = openRecordsDb(accountId);
    const [ring] = await db.keyring.toArray();
    const [row] = await db.resources.toArray();
    db.close();
    expect(ring).toMatchObject({ kdf: 'PBKDF2-SHA-256', wrap: 'AES-KW', iterations: 1_000 });
    expect(ring!.salt.byteLength).toBe(16);
    // AES-KW of a 256-bit key: 40 bytes; importing them as a key must not decrypt anything.
    expect(ring!.wrappedKey.byteLength).toBe(40);
    const wrongKey = await crypto.subtle.importKey('raw', ring!.wrappedKey.slice(0, 32), 'AES-GCM', false, [
      'decrypt',
    ]);
    await expect(
      crypto.subtle.decrypt({ name: 'AES-GCM', iv: row!.iv }, wrongKey, row!.data),
    ).rejects.toThrow();
  });
});

// Messages being written, kept on the device: sealed under the data key with their files' keys,
// still there after the app was closed, gone with their files when discarded, without them when
// sent, with their person when that person leaves the device, and with everything at sign-out.
import { afterEach, describe, expect, it } from 'vitest';
import type { AttachmentRef } from '../../../core/attachments';
import type { OutboxItem } from '../../../core/outbox';
import { sharedDeviceDb } from '../device-db';
import { applyPeople } from '../records/apply-people';
import { recordsKeeper } from '../records/password-keeper';
import type { RecordsCache } from '../records/records-cache';
import { openRecordsDb, recordsDbName } from '../records/records-db';
import {
  CHILD,
  dumpDatabase,
  newAccountId,
  PEOPLE,
  readableForms,
  SELF,
  testVault,
} from '../records/test-support';
import {
  type DraftContent,
  discardDraft,
  draftSent,
  dropOrphanFiles,
  isEmptyDraft,
  listDrafts,
  ORPHAN_FILE_AGE_MS,
  readDraft,
  saveDraft,
} from './drafts';
import { prepareAttachment } from './prepare-attachment';

const PASSWORD = 'a long enough passphrase';
/** Words only the drafts hold: if they show up at rest, a draft leaked. */
const WRITTEN = 'Mucocutaneous';
const FILE_NAME = 'Kaposiform biopsy.pdf';

const device = sharedDeviceDb();
const opened: RecordsCache[] = [];

async function openCache() {
  const vault = testVault();
  const accountId = newAccountId();
  const { cache } = await vault.openWithPassword(accountId, PASSWORD);
  await applyPeople(cache, PEOPLE);
  opened.push(cache);
  return { vault, accountId, cache };
}

afterEach(() => {
  for (const cache of opened.splice(0)) cache.forget();
});

/** A PDF chosen in "Attach files": checked, encrypted and kept as prepare-attachment does it. */
async function attached(accountId: string, name = FILE_NAME): Promise<AttachmentRef> {
  const bytes = new TextEncoder().encode(`%PDF-1.7\n${WRITTEN} pathology report\n%%EOF\n`);
  const prepared = await prepareAttachment(new File([bytes], name, { type: 'application/pdf' }), accountId);
  if ('problem' in prepared) throw new Error(prepared.problem);
  return prepared.ref;
}

function newMessage(attachments: AttachmentRef[] = [], body = `The ${WRITTEN} rash is back.`): DraftContent {
  return {
    kind: 'new',
    subject: 'medical-question',
    providerId: 'dr-a',
    locationId: 'loc-1',
    body,
    attachments,
  };
}

async function filesOf(accountId: string): Promise<string[]> {
  return (await device.files.where('accountId').equals(accountId).primaryKeys()).sort();
}

/** A message waiting in the outbox that names these files (as send-or-queue stores it). */
async function waitingWith(accountId: string, files: string[]): Promise<void> {
  const item: OutboxItem = {
    id: crypto.randomUUID(),
    accountId,
    kind: 'message',
    sealed: 'sealed-to-the-server',
    status: 'queued',
    attempts: 0,
    createdAt: new Date().toISOString(),
    files,
  };
  await device.outbox.put(item);
}

const LATER = () => Date.now() + ORPHAN_FILE_AGE_MS + 60_000;

describe('message drafts on the device', () => {
  it('keeps what is written and the names of attached files unreadable at rest', async () => {
    const { vault, accountId, cache } = await openCache();
    const file = await attached(accountId);
    await saveDraft(cache, { id: 'draft-1', patientId: SELF, content: newMessage([file]) });
    await saveDraft(cache, {
      id: 'draft-2',
      patientId: SELF,
      content: { kind: 'reply', threadId: 'thread-1', body: `${WRITTEN} again`, attachments: [] },
    });
    const unlocked = readableForms((await dumpDatabase(recordsDbName(accountId))).values);
    vault.lock();
    const locked = readableForms((await dumpDatabase(recordsDbName(accountId))).values);
    const files = readableForms(await device.files.where('accountId').equals(accountId).toArray());
    for (const readable of [unlocked, locked, files]) {
      expect(readable).not.toContain(WRITTEN.toLowerCase());
      expect(readable).not.toContain('kaposiform');
      expect(readable).not.toContain('medical-question');
      expect(readable).not.toContain('dr-a');
    }
    // What is clear is what the design allows: ids and when it was saved.
    expect(locked).toContain('draft-1');
    expect(locked).toContain(SELF);
  });

  it('is still there, files and all, after the app was closed and unlocked again', async () => {
    const { vault, accountId, cache } = await openCache();
    const file = await attached(accountId);
    const saved = await saveDraft(cache, { id: 'draft-1', patientId: SELF, content: newMessage([file]) });
    vault.lock();
    cache.db.close();
    const unlocked = await vault.unlockOffline(accountId, PASSWORD);
    if (!unlocked.ok) throw new Error('did not unlock');
    opened.push(unlocked.cache);
    expect(await listDrafts(unlocked.cache, SELF)).toEqual([saved]);
    expect(await filesOf(accountId)).toEqual([file.uploadId]);
  });

  it('needs the key: a locked cache lists no drafts', async () => {
    const { vault, cache } = await openCache();
    await saveDraft(cache, { id: 'draft-1', patientId: SELF, content: newMessage() });
    vault.lock();
    await expect(listDrafts(cache, SELF)).rejects.toMatchObject({ kind: 'session' });
  });

  it("lists one person's drafts, the latest saved first, each save replacing the one before", async () => {
    const { cache } = await openCache();
    await saveDraft(cache, { id: 'a', patientId: SELF, content: newMessage([], 'first') }, new Date(1_000));
    await saveDraft(cache, { id: 'b', patientId: SELF, content: newMessage([], 'second') }, new Date(2_000));
    await saveDraft(cache, { id: 'c', patientId: CHILD, content: newMessage([], 'for Teo') });
    await saveDraft(
      cache,
      { id: 'a', patientId: SELF, content: newMessage([], 'first, more') },
      new Date(3_000),
    );
    const drafts = await listDrafts(cache, SELF);
    expect(drafts.map((d) => [d.id, d.content.body, d.updatedAt])).toEqual([
      ['a', 'first, more', new Date(3_000).toISOString()],
      ['b', 'second', new Date(2_000).toISOString()],
    ]);
    expect((await listDrafts(cache, CHILD)).map((d) => d.id)).toEqual(['c']);
  });

  it('does not open a draft moved to another row or another person', async () => {
    const { cache } = await openCache();
    await saveDraft(cache, { id: 'a', patientId: SELF, content: newMessage() });
    const row = (await cache.db.drafts.get('a'))!;
    await cache.db.drafts.put({ ...row, id: 'b' });
    await cache.db.drafts.put({ ...row, id: 'a', patientId: CHILD });
    expect(await listDrafts(cache, SELF)).toEqual([]);
    expect(await listDrafts(cache, CHILD)).toEqual([]);
    expect(await readDraft(cache, 'b')).toBe(null);
  });

  it('takes a discarded draft and its files off the device', async () => {
    const { accountId, cache } = await openCache();
    const [one, two] = [await attached(accountId), await attached(accountId, 'second.pdf')];
    await saveDraft(cache, { id: 'draft-1', patientId: SELF, content: newMessage([one, two]) });
    const kept = await attached(accountId, 'other.pdf');
    await saveDraft(cache, { id: 'draft-2', patientId: SELF, content: newMessage([kept]) });
    await discardDraft(cache, 'draft-1');
    expect(await readDraft(cache, 'draft-1')).toBe(null);
    expect(await cache.db.drafts.get('draft-1')).toBe(undefined);
    expect(await filesOf(accountId)).toEqual([kept.uploadId]);
  });

  it('never deletes a file a waiting message names when a draft is discarded', async () => {
    const { accountId, cache } = await openCache();
    const file = await attached(accountId);
    await saveDraft(cache, { id: 'draft-1', patientId: SELF, content: newMessage([file]) });
    await waitingWith(accountId, [file.uploadId]);
    await discardDraft(cache, 'draft-1');
    expect(await filesOf(accountId)).toEqual([file.uploadId]);
  });

  it('removes a sent draft but leaves its files to the message', async () => {
    const { accountId, cache } = await openCache();
    const file = await attached(accountId);
    await saveDraft(cache, { id: 'draft-1', patientId: SELF, content: newMessage([file]) });
    await draftSent(cache, 'draft-1');
    expect(await listDrafts(cache, SELF)).toEqual([]);
    expect(await filesOf(accountId)).toEqual([file.uploadId]);
  });

  it('cleans up files left by a closed tab after an hour, and only those', async () => {
    const { accountId, cache } = await openCache();
    const inDraft = await attached(accountId, 'in a draft.pdf');
    const waiting = await attached(accountId, 'waiting.pdf');
    const orphan = await attached(accountId, 'orphan.pdf');
    await saveDraft(cache, { id: 'draft-1', patientId: CHILD, content: newMessage([inDraft]) });
    await waitingWith(accountId, [waiting.uploadId]);
    const other = newAccountId();
    const othersFile = await attached(other);
    // Within the hour, a file may belong to a form open in another tab right now.
    expect(await dropOrphanFiles(cache)).toBe(0);
    expect(await dropOrphanFiles(cache, LATER())).toBe(1);
    expect(await filesOf(accountId)).toEqual([inDraft.uploadId, waiting.uploadId].sort());
    expect(await device.files.get(orphan.uploadId)).toBe(undefined);
    expect(await filesOf(other)).toEqual([othersFile.uploadId]);
  });

  it("drops a person's drafts when they leave the device, and their files at the next clean-up", async () => {
    const { accountId, cache } = await openCache();
    const file = await attached(accountId);
    await saveDraft(cache, { id: 'for-teo', patientId: CHILD, content: newMessage([file]) });
    await saveDraft(cache, { id: 'mine', patientId: SELF, content: newMessage() });
    // The next people list no longer has Teo (access removed).
    await applyPeople(
      cache,
      PEOPLE.filter((p) => p.patientId !== CHILD),
    );
    expect(await listDrafts(cache, CHILD)).toEqual([]);
    expect(await cache.db.drafts.get('for-teo')).toBe(undefined);
    expect((await listDrafts(cache, SELF)).map((d) => d.id)).toEqual(['mine']);
    expect(await dropOrphanFiles(cache, LATER())).toBe(1);
    expect(await filesOf(accountId)).toEqual([]);
  });

  it("drops a person's drafts when their access level changes", async () => {
    const { cache } = await openCache();
    await saveDraft(cache, { id: 'for-teo', patientId: CHILD, content: newMessage() });
    await applyPeople(
      cache,
      PEOPLE.map((p) => (p.patientId === CHILD ? { ...p, access: 'billing' as const } : p)),
    );
    expect(await cache.db.drafts.count()).toBe(0);
  });

  it('leaves nothing of a draft on the device after sign-out, but keeps the files of waiting messages', async () => {
    const vault = testVault();
    const keeper = recordsKeeper(vault);
    const accountId = newAccountId();
    const { cache } = await vault.openWithPassword(accountId, PASSWORD);
    await applyPeople(cache, PEOPLE);
    const inDraft = await attached(accountId);
    const waiting = await attached(accountId, 'waiting.pdf');
    await saveDraft(cache, { id: 'draft-1', patientId: SELF, content: newMessage([inDraft]) });
    await waitingWith(accountId, [waiting.uploadId]);
    await keeper.signedOut(accountId);
    expect(await filesOf(accountId)).toEqual([waiting.uploadId]);
    const db = openRecordsDb(accountId);
    expect(await db.drafts.count()).toBe(0);
    db.close();
  });

  it('counts a form with nothing written, chosen or attached as empty', () => {
    const empty: DraftContent = {
      kind: 'new',
      subject: '',
      providerId: '',
      locationId: '',
      body: '  \n',
      attachments: [],
    };
    expect(isEmptyDraft(empty)).toBe(true);
    expect(isEmptyDraft({ ...empty, subject: 'billing-question' })).toBe(false);
    expect(isEmptyDraft({ ...empty, body: 'Hi' })).toBe(false);
    expect(isEmptyDraft({ kind: 'reply', threadId: 't', body: ' ', attachments: [] })).toBe(true);
  });
});

// Readable copies of changes waiting in the outbox, one topic per page: a family access change
// kept under the account holder's id never shows up as a message, nor a message as a family
// change, and each copy is bound to its topic.
import { describe, expect, it } from 'vitest';
import type { OutboxItem } from '../../../core/outbox';
import { keepWaiting, waitingMessages } from '../messages/waiting-messages';
import { sealJson, waitingAad } from './cipher';
import { newAccountId, SELF, testVault } from './test-support';
import { keepWaitingCopy, waitingCopies } from './waiting';

const item = (id: string, status: OutboxItem['status'] = 'queued'): OutboxItem => ({
  id,
  accountId: 'a',
  kind: 'family-change',
  sealed: 'x',
  status,
  attempts: 0,
  createdAt: new Date().toISOString(),
});
const outboxOf =
  (...ids: string[]) =>
  async (wanted: readonly string[]) =>
    new Map(ids.filter((id) => wanted.includes(id)).map((id) => [id, item(id)]));

const MESSAGE = {
  threadId: null,
  subject: 'appointments' as const,
  withName: 'Dr. A',
  locationName: 'Main',
  body: 'Tuesday?',
};

describe('waiting copies by topic', () => {
  it('keeps family changes and messages of one person apart', async () => {
    const vault = testVault();
    const { cache } = await vault.openWithPassword(newAccountId(), 'pass phrase for tests');
    await keepWaiting(cache, 'm-1', SELF, MESSAGE, '2025-01-01T10:00:00Z');
    await keepWaitingCopy(
      cache,
      'family',
      'f-1',
      SELF,
      { what: 'remove', grantId: 'g1', displayName: 'Carlos' },
      '2025-01-01T10:01:00Z',
    );
    const outbox = outboxOf('m-1', 'f-1');
    const messages = await waitingMessages(cache, SELF, outbox);
    expect(messages.waiting.map((w) => [w.id, w.body])).toEqual([['m-1', 'Tuesday?']]);
    expect(messages.delivered).toBe(0);
    const family = await waitingCopies<{ what: string }>(cache, 'family', SELF, outbox);
    expect(family.waiting.map((w) => [w.id, w.content.what])).toEqual([['f-1', 'remove']]);
    // A family change delivered is dropped by the family page's read only.
    const afterDelivery = await waitingCopies(cache, 'family', SELF, outboxOf('m-1'));
    expect(afterDelivery).toEqual({ waiting: [], delivered: 1 });
    expect(await cache.db.waiting.get('m-1')).toBeDefined();
    expect(JSON.stringify(await cache.db.waiting.toArray())).not.toContain('Carlos');
    vault.lock();
  });

  it('reads copies made before topics existed as messages, and binds each copy to its topic', async () => {
    const vault = testVault();
    const { cache } = await vault.openWithPassword(newAccountId(), 'pass phrase for tests');
    const old = await sealJson(cache.key, MESSAGE, waitingAad('m-old', SELF));
    await cache.db.waiting.put({ id: 'm-old', patientId: SELF, createdAt: '2024-01-01T00:00:00Z', ...old });
    expect((await waitingMessages(cache, SELF, outboxOf('m-old'))).waiting.map((w) => w.id)).toEqual([
      'm-old',
    ]);
    // Relabelled as a family change, it no longer opens.
    await cache.db.waiting.update('m-old', { topic: 'family' });
    await expect(waitingCopies(cache, 'family', SELF, outboxOf('m-old'))).rejects.toThrow();
    vault.lock();
  });
});

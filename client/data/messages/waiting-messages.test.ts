// Messages written offline keep a readable copy under the data key until the outbox delivered
// them: "Waiting to send", then "Not sent" with the server's reason, then gone once delivered.
import { describe, expect, it } from 'vitest';
import type { OutboxItem } from '../../../core/outbox';
import { newAccountId, SELF, testVault } from '../records/test-support';
import { keepWaiting, waitingMessages } from './waiting-messages';

const item = (id: string, status: OutboxItem['status'], failure?: OutboxItem['failure']): OutboxItem => ({
  id,
  accountId: 'a',
  kind: 'message',
  sealed: 'x',
  status,
  attempts: 1,
  createdAt: new Date().toISOString(),
  ...(failure ? { failure } : {}),
});

describe('messages waiting on the device', () => {
  it('shows what waits or failed, and drops copies the outbox has delivered', async () => {
    const vault = testVault();
    const { cache } = await vault.openWithPassword(newAccountId(), 'pass phrase for tests');
    const content = {
      threadId: null,
      subject: 'appointments' as const,
      withName: 'Dr. A',
      locationName: 'Main',
    };
    await keepWaiting(
      cache,
      'queued-1',
      SELF,
      { ...content, body: 'Can I come Tuesday?' },
      '2025-01-01T10:00:00Z',
    );
    await keepWaiting(
      cache,
      'failed-1',
      SELF,
      { ...content, body: 'And Wednesday?' },
      '2025-01-01T10:01:00Z',
    );
    await keepWaiting(cache, 'sent-1', SELF, { ...content, body: 'Thanks' }, '2025-01-01T10:02:00Z');
    const outbox = new Map([
      ['queued-1', item('queued-1', 'queued')],
      [
        'failed-1',
        item('failed-1', 'failed', { status: 422, title: 'Invalid', detail: 'Choose the provider.' }),
      ],
    ]);
    const { waiting, delivered } = await waitingMessages(cache, SELF, async (ids) => {
      expect(ids).toEqual(['queued-1', 'failed-1', 'sent-1']);
      return outbox;
    });
    expect(waiting.map((w) => [w.id, w.status, w.body])).toEqual([
      ['queued-1', 'queued', 'Can I come Tuesday?'],
      ['failed-1', 'failed', 'And Wednesday?'],
    ]);
    expect(waiting[1]?.failure?.detail).toBe('Choose the provider.');
    expect(delivered).toBe(1);
    expect(await cache.db.waiting.get('sent-1')).toBeUndefined();
    vault.lock();
  });
});

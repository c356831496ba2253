// The storage facts the settings page shows, on browsers that have the Storage API and on those
// that do not or that throw.
import { describe, expect, it } from 'vitest';
import { requestPersistentStorage, storageFacts } from './storage-facts';

describe('storage facts', () => {
  it('reports persistence, usage and quota where the browser tells them', async () => {
    const storage = {
      persisted: async () => true,
      estimate: async () => ({ usage: 1_234, quota: 5_000_000 }),
      persist: async () => true,
    };
    expect(await storageFacts(storage)).toEqual({ persisted: true, usage: 1_234, quota: 5_000_000 });
    expect(await requestPersistentStorage(storage)).toBe(true);
  });

  it('says "unknown" where the Storage API is missing', async () => {
    expect(await storageFacts(undefined)).toEqual({ persisted: null, usage: null, quota: null });
    expect(await storageFacts({})).toEqual({ persisted: null, usage: null, quota: null });
    expect(await requestPersistentStorage({})).toBeNull();
  });

  it('says "unknown" where the browser throws (private windows)', async () => {
    const storage = {
      persisted: async () => {
        throw new Error('denied');
      },
      estimate: async () => {
        throw new Error('denied');
      },
      persist: async () => {
        throw new Error('denied');
      },
    };
    expect(await storageFacts(storage)).toEqual({ persisted: null, usage: null, quota: null });
    expect(await requestPersistentStorage(storage)).toBeNull();
  });

  it('reports a refusal to persist as false', async () => {
    expect(await requestPersistentStorage({ persist: async () => false })).toBe(false);
  });
});

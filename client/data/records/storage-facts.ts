// What the settings page says about this device's storage: whether the browser promised to keep
// the cache (persistent storage) and how much is used of the quota. Safe where unsupported.

/** The parts of StorageManager used here; tests pass their own. */
export type StorageLike = Partial<Pick<StorageManager, 'persist' | 'persisted' | 'estimate'>>;

export interface StorageFacts {
  /** The browser will not evict the cache under storage pressure; null when it cannot say. */
  persisted: boolean | null;
  /** Bytes used by this site and bytes it may use, null when unknown. */
  usage: number | null;
  quota: number | null;
}

function defaultStorage(): StorageLike | undefined {
  return (globalThis as { navigator?: { storage?: StorageLike } }).navigator?.storage;
}

export async function storageFacts(
  storage: StorageLike | undefined = defaultStorage(),
): Promise<StorageFacts> {
  const [persisted, estimate] = await Promise.all([
    attempt(() => storage?.persisted?.()),
    attempt(() => storage?.estimate?.()),
  ]);
  return {
    persisted: typeof persisted === 'boolean' ? persisted : null,
    usage: typeof estimate?.usage === 'number' ? estimate.usage : null,
    quota: typeof estimate?.quota === 'number' ? estimate.quota : null,
  };
}

/**
 * Asks the browser to keep the cache even when space runs low. True when granted, false when
 * refused, null when the browser has no such option. Chromium decides without asking the user.
 */
export async function requestPersistentStorage(
  storage: StorageLike | undefined = defaultStorage(),
): Promise<boolean | null> {
  const granted = await attempt(() => storage?.persist?.());
  return typeof granted === 'boolean' ? granted : null;
}

async function attempt<T>(call: () => Promise<T> | undefined): Promise<T | undefined> {
  try {
    return await call();
  } catch {
    // Some browsers throw in private windows or insecure contexts: treat as unknown.
    return undefined;
  }
}

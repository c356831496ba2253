// The events of the record cache, on one bus that pages (RecordsController) listen to. Details
// hold opaque ids and counts only, never anything from a record.

/** The app's bus; tests pass their own EventTarget. */
export const recordsEvents: EventTarget = new EventTarget();

/** A sync stored or removed records: pages showing those people load again. */
export const RECORDS_CHANGED_EVENT = 'records-changed';
export interface RecordsChangedDetail {
  accountId: string;
  /** People whose records (or entry in the people list) changed. */
  patientIds: string[];
}

/** The cache was unlocked, locked or wiped. */
export const RECORDS_VAULT_EVENT = 'records-vault';
export interface RecordsVaultDetail {
  accountId: string;
  state: 'unlocked' | 'locked' | 'wiped';
}

/** Progress of a running sync, and its end. */
export const RECORDS_SYNC_EVENT = 'records-sync';

export function emit<T>(target: EventTarget, type: string, detail: T): void {
  target.dispatchEvent(new CustomEvent<T>(type, { detail }));
}

// Gives a Lit element data from the record cache: loads when connected, loads again when a sync
// changed the people it shows, and drops everything it decrypted as soon as the cache locks.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { RecordsCache } from './records-cache';
import { type RecordsError, toRecordsError } from './records-errors';
import {
  RECORDS_CHANGED_EVENT,
  RECORDS_VAULT_EVENT,
  type RecordsChangedDetail,
  type RecordsVaultDetail,
  recordsEvents,
} from './records-events';
import { RecordsReader } from './records-reader';

/** Where the open cache comes from: the app's RecordsVault. */
export interface RecordsSource {
  readonly current: RecordsCache | null;
}

/** 'loading' only before the first answer; a reload keeps showing the previous value. */
export type RecordsStatus = 'locked' | 'loading' | 'ready' | 'error';

export interface RecordsControllerOptions<T> {
  source: RecordsSource;
  load: (reader: RecordsReader) => Promise<T>;
  /** The people the element shows; it reloads only when one of them changed. Default: anyone. */
  patientIds?: () => readonly string[];
  events?: EventTarget;
}

export class RecordsController<T> implements ReactiveController {
  value: T | undefined = undefined;
  status: RecordsStatus = 'loading';
  error: RecordsError | null = null;
  readonly #host: ReactiveControllerHost;
  readonly #options: RecordsControllerOptions<T>;
  readonly #events: EventTarget;
  #generation = 0;

  constructor(host: ReactiveControllerHost, options: RecordsControllerOptions<T>) {
    this.#host = host;
    this.#options = options;
    this.#events = options.events ?? recordsEvents;
    host.addController(this);
  }

  hostConnected(): void {
    this.#events.addEventListener(RECORDS_CHANGED_EVENT, this.#onChanged);
    this.#events.addEventListener(RECORDS_VAULT_EVENT, this.#onVault);
    void this.reload();
  }

  hostDisconnected(): void {
    this.#events.removeEventListener(RECORDS_CHANGED_EVENT, this.#onChanged);
    this.#events.removeEventListener(RECORDS_VAULT_EVENT, this.#onVault);
    this.#generation += 1; // an answer still on its way is dropped
  }

  /** Loads now; resolves when this load settled (a newer one supersedes it). */
  async reload(): Promise<void> {
    const generation = ++this.#generation;
    const cache = this.#options.source.current;
    if (!cache || cache.locked) {
      this.#forget();
      return;
    }
    try {
      const value = await this.#options.load(new RecordsReader(cache));
      if (generation !== this.#generation) return;
      this.value = value;
      this.status = 'ready';
      this.error = null;
    } catch (error) {
      if (generation !== this.#generation) return;
      const failure = toRecordsError(error);
      if (cache.locked) {
        this.#forget();
        return;
      }
      this.status = 'error';
      this.error = failure;
    }
    this.#host.requestUpdate();
  }

  #forget(): void {
    this.value = undefined;
    this.error = null;
    this.status = 'locked';
    this.#host.requestUpdate();
  }

  readonly #onChanged = (event: Event): void => {
    const detail = (event as CustomEvent<RecordsChangedDetail>).detail;
    if (detail.accountId !== this.#options.source.current?.accountId) return;
    const shown = this.#options.patientIds?.();
    if (shown && !detail.patientIds.some((id) => shown.includes(id))) return;
    void this.reload();
  };

  readonly #onVault = (event: Event): void => {
    const { state } = (event as CustomEvent<RecordsVaultDetail>).detail;
    if (state === 'unlocked') void this.reload();
    else {
      // Locked or wiped: nothing decrypted may stay on screen.
      this.#generation += 1;
      this.#forget();
    }
  };
}

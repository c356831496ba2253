// Keeps the message being written in a form as a draft (data/messages/drafts.ts): saved a moment
// after the last keystroke, choice or attached file, and at once when the page is hidden or closed
// (a phone may never come back to it). Used by "Send a message" and the patient's reply; never by
// the practice's reply (its devices are shared, nothing of theirs is kept).
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  type Draft,
  type DraftContent,
  draftSent,
  isEmptyDraft,
  saveDraft,
} from '../../data/messages/drafts';
import { vault } from '../../data/records/app-records';
import type { RecordsSource } from '../../data/records/records-controller';
import { ATTACHMENTS_CHANGED_EVENT } from './attach-files';

export interface DraftControllerOptions {
  /** Whose message it is; null while the form has nobody to write for. */
  patientId: () => string | null;
  /** What the form holds now. */
  content: () => DraftContent;
  /** The unlocked cache to keep it in; the app's vault unless a test gives another. */
  source?: RecordsSource;
  /** Quiet time after the last change before it is saved. */
  delayMs?: number;
}

type Host = ReactiveControllerHost & HTMLElement & { renderRoot: ParentNode };

/** Saves on the host's input, change and attachments-changed events, heard in its shadow root. */
export class DraftController implements ReactiveController {
  /** The draft this form writes into: a new one for each form, or the one it was reopened with. */
  id: string = crypto.randomUUID();
  readonly #host: Host;
  readonly #options: DraftControllerOptions;
  readonly #delayMs: number;
  #timer: number | undefined;
  /** Whose draft `id` is, once saved: a form that changes person starts another draft. */
  #patientId: string | null = null;
  /** Saves and deletions one after another, so a late save never brings back a sent draft. */
  #queue: Promise<unknown> = Promise.resolve();
  #listening: ParentNode | null = null;

  constructor(host: Host, options: DraftControllerOptions) {
    this.#host = host;
    this.#options = options;
    this.#delayMs = options.delayMs ?? 800;
    host.addController(this);
  }

  get #source(): RecordsSource {
    return this.#options.source ?? vault;
  }

  /** The form was opened on a saved draft: from now on it writes into that one. */
  adopt(draft: Pick<Draft, 'id' | 'patientId'>): void {
    this.#cancelTimer();
    this.id = draft.id;
    this.#patientId = draft.patientId;
  }

  /** Something changed: save once the user pauses. */
  changed(): void {
    this.#cancelTimer();
    this.#timer = window.setTimeout(() => void this.flush(), this.#delayMs);
  }

  /**
   * Saves now whatever waits to be saved (an empty form deletes its draft). Resolves to whether a
   * draft is kept; false also when there is nothing to keep it in (locked).
   */
  flush(): Promise<boolean> {
    const pending = this.#timer !== undefined;
    this.#cancelTimer();
    const content = this.#options.content();
    const patientId = this.#options.patientId();
    return this.#then(async () => {
      const cache = this.#source.current;
      if (!cache || cache.locked || !patientId) return false;
      if (this.#patientId !== null && this.#patientId !== patientId) {
        // Another person chosen with the form open: the first one's draft stays theirs.
        this.id = crypto.randomUUID();
        this.#patientId = null;
      }
      if (isEmptyDraft(content)) {
        if (this.#patientId !== null) await draftSent(cache, this.id);
        this.#patientId = null;
        return false;
      }
      if (pending || this.#patientId === null) await saveDraft(cache, { id: this.id, patientId, content });
      this.#patientId = patientId;
      return true;
    });
  }

  /** The form's message was sent (or waits in the outbox): its draft goes, and the next is new. */
  sent(): Promise<void> {
    this.#cancelTimer();
    const id = this.id;
    this.id = crypto.randomUUID();
    this.#patientId = null;
    return this.#then(async () => {
      const cache = this.#source.current;
      if (cache && !cache.locked) await draftSent(cache, id);
    });
  }

  hostConnected(): void {
    this.#listening = this.#host.renderRoot;
    for (const type of ['input', 'change', ATTACHMENTS_CHANGED_EVENT])
      this.#listening.addEventListener(type, this.#onChange);
    document.addEventListener('visibilitychange', this.#onVisibility);
    window.addEventListener('pagehide', this.#onHide);
  }

  hostDisconnected(): void {
    for (const type of ['input', 'change', ATTACHMENTS_CHANGED_EVENT])
      this.#listening?.removeEventListener(type, this.#onChange);
    this.#listening = null;
    document.removeEventListener('visibilitychange', this.#onVisibility);
    window.removeEventListener('pagehide', this.#onHide);
    // Left for another page: what was typed last is kept.
    if (this.#timer !== undefined) void this.flush();
  }

  #then<T>(step: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(step);
    // A failed save (the cache locked meanwhile) must not stop the ones after it.
    this.#queue = next.catch(() => undefined);
    return next.catch(() => false as T);
  }

  #cancelTimer(): void {
    window.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  readonly #onChange = (): void => this.changed();

  readonly #onVisibility = (): void => {
    if (document.visibilityState === 'hidden' && this.#timer !== undefined) void this.flush();
  };

  readonly #onHide = (): void => {
    if (this.#timer !== undefined) void this.flush();
  };
}

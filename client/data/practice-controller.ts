// Gives a Lit element the practice's details: the cached copy at once, then the server's answer,
// and a fresh try whenever the device comes back online.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { PracticeInfo } from '../../core/practice';
import { fetchPractice, readCachedPractice } from './practice-store';

export class PracticeController implements ReactiveController {
  /** Null until something was fetched once: show a neutral "Patient portal", never a guess. */
  value: PracticeInfo | null = readCachedPractice();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly fetchImpl: typeof fetch = (...args) => fetch(...args),
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('online', this.refresh);
    void this.refresh();
  }

  hostDisconnected(): void {
    window.removeEventListener('online', this.refresh);
  }

  /** Resolves once the server answered (or failed); the host re-renders only on a change. */
  readonly refresh = async (): Promise<void> => {
    const fresh = await fetchPractice(this.fetchImpl);
    if (fresh !== null && JSON.stringify(fresh) !== JSON.stringify(this.value)) {
      this.value = fresh;
      this.host.requestUpdate();
    }
  };
}

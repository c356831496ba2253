// Decides when the page replays the outbox: at start, when the connection returns, and on a timer
// while anything waits (browsers without Background Sync rely on this). Also asks the service
// worker to schedule a Background Sync, which fires even if the page is closed.
import { OUTBOX_SYNC_TAG } from '../../../core/outbox';
import type { DeviceDb } from '../device-db';
import { type ReplayDeps, type ReplayReport, replayOutbox } from './replay';

const RETRY_EVERY_MS = 60_000;
/** Right after an `online` event the network may not carry requests yet: try again shortly. */
const RETRY_AFTER_ONLINE_MS = 2_000;

interface SyncManagerLike {
  register(tag: string): Promise<void>;
}

export async function requestBackgroundSync(): Promise<boolean> {
  if (!('serviceWorker' in navigator)) return false;
  const registration = (await navigator.serviceWorker.getRegistration()) as
    | (ServiceWorkerRegistration & { sync?: SyncManagerLike })
    | undefined;
  if (!registration?.sync) return false;
  try {
    await registration.sync.register(OUTBOX_SYNC_TAG);
    return true;
  } catch {
    return false;
  }
}

export class OutboxRunner {
  private timer: ReturnType<typeof setInterval> | undefined;
  private running: Promise<ReplayReport> | null = null;
  private readonly onOnline = () => {
    void this.flush().then((report) => {
      if (report.waiting > 0) setTimeout(() => void this.flush(), RETRY_AFTER_ONLINE_MS);
    });
  };

  constructor(
    private readonly db: DeviceDb,
    private readonly deps: ReplayDeps,
    private readonly onReport: (report: ReplayReport) => void = () => {},
  ) {}

  start(): void {
    window.addEventListener('online', this.onOnline);
    this.timer = setInterval(() => void this.flush(), RETRY_EVERY_MS);
    void this.flush();
  }

  stop(): void {
    window.removeEventListener('online', this.onOnline);
    clearInterval(this.timer);
  }

  /** One replay at a time from this page; a call during a run waits for that run. */
  flush(): Promise<ReplayReport> {
    if (!this.running) {
      this.running = replayOutbox(this.db, this.deps)
        .then((report) => {
          this.onReport(report);
          return report;
        })
        .finally(() => {
          this.running = null;
        });
    }
    return this.running;
  }
}

// Watches for user activity and calls onWarn shortly before, and onLock when, the idle time is up.
// The clock is injectable so tests can move time forward instead of waiting fifteen minutes.

import { DEFAULT_IDLE_LOCK_MINUTES, IDLE_WARNING_SECONDS } from '../../core/session-timing';

export interface IdleClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): number;
  clearTimeout(id: number): void;
}

export const realClock: IdleClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => window.setTimeout(callback, ms),
  clearTimeout: (id) => window.clearTimeout(id),
};

export interface IdleLockOptions {
  lockAfterMs?: number;
  warnBeforeMs?: number;
  clock?: IdleClock;
  onWarn: (secondsLeft: number) => void;
  onLock: () => void;
  /** Where activity is heard; window in the app. */
  target?: EventTarget;
}

const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart', 'scroll'] as const;

export class IdleLock {
  private readonly lockAfterMs: number;
  private readonly warnBeforeMs: number;
  private readonly clock: IdleClock;
  private readonly target: EventTarget;
  private lastActivity = 0;
  private timer: number | null = null;
  private warned = false;
  private running = false;

  constructor(private readonly options: IdleLockOptions) {
    this.lockAfterMs = options.lockAfterMs ?? DEFAULT_IDLE_LOCK_MINUTES * 60_000;
    this.warnBeforeMs = options.warnBeforeMs ?? IDLE_WARNING_SECONDS * 1000;
    this.clock = options.clock ?? realClock;
    this.target = options.target ?? window;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    for (const type of ACTIVITY_EVENTS)
      this.target.addEventListener(type, this.onActivity, { passive: true });
    // A phone put to sleep delays timers: check the real time when the app is seen again.
    document.addEventListener('visibilitychange', this.check);
    this.stayActive();
  }

  stop(): void {
    this.running = false;
    for (const type of ACTIVITY_EVENTS) this.target.removeEventListener(type, this.onActivity);
    document.removeEventListener('visibilitychange', this.check);
    this.clear();
    this.warned = false;
  }

  /** "Stay signed in": the idle time starts again from now. */
  stayActive(): void {
    this.lastActivity = this.clock.now();
    this.warned = false;
    this.schedule(this.lockAfterMs - this.warnBeforeMs);
  }

  // While the warning shows, only its button counts: a stray touch must not silently dismiss it.
  private readonly onActivity = (): void => {
    if (!this.warned) this.lastActivity = this.clock.now();
  };

  private readonly check = (): void => {
    if (!this.running) return;
    const idle = this.clock.now() - this.lastActivity;
    if (idle >= this.lockAfterMs) {
      this.stop();
      this.options.onLock();
      return;
    }
    const warnAt = this.lockAfterMs - this.warnBeforeMs;
    if (idle >= warnAt) {
      if (!this.warned) {
        this.warned = true;
        this.options.onWarn(Math.ceil((this.lockAfterMs - idle) / 1000));
      }
      this.schedule(this.lockAfterMs - idle);
      return;
    }
    // Activity happened since the timer was set: wait for the rest of the new idle period.
    this.schedule(warnAt - idle);
  };

  private schedule(ms: number): void {
    this.clear();
    this.timer = this.clock.setTimeout(this.check, Math.max(0, ms));
  }

  private clear(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }
}

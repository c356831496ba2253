// The event pages listen to for outbox results, apart from the outbox code itself so that
// listening costs a page nothing until something was queued.
import type { OutboxItem, OutboxKind } from '../../core/outbox';

/** Fired on window after each replay, by this page or by the service worker. */
export const OUTBOX_REPLAYED_EVENT = 'outbox-replayed';

export interface OutboxReplayedDetail {
  sent: Array<{ id: string; kind: OutboxKind; status: number; body: unknown }>;
  failed: OutboxItem[];
}

import { realTimers, type Timers } from '../../../common/timers';

/** Acknowledge rendered output once this many bytes have been written... */
export const ACK_BATCH_BYTES = 8 * 1024;
/** ...or once output has been quiet this long with some bytes still unacknowledged. */
export const ACK_IDLE_MS = 500;

export type { Timers } from '../../../common/timers';
export { realTimers } from '../../../common/timers';

/**
 * Counts output bytes xterm has finished writing and reports them in batches, so the
 * server can keep a bounded amount of output in flight without one message per chunk.
 * Each report carries the bytes written since the previous report.
 */
export class AckBatcher {
  private pending = 0;
  private idleTimer: unknown = undefined;

  constructor(
    private readonly send: (bytes: number) => void,
    private readonly batchBytes: number = ACK_BATCH_BYTES,
    private readonly idleMs: number = ACK_IDLE_MS,
    private readonly timers: Timers = realTimers,
  ) {}

  /** Bytes written and not yet reported. */
  get unacknowledged(): number {
    return this.pending;
  }

  /** Call from term.write's callback with the size of the chunk that was written. */
  written(bytes: number): void {
    if (bytes <= 0) return;
    this.pending += bytes;
    if (this.pending >= this.batchBytes) {
      this.flush();
    } else {
      this.armIdle();
    }
  }

  /** Reports whatever is pending now. */
  flush(): void {
    this.disarmIdle();
    // The wire format carries a uint32; a huge backlog is reported in several messages.
    while (this.pending > 0) {
      const n = Math.min(this.pending, 0xffffffff);
      this.pending -= n;
      this.send(n);
    }
  }

  /** Forgets pending bytes (the connection they belong to is gone). */
  reset(): void {
    this.disarmIdle();
    this.pending = 0;
  }

  private armIdle(): void {
    this.disarmIdle();
    this.idleTimer = this.timers.setTimeout(() => {
      this.idleTimer = undefined;
      this.flush();
    }, this.idleMs);
  }

  private disarmIdle(): void {
    if (this.idleTimer !== undefined) {
      this.timers.clearTimeout(this.idleTimer);
      this.idleTimer = undefined;
    }
  }
}

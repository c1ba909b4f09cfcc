// Keeps the registry mirror running while the server runs. The mirror is a process of its
// own (it outlives the server, see process.ts), so it can die without the server noticing:
// killed by the kernel, by an operator, or by a crash. The supervisor asks it every few
// seconds whether it answers, and when it does not, starts it again, waiting longer after
// each failed start (1 s doubling to 60 s) so a mirror that cannot start is not respawned
// in a tight loop. Sandboxes pull from it meanwhile and fail with the daemon's own error
// ("connection refused"); /api/health says the mirror is down and why.
import { realTimers, type Timers } from '../../common/timers.js';
import { logger } from '../log.js';

const log = logger('registry');

/** How often a healthy mirror is asked whether it still answers. */
export const MIRROR_CHECK_MS = 5_000;
export const MIRROR_RETRY_FIRST_MS = 1_000;
export const MIRROR_RETRY_MAX_MS = 60_000;

export interface MirrorStatus {
  /** Whether the mirror answered the last time it was asked. */
  reachable: boolean;
  /** Times the supervisor started it again since the server started. */
  restarts: number;
  /** Why the last start failed, while it stays down. */
  problem?: string;
}

export interface MirrorSupervisorOptions {
  /** Whether the mirror answers its API now. */
  answers(): Promise<boolean>;
  /** Starts the mirror again (stopping a process that runs but does not answer). */
  restart(): Promise<void>;
  timers?: Timers;
  checkMs?: number;
}

export class MirrorSupervisor {
  private readonly timers: Timers;
  private timer: unknown = undefined;
  private stopped = false;
  /** The wait before the next start after a failed one; doubles with each failure. */
  private retryMs = MIRROR_RETRY_FIRST_MS;
  private waitMs = MIRROR_RETRY_FIRST_MS;
  private current: MirrorStatus = { reachable: true, restarts: 0 };

  constructor(private readonly options: MirrorSupervisorOptions) {
    this.timers = options.timers ?? realTimers;
  }

  get status(): MirrorStatus {
    return { ...this.current };
  }

  /** Checks from now on (again, after stop()). */
  start(): void {
    this.stop();
    this.stopped = false;
    this.schedule(this.options.checkMs ?? MIRROR_CHECK_MS);
  }

  stop(): void {
    this.stopped = true;
    this.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Asks the mirror now, and starts it again if it does not answer (tests, and each tick). */
  async check(): Promise<void> {
    if (await this.options.answers()) {
      if (!this.current.reachable) log.info('the registry mirror answers again');
      this.current = { reachable: true, restarts: this.current.restarts };
      this.retryMs = MIRROR_RETRY_FIRST_MS;
      return;
    }
    if (this.current.reachable) log.warn('the registry mirror does not answer; starting it again');
    this.current = { ...this.current, reachable: false };
    try {
      await this.options.restart();
      this.current = { reachable: true, restarts: this.current.restarts + 1 };
      this.retryMs = MIRROR_RETRY_FIRST_MS;
      log.info({ restarts: this.current.restarts }, 'the registry mirror was started again');
    } catch (err) {
      const problem = (err as Error).message.split('\n')[0]!;
      this.current = { ...this.current, problem };
      this.waitMs = this.retryMs;
      log.error({ retryMs: this.waitMs }, `the registry mirror did not start: ${problem}`);
      this.retryMs = Math.min(this.retryMs * 2, MIRROR_RETRY_MAX_MS);
    }
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      void this.check()
        .catch((err: Error) => log.error(`checking the registry mirror: ${err.message}`))
        .finally(() => this.schedule(this.nextDelay()));
    }, ms);
    (this.timer as { unref?: () => void }).unref?.();
  }

  /** After a failed start the next try waits the backoff; otherwise the usual check. */
  private nextDelay(): number {
    return this.current.reachable ? (this.options.checkMs ?? MIRROR_CHECK_MS) : this.waitMs;
  }
}

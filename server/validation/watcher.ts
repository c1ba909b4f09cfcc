// Keeps a step's answer fresh: re-runs its checks shortly after the sandbox's daemon reports
// events or a shell reports a finished command (nudge), a burst being one run and runs
// starting at most once per debounce window, and at once when the learner asks (a Check
// button). Every answer goes to onUpdate. stop() ends the event stream and all timers.
import type { Check, CheckInput, StepResult } from '../../common/checks.js';
import { realTimers, type Timers } from '../../common/timers.js';
import { message, type Message } from '../../common/messages.js';
import { logger } from '../log.js';
import type { DockerEvent } from './event-lines.js';
import type { SubscribeEvents } from './events.js';
import { keepSubscribed, type KeptSubscription } from './keep-subscribed.js';
import { fail } from './checks/result.js';
import { explainFailure } from './run-check.js';
import { runChecks } from './run-checks.js';
import type { SandboxShell } from './shell.js';

const log = logger('validation');

export type WatchTrigger = 'start' | 'events' | 'demand' | 'reconnect';

/** Runs the checks once; given instead of `checks` when what is checked changes over time. */
export type Evaluate = (shell: SandboxShell) => Promise<StepResult>;

export interface WatchUpdate {
  trigger: WatchTrigger;
  result: StepResult;
  /** Whether any check's answer differs from the previous update's (always true for the first). */
  changed: boolean;
}

export interface StepWatcherOptions {
  shell: SandboxShell;
  checks: readonly (Check | CheckInput)[];
  /** Replaces running `checks` (which then only shape the answer when checking has stopped). */
  evaluate?: Evaluate;
  subscribe: SubscribeEvents;
  onUpdate(update: WatchUpdate): void;
  /** Told when the event stream breaks; the watcher reconnects by itself. */
  onStreamProblem?(reason: string): void;
  /** Least time between the starts of two runs that events cause. */
  debounceMs?: number;
  /** Wait after an event before running, so one command's burst of events is one run (at most debounceMs). */
  settleMs?: number;
  /** The timers and the clock the watcher waits by (tests drive them by hand). */
  timers?: Timers;
  now?: () => number;
}

export interface StepWatcher {
  /** Runs the checks now (or right after a run in progress) and resolves with that answer. */
  check(): Promise<StepResult>;
  /**
   * Something may have changed that the daemon reports no event for (a command finished in
   * a shell, a timer): run as after an event, within the same debounce, so nudges however
   * many cost at most one run per window.
   */
  nudge(): void;
  /** The latest answer, if any. */
  readonly last: StepResult | null;
  stop(): Promise<void>;
}

export const DEFAULT_DEBOUNCE_MS = 250;
export const DEFAULT_SETTLE_MS = 50;
/** Events this soon after a run ends may still be the run's own (a lesson script's `docker run`). */
const OWN_EVENT_LAG_MS = 100;
/** Longest extra wait when runs keep causing the very events that trigger them. */
const MAX_BACKOFF_MS = 2_000;

/** Events the checks themselves cause and that change nothing: `docker cp` out of a container. */
export function isOwnEvent(event: DockerEvent): boolean {
  return event.Type === 'container' && event.Action === 'archive-path';
}

/** Starts watching: subscribes to events, then runs the checks once ('start'). Never throws. */
export async function watchStep(options: StepWatcherOptions): Promise<StepWatcher> {
  const watcher = new Watcher(options);
  await watcher.start();
  return watcher;
}

class Watcher implements StepWatcher {
  last: StepResult | null = null;
  private readonly debounceMs: number;
  private readonly settleMs: number;
  private stopped = false;
  private started = false;
  private busy = false;
  private readonly timers: Timers;
  private readonly now: () => number;
  private timer: unknown;
  /** When the first event not yet answered by a run arrived. */
  private pendingSince: number | null = null;
  /** Whether one of those events arrived while no run was going (surely the learner's doing). */
  private pendingTrusted = false;
  private forced: WatchTrigger | null = null;
  private waiters: ((result: StepResult) => void)[] = [];
  private lastRunStartedAt = -Infinity;
  private lastRunEndedAt = -Infinity;
  private backoffMs = 0;
  /** The daemon's events, followed again by itself after a break (see keepSubscribed). */
  private subscription: KeptSubscription | null = null;

  constructor(private readonly opts: StepWatcherOptions) {
    this.debounceMs = opts.debounceMs ?? DEFAULT_DEBOUNCE_MS;
    this.settleMs = Math.min(opts.settleMs ?? DEFAULT_SETTLE_MS, this.debounceMs);
    this.timers = opts.timers ?? realTimers;
    this.now = opts.now ?? Date.now;
  }

  async start(): Promise<void> {
    const subscription = await keepSubscribed(
      this.opts.subscribe,
      {
        onEvent: (event) => this.onEvent(event),
        onEnd: (reason) => this.onStreamEnd(reason),
        onResubscribed: () => this.force('reconnect'),
      },
      this.timers,
    );
    if (this.stopped) await subscription.stop();
    else this.subscription = subscription;
    this.started = true;
    this.force('start');
  }

  check(): Promise<StepResult> {
    if (this.stopped) return Promise.resolve(this.last ?? this.failAll(message('checking-stopped', {})));
    return new Promise((resolve) => {
      this.waiters.push(resolve);
      this.kick();
    });
  }

  nudge(): void {
    if (this.stopped || !this.started) return;
    this.noteChange(this.now(), true);
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.timers.clearTimeout(this.timer);
    const stopped = this.last ?? this.failAll(message('checking-stopped', {}));
    for (const waiter of this.waiters.splice(0)) waiter(stopped);
    const subscription = this.subscription;
    this.subscription = null;
    await subscription?.stop();
  }

  private onStreamEnd(reason: string): void {
    if (this.stopped) return;
    try {
      this.opts.onStreamProblem?.(reason);
    } catch {
      // A listener's failure is not ours.
    }
    // Show what the sandbox answers now (a dead sandbox: every check says so); keepSubscribed
    // follows the events again by itself, and a 'reconnect' run follows that.
    if (this.started) this.force('reconnect');
  }

  private onEvent(event: DockerEvent): void {
    if (this.stopped || isOwnEvent(event)) return;
    const now = this.now();
    this.noteChange(now, !this.busy && now - this.lastRunEndedAt >= OWN_EVENT_LAG_MS);
  }

  /** Arranges a run for a change seen at `now`; `trusted` when the checks cannot have caused it. */
  private noteChange(now: number, trusted: boolean): void {
    if (trusted) {
      this.backoffMs = 0;
      if (!this.pendingTrusted && this.timer) {
        // A wait stretched by backoff no longer applies.
        this.timers.clearTimeout(this.timer);
        this.timer = undefined;
      }
      this.pendingTrusted = true;
    }
    this.pendingSince ??= now;
    this.kick();
  }

  private force(trigger: WatchTrigger): void {
    this.forced ??= trigger;
    this.kick();
  }

  /** Starts a run if one is due and none is going; otherwise arranges for one. */
  private kick(): void {
    if (this.stopped || this.busy) return;
    const now = this.forced ?? (this.waiters.length > 0 ? 'demand' : null);
    if (now) {
      void this.run(now);
      return;
    }
    if (this.pendingSince === null || this.timer) return;
    const backoff = this.pendingTrusted ? 0 : this.backoffMs;
    const due =
      Math.max(this.pendingSince + this.settleMs, this.lastRunStartedAt + this.debounceMs) + backoff;
    const wait = Math.max(0, due - this.now());
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      void this.run('events');
    }, wait);
  }

  private async run(trigger: WatchTrigger): Promise<void> {
    this.busy = true;
    this.lastRunStartedAt = this.now();
    this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    const waiters = this.waiters.splice(0);
    // Only events that came during or just after earlier runs, which may have caused them.
    const suspectOnly = this.pendingSince !== null && !this.pendingTrusted;
    this.pendingSince = null;
    this.pendingTrusted = false;
    this.forced = null;
    let result: StepResult;
    try {
      result = this.opts.evaluate
        ? await this.opts.evaluate(this.opts.shell)
        : await runChecks(this.opts.shell, this.opts.checks);
    } catch (err) {
      result = this.failAll(explainFailure(err));
    }
    this.busy = false;
    this.lastRunEndedAt = this.now();
    if (this.stopped) {
      for (const waiter of waiters) waiter(result);
      return;
    }
    const changed = this.last === null || JSON.stringify(this.last) !== JSON.stringify(result);
    if (changed) this.backoffMs = 0;
    else if (trigger === 'events' && suspectOnly) {
      this.backoffMs = Math.min(Math.max(this.backoffMs * 2, this.debounceMs), MAX_BACKOFF_MS);
    }
    this.last = result;
    try {
      this.opts.onUpdate({ trigger, result, changed });
    } catch (err) {
      log.warn(`a step watcher's listener failed: ${(err as Error).message ?? String(err)}`);
    }
    for (const waiter of waiters) waiter(result);
    this.kick();
  }

  private failAll(reason: Message): StepResult {
    return { passed: false, results: this.opts.checks.map(() => fail(reason)) };
  }
}

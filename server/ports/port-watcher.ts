// Keeps one sandbox host's list of published ports current: listed once at start, then again
// after each burst of the inner daemon's container events (start, die, destroy, ...), never
// by polling. onChange gets the full list whenever it differs from the last one reported.
import type Docker from 'dockerode';
import { logger } from '../log.js';
import { execCapture } from '../engine/exec.js';
import {
  keepSubscribed,
  sandboxEvents,
  type KeptSubscription,
  type SubscribeEvents,
} from '../validation/events.js';
import {
  changesPorts,
  DAEMON_DOWN_EXIT,
  LIST_PORTS_SCRIPT,
  parseInspectLines,
  samePorts,
  type SandboxPort,
} from './inner-ports.js';

const log = logger('ports');

export interface ListResult {
  exitCode: number | null;
  output: string;
}

export interface PortWatcherOptions {
  host: string;
  /** Runs LIST_PORTS_SCRIPT in the sandbox. */
  list(): Promise<ListResult>;
  subscribe: SubscribeEvents;
  /** The sandbox's own address: ports bound to it alone are reachable too. */
  sandboxAddress?: string;
  onChange(host: string, ports: SandboxPort[]): void;
  /** Told when the event stream breaks or a listing fails; the watcher carries on by itself. */
  onProblem?(reason: string): void;
}

export interface PortWatcher {
  /** The latest list (empty until the first listing). */
  readonly ports: readonly SandboxPort[];
  /** Resolves when a listing started now has been applied (for callers that must not wait for events). */
  refresh(): Promise<void>;
  /** Ends the event stream (no exec is left running in the sandbox) and all timers. */
  stop(): Promise<void>;
}

/** Subscribes to the host's events, then lists its ports once. Never throws. */
export async function watchPorts(options: PortWatcherOptions): Promise<PortWatcher> {
  const watcher = new Watcher(options);
  await watcher.start();
  return watcher;
}

/** watchPorts on a real sandbox container, through execs in it. */
export function watchSandboxPorts(
  container: Docker.Container,
  options: Pick<PortWatcherOptions, 'host' | 'sandboxAddress' | 'onChange' | 'onProblem'>,
): Promise<PortWatcher> {
  return watchPorts({
    ...options,
    list: () => execCapture(container, ['sh', '-c', LIST_PORTS_SCRIPT]),
    subscribe: sandboxEvents(container),
  });
}

class Watcher implements PortWatcher {
  ports: readonly SandboxPort[] = [];
  private stopped = false;
  private subscription: KeptSubscription | null = null;
  /** The listing in progress, and whether another must follow it (events came meanwhile). */
  private running: Promise<void> | null = null;
  private again = false;
  private reported = false;

  constructor(private readonly opts: PortWatcherOptions) {}

  async start(): Promise<void> {
    // Subscribe first: the stream replays events from the moment of subscribing, so a
    // container started while the first listing runs is not missed.
    await this.subscribe();
    await this.refresh();
  }

  refresh(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.listOnce();
      } while (this.again && !this.stopped);
      this.running = null;
    })();
    return this.running;
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    const subscription = this.subscription;
    this.subscription = null;
    await subscription?.stop();
    await this.running;
  }

  private async listOnce(): Promise<void> {
    let result: ListResult;
    try {
      result = await this.opts.list();
    } catch (err) {
      return this.problem(`could not list published ports: ${(err as Error).message}`);
    }
    if (this.stopped) return;
    if (result.exitCode !== 0) {
      const why =
        result.exitCode === DAEMON_DOWN_EXIT ? "the sandbox's Docker daemon did not answer" : 'failed';
      return this.problem(`listing published ports: ${why}: ${result.output.trim().split('\n').pop() ?? ''}`);
    }
    this.apply(parseInspectLines(result.output, this.opts.sandboxAddress));
  }

  private apply(ports: SandboxPort[]): void {
    // The first listing is always reported, so a listener learns of a host with no ports too.
    if (this.stopped || (this.reported && samePorts(ports, this.ports))) return;
    this.reported = true;
    this.ports = ports;
    try {
      this.opts.onChange(this.opts.host, ports);
    } catch (err) {
      log.warn(`ports of ${this.opts.host}: a listener failed: ${(err as Error).message}`);
    }
  }

  private problem(reason: string): void {
    if (this.stopped) return;
    try {
      this.opts.onProblem?.(reason);
    } catch {
      // A listener's failure is not ours.
    }
  }

  private async subscribe(): Promise<void> {
    const subscription = await keepSubscribed(this.opts.subscribe, {
      onEvent: (event) => {
        if (changesPorts(event)) void this.refresh();
      },
      onEnd: (reason) => {
        if (this.stopped) return;
        this.problem(reason);
        // Without events the list could go stale: show nothing rather than dead links.
        this.apply([]);
      },
      onResubscribed: () => void this.refresh(),
    });
    if (this.stopped) await subscription.stop();
    else this.subscription = subscription;
  }
}

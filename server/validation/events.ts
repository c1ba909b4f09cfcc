// The sandbox daemon's events, read from `docker events` running as a long-lived exec in the
// sandbox. Docker cannot kill an exec, so the command records its pid and stop() kills it.
import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import type { Duplex } from 'node:stream';
import type Docker from 'dockerode';
import { execCapture } from '../sandboxes/manager.js';

/** One line of `docker events --format '{{json .}}'`. */
export interface DockerEvent {
  Type: string;
  Action: string;
  Actor: { ID: string; Attributes?: Record<string, string> };
  time: number;
  timeNano?: number;
}

export interface EventHandlers {
  onEvent(event: DockerEvent): void;
  /** The stream ended without stop() being called (the sandbox or its daemon went away). */
  onEnd(reason: string): void;
}

export interface EventSubscription {
  stop(): Promise<void>;
}

/** Subscribes to a sandbox's events; resolves once the stream is attached. */
export type SubscribeEvents = (handlers: EventHandlers) => Promise<EventSubscription>;

const PID_DIR = '/run/playground-events';
/** How long stop() waits for the sandbox to end the command (a frozen sandbox never answers). */
const STOP_TIMEOUT_MS = 5_000;

/** Splits a byte stream into lines and parses each one as an event; other lines are ignored. */
export function eventLineParser(onEvent: (event: DockerEvent) => void): (chunk: Buffer | string) => void {
  let pending = '';
  return (chunk) => {
    pending += chunk.toString();
    let newline: number;
    while ((newline = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, newline).trim();
      pending = pending.slice(newline + 1);
      if (!line.startsWith('{')) continue;
      try {
        const event = JSON.parse(line) as DockerEvent;
        if (typeof event.Type === 'string' && typeof event.Action === 'string') onEvent(event);
      } catch {
        // Not an event line.
      }
    }
  };
}

/**
 * Events of the daemon inside `container`. `--since` the moment of subscribing, so events
 * between the exec starting and the CLI attaching are replayed rather than lost.
 */
export function sandboxEvents(container: Docker.Container): SubscribeEvents {
  return async (handlers) => {
    const id = randomBytes(8).toString('hex');
    const since = (Date.now() / 1000).toFixed(3);
    const script =
      `mkdir -p ${PID_DIR} && echo $$ > ${PID_DIR}/${id} && ` +
      `exec docker events --since ${since} --format '{{json .}}'`;
    const exec = await container.exec({
      Cmd: ['sh', '-c', script],
      AttachStdout: true,
      AttachStderr: true,
      Tty: false,
    });
    const stream = (await exec.start({ hijack: true, stdin: false })) as Duplex;
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    container.modem.demuxStream(stream, stdout, stderr);
    const errors: string[] = [];
    stdout.on('data', eventLineParser(handlers.onEvent));
    stderr.on('data', (c: Buffer) => errors.push(c.toString()));
    let stopped = false;
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      if (!stopped) {
        const said = errors.join('').trim().split('\n').pop() ?? '';
        handlers.onEnd(said ? `the event stream ended: ${said}` : 'the event stream ended');
      }
    };
    stream.on('end', end);
    stream.on('close', end);
    stream.on('error', end);
    return {
      async stop() {
        if (stopped) return;
        stopped = true;
        const kill = `pid=$(cat ${PID_DIR}/${id} 2>/dev/null) && kill "$pid" 2>/dev/null; rm -f ${PID_DIR}/${id}`;
        let timer: NodeJS.Timeout | undefined;
        const giveUp = new Promise<void>((resolve) => (timer = setTimeout(resolve, STOP_TIMEOUT_MS)));
        // Waits for the kill, so no `docker events` outlives stop(); a dead sandbox has none left.
        await Promise.race([execCapture(container, ['sh', '-c', kill]).catch(() => undefined), giveUp]);
        clearTimeout(timer);
        stream.destroy();
      },
    };
  };
}

export interface KeptSubscriptionHandlers {
  onEvent(event: DockerEvent): void;
  /** The stream broke (or could not start); another try follows by itself. */
  onEnd(reason: string): void;
  /** A new stream is attached after a break (not called for the first one). */
  onResubscribed?(): void;
}

export interface KeptSubscription {
  stop(): Promise<void>;
}

const RESUBSCRIBE_FIRST_MS = 1_000;
const RESUBSCRIBE_MAX_MS = 30_000;

/**
 * Follows a sandbox's events until stop(): when the stream ends or cannot start, subscribes
 * again after a wait that doubles from 1 s to 30 s. Resolves after the first try.
 */
export async function keepSubscribed(
  subscribe: SubscribeEvents,
  handlers: KeptSubscriptionHandlers,
): Promise<KeptSubscription> {
  let stopped = false;
  let current: EventSubscription | null = null;
  let timer: NodeJS.Timeout | undefined;
  let delay = RESUBSCRIBE_FIRST_MS;
  const ended = (reason: string) => {
    if (stopped) return;
    current = null;
    handlers.onEnd(reason);
    clearTimeout(timer);
    timer = setTimeout(() => void attach(true), delay);
    delay = Math.min(delay * 2, RESUBSCRIBE_MAX_MS);
  };
  const attach = async (again: boolean) => {
    try {
      const subscription = await subscribe({ onEvent: (e) => !stopped && handlers.onEvent(e), onEnd: ended });
      if (stopped) return void (await subscription.stop());
      current = subscription;
      delay = RESUBSCRIBE_FIRST_MS;
      if (again) handlers.onResubscribed?.();
    } catch (err) {
      ended(`could not follow the sandbox's events: ${(err as Error).message}`);
    }
  };
  await attach(false);
  return {
    async stop() {
      if (stopped) return;
      stopped = true;
      clearTimeout(timer);
      const subscription = current;
      current = null;
      await subscription?.stop();
    },
  };
}

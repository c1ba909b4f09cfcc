// The sandbox daemon's events, read from `docker events` running as a long-lived exec in the
// sandbox. Docker cannot kill an exec, so the command records its pid and stop() kills it.
// What the exec prints is the sandbox's to choose (see sandbox-exec.ts), so it is read paced
// (stream-pace.ts) and line by line within bounds (event-lines.ts), and of its standard
// error only the last words are kept.
import { randomBytes } from 'node:crypto';
import type { Duplex } from 'node:stream';
import type Docker from 'dockerode';
import { realTimers, type Timers } from '../../common/timers.js';
import { awaitExited, readPid } from '../engine/sandbox-shell.js';
import { EventLineReader, type DockerEvent } from './event-lines.js';
import { captureInSandbox } from './sandbox-exec.js';
import { EVENTS_ATTACH_TIMEOUT_MS, EVENT_ERROR_TAIL_BYTES } from './sandbox-limits.js';
import { paceStream } from './stream-pace.js';

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
/** The kill script prints nothing; a sandbox that answers it at length is not listened to. */
const STOP_ANSWER_MAX_BYTES = 4 * 1024;

/** Starts the exec and attaches to it, within EVENTS_ATTACH_TIMEOUT_MS; a stream that comes later is dropped. */
async function attach(container: Docker.Container, script: string, timers: Timers): Promise<Duplex> {
  const attaching = (async () => {
    const exec = await container.exec({
      Cmd: ['sh', '-c', script],
      AttachStdout: true,
      AttachStderr: true,
      Tty: false,
    });
    return (await exec.start({ hijack: true, stdin: false })) as Duplex;
  })();
  let timer: unknown;
  const late = new Promise<never>((_resolve, reject) => {
    timer = timers.setTimeout(
      () => reject(new Error('the sandbox did not start its event stream in time')),
      EVENTS_ATTACH_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([attaching, late]);
  } catch (err) {
    attaching.then((stream) => stream.destroy()).catch(() => undefined);
    throw err;
  } finally {
    timers.clearTimeout(timer);
  }
}

/** The last `max` bytes written to it. */
function errorTail(max: number) {
  let tail = Buffer.alloc(0);
  return {
    write(chunk: Buffer) {
      tail = Buffer.concat([tail, chunk.subarray(-max)]).subarray(-max);
    },
    lastLine: () => tail.toString().trim().split('\n').pop() ?? '',
  };
}

/**
 * Ends the `docker events` named by pid file `id` and waits (at most 2 s) for it to exit. A
 * file that does not name a `docker events` process (the learner can write it) ends nothing.
 */
function stopEventsScript(id: string): string {
  const file = `${PID_DIR}/${id}`;
  return (
    `${readPid(file)}; rm -f ${file}; [ -n "$pid" ] || exit 0; ` +
    'grep -qa "events" /proc/$pid/cmdline 2>/dev/null || exit 0; ' +
    `kill "$pid" 2>/dev/null || exit 0; ${awaitExited('echo $pid', 2)}`
  );
}

/**
 * Events of the daemon inside `container`. `--since` the moment of subscribing, so events
 * between the exec starting and the CLI attaching are replayed rather than lost.
 */
export function sandboxEvents(container: Docker.Container, timers: Timers = realTimers): SubscribeEvents {
  return async (handlers) => {
    const id = randomBytes(8).toString('hex');
    const since = (Date.now() / 1000).toFixed(3);
    const script =
      `mkdir -p ${PID_DIR} && echo $$ > ${PID_DIR}/${id} && ` +
      `exec docker events --since ${since} --format '{{json .}}'`;
    const stream = await attach(container, script, timers);
    const lines = new EventLineReader(handlers.onEvent);
    const errors = errorTail(EVENT_ERROR_TAIL_BYTES);
    container.modem.demuxStream(stream, { write: (chunk: Buffer) => lines.push(chunk) }, errors);
    const pace = paceStream(stream, { timers });
    let stopped = false;
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      pace.stop();
      if (!stopped) {
        const said = errors.lastLine();
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
        // Waits until the process is gone, so no `docker events` outlives stop(); a dead
        // sandbox has none left.
        await captureInSandbox(container, ['sh', '-c', stopEventsScript(id)], {
          timeoutMs: STOP_TIMEOUT_MS,
          maxBytes: STOP_ANSWER_MAX_BYTES,
          timers,
        }).catch(() => undefined);
        pace.stop();
        stream.destroy();
      },
    };
  };
}

// Follows the host engine's own event stream (`GET /events`) across breaks: a stream that
// ends or cannot start (the engine restarted, its socket vanished) is opened again after a
// wait that doubles from 1 s to 30 s, until stop(). Each new stream is announced, so the
// caller can compare what it believes with what the engine holds (events missed meanwhile).
import type Docker from 'dockerode';
import { realTimers, type Timers } from '../../common/timers.js';

/** One engine event, as much of it as the playground reads. */
export interface EngineEvent {
  Type?: string;
  Action?: string;
  /** Alias of Action on older engines. */
  status?: string;
  id?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
}

export interface EngineEventsOptions {
  /** Engine-side filters, e.g. { type: ['container'], label: ['role=sandbox'] }. */
  filters: Record<string, string[]>;
  onEvent(event: EngineEvent): void;
  /** A stream is attached (the first one, and each after a break). */
  onConnected?(): void;
  /** The stream broke or could not start; another try follows by itself. */
  onProblem?(reason: string): void;
  timers?: Timers;
}

export interface EngineEventFollower {
  /** Whether a stream is attached right now. */
  readonly connected: boolean;
  stop(): void;
}

export const RECONNECT_FIRST_MS = 1_000;
const RECONNECT_MAX_MS = 30_000;
/** The engine writes one short JSON object per line; a longer line is not an event we read. */
const MAX_LINE_BYTES = 64 * 1024;

export function followEngineEvents(docker: Docker, options: EngineEventsOptions): EngineEventFollower {
  const timers = options.timers ?? realTimers;
  let stopped = false;
  let stream: NodeJS.ReadableStream | null = null;
  let timer: unknown;
  let delay = RECONNECT_FIRST_MS;
  const broken = (reason: string) => {
    if (stopped) return;
    stream = null;
    options.onProblem?.(reason);
    timers.clearTimeout(timer);
    timer = timers.setTimeout(() => void connect(), delay);
    delay = Math.min(delay * 2, RECONNECT_MAX_MS);
  };
  const connect = async () => {
    let opened: NodeJS.ReadableStream;
    try {
      opened = await docker.getEvents({ filters: options.filters });
    } catch (err) {
      return broken(`cannot follow the engine's events: ${(err as Error).message}`);
    }
    if (stopped) return destroy(opened);
    stream = opened;
    delay = RECONNECT_FIRST_MS;
    readLines(opened, (line) => {
      const event = parseEvent(line);
      if (event && !stopped) options.onEvent(event);
    });
    let ended = false;
    const end = (why: string) => {
      if (ended) return;
      ended = true;
      if (stream === opened) broken(why);
    };
    opened.on('end', () => end("the engine's event stream ended"));
    opened.on('close', () => end("the engine's event stream closed"));
    opened.on('error', (err: Error) => end(`the engine's event stream failed: ${err.message}`));
    options.onConnected?.();
  };
  void connect();
  return {
    get connected() {
      return stream !== null;
    },
    stop() {
      stopped = true;
      timers.clearTimeout(timer);
      if (stream) destroy(stream);
      stream = null;
    },
  };
}

function destroy(stream: NodeJS.ReadableStream): void {
  (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
}

/** Calls `onLine` for each newline-terminated line; an overlong line is dropped whole. */
function readLines(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
  let pending = '';
  stream.on('data', (chunk: Buffer | string) => {
    pending += chunk.toString();
    let newline: number;
    while ((newline = pending.indexOf('\n')) >= 0) {
      onLine(pending.slice(0, newline));
      pending = pending.slice(newline + 1);
    }
    if (pending.length > MAX_LINE_BYTES) pending = '';
  });
}

function parseEvent(line: string): EngineEvent | null {
  if (!line.trim()) return null;
  try {
    const value = JSON.parse(line) as unknown;
    return value && typeof value === 'object' ? (value as EngineEvent) : null;
  } catch {
    return null;
  }
}

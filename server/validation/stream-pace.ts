// Paces a stream that a sandbox writes: at most so many bytes are read per window, then the
// stream is paused until the window ends. Paused, the socket stops reading, the engine stops
// copying and the writer in the sandbox waits: a flood costs the server neither memory nor
// more than a bounded share of its event loop, and nothing honest is lost, only delayed.
import type { Readable } from 'node:stream';
import { realTimers, type Timers } from '../../common/timers.js';
import { EVENT_BYTES_PER_WINDOW, EVENT_WINDOW_MS } from './sandbox-limits.js';

export interface PaceOptions {
  bytesPerWindow?: number;
  windowMs?: number;
  timers?: Timers;
}

export interface StreamPace {
  /** Times the stream was paused for going over its budget. */
  readonly pauses: number;
  /** Stops pacing (the stream is left as it is). */
  stop(): void;
}

export function paceStream(stream: Readable, options: PaceOptions = {}): StreamPace {
  const budget = options.bytesPerWindow ?? EVENT_BYTES_PER_WINDOW;
  const windowMs = options.windowMs ?? EVENT_WINDOW_MS;
  const timers = options.timers ?? realTimers;
  let used = 0;
  let window: unknown = null;
  let paused = false;
  let pauses = 0;
  const endWindow = () => {
    window = null;
    used = 0;
    if (paused) {
      paused = false;
      stream.resume();
    }
  };
  const onData = (chunk: Buffer | string) => {
    window ??= timers.setTimeout(endWindow, windowMs);
    used += chunk.length;
    if (used >= budget && !paused) {
      paused = true;
      pauses++;
      stream.pause();
    }
  };
  stream.on('data', onData);
  return {
    get pauses() {
      return pauses;
    },
    stop() {
      stream.off('data', onData);
      if (window !== null) timers.clearTimeout(window);
      window = null;
    },
  };
}

// What the server counts as it goes: sandbox starts, validations, terminal bytes, errors, and
// the process itself (memory, CPU, event loop). These are the process's, like its memory, so
// they live once per process and the code that does the work counts by importing them; each
// playground's /metrics adds them to its own registry (./playground-metrics.ts).
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

const meters = new Registry();

/** Seconds from asking the engine for a sandbox to its inner daemon answering (about 3 s). */
export const sandboxStartSeconds = new Histogram({
  name: 'playground_sandbox_start_seconds',
  help: 'Time from creating a sandbox to its inner Docker daemon answering.',
  buckets: [0.5, 1, 2, 3, 5, 8, 13, 21, 34, 60],
  registers: [meters],
});

/** Seconds to answer one step's checks (tens of ms for inspects, up to a script's limit). */
export const validationSeconds = new Histogram({
  name: 'playground_validation_seconds',
  help: "Time to run one step's checks in its sandbox.",
  labelNames: ['outcome'] as const,
  buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [meters],
});

/** Terminal bytes the server relayed: shell output to browsers, keystrokes from them. */
export const terminalBytes = new Counter({
  name: 'playground_terminal_bytes_total',
  help: 'Terminal bytes relayed, by direction (to_browser: shell output; from_browser: input).',
  labelNames: ['direction'] as const,
  registers: [meters],
});

/**
 * Errors by kind: `http_<status>` a refused request, `socket_<status>` a refused WebSocket,
 * `<level>_<scope>` a warning or error the server logged (e.g. `warn_sandboxes`).
 */
const errors = new Counter({
  name: 'playground_errors_total',
  help: 'Refused requests and sockets (http_<status>, socket_<status>) and logged warnings and errors (<level>_<scope>).',
  labelNames: ['kind'] as const,
  registers: [meters],
});

export function countError(kind: string): void {
  errors.inc({ kind });
}

/** One series per direction, looked up once: a frame costs an addition, not a label lookup. */
const bytesBy = {
  to_browser: terminalBytes.labels({ direction: 'to_browser' }),
  from_browser: terminalBytes.labels({ direction: 'from_browser' }),
};

export function countTerminalBytes(direction: keyof typeof bytesBy, bytes: number): void {
  bytesBy[direction].inc(bytes);
}

let defaultsCollected = false;

/**
 * The process's metrics: the meters above and prom-client's defaults (memory, CPU, file
 * descriptors, event loop lag, garbage collection), whose monitors start on first use, once
 * per process however many playgrounds it runs.
 */
export function processRegistry(): Registry {
  if (!defaultsCollected) collectDefaultMetrics({ register: meters });
  defaultsCollected = true;
  return meters;
}

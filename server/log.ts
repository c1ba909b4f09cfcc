// Structured logs: one JSON object per line on standard output (pino), with the time, the
// level, the part of the server that speaks (`scope`) and the message, plus any fields the
// caller adds. Secrets never reach a line: fields that may hold one are redacted, and so is
// a bearer token quoted in a message.
import pino from 'pino';
import { countError } from './metrics/meters.js';

/** Extra fields of one line, e.g. `{ sessionId, ms }`. */
export type LogFields = Record<string, unknown>;

type Level = 'info' | 'warn' | 'error';

export interface Logger {
  info(message: string): void;
  info(fields: LogFields, message: string): void;
  warn(message: string): void;
  warn(fields: LogFields, message: string): void;
  error(message: string): void;
  error(fields: LogFields, message: string): void;
}

/**
 * Fields that may hold a session token, a port ticket, a cookie or a key, at the top level or
 * one level down (`{ session: { token } }`), and the request headers that carry them (the
 * terminal's token travels as a WebSocket subprotocol).
 */
const SECRET_FIELDS = ['token', 'authorization', 'key', 'password', 'cookie', 'ticket', 'secret'];
export const REDACTED_PATHS = [
  ...SECRET_FIELDS,
  ...SECRET_FIELDS.map((field) => `*.${field}`),
  ...['req.headers', 'headers'].flatMap((at) => [
    `${at}.authorization`,
    `${at}.cookie`,
    `${at}["sec-websocket-protocol"]`,
  ]),
];

const BEARER_IN_TEXT = /\bBearer\s+\S+/gi;

/** The root of a set of loggers, writing to `destination` (standard output by default). */
export function rootLogger(destination?: pino.DestinationStream): pino.Logger {
  const options: pino.LoggerOptions = {
    base: null, // no pid or hostname: the process manager or collector adds those
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: REDACTED_PATHS },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** A logger for one part of the server, under `root`. Warnings and errors are counted in /metrics. */
export function scopedLogger(root: pino.Logger, scope: string): Logger {
  const child = root.child({ scope });
  const write =
    (level: Level) =>
    (first: LogFields | string, message?: string): void => {
      if (level !== 'info') countError(`${level}_${scope}`);
      const text = (typeof first === 'string' ? first : (message ?? '')).replace(
        BEARER_IN_TEXT,
        'Bearer [Redacted]',
      );
      if (typeof first === 'string') child[level](text);
      else child[level](first, text);
    };
  return { info: write('info'), warn: write('warn'), error: write('error') };
}

let processRoot: pino.Logger | undefined;

export function logger(scope: string): Logger {
  processRoot ??= rootLogger();
  return scopedLogger(processRoot, scope);
}

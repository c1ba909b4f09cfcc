// How the server turns a request or an upgrade away: every refusal is a PlaygroundError
// (status and a message for people), answered as JSON on HTTP and as a close code on a
// WebSocket, whose codes mirror the statuses (4401 for 401, ...).
import { STATUS_CODES, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import type { ApiError } from '../../common/api.js';
import { CloseCode } from '../../common/protocol.js';
import { PlaygroundError } from '../errors.js';
import { logger } from '../log.js';
import { countError } from '../metrics/meters.js';
import { closeWith } from '../terminals/close.js';

const log = logger('http');

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/** Answers a failed request: its PlaygroundError's status, or 500 (logged) for anything else. */
export function refuseRequest(res: ServerResponse, err: unknown, what: string): void {
  const status = err instanceof PlaygroundError ? err.status : 500;
  countError(`http_${status}`);
  if (status >= 500) log.error(`${what}: ${(err as Error).stack ?? err}`);
  if (!res.headersSent) sendJson(res, status, errorBody(err));
}

function errorBody(err: unknown): ApiError {
  const detail = err instanceof PlaygroundError ? err.detail : undefined;
  const body: ApiError = { error: (err as Error).message };
  return detail ? { ...body, code: detail.code, params: detail.params } : body;
}

const CLOSE_CODES: Record<number, number> = {
  400: CloseCode.BadMessage,
  401: CloseCode.BadToken,
  403: CloseCode.ForeignOrigin,
  // 4429 means too many sockets of the kind asked for: terminals, or a session's event sockets.
  429: CloseCode.TooManyTerminals,
};

/** Closes a refused WebSocket with a code and reason the page can show; other errors are bugs. */
export function refuseSocket(ws: WebSocket, err: unknown): void {
  if (!(err instanceof PlaygroundError)) throw err;
  countError(`socket_${err.status}`);
  closeWith(ws, CLOSE_CODES[err.status] ?? CloseCode.UnknownSession, err.message);
}

/** Long enough for a refusal to reach a reading peer, short enough that refused sockets do not pile up. */
const REFUSED_SOCKET_LINGER_MS = 1000;

/**
 * Answers a connection with a plain-text status and closes it: a connection over a bound
 * (before its request is read) or an upgrade refused before any WebSocket exists.
 */
export function refuseConnection(socket: Duplex, status: number, message: string): void {
  const body = `${message}\n`;
  socket.on('error', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Refused'}\r\n` +
      `Content-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `Connection: close\r\n\r\n${body}`,
  );
  // A peer that never reads must not keep the socket: it goes shortly either way.
  setTimeout(() => socket.destroy(), REFUSED_SOCKET_LINGER_MS).unref();
}

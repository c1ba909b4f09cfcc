// Serves one terminal WebSocket: decodes the browser's frames, claims the pane in the
// registry, starts or reattaches its shell once the first resize gives the pane's size,
// and hands the socket's frames to it.
import type { WebSocket } from 'ws';
import {
  CloseCode,
  decodeClientMessage,
  type ClientMessage,
  type TerminalSize,
  encodeServerMessage,
  ProtocolError,
  type ServerMessage,
} from '../../common/protocol.js';
import { logger } from '../log.js';
import { countTerminalBytes } from '../metrics/meters.js';
import { TerminalUnavailableError, type TerminalBackendFactory } from './backend.js';
import { closeWith } from './close.js';
import { startHeartbeat } from './heartbeat.js';
import type { PaneClaim, PaneOwner, TerminalRegistry } from './registry.js';

const log = logger('terminals');

/** The browser must say its size this soon after connecting. */
const FIRST_RESIZE_TIMEOUT_MS = 10_000;

export interface TerminalSocketOptions {
  sessionId: string;
  paneId: string;
  host: string;
  factory: TerminalBackendFactory;
  registry: TerminalRegistry;
}

export function serveTerminal(
  ws: WebSocket,
  { sessionId, paneId, host, factory, registry }: TerminalSocketOptions,
): void {
  const send = (msg: ServerMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(encodeServerMessage(msg));
    if (msg.type === 'output' && ws.readyState === ws.OPEN) countTerminalBytes('to_browser', msg.data.length);
  };
  const fail = (code: number, reason: string) => {
    send({ type: 'error', message: reason });
    closeWith(ws, code, reason);
  };
  const owner: PaneOwner = { send, close: (code, reason) => closeWith(ws, code, reason) };

  let pane: PaneClaim;
  try {
    pane = registry.claim(sessionId, paneId, host, owner);
  } catch (err) {
    if (err instanceof TerminalUnavailableError) return fail(err.closeCode, err.message);
    throw err;
  }

  const firstResizeTimer = setTimeout(
    () => fail(CloseCode.BadMessage, 'No terminal size was sent after connecting.'),
    FIRST_RESIZE_TIMEOUT_MS,
  );
  // A socket that stops answering is terminated; its pane then waits for the grace period.
  const stopHeartbeat = startHeartbeat(ws);

  send({ type: 'status', status: { state: 'connecting', host } });
  const onStart = () => clearTimeout(firstResizeTimer);
  ws.on('message', paneFrames({ ws, pane, host, factory, fail, onStart }));
  ws.on('close', () => {
    clearTimeout(firstResizeTimer);
    stopHeartbeat();
    pane.release(); // a no-op after a Close, or once another socket took the pane
  });
  ws.on('error', () => ws.terminate());
}

interface PaneSocket {
  ws: WebSocket;
  pane: PaneClaim;
  host: string;
  factory: TerminalBackendFactory;
  /** Tells the browser why, and closes the socket. */
  fail(code: number, reason: string): void;
  /** The first resize arrived. */
  onStart(): void;
}

/** Handles the browser's frames: the first must be the pane's size, which starts its shell. */
function paneFrames(socket: PaneSocket): (raw: unknown, isBinary: boolean) => void {
  const { ws, pane, fail } = socket;
  let started = false;
  return (raw, isBinary) => {
    const msg = decode(raw, isBinary);
    if (typeof msg === 'string') return fail(CloseCode.BadMessage, msg);
    if (msg.type === 'close') {
      // The socket closes once the shell and its jobs are gone.
      return void pane.close().finally(() => closeWith(ws, CloseCode.Normal, 'The terminal was closed.'));
    }
    if (!started) {
      if (msg.type !== 'resize')
        return fail(CloseCode.BadMessage, 'The first terminal message must be its size.');
      started = true;
      socket.onStart();
      return startShell(socket, msg.size);
    }
    switch (msg.type) {
      case 'input':
        countTerminalBytes('from_browser', msg.data.length);
        pane.input(msg.data);
        break;
      case 'resize':
        pane.resize(msg.size);
        break;
      case 'ack':
        pane.ack(msg.bytes);
        break;
    }
  };
}

function startShell({ pane, host, factory, fail }: PaneSocket, size: TerminalSize): void {
  pane.start(size, factory).catch((err: Error) => {
    if (err instanceof TerminalUnavailableError) return fail(err.closeCode, err.message);
    log.warn(`shell on ${host} failed to start: ${err.message}`);
    fail(CloseCode.BackendFailed, `The shell could not start: ${err.message}`);
  });
}

/** The browser's frame as a message, or why it is refused. */
function decode(raw: unknown, isBinary: boolean): ClientMessage | string {
  if (!isBinary) return 'Terminal messages must be binary frames.';
  try {
    return decodeClientMessage(toBytes(raw));
  } catch (err) {
    const reason = err instanceof ProtocolError ? err.message : 'malformed message';
    return `Bad terminal message: ${reason}.`;
  }
}

function toBytes(raw: unknown): Uint8Array {
  if (Array.isArray(raw)) return Buffer.concat(raw as Buffer[]);
  if (raw instanceof ArrayBuffer) return new Uint8Array(raw);
  return raw as Buffer;
}

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
import type { Timers } from '../../common/timers.js';
import { logger } from '../log.js';
import { countTerminalBytes } from '../metrics/meters.js';
import { TerminalUnavailableError, type TerminalBackendFactory } from './backend.js';
import { closeWith } from './close.js';
import { SEND_BUFFER_HIGH } from './flow-control.js';
import { outputFrame } from './output-frame.js';
import { startHeartbeat } from './heartbeat.js';
import type { PaneClaim, PaneOwner, TerminalRegistry } from './registry.js';
import { SendBuffer } from './send-buffer.js';

const log = logger('terminals');

/** The browser must say its size this soon after connecting. */
const FIRST_RESIZE_TIMEOUT_MS = 10_000;

export interface TerminalSocketOptions {
  sessionId: string;
  paneId: string;
  host: string;
  factory: TerminalBackendFactory;
  registry: TerminalRegistry;
  /** For the send buffer's stall timer (tests drive it by hand). */
  timers?: Timers;
}

export function serveTerminal(
  ws: WebSocket,
  { sessionId, paneId, host, factory, registry, timers }: TerminalSocketOptions,
): void {
  const sendBuffer = new SendBuffer(
    ws,
    () => {
      log.warn(`terminal socket for ${host} stopped reading its output; dropping it`);
      ws.terminate();
    },
    timers,
  );
  const send = (msg: ServerMessage) => {
    if (msg.type === 'output' && ws.readyState === ws.OPEN) countTerminalBytes('to_browser', msg.data.length);
    sendBuffer.send(encode(msg));
  };
  const refuse = (code: number, reason: string) => {
    send({ type: 'error', message: reason });
    closeSocket(ws, code, reason);
  };
  const owner: PaneOwner = {
    send,
    close: (code, reason) => closeSocket(ws, code, reason),
    watchSendBuffer: (listener) => sendBuffer.watch(listener),
  };

  let pane: PaneClaim;
  try {
    pane = registry.claim(sessionId, paneId, host, owner);
  } catch (err) {
    if (err instanceof TerminalUnavailableError) return refuse(err.closeCode, err.message);
    throw err;
  }
  // The pane is let go at once, not when the close handshake ends (a client that does not
  // read may never answer it): its shell waits for the grace period as after any disconnect.
  const fail = (code: number, reason: string) => {
    refuse(code, reason);
    pane.release();
  };

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
    sendBuffer.stop();
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
    if (ws.readyState !== ws.OPEN) return; // closing: nothing it says counts any more
    const msg = decode(raw, isBinary);
    if (typeof msg === 'string') return fail(CloseCode.BadMessage, msg);
    if (msg.type === 'close') {
      // The socket closes once the shell and its jobs are gone.
      return void pane.close().finally(() => closeSocket(ws, CloseCode.Normal, 'The terminal was closed.'));
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
        return acknowledge(socket, msg.bytes);
    }
  };
}

/**
 * Closes with a reason. A socket whose send buffer is full is not reading: its close frame
 * would wait behind the buffer, and the buffer would be held until the close handshake
 * times out (30 s). It is dropped at once instead.
 */
function closeSocket(ws: WebSocket, code: number, reason: string): void {
  if (ws.bufferedAmount > SEND_BUFFER_HIGH) ws.terminate();
  else closeWith(ws, code, reason);
}

/** An acknowledgement of more than was sent closes the socket as a protocol error. */
function acknowledge({ pane, fail }: PaneSocket, bytes: number): void {
  try {
    pane.ack(bytes);
  } catch (err) {
    if (!(err instanceof ProtocolError)) throw err;
    fail(CloseCode.BadMessage, `Bad terminal message: ${err.message}.`);
  }
}

function startShell({ pane, host, factory, fail }: PaneSocket, size: TerminalSize): void {
  pane.start(size, factory).catch((err: Error) => {
    if (err instanceof TerminalUnavailableError) return fail(err.closeCode, err.message);
    log.warn(`shell on ${host} failed to start: ${err.message}`);
    fail(CloseCode.BackendFailed, `The shell could not start: ${err.message}`);
  });
}

/** A message as a frame; output that was gathered in its frame goes as it is (output-frame.ts). */
function encode(msg: ServerMessage): Uint8Array {
  return msg.type === 'output' ? outputFrame(msg.data) : encodeServerMessage(msg);
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

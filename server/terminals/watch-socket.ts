// Serves one read-only terminal WebSocket: a trainer watching a learner's pane, or a learner
// following one of the trainer's. It speaks the terminal protocol, but never owns the pane:
// it gets the screen, then live output; it cannot size the terminal, end the shell or hold its
// output back. Input reaches the shell only while `mayType()` says so; otherwise it is
// dropped and the watcher is told once with an error frame. A watcher that cannot keep up is
// dropped, as its own socket: the shell and its owner never wait for it.
import type { WebSocket } from 'ws';
import {
  CloseCode,
  decodeClientMessage,
  encodeServerMessage,
  ProtocolError,
  type ClientMessage,
  type ServerMessage,
  type TerminalSize,
} from '../../common/protocol.js';
import { logger } from '../log.js';
import { TerminalUnavailableError } from './backend.js';
import { closeWith } from './close.js';
import { startHeartbeat } from './heartbeat.js';
import type { PaneWatch, PaneWatcher, TerminalRegistry } from './registry.js';

const log = logger('terminals');

/**
 * Output a watcher's socket may hold unsent beyond its first screen before it is dropped.
 * The owner's flow control keeps at most HIGH_WATERMARK plus a frame (320 KiB) in flight to
 * the owner's browser: a watcher that keeps pace with the owner stays below this; one that
 * cannot is dropped (its page reconnects to a fresh screen). With 100 learners following a
 * demo that is at most 50 MiB.
 */
export const WATCHER_SEND_BUFFER_LIMIT = 512 * 1024;

export interface WatchSocketOptions {
  sessionId: string;
  paneId: string;
  registry: TerminalRegistry;
  /** Whether this watcher's input may reach the shell now. */
  mayType(): boolean;
  /** Told to the watcher (once per refusal) when it types without leave. */
  refusal: string;
}

/** What the caller may do with a served watcher: tell it that its leave to type changed, close it. */
export interface ServedWatcher {
  mayTypeChanged(): void;
  close(code: number, reason: string): void;
}

/** Serves the socket, or closes it (4404) when the pane has no live shell; returns null then. */
export function serveWatcher(ws: WebSocket, options: WatchSocketOptions): ServedWatcher | null {
  const { sessionId, paneId, registry, mayType } = options;
  let size: TerminalSize | null = null;
  /** Bytes of the first screen: they may wait in the send buffer beyond the limit. */
  let screenBytes = 0;
  const send = (msg: ServerMessage) => {
    if (ws.readyState !== ws.OPEN) return;
    ws.send(encodeServerMessage(msg));
    if (ws.bufferedAmount > WATCHER_SEND_BUFFER_LIMIT + screenBytes) drop();
  };
  const drop = () => {
    log.info(`a watcher of pane ${paneId} fell behind; dropping it`);
    ws.terminate();
  };
  const sendWatchState = () => {
    if (size) send({ type: 'watch', watch: { ...size, mayType: mayType() } });
  };
  const close = (code: number, reason: string) => {
    if (ws.bufferedAmount > WATCHER_SEND_BUFFER_LIMIT) ws.terminate();
    else closeWith(ws, code, reason);
  };
  const watcher: PaneWatcher = {
    send,
    replay: (data) => {
      screenBytes += data.length;
      send({ type: 'output', data });
    },
    size: (next) => {
      size = next;
      sendWatchState();
    },
    drop,
    close,
  };
  let watch: PaneWatch;
  try {
    watch = registry.watch(sessionId, paneId, watcher);
  } catch (err) {
    if (!(err instanceof TerminalUnavailableError)) throw err;
    send({ type: 'error', message: err.message });
    closeWith(ws, err.closeCode, err.message);
    return null;
  }
  const stopHeartbeat = startHeartbeat(ws);
  ws.on('message', watcherFrames(ws, watch, options, send));
  ws.on('close', () => {
    stopHeartbeat();
    watch.release();
  });
  ws.on('error', () => ws.terminate());
  return { mayTypeChanged: sendWatchState, close };
}

/** A watcher's frames: input only with leave; sizes and acknowledgements change nothing. */
function watcherFrames(
  ws: WebSocket,
  watch: PaneWatch,
  { mayType, refusal }: WatchSocketOptions,
  send: (msg: ServerMessage) => void,
): (raw: unknown, isBinary: boolean) => void {
  let told = false;
  return (raw, isBinary) => {
    if (ws.readyState !== ws.OPEN) return;
    const msg = decode(raw, isBinary);
    if (typeof msg === 'string') return closeWith(ws, CloseCode.BadMessage, msg);
    switch (msg.type) {
      case 'input':
        if (mayType()) {
          told = false;
          return watch.input(msg.data);
        }
        if (!told) send({ type: 'error', message: refusal });
        told = true;
        return;
      case 'close':
        // Only this view ends: a watcher never ends the shell it watches.
        return closeWith(ws, CloseCode.Normal, 'Stopped watching.');
      case 'resize': // the owner's size rules; the watcher draws it (WatchState)
      case 'ack': // a watcher holds nothing back: its socket is dropped when it falls behind
        return;
    }
  };
}

function decode(raw: unknown, isBinary: boolean): ClientMessage | string {
  if (!isBinary) return 'Terminal messages must be binary frames.';
  try {
    const bytes = Array.isArray(raw) ? Buffer.concat(raw as Buffer[]) : (raw as Buffer);
    return decodeClientMessage(bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : bytes);
  } catch (err) {
    return `Bad terminal message: ${err instanceof ProtocolError ? err.message : 'malformed message'}.`;
  }
}

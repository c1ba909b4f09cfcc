// Serves one terminal over one WebSocket: decodes the browser's frames, starts the
// backend once the first resize gives the pane's size, and streams output back.
import type { WebSocket } from 'ws';
import {
  CloseCode,
  decodeClientMessage,
  encodeServerMessage,
  ProtocolError,
  type ServerMessage,
} from '../../common/protocol.js';
import { logger } from '../log.js';
import { TerminalUnavailableError, type TerminalBackend, type TerminalBackendFactory } from './backend.js';
import { closeWith } from './close.js';
import { FlowControl } from './flow-control.js';

const log = logger('terminals');

/** The browser must say its size this soon after connecting. */
const FIRST_RESIZE_TIMEOUT_MS = 10_000;
/** Pings find connections that died without a close (laptop lid, lost Wi-Fi). */
const HEARTBEAT_MS = 30_000;

export interface TerminalSocketOptions {
  host: string;
  factory: TerminalBackendFactory;
  onClosed?: () => void;
}

export function serveTerminal(ws: WebSocket, { host, factory, onClosed }: TerminalSocketOptions): void {
  let backend: TerminalBackend | undefined;
  let starting = false;
  let closed = false;
  let alive = true;

  const send = (msg: ServerMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(encodeServerMessage(msg));
  };
  const fail = (code: number, reason: string) => {
    send({ type: 'error', message: reason });
    closeWith(ws, code, reason);
  };

  const firstResizeTimer = setTimeout(
    () => fail(CloseCode.BadMessage, 'No terminal size was sent after connecting.'),
    FIRST_RESIZE_TIMEOUT_MS,
  );
  const heartbeat = setInterval(() => {
    if (!alive) return ws.terminate();
    alive = false;
    ws.ping();
  }, HEARTBEAT_MS);
  ws.on('pong', () => (alive = true));

  send({ type: 'status', status: { state: 'connecting', host } });

  ws.on('message', (raw, isBinary) => {
    if (!isBinary) return fail(CloseCode.BadMessage, 'Terminal messages must be binary frames.');
    let msg;
    try {
      msg = decodeClientMessage(toBytes(raw));
    } catch (err) {
      const reason = err instanceof ProtocolError ? err.message : 'malformed message';
      return fail(CloseCode.BadMessage, `Bad terminal message: ${reason}.`);
    }
    if (!backend) {
      if (msg.type !== 'resize')
        return fail(CloseCode.BadMessage, 'The first terminal message must be its size.');
      if (starting) return;
      starting = true;
      clearTimeout(firstResizeTimer);
      factory.create(msg.size).then(
        (created) => {
          if (closed) return void created.close();
          backend = created;
          attach(created);
        },
        (err: Error) => {
          if (err instanceof TerminalUnavailableError) return fail(err.closeCode, err.message);
          log.warn(`shell on ${host} failed to start: ${err.message}`);
          fail(CloseCode.BackendFailed, `The shell could not start: ${err.message}`);
        },
      );
      return;
    }
    switch (msg.type) {
      case 'input':
        backend.write(msg.data);
        break;
      case 'resize':
        backend.resize(msg.size).catch(() => undefined);
        break;
      case 'ack':
        flow?.acked(msg.bytes);
        break;
    }
  });

  let flow: FlowControl | undefined;
  const attach = (b: TerminalBackend) => {
    flow = new FlowControl(
      () => b.pause(),
      () => b.resume(),
    );
    b.onData((chunk) => {
      flow!.sent(chunk.length);
      send({ type: 'output', data: chunk });
    });
    b.onExit((code) => {
      send({ type: 'exit', code });
      closeWith(ws, CloseCode.Normal, 'The shell exited.');
    });
    send({ type: 'status', status: { state: 'ready', host } });
  };

  ws.on('close', () => {
    closed = true;
    clearTimeout(firstResizeTimer);
    clearInterval(heartbeat);
    void backend?.close();
    onClosed?.();
  });
  ws.on('error', () => ws.terminate());
}

function toBytes(raw: unknown): Uint8Array {
  if (Array.isArray(raw)) return Buffer.concat(raw as Buffer[]);
  if (raw instanceof ArrayBuffer) return new Uint8Array(raw);
  return raw as Buffer;
}

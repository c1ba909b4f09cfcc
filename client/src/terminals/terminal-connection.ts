// One terminal WebSocket speaking the playground protocol. No DOM: the pane feeds it
// keystrokes and sizes and renders what it reports.

import {
  TERMINAL_SUBPROTOCOL,
  TOKEN_SUBPROTOCOL_PREFIX,
  decodeServerMessage,
  encodeClientMessage,
  type ClientMessage,
  type TerminalSize,
  type TerminalStatus,
} from '../../../common/protocol';
import { AckBatcher, type Timers, realTimers, ACK_BATCH_BYTES, ACK_IDLE_MS } from './ack-batcher';
import { chunkInput, encodeBinaryString, encodeText, INPUT_CHUNK_BYTES } from './input-chunks';

/** The part of the browser's WebSocket this module uses (a fake stands in for it in tests). */
export interface SocketLike {
  binaryType: BinaryType;
  readonly readyState: number;
  onopen: ((ev: Event) => unknown) | null;
  onmessage: ((ev: MessageEvent) => unknown) | null;
  onclose: ((ev: CloseEvent) => unknown) | null;
  onerror: ((ev: Event) => unknown) | null;
  send(data: ArrayBufferView<ArrayBuffer> | ArrayBuffer): void;
  close(code?: number, reason?: string): void;
}

export type SocketFactory = (url: string, protocols: string[]) => SocketLike;

const browserSocket: SocketFactory = (url, protocols) => new WebSocket(url, protocols);

const OPEN = 1;

export interface CloseInfo {
  code: number;
  reason: string;
  wasClean: boolean;
}

export interface ConnectionHandlers {
  /** The socket opened and the first Resize frame went out. */
  open?(): void;
  output(data: Uint8Array): void;
  status?(status: TerminalStatus): void;
  exit?(code: number | null): void;
  error?(message: string): void;
  /** Called once per connection, whatever ended it. */
  close?(info: CloseInfo): void;
}

export interface ConnectionOptions {
  url: string;
  token: string;
  /** The pane's fitted size, read when the socket opens: the first frame carries it. */
  initialSize: () => TerminalSize;
  handlers: ConnectionHandlers;
  socketFactory?: SocketFactory;
  timers?: Timers;
  ackBatchBytes?: number;
  ackIdleMs?: number;
  inputChunkBytes?: number;
}

/** Subprotocols offered when opening a terminal: the protocol version, then the token. */
export const terminalProtocols = (token: string): string[] => [
  TERMINAL_SUBPROTOCOL,
  TOKEN_SUBPROTOCOL_PREFIX + token,
];

export class TerminalConnection {
  private socket: SocketLike | null = null;
  private closed = false;
  private lastSize: TerminalSize | null = null;
  private readonly acks: AckBatcher;
  private readonly handlers: ConnectionHandlers;

  constructor(private readonly options: ConnectionOptions) {
    this.handlers = options.handlers;
    this.acks = new AckBatcher(
      (bytes) => this.send({ type: 'ack', bytes }),
      options.ackBatchBytes ?? ACK_BATCH_BYTES,
      options.ackIdleMs ?? ACK_IDLE_MS,
      options.timers ?? realTimers,
    );
  }

  get isOpen(): boolean {
    return !this.closed && this.socket?.readyState === OPEN;
  }

  /** Opens the socket. Failures (even synchronous ones) are reported through `close`. */
  connect(): void {
    if (this.socket || this.closed) throw new Error('a TerminalConnection connects only once');
    let socket: SocketLike;
    try {
      socket = (this.options.socketFactory ?? browserSocket)(
        this.options.url,
        terminalProtocols(this.options.token),
      );
    } catch (err) {
      this.finish({ code: 1006, reason: err instanceof Error ? err.message : String(err), wasClean: false });
      return;
    }
    this.socket = socket;
    socket.binaryType = 'arraybuffer';
    socket.onopen = () => {
      if (this.closed) return;
      const size = this.options.initialSize();
      this.lastSize = size;
      this.send({ type: 'resize', size });
      this.handlers.open?.();
    };
    socket.onmessage = (ev) => this.receive(ev.data);
    socket.onerror = () => {
      // The close event that always follows carries the details.
    };
    socket.onclose = (ev) => this.finish({ code: ev.code, reason: ev.reason, wasClean: ev.wasClean });
  }

  /** Sends keystrokes or pasted text (from xterm's onData), in frames of bounded size. */
  sendText(data: string): void {
    this.sendInput(encodeText(data));
  }

  /** Sends bytes from xterm's onBinary (one byte per character). */
  sendBinaryString(data: string): void {
    this.sendInput(encodeBinaryString(data));
  }

  sendInput(bytes: Uint8Array): void {
    if (!this.isOpen || bytes.length === 0) return;
    for (const chunk of chunkInput(bytes, this.options.inputChunkBytes ?? INPUT_CHUNK_BYTES)) {
      this.send({ type: 'input', data: chunk });
    }
  }

  /** Tells the server the pane's new size; repeated sizes are not sent again. */
  resize(size: TerminalSize): void {
    if (!this.isOpen) return;
    if (this.lastSize && this.lastSize.cols === size.cols && this.lastSize.rows === size.rows) return;
    this.lastSize = size;
    this.send({ type: 'resize', size });
  }

  /** Call once xterm has written `bytes` bytes of output (from term.write's callback). */
  rendered(bytes: number): void {
    if (this.closed) return;
    this.acks.written(bytes);
  }

  /** Closes the socket; `close` handlers are not called for a close the page asked for. */
  close(code = 1000, reason = ''): void {
    if (this.closed) return;
    this.closed = true;
    this.acks.reset();
    const socket = this.socket;
    if (socket) {
      socket.onopen = socket.onmessage = socket.onerror = socket.onclose = null;
      try {
        socket.close(code, reason);
      } catch {
        // Already closing.
      }
    }
  }

  private receive(data: unknown): void {
    if (this.closed) return;
    if (!(data instanceof ArrayBuffer)) {
      this.handlers.error?.('The server sent a text frame; the terminal protocol uses binary frames only.');
      return;
    }
    let msg;
    try {
      msg = decodeServerMessage(new Uint8Array(data));
    } catch (err) {
      this.handlers.error?.(err instanceof Error ? err.message : String(err));
      return;
    }
    switch (msg.type) {
      case 'output':
        this.handlers.output(msg.data);
        break;
      case 'status':
        this.handlers.status?.(msg.status);
        break;
      case 'exit':
        this.handlers.exit?.(msg.code);
        break;
      case 'error':
        this.handlers.error?.(msg.message);
        break;
    }
  }

  private send(msg: ClientMessage): void {
    const socket = this.socket;
    if (!socket || this.closed || socket.readyState !== OPEN) return;
    socket.send(encodeClientMessage(msg) as Uint8Array<ArrayBuffer>);
  }

  private finish(info: CloseInfo): void {
    if (this.closed) return;
    this.closed = true;
    this.acks.reset();
    if (this.socket)
      this.socket.onopen = this.socket.onmessage = this.socket.onerror = this.socket.onclose = null;
    this.handlers.close?.(info);
  }
}

// One socket of a terminal pane, speaking the playground protocol. No DOM: the pane feeds
// it keystrokes and sizes and renders what it reports. The pane has an id the server keeps
// its shell under; whether and when to open another socket under that id after this one
// ends is the pane's decision (pane-state.ts), and the server then replays the screen.

import {
  newPaneId,
  TERMINAL_SUBPROTOCOL,
  TOKEN_SUBPROTOCOL_PREFIX,
  decodeServerMessage,
  encodeClientMessage,
  type ClientMessage,
  type TerminalSize,
  type TerminalStatus,
  type WatchState,
} from '../../../common/protocol';
import { AckBatcher, type Timers, realTimers, ACK_BATCH_BYTES, ACK_IDLE_MS } from './ack-batcher';
import { chunkInput, encodeBinaryString, encodeText, INPUT_CHUNK_BYTES } from './input-chunks';
import { withPaneId } from './terminal-url';

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
  /**
   * The server reattached a live shell and its screen comes next as output: reset the
   * terminal now so the replay is not drawn over a stale screen.
   */
  replay?(): void;
  /** The shell set the window title (OSC 0/2). */
  title?(title: string): void;
  /** A read-only watcher's terminal size and whether it may type (watched and demo terminals). */
  watch?(state: WatchState): void;
  /** Called once, whatever ended the socket (not for a close the page asked for). */
  close?(info: CloseInfo): void;
}

export interface ConnectionOptions {
  url: string;
  token: string;
  /** The pane's fitted size, read when the socket opens: the first frame carries it. */
  initialSize: () => TerminalSize;
  handlers: ConnectionHandlers;
  /** The pane's id ([a-z0-9]{6,32}), added to the URL as `pane`; a fresh one by default. */
  paneId?: string;
  socketFactory?: SocketFactory;
  /** Time for the acknowledgement batches (tests drive it by hand). */
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
  private started = false;
  private closed = false;
  private lastSize: TerminalSize | null = null;
  private shellTitle = '';
  readonly paneId: string;
  private readonly acks: AckBatcher;
  private readonly handlers: ConnectionHandlers;

  constructor(private readonly options: ConnectionOptions) {
    this.handlers = options.handlers;
    this.paneId = options.paneId ?? newPaneId();
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

  /** The last window title the shell set ('' until it sets one). */
  get title(): string {
    return this.shellTitle;
  }

  /** Opens the socket. Failures (even synchronous ones) are reported through `close`. */
  connect(): void {
    if (this.started || this.closed) throw new Error('a TerminalConnection connects only once');
    this.started = true;
    this.openSocket();
  }

  /** Sends keystrokes or pasted text (from xterm's onData), in frames of bounded size. */
  sendText(data: string): boolean {
    return this.sendInput(encodeText(data));
  }

  /** Sends bytes from xterm's onBinary (one byte per character). */
  sendBinaryString(data: string): boolean {
    return this.sendInput(encodeBinaryString(data));
  }

  /** False when the input was dropped: the socket is not open (still opening, or closed). */
  sendInput(bytes: Uint8Array): boolean {
    if (!this.isOpen) return false;
    if (bytes.length === 0) return true;
    for (const chunk of chunkInput(bytes, this.options.inputChunkBytes ?? INPUT_CHUNK_BYTES)) {
      this.send({ type: 'input', data: chunk });
    }
    return true;
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

  /**
   * Closes the socket but not the shell: the server keeps it for a grace period, so a page
   * that comes back with the same pane id gets it again. `close` handlers are not called
   * for a close the page asked for.
   */
  close(code = 1000, reason = ''): void {
    if (this.closed) return;
    this.stop();
    const socket = this.socket;
    this.socket = null;
    if (socket) closeQuietly(socket, code, reason);
  }

  /**
   * The learner closed the pane: asks the server to end the shell and everything it started,
   * then closes. When this connection's socket is not open (not yet, or never started, as
   * between two sockets of a pane), a short-lived one carries the request.
   */
  closePane(): void {
    if (this.closed) return;
    const socket = this.socket;
    const open = this.isOpen;
    this.stop();
    this.socket = null;
    if (socket) {
      if (open) sendClose(socket);
      closeQuietly(socket, 1000, '');
    }
    if (open) return;
    let courier: SocketLike;
    try {
      courier = this.createSocket();
    } catch {
      return; // the server ends the shell after its grace period
    }
    courier.onopen = () => {
      sendClose(courier);
      closeQuietly(courier, 1000, '');
    };
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
        if (msg.status.attach === 'reattached') this.handlers.replay?.();
        break;
      case 'title':
        this.shellTitle = msg.title;
        this.handlers.title?.(msg.title);
        break;
      case 'exit':
        this.handlers.exit?.(msg.code);
        break;
      case 'error':
        this.handlers.error?.(msg.message);
        break;
      case 'watch':
        this.handlers.watch?.(msg.watch);
        break;
    }
  }

  private send(msg: ClientMessage): void {
    const socket = this.socket;
    if (!socket || this.closed || socket.readyState !== OPEN) return;
    socket.send(encodeClientMessage(msg) as Uint8Array<ArrayBuffer>);
  }

  private createSocket(): SocketLike {
    const url = withPaneId(this.options.url, this.paneId);
    const socket = (this.options.socketFactory ?? browserSocket)(url, terminalProtocols(this.options.token));
    socket.binaryType = 'arraybuffer';
    return socket;
  }

  private openSocket(): void {
    let socket: SocketLike;
    try {
      socket = this.createSocket();
    } catch (err) {
      this.finish({ code: 1006, reason: err instanceof Error ? err.message : String(err), wasClean: false });
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      if (this.closed || this.socket !== socket) return;
      const size = this.options.initialSize();
      this.lastSize = size;
      this.send({ type: 'resize', size });
      this.handlers.open?.();
    };
    socket.onmessage = (ev) => {
      if (this.socket === socket) this.receive(ev.data);
    };
    socket.onerror = () => {
      // The close event that always follows carries the details.
    };
    socket.onclose = (ev) => {
      if (this.socket === socket) this.finish({ code: ev.code, reason: ev.reason, wasClean: ev.wasClean });
    };
  }

  /** The socket ended (or never opened): report it once. */
  private finish(info: CloseInfo): void {
    if (this.closed) return;
    this.stop();
    this.socket = null;
    this.handlers.close?.(info);
  }

  private stop(): void {
    this.closed = true;
    this.acks.reset();
    if (this.socket) detach(this.socket);
  }
}

function detach(socket: SocketLike): void {
  socket.onopen = socket.onmessage = socket.onerror = socket.onclose = null;
}

function closeQuietly(socket: SocketLike, code: number, reason: string): void {
  detach(socket);
  try {
    socket.close(code, reason);
  } catch {
    // Already closing.
  }
}

function sendClose(socket: SocketLike): void {
  socket.send(encodeClientMessage({ type: 'close' }) as Uint8Array<ArrayBuffer>);
}

// A terminal client for tests: speaks the playground's wire protocol over a real WebSocket.
import type { Socket } from 'node:net';
import WebSocket from 'ws';
import {
  decodeServerMessage,
  encodeClientMessage,
  TERMINAL_SUBPROTOCOL,
  TOKEN_SUBPROTOCOL_PREFIX,
  type ServerMessage,
  type TerminalSize,
} from '../../common/protocol.js';

/** The TCP socket under a `ws` client (not in its types). */
const networkSocket = (ws: WebSocket) => (ws as unknown as { _socket: Socket })._socket;

export interface OpenOptions {
  host?: string;
  origin?: string;
  protocols?: string[];
  /** The pane id sent as `&pane=` (a socket with a live pane's id reattaches to it). */
  pane?: string;
  /** Acknowledge output this long after it came, like a slow browser (default: at once). */
  ackDelayMs?: number;
  /** Keep only about this much of the newest output, and no output in `messages` (default: all). */
  keepBytes?: number;
  /** Another terminal-protocol path (a watched or demo terminal) instead of the session's own. */
  path?: string;
}

export interface Closed {
  code: number;
  reason: string;
}

export class TestTerminal {
  readonly messages: ServerMessage[] = [];
  /** Output chunks as they came (joined only when read, so big outputs stay linear). */
  private chunks: Buffer[] = [];
  private total = 0;
  /** Bytes in `chunks`. */
  private kept = 0;
  readonly closed: Promise<Closed>;
  private waiters: (() => void)[] = [];

  private constructor(
    readonly ws: WebSocket,
    private readonly ackDelayMs = 0,
    private readonly keepBytes = Infinity,
  ) {
    ws.binaryType = 'nodebuffer';
    ws.on('message', (data: Buffer) => {
      const msg = decodeServerMessage(new Uint8Array(data));
      if (msg.type !== 'output' || this.keepBytes === Infinity) this.messages.push(msg);
      if (msg.type === 'output') {
        // A view, not a copy: the frame's buffer is this client's alone.
        this.chunks.push(Buffer.from(msg.data.buffer, msg.data.byteOffset, msg.data.length));
        this.total += msg.data.length;
        this.kept += msg.data.length;
        while (this.kept - this.chunks[0]!.length >= this.keepBytes) this.kept -= this.chunks.shift()!.length;
        this.acknowledge(msg.data.length);
      }
      this.waiters.forEach((w) => w());
    });
    this.closed = new Promise((resolve) =>
      ws.on('close', (code, reason) => {
        resolve({ code, reason: reason.toString() });
        this.waiters.forEach((w) => w());
      }),
    );
  }

  /** A read-only watcher of a terminal (watchTerminalPath, demoTerminalPath) at `path`. */
  static watch(base: string, path: string, token: string, opts: OpenOptions = {}): Promise<TestTerminal> {
    return TestTerminal.open(base, '', token, { ...opts, path });
  }

  static open(base: string, sessionId: string, token: string, opts: OpenOptions = {}): Promise<TestTerminal> {
    const pane = opts.pane === undefined ? '' : `&pane=${encodeURIComponent(opts.pane)}`;
    const path = opts.path ?? `/api/sessions/${sessionId}/terminal?host=${opts.host ?? 'node1'}${pane}`;
    const url = `${base.replace(/^http/, 'ws')}${path}`;
    const protocols = opts.protocols ?? [TERMINAL_SUBPROTOCOL, TOKEN_SUBPROTOCOL_PREFIX + token];
    const ws = new WebSocket(url, protocols, opts.origin ? { origin: opts.origin } : {});
    const terminal = new TestTerminal(ws, opts.ackDelayMs, opts.keepBytes);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(terminal));
      ws.once('error', reject);
    });
  }

  send(msg: Parameters<typeof encodeClientMessage>[0]): void {
    this.ws.send(encodeClientMessage(msg));
  }

  start(size: TerminalSize = { cols: 100, rows: 30 }): void {
    this.send({ type: 'resize', size });
  }

  type(text: string): void {
    this.send({ type: 'input', data: new TextEncoder().encode(text) });
  }

  /** All output kept, decoded as UTF-8 at once (so split sequences are joined). */
  get text(): string {
    return this.since(0).toString('utf8');
  }

  get outputBytes(): number {
    return this.total;
  }

  /** The output kept after its first `offset` bytes; cheap when offset is near the end. */
  since(offset: number): Buffer {
    let start = this.total;
    let i = this.chunks.length;
    while (i > 0 && start > offset) start -= this.chunks[--i]!.length;
    const first = this.chunks[i]?.subarray(Math.max(0, offset - start)) ?? Buffer.alloc(0);
    return Buffer.concat([first, ...this.chunks.slice(i + 1)]);
  }

  /** Resolves when the output matches, or rejects after timeoutMs. */
  waitFor(pattern: RegExp, timeoutMs = 20_000): Promise<RegExpMatchArray> {
    return this.waitForAfter(() => 0, pattern, timeoutMs);
  }

  /** Like waitFor, looking only at output after the offset `from()` gives at each look. */
  async waitForAfter(from: () => number, pattern: RegExp, timeoutMs = 20_000): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = this.since(from()).toString('utf8').match(pattern);
      if (match) return match;
      if (Date.now() > deadline || this.ws.readyState === WebSocket.CLOSED) {
        throw new Error(`terminal output never matched ${pattern}; last output:\n${this.text.slice(-600)}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 250);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
      this.waiters = [];
    }
  }

  /** Any acknowledgement, true or not (for hostile clients). */
  ack(bytes: number): void {
    this.send({ type: 'ack', bytes });
  }

  /** Stops taking frames from the network, as a client that never reads: the server's pile up. */
  stopReading(): void {
    networkSocket(this.ws).pause();
  }

  resumeReading(): void {
    networkSocket(this.ws).resume();
  }

  /** Drops the connection as a reload would: the pane's shell is kept for the grace period. */
  close(): void {
    this.ws.close();
  }

  /** Closes the pane on purpose: the server ends its shell and everything it started. */
  closePane(): void {
    this.send({ type: 'close' });
  }

  private acknowledge(bytes: number): void {
    const ack = () => {
      if (this.ws.readyState === WebSocket.OPEN) this.send({ type: 'ack', bytes });
    };
    if (this.ackDelayMs > 0) setTimeout(ack, this.ackDelayMs);
    else ack();
  }
}

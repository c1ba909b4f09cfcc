// Raw bytes to a server over TCP, for requests no HTTP client would send: the answer's status
// line and body, or how the connection ended. Every wait is bounded.
import net from 'node:net';

export interface RawAnswer {
  /** The status code of the first answer, or 0 if none came. */
  status: number;
  /** Everything the server sent, as latin1 text. */
  text: string;
  /** The connection was closed (by either side) before the deadline. */
  closed: boolean;
}

export interface RawOptions {
  port: number;
  /** Source address on loopback (127.0.0.2 is another client than 127.0.0.1). */
  from?: string;
  /** How long to wait for the server to answer and close; then the socket is ended. */
  timeoutMs?: number;
}

/** The close code of the first WebSocket close frame after a 101 answer, or 0. */
export function closeCodeAfterUpgrade(text: string): number {
  if (!/^HTTP\/1\.1 101 /.test(text)) return 0;
  const frame = Buffer.from(text.slice(text.indexOf('\r\n\r\n') + 4), 'latin1');
  // An unmasked close frame from the server: 0x88, a short length, then the code.
  if (frame.length < 4 || frame[0] !== 0x88) return 0;
  return frame.readUInt16BE(2);
}

/** Sends `bytes` and collects the answer until the server closes or the deadline passes. */
export function rawRequest(
  bytes: string | Buffer,
  { port, from, timeoutMs = 5000 }: RawOptions,
): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1', ...(from ? { localAddress: from } : {}) });
    const chunks: Buffer[] = [];
    let closed = false;
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString('latin1');
      resolve({ status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0), text, closed });
    };
    const timer = setTimeout(done, timeoutMs);
    socket.on('data', (d: Buffer) => {
      chunks.push(d);
      // A refused WebSocket has said its close code: nothing more to wait for.
      if (closeCodeAfterUpgrade(Buffer.concat(chunks).toString('latin1'))) done();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      closed = true;
      done();
    });
    socket.write(bytes);
  });
}

/** A GET with the given target and headers, closing after the answer. */
export function rawGet(target: string, headers: Record<string, string> = {}): string {
  const lines = Object.entries({ Host: '127.0.0.1', Connection: 'close', ...headers }).map(
    ([k, v]) => `${k}: ${v}\r\n`,
  );
  return `GET ${target} HTTP/1.1\r\n${lines.join('')}\r\n`;
}

/** A WebSocket handshake for `target`; add Sec-WebSocket-Protocol and the like in `headers`. */
export function rawUpgrade(target: string, headers: Record<string, string> = {}): string {
  return rawGet(target, {
    Connection: 'Upgrade',
    Upgrade: 'websocket',
    'Sec-WebSocket-Version': '13',
    'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
    ...headers,
  });
}

/**
 * Opens a connection that sends the start of a request and never finishes its headers.
 * Resolves when the server closes it (with what it answered) or after `timeoutMs`.
 */
export function slowHeaders(opts: RawOptions): { ended: Promise<RawAnswer>; socket: net.Socket } {
  const socket = net.connect({
    port: opts.port,
    host: '127.0.0.1',
    ...(opts.from ? { localAddress: opts.from } : {}),
  });
  socket.on('error', () => undefined);
  socket.write('GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
  const chunks: Buffer[] = [];
  socket.on('data', (d: Buffer) => chunks.push(d));
  const ended = new Promise<RawAnswer>((resolve) => {
    const finish = (closed: boolean) => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('latin1');
      resolve({ status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0), text, closed });
    };
    const timer = setTimeout(() => finish(false), opts.timeoutMs ?? 10_000);
    socket.on('close', () => finish(true));
  });
  return { ended, socket };
}

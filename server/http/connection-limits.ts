// Bounds on the connections one client may hold and the server as a whole: each connection
// holds a file descriptor and memory, and one address holding thousands of them (slow
// headers, idle sockets) would starve every other learner. A connection is counted against
// its peer's address (clientKey) from the moment it is accepted. A trusted proxy's peer
// address is every learner's, so its connections count only in the total, and its
// WebSockets (the connections that last) count against the client it forwards for.
import type http from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { clientAddress, clientKey, plainAddress, type TrustedProxies } from './client-address.js';
import { refuseConnection } from './refusal.js';

export interface ConnectionLimitsOptions {
  /** Most connections open at once (PLAYGROUND_MAX_CONNECTIONS). */
  maxConnections: number;
  /** Most connections one client holds at once (PLAYGROUND_MAX_CONNECTIONS_PER_CLIENT). */
  maxPerClient: number;
  trusted: TrustedProxies;
  /** How long an upgraded socket may wait for its handshake's answer. */
  handshakeTimeoutMs: number;
}

const TOO_MANY_FROM_CLIENT = 'Too many connections from your address; close some tabs.';

export class ConnectionLimits {
  private total = 0;
  private readonly byClient = new Map<string, number>();
  /** Connections answered with a refusal: what they send next is not served. */
  private readonly refused = new WeakSet<object>();

  constructor(private readonly opts: ConnectionLimitsOptions) {}

  /** Counts every connection the server accepts, and turns away those past a bound. */
  attach(server: http.Server): void {
    server.on('connection', (socket: Socket) => {
      const peer = plainAddress(socket.remoteAddress ?? 'unknown');
      if (this.total >= this.opts.maxConnections)
        return this.refuse(socket, 503, 'The playground has too many connections open; try again shortly.');
      if (this.opts.trusted.has(peer)) return this.hold(socket, null);
      const key = clientKey(peer);
      if ((this.byClient.get(key) ?? 0) >= this.opts.maxPerClient)
        return this.refuse(socket, 429, TOO_MANY_FROM_CLIENT);
      this.hold(socket, key);
    });
  }

  /**
   * Admits an upgrade: false (the socket is answered and closed) when a client behind a
   * trusted proxy holds too many. An admitted socket that gets no answer to its handshake
   * in time is closed.
   */
  admitUpgrade(req: IncomingMessage, socket: Duplex): boolean {
    const peer = plainAddress(req.socket.remoteAddress ?? 'unknown');
    if (this.opts.trusted.has(peer)) {
      const key = clientKey(clientAddress(req, this.opts.trusted));
      if ((this.byClient.get(key) ?? 0) >= this.opts.maxPerClient) {
        refuseConnection(socket, 429, TOO_MANY_FROM_CLIENT);
        return false;
      }
      this.count(key, 1);
      socket.once('close', () => this.count(key, -1));
    }
    const timer = setTimeout(() => {
      if (!(socket as Socket).bytesWritten) socket.destroy();
    }, this.opts.handshakeTimeoutMs);
    timer.unref();
    socket.once('close', () => clearTimeout(timer));
    return true;
  }

  /**
   * Whether a connection was refused when it was accepted. The HTTP parser still reads what
   * it sends, so its requests and upgrades must be dropped unserved.
   */
  wasRefused(socket: object): boolean {
    return this.refused.has(socket);
  }

  /** Connections open now, in all and for one client (tests and health). */
  openConnections(client?: string): number {
    return client === undefined ? this.total : (this.byClient.get(clientKey(client)) ?? 0);
  }

  private refuse(socket: Socket, status: number, message: string): void {
    this.refused.add(socket);
    refuseConnection(socket, status, message);
  }

  private hold(socket: Socket, key: string | null): void {
    this.total++;
    if (key !== null) this.count(key, 1);
    socket.once('close', () => {
      this.total--;
      if (key !== null) this.count(key, -1);
    });
  }

  private count(key: string, delta: number): void {
    const next = (this.byClient.get(key) ?? 0) + delta;
    if (next > 0) this.byClient.set(key, next);
    else this.byClient.delete(key);
  }
}

// Bounds on the connections one client may hold and the server as a whole: each connection
// holds a file descriptor and memory, and one address holding thousands of them (slow
// headers, idle sockets) would starve every other learner. Counted per client (clientKey);
// a trusted proxy's connections are counted by the client it forwards for once the request
// says who that is, and only their WebSockets (long-lived) are, since its short requests
// end on their own.
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

export class ConnectionLimits {
  private total = 0;
  private readonly byClient = new Map<string, number>();

  constructor(private readonly opts: ConnectionLimitsOptions) {}

  /** Counts every connection the server accepts, and turns away those past a bound. */
  attach(server: http.Server): void {
    server.on('connection', (socket: Socket) => {
      const peer = plainAddress(socket.remoteAddress ?? 'unknown');
      if (this.total >= this.opts.maxConnections)
        return refuseConnection(
          socket,
          503,
          'The playground has too many connections open; try again shortly.',
        );
      if (this.opts.trusted.has(peer)) return this.hold(socket, null);
      const key = clientKey(peer);
      if ((this.byClient.get(key) ?? 0) >= this.opts.maxPerClient)
        return refuseConnection(socket, 429, 'Too many connections from your address; close some tabs.');
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
        refuseConnection(socket, 429, 'Too many connections from your address; close some tabs.');
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

  /** Connections open now, in all and for one client (tests and health). */
  openConnections(client?: string): number {
    return client === undefined ? this.total : (this.byClient.get(clientKey(client)) ?? 0);
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

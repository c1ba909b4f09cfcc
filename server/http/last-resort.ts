// The last line under every request and upgrade: whatever a handler throws, or a promise it
// returns rejects with, is answered (its PlaygroundError's status, else 500, logged) and the
// server goes on. Any bytes may arrive on any endpoint, and none may end the process.
import type http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { PlaygroundError } from '../errors.js';
import { logger } from '../log.js';
import { refuseConnection, refuseRequest } from './refusal.js';

const log = logger('http');

type RequestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;
type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

export function guardRequests(serve: RequestHandler): http.RequestListener {
  return (req, res) => {
    const fail = (err: unknown) => {
      if (res.headersSent) {
        log.error(`${req.method} ${String(req.url).slice(0, 200)} failed mid-answer: ${String(err)}`);
        res.destroy();
      } else refuseRequest(res, err, `${req.method} ${String(req.url).slice(0, 200)}`);
    };
    try {
      Promise.resolve(serve(req, res)).catch(fail);
    } catch (err) {
      fail(err);
    }
  };
}

export function guardUpgrades(serve: UpgradeHandler): UpgradeHandler {
  return (req, socket, head) => {
    // The HTTP server lets go of an upgraded socket, its error listener too: a reset before
    // a handler takes it must not become an uncaught 'error'.
    socket.on('error', () => socket.destroy());
    try {
      serve(req, socket, head);
    } catch (err) {
      const status = err instanceof PlaygroundError ? err.status : 500;
      if (status >= 500)
        log.error(`upgrade ${String(req.url).slice(0, 200)}: ${(err as Error).stack ?? String(err)}`);
      // Once the handshake is answered the bytes are WebSocket frames, not an HTTP answer.
      if ((socket as Socket).bytesWritten || socket.writableEnded) socket.destroy();
      else refuseConnection(socket, status, (err as Error).message);
    }
  };
}

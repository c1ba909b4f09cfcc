// The playground's HTTP server: first the published-port proxy (a port's own origin), then
// the JSON API (routes.ts), the WebSockets (upgrades.ts) and the built client. Every route
// and upgrade declares who may use it; see access.ts and docs/architecture.md.
import http from 'node:http';
import type { PortService } from '../ports/index.js';
import { serveApi, type ApiDeps } from './routes.js';
import { sendJson } from './refusal.js';
import { serveStatic } from './static-files.js';
import { createUpgradeHandler, type UpgradeDeps } from './upgrades.js';

export interface ServerDeps extends ApiDeps, UpgradeDeps {
  ports: PortService;
  /** The built client (dist/client). */
  clientRoot: string;
}

const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

export interface PlaygroundServer {
  http: http.Server;
  /** Ends every open WebSocket and resolves when all connections are closed. */
  close(): Promise<void>;
  /** Open WebSockets by subprotocol (a census for leak tests). */
  openSockets(): Record<string, number>;
}

export function createPlaygroundServer(deps: ServerDeps): PlaygroundServer {
  const upgrades = createUpgradeHandler(deps);
  const server = http.createServer(async (req, res) => {
    // A published port's own origin: served by the proxy, with the app's headers, not ours.
    if (deps.ports.handleRequest(req, res)) return;
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
    if (pathname.startsWith('/api/')) return serveApi(req, res, deps);
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return sendJson(res, 405, { error: 'Method not allowed.' });
    serveStatic(deps.clientRoot, pathname, res);
  });
  server.on('upgrade', (req: http.IncomingMessage, socket, head: Buffer) => {
    if (!deps.ports.handleUpgrade(req, socket, head)) upgrades.handle(req, socket, head);
  });
  return {
    http: server,
    openSockets: () => upgrades.openSockets(),
    close: () =>
      new Promise<void>((resolve) => {
        upgrades.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

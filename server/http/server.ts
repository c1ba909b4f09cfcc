// The playground's HTTP server: first the published-port proxy (a port's own origin), then
// the JSON API (routes.ts), the WebSockets (upgrades.ts) and the built client. Every route
// and upgrade declares who may use it; see access.ts and docs/architecture.md. Before any of
// them: the bounds on connections (connection-limits.ts) and the names the playground
// answers to (host-names.ts); under all of them, the last resort (last-resort.ts).
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { PlaygroundError } from '../errors.js';
import type { PortService } from '../ports/index.js';
import { ConnectionLimits } from './connection-limits.js';
import { guardRequests, guardUpgrades } from './last-resort.js';
import type { NetworkPolicy } from './network-policy.js';
import { refuseConnection, sendJson } from './refusal.js';
import { parseRequestTarget } from './request-target.js';
import { serveApi, type ApiDeps } from './routes.js';
import { serveStatic } from './static-files.js';
import { createUpgradeHandler, type UpgradeDeps, type UpgradeHandler } from './upgrades.js';

export interface ServerDeps extends ApiDeps, UpgradeDeps {
  ports: PortService;
  /** The built client (dist/client). */
  clientRoot: string;
  network: NetworkPolicy;
}

const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/**
 * How long a whole request may take to arrive. API bodies are tiny, but a published port's
 * app may be sent an upload through the proxy over a slow link.
 */
const REQUEST_TIMEOUT_MS = 120_000;

export interface PlaygroundServer {
  http: http.Server;
  /** Ends every open WebSocket and resolves when all connections are closed. */
  close(): Promise<void>;
  /** Open WebSockets by subprotocol (a census for leak tests). */
  openSockets(): Record<string, number>;
}

export function createPlaygroundServer(deps: ServerDeps): PlaygroundServer {
  const { network } = deps;
  const upgrades = createUpgradeHandler(deps);
  const limits = new ConnectionLimits({
    maxConnections: network.maxConnections,
    maxPerClient: network.maxConnectionsPerClient,
    trusted: network.trustedProxies,
    handshakeTimeoutMs: network.headersTimeoutMs,
  });
  const server = http.createServer(
    {
      headersTimeout: network.headersTimeoutMs,
      requestTimeout: Math.max(REQUEST_TIMEOUT_MS, network.headersTimeoutMs),
      // The timeouts above are enforced when connections are checked: a few times per timeout.
      connectionsCheckingInterval: Math.min(30_000, Math.max(100, network.headersTimeoutMs / 4)),
    },
    guardRequests((req, res) => {
      // Refused when it connected; it has its answer and closes (connection-limits.ts).
      if (!limits.wasRefused(req.socket)) return serveRequest(deps, req, res);
    }),
  );
  limits.attach(server);
  server.on(
    'upgrade',
    guardUpgrades((req, socket, head) => {
      if (limits.wasRefused(req.socket) || !limits.admitUpgrade(req, socket)) return;
      serveUpgrade(deps, upgrades, { req, socket, head });
    }),
  );
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

function serveRequest(deps: ServerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> | void {
  // A published port's own origin: served by the proxy, with the app's headers, not ours.
  if (deps.ports.handleRequest(req, res)) return;
  for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
  if (!deps.network.names.allows(req.headers.host))
    throw new PlaygroundError(deps.network.names.refusal(req.headers.host), 421);
  const { pathname } = parseRequestTarget(req.url);
  if (pathname.startsWith('/api/') || pathname === '/metrics') return serveApi(req, res, deps);
  if (req.method !== 'GET' && req.method !== 'HEAD')
    return sendJson(res, 405, { error: 'Method not allowed.' });
  serveStatic(deps.clientRoot, pathname, res);
}

interface UpgradeRequest {
  req: IncomingMessage;
  socket: Duplex;
  head: Buffer;
}

function serveUpgrade(
  deps: ServerDeps,
  upgrades: UpgradeHandler,
  { req, socket, head }: UpgradeRequest,
): void {
  if (deps.ports.handleUpgrade(req, socket, head)) return;
  if (!deps.network.names.allows(req.headers.host))
    return refuseConnection(socket, 421, deps.network.names.refusal(req.headers.host));
  upgrades.handle(req, socket, head);
}

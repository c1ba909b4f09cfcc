// The playground's HTTP server: the JSON API, the terminal WebSockets and the client.
// Every route declares who may use it; see ROUTES below and docs/architecture.md.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ApiError, HealthView } from '../../common/api.js';
import {
  CloseCode,
  MAX_CLIENT_FRAME_BYTES,
  TERMINAL_SUBPROTOCOL,
  TOKEN_SUBPROTOCOL_PREFIX,
} from '../../common/protocol.js';
import type { Config } from '../config.js';
import { logger } from '../log.js';
import { PlaygroundError } from '../sandboxes/errors.js';
import type { SandboxManager } from '../sandboxes/manager.js';
import type { SessionService } from '../sessions/service.js';
import { TerminalUnavailableError, type TerminalBackendFactory } from '../terminals/backend.js';
import { DockerExecBackendFactory } from '../terminals/docker-exec.js';
import { closeWith } from '../terminals/close.js';
import { serveTerminal } from '../terminals/socket.js';
import { originAllowed } from './origin.js';
import { serveStatic } from './static-files.js';

const log = logger('http');

/** Who may call a route: anyone who can load the page, or only the session's token holder. */
type Access = 'public' | 'session-token';

interface Route {
  method: string;
  pattern: RegExp;
  access: Access;
  handle(ctx: RouteContext): Promise<void> | void;
}

interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  params: string[];
  token: string | undefined;
}

export interface ServerDeps {
  config: Config;
  sessions: SessionService;
  sandboxes: SandboxManager;
  clientRoot: string;
  health: () => Promise<HealthView>;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function bearer(req: IncomingMessage): string | undefined {
  const match = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '');
  return match?.[1];
}

const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

export interface PlaygroundServer {
  http: http.Server;
  /** Stops accepting, ends every open terminal, and resolves when all connections are closed. */
  close(): Promise<void>;
}

export function createPlaygroundServer(deps: ServerDeps): PlaygroundServer {
  const { sessions, config } = deps;
  const terminalsPerSession = new Map<string, number>();

  const ROUTES: Route[] = [
    {
      method: 'GET',
      pattern: /^\/api\/health$/,
      access: 'public',
      handle: async ({ res }) => sendJson(res, 200, await deps.health()),
    },
    {
      method: 'POST',
      pattern: /^\/api\/sessions$/,
      access: 'public',
      handle: ({ req, res }) => sendJson(res, 201, sessions.create(req.socket.remoteAddress ?? 'unknown')),
    },
    {
      method: 'GET',
      pattern: /^\/api\/sessions\/([a-f0-9]+)$/,
      access: 'session-token',
      handle: ({ res, params, token }) => sendJson(res, 200, sessions.authorize(params[0]!, token)),
    },
    {
      method: 'DELETE',
      pattern: /^\/api\/sessions\/([a-f0-9]+)$/,
      access: 'session-token',
      handle: async ({ res, params, token }) => {
        await sessions.end(params[0]!, token);
        res.writeHead(204).end();
      },
    },
  ];

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
    if (!url.pathname.startsWith('/api/')) {
      if (req.method !== 'GET' && req.method !== 'HEAD')
        return sendJson(res, 405, { error: 'Method not allowed.' });
      return serveStatic(deps.clientRoot, url.pathname, res);
    }
    const matching = ROUTES.filter((r) => r.pattern.test(url.pathname));
    const route = matching.find((r) => r.method === req.method);
    if (!route) {
      const error: ApiError = { error: matching.length ? 'Method not allowed.' : 'No such API endpoint.' };
      return sendJson(res, matching.length ? 405 : 404, error);
    }
    // State-changing calls from another site's page are refused (CSRF).
    if (req.method !== 'GET' && !originAllowed(req, config.allowedOrigins)) {
      return sendJson(res, 403, { error: 'Requests from this origin are not allowed.' });
    }
    try {
      const params = route.pattern.exec(url.pathname)!.slice(1);
      await route.handle({ req, res, params, token: bearer(req) });
    } catch (err) {
      const status = err instanceof PlaygroundError ? err.status : 500;
      if (status >= 500) log.error(`${req.method} ${url.pathname}: ${(err as Error).stack ?? err}`);
      if (!res.headersSent) sendJson(res, status, { error: (err as Error).message } satisfies ApiError);
    }
  });

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_CLIENT_FRAME_BYTES,
    // Select the terminal protocol; the token subprotocol is read, never echoed.
    handleProtocols: (protocols) => (protocols.has(TERMINAL_SUBPROTOCOL) ? TERMINAL_SUBPROTOCOL : false),
  });

  // Terminal WebSocket: session-token access, checked here before any shell exists.
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = /^\/api\/sessions\/([a-f0-9]+)\/terminal$/.exec(url.pathname);
    if (!match) {
      socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
      return;
    }
    const sessionId = match[1]!;
    const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
    const token = offered
      .find((p) => p.startsWith(TOKEN_SUBPROTOCOL_PREFIX))
      ?.slice(TOKEN_SUBPROTOCOL_PREFIX.length);
    const host = url.searchParams.get('host') ?? 'docker';

    // Refusals complete the upgrade and close with a code and reason the page can show.
    wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      const refuse = (code: number, reason: string) => closeWith(ws, code, reason);
      if (!originAllowed(req, config.allowedOrigins))
        return refuse(CloseCode.ForeignOrigin, 'Foreign origin refused.');
      if (ws.protocol !== TERMINAL_SUBPROTOCOL) {
        return refuse(CloseCode.BadMessage, `Offer the ${TERMINAL_SUBPROTOCOL} subprotocol.`);
      }
      let view;
      try {
        view = sessions.authorize(sessionId, token);
      } catch (err) {
        const e = err as PlaygroundError;
        return refuse(e.status === 401 ? CloseCode.BadToken : CloseCode.UnknownSession, e.message);
      }
      if (!view.hosts.includes(host))
        return refuse(CloseCode.UnknownSession, `This session has no host "${host}".`);
      const open = terminalsPerSession.get(sessionId) ?? 0;
      if (open >= config.maxTerminalsPerSession) {
        return refuse(
          CloseCode.TooManyTerminals,
          `At most ${config.maxTerminalsPerSession} terminals per session.`,
        );
      }
      terminalsPerSession.set(sessionId, open + 1);
      const release = () => {
        const n = (terminalsPerSession.get(sessionId) ?? 1) - 1;
        if (n > 0) terminalsPerSession.set(sessionId, n);
        else terminalsPerSession.delete(sessionId);
      };
      connectTerminal(ws, sessionId, token, host, release);
    });
  });

  // The socket is served at once (so no early frame is lost); the shell starts when the
  // first resize arrives, after the sandbox is ready.
  function connectTerminal(
    ws: WebSocket,
    sessionId: string,
    token: string | undefined,
    host: string,
    release: () => void,
  ): void {
    const factory: TerminalBackendFactory = {
      create: async (size) => {
        try {
          await sessions.whenReady(sessionId, token);
        } catch (err) {
          throw new TerminalUnavailableError((err as Error).message, CloseCode.SandboxGone);
        }
        const container = await deps.sandboxes.container(sessionId, host);
        if (!container || !(await container.inspect()).State.Running) {
          throw new TerminalUnavailableError('The sandbox is gone. Start a new one.', CloseCode.SandboxGone);
        }
        return new DockerExecBackendFactory(container).create(size);
      },
    };
    serveTerminal(ws, { host, factory, onClosed: release });
  }

  return {
    http: server,
    close: () =>
      new Promise<void>((resolve) => {
        // Upgraded sockets are no longer the HTTP server's: end them here or close() waits forever.
        for (const ws of wss.clients) ws.terminate();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

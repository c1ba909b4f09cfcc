// The playground's HTTP server: the JSON API, the terminal and session events WebSockets, the
// client, and (first in line) the published-port proxy.
// Every route declares who may use it; see ROUTES below and docs/architecture.md.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ApiError, HealthView } from '../../common/api.js';
import { EVENTS_SUBPROTOCOL } from '../../common/events.js';
import { LanguageSchema } from '../../common/lesson.js';
import {
  CloseCode,
  MAX_CLIENT_FRAME_BYTES,
  newPaneId,
  PANE_ID_PATTERN,
  TERMINAL_SUBPROTOCOL,
  TOKEN_SUBPROTOCOL_PREFIX,
} from '../../common/protocol.js';
import type { Config } from '../config.js';
import { logger } from '../log.js';
import { PlaygroundError } from '../errors.js';
import type { SandboxManager } from '../sandboxes/manager.js';
import type { LessonCatalogue } from '../lessons/catalogue.js';
import type { LessonSessions } from '../progress/lesson-sessions.js';
import type { PortService } from '../ports/index.js';
import type { SessionEventHub } from '../sessions/event-hub.js';
import type { SessionService } from '../sessions/service.js';
import { TerminalUnavailableError, type TerminalBackendFactory } from '../terminals/backend.js';
import { DockerExecBackendFactory } from '../terminals/docker-exec.js';
import { closeWith } from '../terminals/close.js';
import { TerminalRegistry } from '../terminals/registry.js';
import { serveTerminal } from '../terminals/socket.js';
import { serveSessionEvents } from './events-socket.js';
import { optionalString, readJsonBody } from './json-body.js';
import { originAllowed } from './origin.js';
import { serveStatic } from './static-files.js';

const log = logger('http');

/**
 * Who may call a route: anyone who can load the page, or only the session's token holder.
 * The router enforces it: a 'session-token' route's first capture is the session id, and
 * its handler only runs for that session's bearer token.
 */
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
  catalogue: LessonCatalogue;
  events: SessionEventHub;
  lessonSessions: LessonSessions;
  ports: PortService;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function bearer(req: IncomingMessage): string | undefined {
  const match = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '');
  return match?.[1];
}

/** The session token offered as a WebSocket subprotocol (never in the URL). */
function tokenFromSubprotocols(req: IncomingMessage): string | undefined {
  const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
  return offered.find((p) => p.startsWith(TOKEN_SUBPROTOCOL_PREFIX))?.slice(TOKEN_SUBPROTOCOL_PREFIX.length);
}

const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

export interface PlaygroundServer {
  http: http.Server;
  /** Every session's live terminals. */
  terminals: TerminalRegistry;
  /** Stops accepting, ends every open terminal, and resolves when all connections are closed. */
  close(): Promise<void>;
}

export function createPlaygroundServer(deps: ServerDeps): PlaygroundServer {
  const { sessions, config } = deps;
  const terminals = new TerminalRegistry({
    graceMs: config.terminalGraceMs,
    maxPerSession: config.maxTerminalsPerSession,
  });
  // Shells end with their host or session, whoever ends it (the learner, the reaper).
  sessions.observe({
    hostRemoved: (sessionId, host) => void terminals.closeHost(sessionId, host),
    sessionEnded: (sessionId) => void terminals.closeSession(sessionId),
  });

  const ROUTES: Route[] = [
    {
      method: 'GET',
      pattern: /^\/api\/health$/,
      access: 'public',
      handle: async ({ res }) => sendJson(res, 200, await deps.health()),
    },
    {
      method: 'GET',
      pattern: /^\/api\/lessons$/,
      access: 'public',
      handle: ({ res }) => sendJson(res, 200, deps.catalogue.list()),
    },
    {
      method: 'GET',
      pattern: /^\/api\/lessons\/([a-z0-9-]+)$/,
      access: 'public',
      handle: ({ req, res, params }) => {
        const lang = new URL(req.url ?? '/', 'http://localhost').searchParams.get('lang') ?? 'en';
        const language = LanguageSchema.safeParse(lang);
        if (!language.success)
          throw new PlaygroundError(`No lessons in language "${lang}"; use en or id.`, 400);
        const lesson = deps.catalogue.localized(params[0]!, language.data);
        if (!lesson) throw new PlaygroundError(`No lesson "${params[0]}".`, 404);
        sendJson(res, 200, lesson);
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/sessions$/,
      access: 'public',
      handle: async ({ req, res }) => {
        const lessonId = optionalString(await readJsonBody(req), 'lessonId');
        const lesson = lessonId === undefined ? undefined : deps.catalogue.get(lessonId);
        if (lessonId !== undefined && !lesson) throw new PlaygroundError(`No lesson "${lessonId}".`, 404);
        const client = req.socket.remoteAddress ?? 'unknown';
        sendJson(
          res,
          201,
          sessions.create(client, lesson ? { lessonId: lesson.id, hosts: lesson.hosts } : {}),
        );
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/sessions\/([a-f0-9]+)\/hosts$/,
      access: 'session-token',
      handle: ({ res, params, token }) => sendJson(res, 201, sessions.addHost(params[0]!, token)),
    },
    {
      method: 'DELETE',
      pattern: /^\/api\/sessions\/([a-f0-9]+)\/hosts\/([a-z][a-z0-9-]*)$/,
      access: 'session-token',
      handle: async ({ res, params, token }) =>
        sendJson(res, 200, await sessions.removeHost(params[0]!, token, params[1]!)),
    },
    {
      method: 'POST',
      pattern: /^\/api\/sessions\/([a-f0-9]+)\/ports\/([a-z][a-z0-9-]*)\/([0-9]{1,5})\/ticket$/,
      access: 'session-token',
      handle: ({ res, params }) =>
        sendJson(res, 200, deps.ports.ticket(params[0]!, params[1]!, Number(params[2]))),
    },
    {
      method: 'GET',
      pattern: /^\/api\/sessions\/([a-f0-9]+)\/progress$/,
      access: 'session-token',
      handle: async ({ res, params }) => {
        const progress = await deps.lessonSessions.progress(params[0]!);
        if (!progress) throw new PlaygroundError('This session has no lesson progress (yet).', 404);
        sendJson(res, 200, progress);
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/sessions\/([a-f0-9]+)\/check$/,
      access: 'session-token',
      handle: async ({ req, res, params }) => {
        const stepId = optionalString(await readJsonBody(req), 'stepId');
        sendJson(res, 200, await deps.lessonSessions.check(params[0]!, stepId));
      },
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
        await terminals.closeSession(params[0]!); // shells end now, not with the sandbox
        await sessions.end(params[0]!, token);
        res.writeHead(204).end();
      },
    },
  ];

  const server = http.createServer(async (req, res) => {
    // A published port's own origin: served by the proxy, with the app's headers, not ours.
    if (deps.ports.handleRequest(req, res)) return;
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
      const token = bearer(req);
      if (route.access === 'session-token') sessions.authorize(params[0]!, token); // 404 or 401
      await route.handle({ req, res, params, token });
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

  // Terminal and events WebSockets: session-token access, checked before any shell exists.
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (deps.ports.handleUpgrade(req, socket, head)) return;
    const url = new URL(req.url ?? '/', 'http://localhost');
    const eventsMatch = /^\/api\/sessions\/([a-f0-9]+)\/events$/.exec(url.pathname);
    if (eventsMatch) return upgradeEvents(req, socket, head, eventsMatch[1]!);
    const match = /^\/api\/sessions\/([a-f0-9]+)\/terminal$/.exec(url.pathname);
    if (!match) {
      socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
      return;
    }
    const sessionId = match[1]!;
    const token = tokenFromSubprotocols(req);
    const host = url.searchParams.get('host') ?? sessions.primaryHost(sessionId);

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
      // The browser names its pane so a new socket can reattach to the pane's shell.
      const paneId = url.searchParams.get('pane') ?? newPaneId();
      if (!PANE_ID_PATTERN.test(paneId))
        return refuse(CloseCode.BadMessage, 'A pane id is 6 to 32 lowercase letters and digits.');
      connectTerminal(ws, sessionId, token, host, paneId);
    });
  });

  const eventsWss = new WebSocketServer({
    noServer: true,
    maxPayload: 1024,
    handleProtocols: (protocols) => (protocols.has(EVENTS_SUBPROTOCOL) ? EVENTS_SUBPROTOCOL : false),
  });

  // Session events WebSocket: session-token access, like the terminal.
  function upgradeEvents(req: IncomingMessage, socket: Duplex, head: Buffer, sessionId: string): void {
    eventsWss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      const refuse = (code: number, reason: string) => closeWith(ws, code, reason);
      if (!originAllowed(req, config.allowedOrigins))
        return refuse(CloseCode.ForeignOrigin, 'Foreign origin refused.');
      if (ws.protocol !== EVENTS_SUBPROTOCOL)
        return refuse(CloseCode.BadMessage, `Offer the ${EVENTS_SUBPROTOCOL} subprotocol.`);
      try {
        sessions.authorize(sessionId, tokenFromSubprotocols(req));
      } catch (err) {
        const e = err as PlaygroundError;
        return refuse(e.status === 401 ? CloseCode.BadToken : CloseCode.UnknownSession, e.message);
      }
      serveSessionEvents(ws, sessionId, deps.events);
    });
  }

  // The socket is served at once (so no early frame is lost); the shell starts when the
  // first resize arrives, after the sandbox is ready.
  function connectTerminal(
    ws: WebSocket,
    sessionId: string,
    token: string | undefined,
    host: string,
    paneId: string,
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
    serveTerminal(ws, { sessionId, paneId, host, factory, registry: terminals });
  }

  return {
    http: server,
    terminals,
    close: () =>
      // Shells end with the server rather than wait out their grace period.
      terminals.closeAll().then(
        () =>
          new Promise<void>((resolve) => {
            // Upgraded sockets are no longer the HTTP server's: end them here or close() waits forever.
            for (const ws of [...wss.clients, ...eventsWss.clients]) ws.terminate();
            server.closeAllConnections();
            server.close(() => resolve());
          }),
      ),
  };
}

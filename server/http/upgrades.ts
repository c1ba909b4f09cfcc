// The WebSocket upgrades: one row per socket in the route table's format (its path and who
// may use it, see access.ts), plus the subprotocol it speaks. A published port's own origin
// never gets here: the port proxy takes those upgrades first and admits them by the port's
// ticket and cookie (ports/proxy.ts).
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { EVENTS_SUBPROTOCOL } from '../../common/events.js';
import { DEFAULT_LANGUAGE, LanguageSchema } from '../../common/lesson.js';
import { CLASS_SUBPROTOCOL } from '../../common/workshop-live.js';
import {
  MAX_CLIENT_FRAME_BYTES,
  newPaneId,
  PANE_ID_PATTERN,
  TERMINAL_SUBPROTOCOL,
} from '../../common/protocol.js';
import { PlaygroundError } from '../errors.js';
import type { SessionEventHub } from '../sessions/event-hub.js';
import type { SessionService } from '../sessions/service.js';
import type { TerminalRegistry } from '../terminals/registry.js';
import type { ShellFactory } from '../terminals/sandbox-shells.js';
import { serveTerminal } from '../terminals/socket.js';
import type { WorkshopApi } from '../workshops/api.js';
import { serveClass } from '../workshops/class/class-socket.js';
import type { LiveApi } from '../workshops/class/live-api.js';
import type { WorkshopTerminals } from '../workshops/live-terminals.js';
import { admit, match, tokenFromSubprotocols, type Endpoint } from './access.js';
import { serveSessionEvents } from './events-socket.js';
import type { NetworkPolicy } from './network-policy.js';
import { originAllowed } from './origin.js';
import { refuseConnection, refuseSocket } from './refusal.js';
import { parseRequestTarget } from './request-target.js';
import { SocketQuota } from './socket-quota.js';

/** What the sockets are served from. */
export interface UpgradeDeps {
  sessions: SessionService;
  events: SessionEventHub;
  terminals: TerminalRegistry;
  /** Makes the shell behind a terminal pane. */
  shells: ShellFactory;
  /** Origins allowed to open sockets besides the page's own (Config.allowedOrigins). */
  allowedOrigins: readonly string[];
  /** How many event sockets one session may hold. */
  network: Pick<NetworkPolicy, 'maxEventSocketsPerSession'>;
  /** Trainer keys, for the trainer's sockets. */
  workshops: WorkshopApi;
  /** Watching learners' terminals and following the trainer's demo. */
  workshopTerminals: WorkshopTerminals;
  /** The workshops' live class: the trainer's class socket. */
  live: LiveApi;
}

interface UpgradeContext {
  ws: WebSocket;
  url: URL;
  params: string[];
  token: string | undefined;
  deps: UpgradeDeps;
  /** The event sockets each session holds (terminals are counted by their registry). */
  eventSockets: SocketQuota;
}

export interface Upgrade extends Endpoint {
  /** The subprotocol the socket speaks; the page must offer it. */
  protocol: string;
  /** The largest frame the browser may send. */
  maxPayload: number;
  /** Serves the socket once it is admitted; throws a PlaygroundError to refuse it. */
  accept(ctx: UpgradeContext): void;
}

export const UPGRADES: readonly Upgrade[] = [
  {
    pattern: /^\/api\/sessions\/([a-f0-9]+)\/terminal$/,
    access: 'session-token',
    protocol: TERMINAL_SUBPROTOCOL,
    maxPayload: MAX_CLIENT_FRAME_BYTES,
    accept: acceptTerminal,
  },
  {
    pattern: /^\/api\/sessions\/([a-f0-9]+)\/events$/,
    access: 'session-token',
    protocol: EVENTS_SUBPROTOCOL,
    maxPayload: 1024,
    accept: ({ ws, params, deps, eventSockets }) => {
      ws.once('close', eventSockets.take(params[0]!));
      serveSessionEvents(ws, params[0]!, deps.events);
    },
  },
  {
    // watchTerminalPath (common/workshop-live.ts): the trainer watches a learner's terminal.
    pattern:
      /^\/api\/workshops\/([A-Za-z0-9-]{1,16})\/learners\/([a-f0-9]{1,64})\/terminals\/([a-z0-9]{6,32})$/,
    access: 'trainer-key',
    protocol: TERMINAL_SUBPROTOCOL,
    maxPayload: MAX_CLIENT_FRAME_BYTES,
    accept: ({ ws, params, token, deps }) =>
      deps.workshopTerminals.watch(ws, params[0]!, params[1]!, params[2]!, token),
  },
  {
    // demoTerminalPath: a seated learner follows one of the trainer's terminals.
    pattern: /^\/api\/workshops\/([A-Za-z0-9-]{1,16})\/demo\/([a-z0-9]{6,32})$/,
    access: 'seat-token',
    protocol: TERMINAL_SUBPROTOCOL,
    maxPayload: MAX_CLIENT_FRAME_BYTES,
    accept: ({ ws, params, token, deps }) => deps.workshopTerminals.demo(ws, params[0]!, params[1]!, token),
  },
  {
    // A join code, as in routes.ts; the trainer key comes in the token subprotocol.
    pattern: /^\/api\/workshops\/([A-Za-z0-9-]{1,16})\/live$/,
    access: 'trainer-key',
    protocol: CLASS_SUBPROTOCOL,
    maxPayload: 1024,
    accept: ({ ws, params, token, deps }) => {
      const workshop = deps.live.workshops.authorizeTrainer(params[0]!, token);
      serveClass(ws, workshop.id, deps.live.classroom.feed);
    },
  },
];

/**
 * A pane's socket on one of the session's hosts (`&host=`, the first by default). It is
 * served at once, so no early frame is lost; the shell starts when the first resize arrives,
 * after the sandbox is ready.
 */
function acceptTerminal({ ws, url, params, token, deps }: UpgradeContext): void {
  const sessionId = params[0]!;
  const host = url.searchParams.get('host') ?? deps.sessions.primaryHost(sessionId);
  if (!deps.sessions.authorize(sessionId, token).hosts.includes(host))
    throw new PlaygroundError(`This session has no host "${host}".`, 404);
  // The browser names its pane so a new socket can reattach to the pane's shell.
  const paneId = url.searchParams.get('pane') ?? newPaneId();
  if (!PANE_ID_PATTERN.test(paneId))
    throw new PlaygroundError('A pane id is 6 to 32 lowercase letters and digits.', 400);
  const language = LanguageSchema.safeParse(url.searchParams.get('lang')).data ?? DEFAULT_LANGUAGE;
  const factory = deps.shells(sessionId, token, host, paneId, language);
  serveTerminal(ws, { sessionId, paneId, host, factory, registry: deps.terminals });
}

export interface UpgradeHandler {
  /** Serves an `upgrade` event: a socket of the table, admitted, or refused. */
  handle(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Ends every open socket (upgraded sockets are no longer the HTTP server's to close). */
  close(): void;
  /** Open sockets of each kind, by subprotocol (a census for leak tests). */
  openSockets(): Record<string, number>;
}

export function createUpgradeHandler(deps: UpgradeDeps): UpgradeHandler {
  const servers = new Map(UPGRADES.map((upgrade) => [upgrade, socketServer(upgrade)]));
  const eventSockets = new SocketQuota(deps.network.maxEventSocketsPerSession, 'event sockets');
  return {
    handle(req, socket, head) {
      const url = parseRequestTarget(req.url);
      const [found] = match(UPGRADES, url.pathname);
      if (!found) return refuseConnection(socket, 404, 'No such WebSocket endpoint.');
      const { endpoint, params } = found;
      // Refusals complete the upgrade and close with a code and reason the page can show.
      servers.get(endpoint)!.handleUpgrade(req, socket, head, (ws) => {
        try {
          if (!originAllowed(req, deps.allowedOrigins))
            throw new PlaygroundError('Foreign origin refused.', 403);
          if (ws.protocol !== endpoint.protocol)
            throw new PlaygroundError(`Offer the ${endpoint.protocol} subprotocol.`, 400);
          const token = tokenFromSubprotocols(req);
          admit(endpoint.access, params, token, deps.sessions, {
            workshops: deps.workshops.service,
            seats: deps.workshopTerminals,
          });
          endpoint.accept({ ws, url, params, token, deps, eventSockets });
        } catch (err) {
          refuseSocket(ws, err);
        }
      });
    },
    close() {
      for (const wss of servers.values()) for (const ws of wss.clients) ws.terminate();
    },
    openSockets() {
      // Several sockets speak one protocol (a terminal, watched or owned): they add up.
      const open: Record<string, number> = {};
      for (const [upgrade, wss] of servers)
        open[upgrade.protocol] = (open[upgrade.protocol] ?? 0) + wss.clients.size;
      return open;
    },
  };
}

function socketServer(upgrade: Upgrade): WebSocketServer {
  return new WebSocketServer({
    noServer: true,
    maxPayload: upgrade.maxPayload,
    // Select the socket's own protocol; the token subprotocol is read, never echoed.
    handleProtocols: (protocols) => (protocols.has(upgrade.protocol) ? upgrade.protocol : false),
  });
}

// The reverse proxy for published ports: HTTP requests and WebSocket upgrades whose Host is
// a port origin (see addressing.ts). Each is checked (ticket or cookie for exactly that
// session, host and port), its target looked up in the PortTable (the session's own sandbox
// address and a port its watcher saw published), stripped of the playground's credentials,
// and passed on. The app's answers come back with the app's own headers, unchanged.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import { parsePortHost, type PortAddress, type PortsBase } from './addressing.js';
import { PortCredentials, proxyCookieHeader, splitCookies, TICKET_PATH_PREFIX } from './credentials.js';
import { refuseUpgrade, sendRefusal, type ProxyRefusal } from './pages.js';
import type { PortTable } from './port-table.js';

export interface PortProxyOptions {
  base: PortsBase;
  table: PortTable;
  credentials: PortCredentials;
  /** Whether a bearer token is the session's own token (then it is not passed to the app). */
  isSessionToken?(sessionId: string, token: string): boolean;
}

export interface PortProxy {
  /** Serves the request and returns true if its Host is a port origin; false leaves it to the caller. */
  handleRequest(req: IncomingMessage, res: ServerResponse): boolean;
  /** The same for an `upgrade` event (WebSockets). */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Ends every open tunnel (upgraded sockets are no longer the HTTP server's to close). */
  close(): void;
}

/** Headers that describe one connection, not the message (RFC 9110 §7.6.1). */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/** An app that did not answer is asked again this often by its page: it may still be starting. */
const APP_STARTING_RETRY_S = 2;
const OPEN_FROM_PAGE = 'Open it with its link on the playground page (the link signs you in to this port).';

export function refusalFor(
  why: 'no-cookie' | 'bad-cookie' | 'bad-ticket',
  address: PortAddress,
): ProxyRefusal;
export function refusalFor(
  why: 'no-session' | 'no-host' | 'not-published',
  address: PortAddress,
): ProxyRefusal;
export function refusalFor(why: string, { host, port }: PortAddress): ProxyRefusal {
  switch (why) {
    case 'no-cookie':
      return {
        status: 401,
        title: 'Open this port from the playground',
        message: `You are not signed in to port ${port} of "${host}". ${OPEN_FROM_PAGE}`,
      };
    case 'bad-cookie':
      return {
        status: 403,
        title: 'Not your port',
        message: `Your browser holds no valid pass for port ${port} of "${host}" in this session. ${OPEN_FROM_PAGE}`,
      };
    case 'bad-ticket':
      return {
        status: 403,
        title: 'This link has expired',
        message: `Links to a port work once and for a minute. ${OPEN_FROM_PAGE}`,
      };
    case 'no-session':
      return {
        status: 502,
        title: 'This session has ended',
        message: 'The sandbox behind this address is gone. Start a new session on the playground page.',
      };
    case 'no-host':
      return {
        status: 502,
        title: 'This host is gone',
        message: `The session has no host "${host}" any more.`,
      };
    default:
      return {
        status: 404,
        title: `Port ${port} is not published`,
        message: `No container on "${host}" publishes port ${port} right now. Run it with -p ${port}:<container port>, then open it again from the playground page.`,
      };
  }
}

/** Where a port's requests go: its sandbox's address on the session network, and the port. */
interface Target {
  address: string;
  port: number;
}

export function createPortProxy(opts: PortProxyOptions): PortProxy {
  const tunnels = new Set<Duplex>();
  return {
    handleRequest(req, res) {
      const address = parsePortHost(req.headers.host, opts.base);
      if (!address) return false;
      const path = (req.url ?? '/').split('?')[0]!;
      if (path.startsWith(TICKET_PATH_PREFIX)) {
        redeem(opts, req, res, address, path);
        return true;
      }
      const refusal = admit(opts, req, address);
      if (refusal) {
        sendRefusal(res, refusal);
        return true;
      }
      const to = target(opts, address);
      if ('status' in to) sendRefusal(res, to);
      else forward(opts, req, res, address, to);
      return true;
    },

    handleUpgrade(req, socket, head) {
      const address = parsePortHost(req.headers.host, opts.base);
      if (!address) return false;
      const refusal = admit(opts, req, address);
      const to = refusal ?? target(opts, address);
      if ('status' in to) refuseUpgrade(socket, to);
      else tunnel(opts, tunnels, { req, socket, head, address, to });
      return true;
    },

    close() {
      for (const socket of tunnels) socket.destroy();
      tunnels.clear();
    },
  };
}

/** Null if the credentials are right for this address; otherwise the refusal to give. */
function admit(opts: PortProxyOptions, req: IncomingMessage, address: PortAddress): ProxyRefusal | null {
  const { proxy } = splitCookies(req.headers.cookie);
  if (proxy.length === 0) return refusalFor('no-cookie', address);
  if (!proxy.some((value) => opts.credentials.cookieOpens(value, address)))
    return refusalFor('bad-cookie', address);
  return null;
}

function target(opts: PortProxyOptions, address: PortAddress): Target | ProxyRefusal {
  const found = opts.table.lookup(address);
  return found.found ? { address: found.address, port: found.port } : refusalFor(found.why, address);
}

/** The request's headers for the app: no hop-by-hop ones (unless kept), no playground credentials. */
function forwardedHeaders(
  opts: PortProxyOptions,
  req: IncomingMessage,
  address: PortAddress,
  keep: readonly string[] = [],
): string[] {
  const named = (req.headers.connection ?? '').split(',').map((h) => h.trim().toLowerCase());
  const out: string[] = [];
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    const lower = name.toLowerCase();
    const value = raw[i + 1]!;
    if (!keep.includes(lower) && (HOP_BY_HOP.has(lower) || named.includes(lower))) continue;
    if (lower === 'cookie' || lower.startsWith('x-forwarded-')) continue;
    if (lower === 'authorization' && isSessionBearer(opts, value, address)) continue;
    out.push(name, value);
  }
  const { rest } = splitCookies(req.headers.cookie);
  if (rest) out.push('Cookie', rest);
  out.push('X-Forwarded-For', req.socket.remoteAddress ?? '');
  out.push('X-Forwarded-Host', req.headers.host ?? '');
  out.push('X-Forwarded-Proto', opts.base.scheme);
  return out;
}

function isSessionBearer(opts: PortProxyOptions, value: string, address: PortAddress): boolean {
  const token = /^Bearer\s+(\S+)$/i.exec(value)?.[1];
  return token !== undefined && (opts.isSessionToken?.(address.sessionId, token) ?? true);
}

function redeem(
  opts: PortProxyOptions,
  req: IncomingMessage,
  res: ServerResponse,
  address: PortAddress,
  path: string,
): void {
  const ticket = path.slice(TICKET_PATH_PREFIX.length);
  if (req.method !== 'GET' || !opts.credentials.redeemTicket(ticket, address)) {
    return sendRefusal(res, refusalFor('bad-ticket', address));
  }
  // Redirect to the app's root: the ticket leaves the address bar and the history.
  res.writeHead(303, {
    location: '/',
    'set-cookie': proxyCookieHeader(opts.credentials.cookieValue(address), opts.base.scheme === 'https'),
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
  });
  res.end();
}

function forward(
  opts: PortProxyOptions,
  req: IncomingMessage,
  res: ServerResponse,
  address: PortAddress,
  to: Target,
): void {
  const upstream = http.request({
    host: to.address,
    port: to.port,
    method: req.method,
    path: req.url,
    headers: forwardedHeaders(opts, req, address),
    agent: false,
  });
  upstream.on('response', (answer) => {
    const headers: string[] = [];
    const raw = answer.rawHeaders;
    for (let i = 0; i < raw.length; i += 2) {
      if (!HOP_BY_HOP.has(raw[i]!.toLowerCase())) headers.push(raw[i]!, raw[i + 1]!);
    }
    res.writeHead(answer.statusCode ?? 502, answer.statusMessage, headers);
    answer.pipe(res);
  });
  upstream.on('error', (err) => {
    if (!res.headersSent) {
      sendRefusal(res, {
        status: 502,
        title: `The app on port ${address.port} did not answer`,
        message: `Port ${address.port} of "${address.host}" is published, but nothing answered there (${(err as NodeJS.ErrnoException).code ?? err.message}). An app that has just started may need a moment.`,
        retryAfterS: APP_STARTING_RETRY_S,
      });
    } else res.destroy();
  });
  // The browser went away: stop the app's answer too.
  res.on('close', () => {
    if (!res.writableFinished) upstream.destroy();
  });
  req.pipe(upstream);
}

interface TunnelRequest {
  req: IncomingMessage;
  socket: Duplex;
  head: Buffer;
  address: PortAddress;
  to: Target;
}

function tunnel(
  opts: PortProxyOptions,
  tunnels: Set<Duplex>,
  { req, socket, head, address, to }: TunnelRequest,
): void {
  const headers = forwardedHeaders(opts, req, address, ['connection', 'upgrade']);
  let lines = `${req.method} ${req.url} HTTP/1.1\r\n`;
  for (let i = 0; i < headers.length; i += 2) lines += `${headers[i]}: ${headers[i + 1]}\r\n`;
  const upstream = net.connect({ host: to.address, port: to.port });
  let connected = false;
  tunnels.add(socket);
  const end = () => {
    tunnels.delete(socket);
    socket.destroy();
    upstream.destroy();
  };
  upstream.once('connect', () => {
    connected = true;
    upstream.write(`${lines}\r\n`);
    if (head.length) upstream.write(head);
    // From here on the bytes are the app's and the browser's: passed on as they are.
    socket.pipe(upstream);
    upstream.pipe(socket);
  });
  upstream.on('error', (err) => {
    if (connected) return end();
    tunnels.delete(socket);
    refuseUpgrade(socket, {
      status: 502,
      title: `The app on port ${address.port} did not answer`,
      message: `Nothing answered on port ${address.port} of "${address.host}" (${(err as NodeJS.ErrnoException).code ?? err.message}).`,
    });
  });
  upstream.on('close', end);
  socket.on('error', end);
  socket.on('close', end);
}

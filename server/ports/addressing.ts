// Where a published port opens in the browser: its own origin, one subdomain per session,
// host and port, so a learner's app never shares the playground page's origin (and so never
// reads its localStorage, where the session token lives).
//
//   http://<host>-<port>-<sessionId>.<domain>:<playground port>/
//   e.g. http://docker-5000-0f3a9c2b71de.localhost:8080/
//
// The session id is the last label part (12 hex digits), the port the digits before it, and
// the host what is left, so host names may themselves hold hyphens.

/** What the proxy's origins look like. */
export interface PortsBase {
  scheme: 'http' | 'https';
  /** Parent domain of every port origin; `localhost` by default (browsers resolve *.localhost to loopback). */
  domain: string;
  /** Port in the URL; undefined means the playground's own listening port. */
  port?: number;
}

export interface PortAddress {
  sessionId: string;
  host: string;
  port: number;
}

const SESSION_ID = /^[a-f0-9]{12}$/;
/** A session host name: a DNS label's letters, digits and inner hyphens. */
const HOST_NAME = /^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$/;
const LABEL = /^([a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?)-([0-9]{1,5})-([a-f0-9]{12})$/;

export const DEFAULT_PORTS_BASE: PortsBase = { scheme: 'http', domain: 'localhost' };

/**
 * Reads PLAYGROUND_PORTS_BASE: a domain (`localhost`, `apps.example.org`) served over http on
 * the playground's own port, or an origin (`https://apps.example.org`, `http://localhost:9000`)
 * when a reverse proxy in front of the playground serves the port origins.
 */
export function parsePortsBase(raw: string | undefined): PortsBase {
  const value = (raw ?? '').trim().toLowerCase();
  if (!value) return DEFAULT_PORTS_BASE;
  const withScheme = value.includes('://') ? value : `http://${value}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new Error(`PLAYGROUND_PORTS_BASE must be a domain or an origin, got "${raw}"`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.pathname !== '/' || url.search) {
    throw new Error(`PLAYGROUND_PORTS_BASE must be a domain or an http(s) origin with no path, got "${raw}"`);
  }
  if (!value.includes('://') && url.port) {
    throw new Error(`PLAYGROUND_PORTS_BASE: give a port with its scheme (http://${url.host}), got "${raw}"`);
  }
  const scheme = url.protocol === 'https:' ? 'https' : 'http';
  // A bare domain shares the playground's port; an origin means exactly that origin.
  if (!value.includes('://')) return { scheme, domain: url.hostname };
  return { scheme, domain: url.hostname, port: Number(url.port) || (scheme === 'https' ? 443 : 80) };
}

export function isValidPort(port: number): boolean {
  return Number.isInteger(port) && port >= 1 && port <= 65535;
}

/** Whether a session host name can be part of a port origin (the playground's host names all can). */
export function isAddressableHost(host: string): boolean {
  return HOST_NAME.test(host);
}

/** The subdomain label of one published port. Throws on parts that cannot form one. */
export function portLabel({ sessionId, host, port }: PortAddress): string {
  if (!SESSION_ID.test(sessionId)) throw new Error(`Not a session id: "${sessionId}"`);
  if (!isAddressableHost(host)) throw new Error(`Not a host name that can be part of a domain: "${host}"`);
  if (!isValidPort(port)) throw new Error(`Not a port: ${port}`);
  return `${host}-${port}-${sessionId}`;
}

/** The origin (no trailing slash) that serves one published port. */
export function portOrigin(base: PortsBase, listeningPort: number, address: PortAddress): string {
  const port = base.port ?? listeningPort;
  const defaultPort = base.scheme === 'https' ? 443 : 80;
  return `${base.scheme}://${portLabel(address)}.${base.domain}${port === defaultPort ? '' : `:${port}`}`;
}

/**
 * The published port a request's Host header names, or null when the request is for the
 * playground itself. Only the first label is read; the rest must be exactly the base domain.
 */
export function parsePortHost(hostHeader: string | undefined, base: PortsBase): PortAddress | null {
  if (!hostHeader) return null;
  const hostname = hostHeader
    .trim()
    .toLowerCase()
    .replace(/:[0-9]+$/, '')
    .replace(/\.$/, '');
  const suffix = `.${base.domain}`;
  if (!hostname.endsWith(suffix)) return null;
  const match = LABEL.exec(hostname.slice(0, -suffix.length));
  if (!match) return null;
  const port = Number(match[2]);
  // One spelling per port ("5000", never "05000"), so each port has exactly one origin.
  if (!isValidPort(port) || String(port) !== match[2]) return null;
  return { host: match[1]!, port, sessionId: match[3]! };
}

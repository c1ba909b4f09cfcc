// Published ports of a session's sandboxes, shown as links and opened through the proxy.
// The one object the server wires in: watch each host when it is ready, hand port-origin
// requests and upgrades to the proxy, and issue tickets on the session-token route.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type Docker from 'dockerode';
import type { PublishedPort } from '../../common/events.js';
import { logger } from '../log.js';
import { PlaygroundError } from '../errors.js';
import {
  isAddressableHost,
  isValidPort,
  DEFAULT_PORTS_BASE,
  portOrigin,
  type PortAddress,
  type PortsBase,
} from './addressing.js';
import { PortCredentials, TICKET_PATH_PREFIX } from './credentials.js';
import type { SandboxPort } from './inner-ports.js';
import { watchSandboxPorts, type PortWatcher } from './port-watcher.js';
import { PortTable } from './port-table.js';
import { createPortProxy, type PortProxy } from './proxy.js';

const log = logger('ports');

export interface PortServiceOptions {
  /** The port origins' scheme, domain and port (Config.portsBase); `localhost` by default. */
  base?: PortsBase;
  /** The playground's listening port (the port origins share it unless base names one). */
  listeningPort(): number;
  /** Whether a token is the session's own; such a bearer token is never passed to an app. */
  isSessionToken?(sessionId: string, token: string): boolean;
}

export interface WatchHostOptions {
  sessionId: string;
  host: string;
  /** The host's sandbox container (running, its inner daemon ready). */
  container: Docker.Container;
  /** The host's full list of published ports, whenever it changes (not called by dispose). */
  onChange(host: string, ports: PublishedPort[]): void;
  /** The event stream broke or a listing failed; the watcher retries by itself. */
  onProblem?(reason: string): void;
}

export interface Disposable {
  /** Stops watching (no exec is left in the sandbox) and takes the host's ports off the proxy. */
  dispose(): Promise<void>;
}

export class PortService {
  readonly base: PortsBase;
  private readonly table = new PortTable();
  private readonly credentials = new PortCredentials();
  private readonly proxy: PortProxy;
  private readonly watches = new Map<string, Disposable>();

  constructor(private readonly opts: PortServiceOptions) {
    this.base = opts.base ?? DEFAULT_PORTS_BASE;
    this.proxy = createPortProxy({
      base: this.base,
      table: this.table,
      credentials: this.credentials,
      ...(opts.isSessionToken ? { isSessionToken: opts.isSessionToken } : {}),
    });
  }

  /** Hosts whose ports are watched, and hosts the proxy can reach (a census for leak tests). */
  get watchCount(): number {
    return this.watches.size;
  }

  get hostCount(): number {
    return this.table.size;
  }

  /** Call first in the HTTP request handler: true means the request was a port origin's and is served. */
  handleRequest(req: IncomingMessage, res: ServerResponse): boolean {
    return this.proxy.handleRequest(req, res);
  }

  /** Call first in the upgrade handler: true means the upgrade was a port origin's and is served. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    return this.proxy.handleUpgrade(req, socket, head);
  }

  /** Where a port opens (without a ticket, it answers 401 until the browser holds the cookie). */
  urlFor(address: PortAddress): string {
    return `${portOrigin(this.base, this.opts.listeningPort(), address)}/`;
  }

  /**
   * A one-time URL that signs the browser in to one published port. The caller has checked
   * the session token. Throws 404 when the session, host or port is not (or no longer) there.
   */
  ticket(sessionId: string, host: string, port: number): { url: string } {
    if (!isAddressableHost(host) || !isValidPort(port)) {
      throw new PlaygroundError(`"${host}" port ${port} is not a host and port of this session.`, 400);
    }
    const address = { sessionId, host, port };
    const found = this.table.lookup(address);
    if (!found.found) {
      const why =
        found.why === 'not-published'
          ? `No container on "${host}" publishes port ${port} right now.`
          : `This session has no host "${host}" with published ports.`;
      throw new PlaygroundError(why, 404);
    }
    const ticket = this.credentials.issueTicket(address);
    return {
      url: `${portOrigin(this.base, this.opts.listeningPort(), address)}${TICKET_PATH_PREFIX}${ticket}`,
    };
  }

  /**
   * Follows one host's published ports until disposed. Calling it again for the same
   * session host replaces the earlier watch. Resolves after the first listing.
   */
  async watchHost(options: WatchHostOptions): Promise<Disposable> {
    const { sessionId, host, container } = options;
    const key = `${sessionId}/${host}`;
    await this.watches.get(key)?.dispose();
    const address = await sandboxAddress(container);
    this.table.set(sessionId, host, address, []);
    let watcher: PortWatcher | null = null;
    let disposed = false;
    const publish = (ports: readonly SandboxPort[]) => {
      if (disposed) return;
      this.table.set(sessionId, host, address, ports);
      options.onChange(
        host,
        ports.map((p) => ({
          host,
          port: p.port,
          container: p.container,
          url: this.urlFor({ sessionId, host, port: p.port }),
        })),
      );
    };
    const watch: Disposable = {
      dispose: async () => {
        if (disposed) return;
        disposed = true;
        if (this.watches.get(key) === watch) this.watches.delete(key);
        await watcher?.stop();
        this.table.remove(sessionId, host);
      },
    };
    this.watches.set(key, watch);
    watcher = await watchSandboxPorts(container, {
      host,
      sandboxAddress: address,
      onChange: (_host, ports) => publish(ports),
      onProblem: (reason) => {
        log.warn(`session ${sessionId} host ${host}: ${reason}`);
        options.onProblem?.(reason);
      },
    });
    if (disposed) await watcher.stop();
    return watch;
  }

  /** Stops every watch and ends every proxied WebSocket. */
  async close(): Promise<void> {
    this.proxy.close();
    await Promise.all([...this.watches.values()].map((watch) => watch.dispose()));
  }
}

/** The sandbox's address on its session network: the only address the proxy sends its ports to. */
async function sandboxAddress(container: Docker.Container): Promise<string> {
  const info = await container.inspect();
  const address = Object.values(info.NetworkSettings.Networks ?? {}).find((n) => n.IPAddress)?.IPAddress;
  if (!address)
    throw new PlaygroundError('The sandbox has no network address; its ports cannot be opened.', 502);
  return address;
}

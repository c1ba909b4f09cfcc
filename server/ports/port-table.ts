// The proxy's only source of targets: for each live session host, the sandbox's address on
// the session network and the ports its watcher last saw published. A request can name a
// session, host and port; it can never name an address.
import type { PortAddress } from './addressing.js';
import type { SandboxPort } from './inner-ports.js';

export type PortLookup =
  | { found: true; address: string; port: number; container: string }
  | { found: false; why: 'no-session' | 'no-host' | 'not-published' };

interface HostEntry {
  address: string;
  ports: readonly SandboxPort[];
}

export class PortTable {
  private readonly sessions = new Map<string, Map<string, HostEntry>>();

  /** Session hosts in the table. */
  get size(): number {
    let hosts = 0;
    for (const session of this.sessions.values()) hosts += session.size;
    return hosts;
  }

  set(sessionId: string, host: string, address: string, ports: readonly SandboxPort[]): void {
    let hosts = this.sessions.get(sessionId);
    if (!hosts) this.sessions.set(sessionId, (hosts = new Map()));
    hosts.set(host, { address, ports: [...ports] });
  }

  remove(sessionId: string, host: string): void {
    const hosts = this.sessions.get(sessionId);
    hosts?.delete(host);
    if (hosts?.size === 0) this.sessions.delete(sessionId);
  }

  lookup({ sessionId, host, port }: PortAddress): PortLookup {
    const hosts = this.sessions.get(sessionId);
    if (!hosts) return { found: false, why: 'no-session' };
    const entry = hosts.get(host);
    if (!entry) return { found: false, why: 'no-host' };
    const published = entry.ports.find((p) => p.port === port);
    if (!published) return { found: false, why: 'not-published' };
    return { found: true, address: entry.address, port, container: published.container };
  }
}

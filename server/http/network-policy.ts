// What the HTTP server needs to know about the network it serves: the names it answers to,
// the proxies it looks through, and its bounds on connections and their timing (config.ts).
import type { Config } from '../config.js';
import { TrustedProxies } from './client-address.js';
import { HostNames } from './host-names.js';

export interface NetworkPolicy {
  names: HostNames;
  trustedProxies: TrustedProxies;
  maxConnections: number;
  maxConnectionsPerClient: number;
  maxEventSocketsPerSession: number;
  /** For a request's headers, and for an upgraded socket to be answered its handshake. */
  headersTimeoutMs: number;
}

export function networkPolicy(config: Config): NetworkPolicy {
  return {
    names: new HostNames({ listenHost: config.host, publicHosts: config.publicHosts }),
    trustedProxies: new TrustedProxies(config.trustedProxies),
    maxConnections: config.maxConnections,
    maxConnectionsPerClient: config.maxConnectionsPerClient,
    maxEventSocketsPerSession: config.maxEventSocketsPerSession,
    headersTimeoutMs: config.headersTimeoutMs,
  };
}

// The names the playground answers to. A page on an attacker's name that resolves to this
// machine (DNS rebinding) sends its own name as Host and Origin, so the origin check alone
// would take it for the playground's own page; requests for a name not listed here are
// refused before anything else reads them. Published ports' own names are the port proxy's
// (ports/addressing.ts) and never get here.
import os from 'node:os';

export interface HostNamesOptions {
  /** The address the server listens on (PLAYGROUND_HOST). */
  listenHost: string;
  /** Names (or addresses) the operator serves the playground under (PLAYGROUND_PUBLIC_HOSTS). */
  publicHosts: readonly string[];
  /** The machine's own addresses and name; `os` by default. */
  machine?: () => string[];
}

/** Names that always mean this machine. */
const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];
/** Listening on every interface: any of the machine's addresses may be how a room reaches it. */
const ANY_ADDRESS = new Set(['0.0.0.0', '::', '[::]']);
/** How often the machine's addresses may be read again (they change with DHCP, Wi-Fi, VPNs). */
const MACHINE_REFRESH_MS = 10_000;

export class HostNames {
  private readonly fixed: Set<string>;
  private machineNames = new Set<string>();
  private machineReadAt = -Infinity;

  constructor(private readonly opts: HostNamesOptions) {
    const listen = ANY_ADDRESS.has(opts.listenHost) ? [] : [opts.listenHost];
    this.fixed = new Set([...LOOPBACK_NAMES, ...listen, ...opts.publicHosts].map(hostnameOf));
  }

  /** Whether a request with this Host header is for the playground. */
  allows(hostHeader: string | undefined): boolean {
    const name = hostHeader === undefined ? '' : hostnameOf(hostHeader);
    if (!name) return false;
    if (this.fixed.has(name)) return true;
    if (!ANY_ADDRESS.has(this.opts.listenHost)) return false;
    if (this.machineNames.has(name)) return true;
    // An address the machine gained since the last look; looked up at most every few seconds.
    if (Date.now() - this.machineReadAt < MACHINE_REFRESH_MS) return false;
    this.machineReadAt = Date.now();
    this.machineNames = new Set((this.opts.machine ?? machineNames)().map(hostnameOf));
    return this.machineNames.has(name);
  }

  /** Why a request was refused, for the person who sent it. */
  refusal(hostHeader: string | undefined): string {
    if (!hostHeader) return 'A request must name this playground in its Host header.';
    return (
      `This playground does not answer to the name "${hostnameOf(hostHeader).slice(0, 100)}". ` +
      'If it is the name you serve it under, add it to PLAYGROUND_PUBLIC_HOSTS.'
    );
  }
}

/** The host part of a Host header, lowercase, without port or final dot; IPv6 in brackets. */
export function hostnameOf(host: string): string {
  const lower = host.trim().toLowerCase();
  const bracketed = /^(\[[0-9a-f:.]+\])(?::\d*)?$/.exec(lower);
  if (bracketed) return bracketed[1]!;
  // An unbracketed IPv6 address (a setting, not a header) is put in brackets.
  if ((lower.match(/:/g) ?? []).length > 1) return `[${lower}]`;
  return lower.replace(/:\d*$/, '').replace(/\.$/, '');
}

/** The machine's own addresses (every interface) and its names, `.local` (mDNS) included. */
function machineNames(): string[] {
  const addresses = Object.values(os.networkInterfaces())
    .flat()
    .flatMap((info) => (info ? [info.address.replace(/%.*$/, '')] : []));
  return [...addresses, os.hostname(), `${os.hostname()}.local`];
}

// Who a request comes from: the address the per-client limits count. Behind a reverse proxy
// every learner arrives from the proxy's address, so the proxies the operator names
// (PLAYGROUND_TRUST_PROXY) are looked through by their X-Forwarded-For; nobody else's
// header is believed, since any client can write one.
import type { IncomingMessage } from 'node:http';
import net from 'node:net';

/** Hops read from the right of X-Forwarded-For: more proxies than this in a row is a forgery or a loop. */
const MAX_FORWARDED_HOPS = 16;
/** Only the header's tail is read: the hops that matter are the last ones, written by our proxies. */
const MAX_FORWARDED_CHARS = 1024;

/** The proxies whose X-Forwarded-For is believed: addresses and CIDR ranges, IPv4 or IPv6. */
export class TrustedProxies {
  private readonly list = new net.BlockList();
  readonly empty: boolean;

  /** Throws on an entry that is neither an address nor a range, naming it. */
  constructor(entries: readonly string[]) {
    for (const entry of entries) addEntry(this.list, entry);
    this.empty = entries.length === 0;
  }

  has(address: string): boolean {
    if (this.empty) return false;
    const plain = plainAddress(address);
    const family = net.isIP(plain);
    return family !== 0 && this.list.check(plain, family === 6 ? 'ipv6' : 'ipv4');
  }
}

function addEntry(list: net.BlockList, entry: string): void {
  const [address = '', bits, extra] = entry.trim().split('/');
  const family = net.isIP(address);
  const prefix = bits === undefined ? undefined : Number(bits);
  const maxBits = family === 6 ? 128 : 32;
  const valid =
    family !== 0 &&
    extra === undefined &&
    (prefix === undefined || (/^\d{1,3}$/.test(bits!) && prefix <= maxBits));
  if (!valid) throw new Error(`PLAYGROUND_TRUST_PROXY: "${entry}" is not an address or a CIDR range`);
  const type = family === 6 ? 'ipv6' : 'ipv4';
  if (prefix === undefined) list.addAddress(address, type);
  else list.addSubnet(address, prefix, type);
}

/** An IPv4 address the way a dual-stack socket reports it (`::ffff:1.2.3.4`) is that IPv4 address. */
export function plainAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1]! : address;
}

/**
 * The client of a connection whose peer is `peer`, given what the proxies wrote: read from
 * the right, the first address that is not a trusted proxy. A hop that is not an address
 * (only a proxy of ours could have written it there) stops the walk at the last proxy.
 */
export function forwardedClient(
  peer: string,
  forwardedFor: string | undefined,
  trusted: TrustedProxies,
): string {
  let client = plainAddress(peer);
  if (!trusted.has(client) || !forwardedFor) return client;
  const hops = forwardedFor.slice(-MAX_FORWARDED_CHARS).split(',').reverse().slice(0, MAX_FORWARDED_HOPS);
  for (const hop of hops) {
    const address = plainAddress(hop.trim());
    if (net.isIP(address) === 0) return client;
    client = address;
    if (!trusted.has(client)) return client;
  }
  return client;
}

/** A request's client address (see forwardedClient); `unknown` for a socket already gone. */
export function clientAddress(req: IncomingMessage, trusted: TrustedProxies): string {
  const forwarded = req.headers['x-forwarded-for'];
  const header = Array.isArray(forwarded) ? forwarded.join(',') : forwarded;
  return forwardedClient(req.socket.remoteAddress ?? 'unknown', header, trusted);
}

/**
 * What the per-client limits count: an IPv4 address, or an IPv6 address's /64, since one
 * IPv6 client is handed a whole /64 and could otherwise take a fresh address per connection.
 */
export function clientKey(address: string): string {
  if (net.isIP(address) !== 6) return address;
  const groups = expandIPv6(address);
  return `${groups.slice(0, 4).join(':')}::/64`;
}

/** The eight groups of an IPv6 address, without zero compression (`::`). */
function expandIPv6(address: string): string[] {
  const [head = '', tail] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map((g) => g.toLowerCase().replace(/^0+(?=.)/, ''));
}

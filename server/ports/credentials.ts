// Who may open a published port: the page trades its session token for a one-time ticket,
// the port's origin trades the ticket for a cookie. The cookie holds an expiry and an HMAC of
// (session, host, port, expiry) under a secret only this server process knows, so it opens
// exactly one port of one session, cannot be forged, and needs no table.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { PortAddress } from './addressing.js';

/** Path on a port's origin that takes a ticket: /.playground-ticket/<ticket>. */
export const TICKET_PATH_PREFIX = '/.playground-ticket/';
/** Name of the proxy's cookie on a port's origin (removed before requests reach the app). */
export const PROXY_COOKIE = 'playground_port';

const TICKET_TTL_MS = 60_000;
/** At most this many unused tickets are kept; the oldest go first. */
const MAX_TICKETS = 10_000;
export const COOKIE_TTL_MS = 12 * 60 * 60_000;

interface Ticket extends PortAddress {
  expiresAt: number;
}

export class PortCredentials {
  private readonly tickets = new Map<string, Ticket>();

  constructor(
    private readonly secret: Buffer = randomBytes(32),
    private readonly now: () => number = Date.now,
  ) {}

  /** A fresh ticket for one port, valid once and for a minute. */
  issueTicket(address: PortAddress): string {
    this.dropExpired();
    while (this.tickets.size >= MAX_TICKETS) this.tickets.delete(this.tickets.keys().next().value!);
    const ticket = randomBytes(18).toString('base64url');
    this.tickets.set(ticket, { ...address, expiresAt: this.now() + TICKET_TTL_MS });
    return ticket;
  }

  /** Spends a ticket: true only the first time, before it expires, and for this very port. */
  redeemTicket(ticket: string, address: PortAddress): boolean {
    const found = this.tickets.get(ticket);
    if (!found) return false;
    this.tickets.delete(ticket);
    return found.expiresAt > this.now() && sameAddress(found, address);
  }

  /** The cookie value that opens one port until expiresAt. */
  cookieValue(address: PortAddress, expiresAt = this.now() + COOKIE_TTL_MS): string {
    const expiry = Math.floor(expiresAt / 1000).toString(36);
    return `${expiry}.${this.mac(address, expiry)}`;
  }

  /** Whether a cookie value opens this port now. */
  cookieOpens(value: string, address: PortAddress): boolean {
    const [expiry, mac, extra] = value.split('.');
    if (!expiry || !mac || extra !== undefined || !/^[0-9a-z]{1,12}$/.test(expiry)) return false;
    if (parseInt(expiry, 36) * 1000 <= this.now()) return false;
    const expected = Buffer.from(this.mac(address, expiry));
    const presented = Buffer.from(mac);
    return expected.length === presented.length && timingSafeEqual(expected, presented);
  }

  private mac({ sessionId, host, port }: PortAddress, expiry: string): string {
    return createHmac('sha256', this.secret)
      .update(`${sessionId}\n${host}\n${port}\n${expiry}`)
      .digest('base64url');
  }

  private dropExpired(): void {
    const now = this.now();
    for (const [ticket, { expiresAt }] of this.tickets) if (expiresAt <= now) this.tickets.delete(ticket);
  }
}

function sameAddress(a: PortAddress, b: PortAddress): boolean {
  return a.sessionId === b.sessionId && a.host === b.host && a.port === b.port;
}

/** The Set-Cookie header for a port's origin: host-only, HttpOnly, SameSite=Lax. */
export function proxyCookieHeader(value: string, secure: boolean, maxAgeMs = COOKIE_TTL_MS): string {
  return (
    `${PROXY_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${Math.floor(maxAgeMs / 1000)}` +
    (secure ? '; Secure' : '')
  );
}

/**
 * Splits a Cookie header into the proxy's own values (there may be several: an app on a
 * sibling origin could set one for a parent domain) and the rest, which the app gets.
 */
export function splitCookies(header: string | undefined): { proxy: string[]; rest: string | undefined } {
  const proxy: string[] = [];
  const rest: string[] = [];
  for (const part of (header ?? '').split(';')) {
    const pair = part.trim();
    if (!pair) continue;
    const eq = pair.indexOf('=');
    if (eq > 0 && pair.slice(0, eq).trim() === PROXY_COOKIE) proxy.push(pair.slice(eq + 1).trim());
    else rest.push(pair);
  }
  return { proxy, rest: rest.length ? rest.join('; ') : undefined };
}

// Who counts as the operator (access 'operator', e.g. GET /metrics): a caller on this machine,
// or one presenting the operator's bearer token (PLAYGROUND_METRICS_TOKEN).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/**
 * A request from loopback, unless a proxy forwarded it: a proxy on this machine connects from
 * loopback on behalf of anyone, and says so with a forwarding header.
 */
function fromThisMachine(req: IncomingMessage): boolean {
  const forwarded = req.headers['x-forwarded-for'] !== undefined || req.headers.forwarded !== undefined;
  return !forwarded && LOOPBACK.test(req.socket.remoteAddress ?? '');
}

/** Compares hashes in constant time, so neither the token nor its length leaks through timing. */
function sameSecret(presented: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(presented), digest(expected));
}

export function isOperator(
  req: IncomingMessage,
  presentedToken: string | undefined,
  operatorToken: string | undefined,
): boolean {
  if (operatorToken && presentedToken && sameSecret(presentedToken, operatorToken)) return true;
  return fromThisMachine(req);
}

// Session ids and tokens. The id names a session in URLs; the token proves you own it.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 128 bits, base64url: unguessable, and safe in URLs, labels and subprotocol names. */
export const newToken = (): string => randomBytes(16).toString('base64url');

/** Short, random, lowercase (it becomes part of container and network names). */
export const newSessionId = (): string => randomBytes(6).toString('hex');

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** Constant-time check of a presented token against a stored hash. */
export function tokenMatches(presented: string | undefined, storedHash: string): boolean {
  if (!presented || !storedHash) return false;
  const a = Buffer.from(hashToken(presented), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

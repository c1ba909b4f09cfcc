// A warm session (started ahead with a `pool`) changing hands: who may still claim it, and
// what a claim makes of it. The service records the claim and tells observers; the rules
// live here, beside nothing else.
import { message } from '../../common/messages.js';
import { LearnerRefusal } from '../errors.js';
import type { Claim, Session } from './session-state.js';

/** Whether the session is a warm one of `pool` that can still be claimed. */
export function isWarm(session: Session | undefined, pool: string): boolean {
  return session?.pool === pool && (session.state === 'starting' || session.state === 'ready');
}

/**
 * Makes a warm session its holder's: from now on it is an ordinary session. Never twice: a
 * claimed session is no longer warm. `ensureClientRoom` refuses a client over its limit.
 */
export function claimWarm(
  session: Session | undefined,
  claim: Claim,
  ensureClientRoom: (client: string) => void,
): Session {
  if (!session?.pool || (session.state !== 'starting' && session.state !== 'ready'))
    throw new LearnerRefusal(message('warm-taken', {}), 409);
  if (claim.limited) ensureClientRoom(claim.client);
  delete session.pool;
  session.client = claim.client;
  session.exempt = !claim.limited;
  session.expiresAt = claim.expiresAt;
  return session;
}

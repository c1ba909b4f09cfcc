// Who may use an endpoint. Routes (routes.ts) and WebSocket upgrades (upgrades.ts) declare it
// in the same table format, and both are let through (or refused) here.
import type { IncomingMessage } from 'node:http';
import { TOKEN_SUBPROTOCOL_PREFIX } from '../../common/protocol.js';
import { PlaygroundError } from '../errors.js';
import type { SessionService } from '../sessions/service.js';
import type { WorkshopTerminals } from '../workshops/live-terminals.js';
import type { WorkshopService } from '../workshops/service.js';

/**
 * Anyone who can load the page, or only the session's token holder: a 'session-token'
 * endpoint's first capture is the session id, and it is only reached with that session's token.
 * 'operator': from this machine, or with the operator's token (operator.ts).
 * A 'trainer-key' endpoint's first capture is a workshop's join code, and it is only reached
 * with that workshop's trainer key (`Authorization: Bearer`, compared by hash in constant time).
 * A 'seat-token' endpoint's first capture is a live workshop's join code, and it is only
 * reached with the session token of a learner seated in that workshop.
 */
export type Access = 'public' | 'session-token' | 'operator' | 'trainer-key' | 'seat-token';

/** What every row of the route and upgrade tables says: its path and who may use it. */
export interface Endpoint {
  pattern: RegExp;
  access: Access;
}

/** An endpoint matched against a path, with its captures. */
export interface Matched<E extends Endpoint> {
  endpoint: E;
  params: string[];
}

export function match<E extends Endpoint>(table: readonly E[], path: string): Matched<E>[] {
  return table.flatMap((endpoint) => {
    const found = endpoint.pattern.exec(path);
    return found ? [{ endpoint, params: found.slice(1) }] : [];
  });
}

/** Lets the caller through, or throws the PlaygroundError that refuses it (404, 401 or 403). */
export function admit(
  access: Access,
  params: readonly string[],
  token: string | undefined,
  sessions: Pick<SessionService, 'authorize'>,
  others: {
    isOperator?: () => boolean;
    workshops?: Pick<WorkshopService, 'authorizeTrainer'>;
    seats?: Pick<WorkshopTerminals, 'authorizeSeat'>;
  } = {},
): void {
  switch (access) {
    case 'public':
      return;
    case 'session-token':
      sessions.authorize(params[0]!, token);
      return;
    case 'operator':
      if (!others.isOperator?.())
        throw new PlaygroundError('For the operator: ask from this machine or with the metrics token.', 403);
      return;
    case 'trainer-key':
      if (!others.workshops) throw new PlaygroundError('Trainer keys are not taken here.', 403);
      others.workshops.authorizeTrainer(params[0]!, token);
      return;
    case 'seat-token':
      if (!others.seats) throw new PlaygroundError('Seat tokens are not taken here.', 403);
      others.seats.authorizeSeat(params[0]!, token);
      return;
  }
}

/** The session token of an API call: `Authorization: Bearer <token>`. */
export function bearer(req: IncomingMessage): string | undefined {
  const match = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '');
  return match?.[1];
}

/** The session token of a WebSocket, offered as a subprotocol (never in the URL). */
export function tokenFromSubprotocols(req: IncomingMessage): string | undefined {
  const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
  return offered.find((p) => p.startsWith(TOKEN_SUBPROTOCOL_PREFIX))?.slice(TOKEN_SUBPROTOCOL_PREFIX.length);
}

// The trainer's own sandbox session in a workshop, for demos learners can follow. Its token is
// derived from the trainer key (HMAC-SHA256 of a fixed label, cut to 128 bits), so nothing
// secret is stored: whoever holds the key can always compute it again, a restart loses nothing,
// and the token does not reveal the key. Its id is kept in the workshop's row.
import { createHmac } from 'node:crypto';
import type { CreatedSession } from '../../common/api.js';
import { message } from '../../common/messages.js';
import { PlaygroundError } from '../errors.js';
import type { SessionService } from '../sessions/service.js';
import type { Workshop, WorkshopService } from './service.js';

const TOKEN_LABEL = 'playground trainer session v1';

/** The trainer's session token for this trainer key (base64url, 128 bits, as session tokens are). */
export function trainerSessionToken(trainerKey: string): string {
  return createHmac('sha256', trainerKey).update(TOKEN_LABEL).digest().subarray(0, 16).toString('base64url');
}

export interface TrainerSessionDeps {
  workshops: Pick<WorkshopService, 'trainerSession' | 'setTrainerSession'>;
  sessions: Pick<SessionService, 'has' | 'authorize' | 'create'>;
  /** The sandbox hosts a lesson needs (undefined for an unknown lesson). */
  lessonHosts(lessonId: string): string[] | undefined;
}

/**
 * The trainer's session, started on first call (for the workshop's first lesson, with its
 * hosts) and again only if the old one has ended. `created` says which.
 */
export function trainerSession(
  deps: TrainerSessionDeps,
  workshop: Workshop,
  trainerKey: string,
): CreatedSession & { created: boolean } {
  if (workshop.endedAt !== null) throw new PlaygroundError(message('workshop-ended', {}), 410);
  const token = trainerSessionToken(trainerKey);
  const existing = deps.workshops.trainerSession(workshop);
  if (existing && deps.sessions.has(existing))
    return { session: deps.sessions.authorize(existing, token), token, created: false };
  const lessonId = workshop.lessons[0];
  const hosts = lessonId === undefined ? undefined : deps.lessonHosts(lessonId);
  // Its own client key: the trainer's demo does not count against their address's sessions.
  const created = deps.sessions.create(`workshop-trainer:${workshop.id}`, {
    token,
    ...(lessonId !== undefined && hosts ? { lessonId, hosts } : {}),
  });
  deps.workshops.setTrainerSession(workshop, created.session.id);
  return { ...created, created: true };
}

// The workshops' JSON API handlers; their rows (path, method, who may use them) are in
// server/http/routes.ts. Every lookup by join code is rate-limited per client address: a
// code that names no workshop costs the address one attempt (see docs/security.md).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CreatedSession } from '../../common/api.js';
import {
  joinHash,
  trainerHash,
  type CreatedWorkshop,
  type JoinedWorkshop,
  type WorkshopCreation,
  type WorkshopInfo,
  type WorkshopLearners,
} from '../../common/workshops.js';
import { message } from '../../common/messages.js';
import { PlaygroundError } from '../errors.js';
import { clientAddress, clientKey, TrustedProxies } from '../http/client-address.js';
import { readJsonBody } from '../http/json-body.js';
import { sendJson } from '../http/refusal.js';
import type { CreationPolicy } from './creation-policy.js';
import { RateLimiter, type RateLimit } from './rate-limit.js';
import { parseExtend, parseNewWorkshop } from './requests.js';
import type { WorkshopSeats } from './seating.js';
import { endsAt, type Joined, type Workshop, type WorkshopService } from './service.js';

/**
 * Unknown join codes: 10 at once, then one every 6 s (10 a minute) per address (or IPv6
 * /64). A class behind one address is not slowed: only misses count.
 */
export const CODE_GUESS_LIMIT: RateLimit = { capacity: 10, refillMs: 6_000, maxKeys: 10_000 };
/** Workshops created: 10 at once, then one every 6 minutes (10 an hour) per address. */
export const CREATE_LIMIT: RateLimit = { capacity: 10, refillMs: 360_000, maxKeys: 10_000 };

export interface WorkshopApi {
  service: WorkshopService;
  /** Whether a lesson id names a lesson of the catalogue. */
  lessonExists(id: string): boolean;
  codeGuesses: RateLimiter;
  creations: RateLimiter;
  now(): number;
  /** The seats' sandboxes; without it (unit tests) joins get no session. */
  seats?: WorkshopSeats;
  /** Told when a workshop's times or state changed (extended, ended): the live class shows it. */
  changed?: (workshopId: number) => void;
  /** Who may create a workshop and how many seats fit; without it (unit tests) any may. */
  policy?: CreationPolicy;
  /** Proxies whose X-Forwarded-For names the client the limits count (PLAYGROUND_TRUST_PROXY). */
  trustedProxies: TrustedProxies;
}

export function workshopApi(
  service: WorkshopService,
  lessonExists: (id: string) => boolean,
  now: () => number = Date.now,
  seats?: WorkshopSeats,
  extra: { policy?: CreationPolicy; trustedProxies?: TrustedProxies } = {},
): WorkshopApi {
  return {
    service,
    lessonExists,
    codeGuesses: new RateLimiter(CODE_GUESS_LIMIT, now),
    creations: new RateLimiter(CREATE_LIMIT, now),
    now,
    ...(seats ? { seats } : {}),
    ...(extra.policy ? { policy: extra.policy } : {}),
    trustedProxies: extra.trustedProxies ?? new TrustedProxies([]),
  };
}

/** The key the request's client is limited under: behind a trusted proxy, the forwarded client's. */
const clientOf = (req: IncomingMessage, api: WorkshopApi): string =>
  clientKey(clientAddress(req, api.trustedProxies));

/**
 * POST /api/workshops: within CREATE_LIMIT per address, and what the creation policy allows
 * (the operator's workshop key, if set, as `Authorization: Bearer`; seats that fit).
 */
export async function createWorkshop(
  req: IncomingMessage,
  res: ServerResponse,
  key: string | undefined,
  api: WorkshopApi,
): Promise<void> {
  const client = clientOf(req, api);
  refuseIfWaiting(res, api.creations.waitMs(client), 'workshops-created-wait');
  const input = parseNewWorkshop(await readJsonBody(req), api.lessonExists, api.now());
  api.creations.take(client); // refusals count too: a wrong workshop key is a guess
  api.policy?.admit(input, client, key);
  const { workshop, trainerKey } = api.service.create(input, client);
  api.seats?.tick(); // a workshop starting within the lead time gets its ready seats now
  const base = publicBase(req);
  sendJson(res, 201, {
    workshop: info(api, workshop),
    joinCode: workshop.code,
    joinUrl: `${base}/${joinHash(workshop.code)}`,
    trainerUrl: `${base}/${trainerHash(workshop.code, trainerKey)}`,
    trainerKey,
  } satisfies CreatedWorkshop);
}

/** GET /api/workshops: whether creating needs the operator's workshop key. */
export function creationInfo(res: ServerResponse, api: WorkshopApi): void {
  sendJson(res, 200, { keyRequired: api.policy?.keyRequired ?? false } satisfies WorkshopCreation);
}

/** GET /api/workshops/:code: what the join page shows. */
export function workshopInfo(
  req: IncomingMessage,
  res: ServerResponse,
  code: string,
  api: WorkshopApi,
): void {
  const workshop = lookUp(req, res, api, () => liveWorkshop(api, code));
  sendJson(res, 200, info(api, workshop));
}

/** POST /api/workshops/:code/join: a seat for a name, or the seat of a resume token. */
export async function joinWorkshop(
  req: IncomingMessage,
  res: ServerResponse,
  code: string,
  api: WorkshopApi,
): Promise<void> {
  const body = await readJsonBody(req);
  const joined = lookUp(req, res, api, () => api.service.join(code, body));
  const { learner, resumeToken, rejoined } = joined;
  const workshop = liveWorkshop(api, code);
  const session = seatSession(api, workshop, joined);
  sendJson(res, rejoined ? 200 : 201, {
    learnerId: learner.id,
    seat: learner.seat,
    name: learner.name,
    resumeToken,
    rejoined,
    workshop: info(api, workshop),
    session,
  } satisfies JoinedWorkshop);
}

/**
 * The joined learner's session; null when the machine has no room now: the learner has the
 * seat and its resume token, and the page joins again (with it) a little later.
 */
function seatSession(api: WorkshopApi, workshop: Workshop, joined: Joined): CreatedSession | null {
  try {
    return api.seats?.seat(workshop, joined) ?? null;
  } catch (err) {
    if (err instanceof PlaygroundError && err.status === 503) return null;
    throw err;
  }
}

/** GET /api/workshops/:code/learners (trainer key, checked by the router). */
export function listLearners(
  res: ServerResponse,
  code: string,
  key: string | undefined,
  api: WorkshopApi,
): void {
  const workshop = api.service.authorizeTrainer(code, key);
  const learners = api.service.learners(workshop).map((l) => ({
    id: l.id,
    seat: l.seat,
    name: l.name,
    joinedAt: new Date(l.joinedAt).toISOString(),
    sessionId: l.sessionId,
  }));
  sendJson(res, 200, { workshop: info(api, workshop), learners } satisfies WorkshopLearners);
}

/** POST /api/workshops/:code/end (trainer key, checked by the router): every sandbox of it goes. */
export async function endWorkshop(
  res: ServerResponse,
  code: string,
  key: string | undefined,
  api: WorkshopApi,
): Promise<void> {
  const workshop = api.service.end(api.service.authorizeTrainer(code, key));
  await api.seats?.end(workshop);
  api.changed?.(workshop.id);
  sendJson(res, 200, info(api, workshop));
}

/** POST /api/workshops/:code/extend (trainer key, checked by the router): the workshop or one learner. */
export async function extendWorkshop(
  req: IncomingMessage,
  res: ServerResponse,
  code: string,
  key: string | undefined,
  api: WorkshopApi,
): Promise<void> {
  const workshop = api.service.authorizeTrainer(code, key);
  const { minutes, learnerId } = parseExtend(await readJsonBody(req));
  if (workshop.endedAt !== null) throw new PlaygroundError(message('workshop-ended', {}), 409);
  if (!api.seats) throw new PlaygroundError(message('workshop-no-sandboxes', {}), 503);
  const extended = api.seats.extend(workshop, minutes, learnerId);
  api.changed?.(workshop.id);
  sendJson(res, 200, info(api, extended));
}

function liveWorkshop(api: WorkshopApi, code: string): Workshop {
  const workshop = api.service.byCode(code);
  if (!workshop) throw new PlaygroundError(message('workshop-unknown', { code }), 404);
  return workshop;
}

/**
 * Runs a lookup by code for the request's address: refused while the address has no
 * attempt left, and charged one when the code names no live workshop.
 */
function lookUp<T>(req: IncomingMessage, res: ServerResponse, api: WorkshopApi, find: () => T): T {
  const client = clientOf(req, api);
  refuseIfWaiting(res, api.codeGuesses.waitMs(client), 'workshop-codes-wait');
  try {
    return find();
  } catch (err) {
    if (err instanceof PlaygroundError && err.status === 404) api.codeGuesses.take(client);
    throw err;
  }
}

function refuseIfWaiting(
  res: ServerResponse,
  waitMs: number,
  what: 'workshop-codes-wait' | 'workshops-created-wait',
): void {
  if (waitMs <= 0) return;
  const seconds = Math.ceil(waitMs / 1000);
  res.setHeader('retry-after', String(seconds));
  throw new PlaygroundError(message(what, { seconds }), 429);
}

/** The workshop as the API shows it (the class view too). */
export function info(api: WorkshopApi, workshop: Workshop): WorkshopInfo {
  return {
    code: workshop.code,
    title: workshop.title,
    language: workshop.language,
    lessons: workshop.lessons,
    startsAt: new Date(workshop.startsAt).toISOString(),
    endsAt: new Date(endsAt(workshop)).toISOString(),
    seats: workshop.seats,
    seatsLeft: api.service.seatsLeft(workshop),
    ended: workshop.endedAt !== null,
  };
}

/**
 * Where the creator reached the playground: the page's origin (a state-changing call only
 * gets here from an allowed one), or the Host it asked.
 */
function publicBase(req: IncomingMessage): string {
  return req.headers.origin ?? `http://${req.headers.host ?? 'localhost'}`;
}

// The live class's HTTP handlers; their rows (path, method, who may use them) are in
// server/http/routes.ts. Learner routes take the session token and need a seat; trainer
// routes take the trainer key. Each is rate-limited per learner or per workshop, so a
// script pressing a button in a loop fills no table and floods no page (docs/security.md).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LanguageSchema } from '../../../common/lesson.js';
import { message } from '../../../common/messages.js';
import { PlaygroundError } from '../../errors.js';
import { readJsonBody } from '../../http/json-body.js';
import { sendJson } from '../../http/refusal.js';
import { parseRequestTarget } from '../../http/request-target.js';
import { RateLimiter, type RateLimit } from '../rate-limit.js';
import type { WorkshopService } from '../service.js';
import type { Classroom } from './classroom.js';
import type { LiveActions } from './live-actions.js';
import { resultRows, resultsCsv } from './results.js';

/** Help asked or withdrawn: 5 at once, then one every 20 s, per learner. */
export const HELP_LIMIT: RateLimit = { capacity: 5, refillMs: 20_000, maxKeys: 10_000 };
/** Hints opened: 20 at once, then one every 3 s, per learner (each step counts its hints at most). */
export const HINT_LIMIT: RateLimit = { capacity: 20, refillMs: 3_000, maxKeys: 10_000 };
/** Messages: 10 at once, then one every 6 s, per workshop (one may go to 100 pages). */
export const MESSAGE_LIMIT: RateLimit = { capacity: 10, refillMs: 6_000, maxKeys: 10_000 };
/** Lessons moved to: 10 at once, then one every 3 s, per learner (each move restarts the checks). */
export const MOVE_LIMIT: RateLimit = { capacity: 10, refillMs: 3_000, maxKeys: 10_000 };
/** Hints pushed: 30 at once, then one every 2 s, per workshop. */
export const PUSHED_HINT_LIMIT: RateLimit = { capacity: 30, refillMs: 2_000, maxKeys: 10_000 };

export interface LiveApi {
  classroom: Classroom;
  actions: LiveActions;
  workshops: WorkshopService;
  help: RateLimiter;
  hints: RateLimiter;
  messages: RateLimiter;
  pushedHints: RateLimiter;
  moves: RateLimiter;
}

export function liveApi(
  classroom: Classroom,
  actions: LiveActions,
  workshops: WorkshopService,
  now: () => number = Date.now,
): LiveApi {
  return {
    classroom,
    actions,
    workshops,
    help: new RateLimiter(HELP_LIMIT, now),
    hints: new RateLimiter(HINT_LIMIT, now),
    messages: new RateLimiter(MESSAGE_LIMIT, now),
    pushedHints: new RateLimiter(PUSHED_HINT_LIMIT, now),
    moves: new RateLimiter(MOVE_LIMIT, now),
  };
}

/** POST /api/sessions/:id/help (session token): asks for help, or changes the open request. */
export async function askHelp(req: IncomingMessage, res: ServerResponse, sessionId: string, api: LiveApi) {
  const body = await readJsonBody(req);
  spend(res, api.help, api.actions.seatOf(sessionId).id, 'help-wait');
  sendJson(res, 201, api.actions.askHelp(sessionId, body.text));
}

/** DELETE /api/sessions/:id/help (session token): withdraws the open request. */
export function withdrawHelp(res: ServerResponse, sessionId: string, api: LiveApi): void {
  spend(res, api.help, api.actions.seatOf(sessionId).id, 'help-wait');
  api.actions.withdrawHelp(sessionId);
  res.writeHead(204).end();
}

/** POST /api/sessions/:id/hints (session token): the learner opened a step's next hint. */
export async function hintOpened(req: IncomingMessage, res: ServerResponse, sessionId: string, api: LiveApi) {
  const body = await readJsonBody(req);
  spend(res, api.hints, api.actions.seatOf(sessionId).id, 'hints-wait');
  api.actions.hintOpened(sessionId, body.stepId);
  res.writeHead(204).end();
}

/** POST /api/sessions/:id/lesson (session token): {lessonId}, another of the workshop's lessons. */
export async function moveLesson(req: IncomingMessage, res: ServerResponse, sessionId: string, api: LiveApi) {
  const body = await readJsonBody(req);
  const seat = api.actions.seatOf(sessionId);
  spend(res, api.moves, seat.id, 'lesson-moves-wait');
  api.actions.moveLesson(sessionId, api.workshops.byId(seat.workshopId)!, body.lessonId);
  res.writeHead(204).end();
}

/** POST /api/workshops/:code/help/:helpId/resolve (trainer key): the request is answered. */
export function resolveHelp(
  res: ServerResponse,
  code: string,
  key: string | undefined,
  helpId: string,
  api: LiveApi,
) {
  api.actions.resolveHelp(api.workshops.authorizeTrainer(code, key), helpId);
  res.writeHead(204).end();
}

/** POST /api/workshops/:code/messages (trainer key): {text, learnerId?}. */
export async function sendMessage(
  req: IncomingMessage,
  res: ServerResponse,
  code: string,
  key: string | undefined,
  api: LiveApi,
) {
  const workshop = api.workshops.authorizeTrainer(code, key);
  const body = await readJsonBody(req);
  spend(res, api.messages, String(workshop.id), 'messages-wait');
  sendJson(res, 200, api.actions.sendMessage(workshop, body.text, body.learnerId));
}

/** POST /api/workshops/:code/learners/:id/hint (trainer key): {stepId}. */
export async function pushHint(
  req: IncomingMessage,
  res: ServerResponse,
  params: { code: string; learnerId: string; key: string | undefined },
  api: LiveApi,
) {
  const workshop = api.workshops.authorizeTrainer(params.code, params.key);
  const body = await readJsonBody(req);
  spend(res, api.pushedHints, String(workshop.id), 'pushed-hints-wait');
  api.actions.pushHint(workshop, params.learnerId, body.stepId);
  res.writeHead(204).end();
}

/**
 * GET /api/workshops/:code/results?format=json|csv&lang=en|id (trainer key): JSON by
 * default; the CSV's headers are in the workshop's language unless `lang` says otherwise.
 */
export function results(
  req: IncomingMessage,
  res: ServerResponse,
  code: string,
  key: string | undefined,
  api: LiveApi,
) {
  const workshop = api.workshops.authorizeTrainer(code, key);
  const query = parseRequestTarget(req.url).searchParams;
  const format = query.get('format') ?? 'json';
  if (format !== 'json' && format !== 'csv') throw new PlaygroundError('"format" is json or csv.', 400);
  const lang = LanguageSchema.safeParse(query.get('lang') ?? workshop.language);
  if (!lang.success) throw new PlaygroundError('"lang" is en or id.', 400);
  const { store } = api.classroom;
  const rows = resultRows(
    api.classroom.steps(workshop),
    store.seats(workshop.id),
    store.records(workshop.id),
  );
  if (format === 'json') return sendJson(res, 200, rows);
  res.writeHead(200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="workshop-${workshop.code}-results.csv"`,
    'cache-control': 'no-store',
  });
  // A byte order mark: spreadsheets then read the names as UTF-8.
  res.end(`\uFEFF${resultsCsv(rows, lang.data)}`);
}

/** Takes one attempt of `key`, or refuses with 429 and Retry-After. */
function spend(
  res: ServerResponse,
  limiter: RateLimiter,
  key: string,
  what: 'help-wait' | 'hints-wait' | 'messages-wait' | 'pushed-hints-wait' | 'lesson-moves-wait',
): void {
  const waitMs = limiter.waitMs(key);
  if (waitMs <= 0 && limiter.take(key)) return;
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  res.setHeader('retry-after', String(seconds));
  throw new PlaygroundError(message(what, { seconds }), 429);
}

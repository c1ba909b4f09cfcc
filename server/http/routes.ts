// The JSON API: one row per route, each saying who may use it (access.ts), and the dispatch
// that checks the method, the origin and the access before a handler runs.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HealthView } from '../../common/api.js';
import { LanguageSchema } from '../../common/lesson.js';
import { PlaygroundError } from '../errors.js';
import type { LessonCatalogue } from '../lessons/catalogue.js';
import type { PlaygroundMetrics } from '../metrics/playground-metrics.js';
import type { PortService } from '../ports/index.js';
import type { LessonSessions } from '../progress/lesson-sessions.js';
import type { SessionService } from '../sessions/service.js';
import { FREE_PLAY, lessonKind, type WarmPool } from '../sessions/warm-pool.js';
import type { TerminalRegistry } from '../terminals/registry.js';
import * as workshops from '../workshops/api.js';
import type { WorkshopTerminals } from '../workshops/live-terminals.js';
import * as liveTerminals from '../workshops/live-terminals-api.js';
import * as live from '../workshops/class/live-api.js';
import { admit, bearer, match, type Endpoint } from './access.js';
import { clientAddress, clientKey } from './client-address.js';
import { optionalString, readJsonBody } from './json-body.js';
import type { NetworkPolicy } from './network-policy.js';
import { isOperator } from './operator.js';
import { originAllowed } from './origin.js';
import { refuseRequest, sendJson } from './refusal.js';
import { parseRequestTarget } from './request-target.js';

/** What the API's handlers answer from. */
export interface ApiDeps {
  sessions: SessionService;
  terminals: TerminalRegistry;
  catalogue: LessonCatalogue;
  lessonSessions: LessonSessions;
  ports: PortService;
  workshops: workshops.WorkshopApi;
  /** Watching learners' terminals, the trainer's demo, and who may type. */
  workshopTerminals: WorkshopTerminals;
  /** The live class: help, hints, messages, results (server/workshops/class/). */
  live: live.LiveApi;
  /** Sessions started ahead (PLAYGROUND_WARM_SANDBOXES); without it every session starts cold. */
  warm?: WarmPool;
  health: () => Promise<HealthView>;
  /** Origins allowed to change state besides the page's own (Config.allowedOrigins). */
  allowedOrigins: readonly string[];
  /** Whose X-Forwarded-For names the client the per-client limits count. */
  network: Pick<NetworkPolicy, 'trustedProxies'>;
  metrics: PlaygroundMetrics;
  /** Opens 'operator' endpoints from other machines (Config.metricsToken). */
  operatorToken?: string;
  /** Refuses a new sandbox with a 503 while the engine is away (none: always let through). */
  engine?: { ensureReachable(): Promise<void> };
}

interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  params: string[];
  token: string | undefined;
  deps: ApiDeps;
}

export interface Route extends Endpoint {
  method: string;
  handle(ctx: RouteContext): Promise<void> | void;
}

/** A join code as a path segment: any case, dashes allowed; checked by the handler. */
const CODE = '([A-Za-z0-9-]{1,16})';

/**
 * Workshops (server/workshops/api.ts): anyone creates (or holders of the operator's workshop
 * key, when set: creation-policy.ts); learners join by code; trainers by key.
 */
const WORKSHOP_ROUTES: readonly Route[] = [
  {
    method: 'POST',
    pattern: /^\/api\/workshops$/,
    access: 'public',
    handle: ({ req, res, token, deps }) => workshops.createWorkshop(req, res, token, deps.workshops),
  },
  {
    method: 'GET',
    pattern: /^\/api\/workshops$/,
    access: 'public',
    handle: ({ res, deps }) => workshops.creationInfo(res, deps.workshops),
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/api/workshops/${CODE}$`),
    access: 'public',
    handle: ({ req, res, params, deps }) => workshops.workshopInfo(req, res, params[0]!, deps.workshops),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/api/workshops/${CODE}/join$`),
    access: 'public',
    handle: ({ req, res, params, deps }) => workshops.joinWorkshop(req, res, params[0]!, deps.workshops),
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/api/workshops/${CODE}/learners$`),
    access: 'trainer-key',
    handle: ({ res, params, token, deps }) => workshops.listLearners(res, params[0]!, token, deps.workshops),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/api/workshops/${CODE}/end$`),
    access: 'trainer-key',
    handle: ({ res, params, token, deps }) => workshops.endWorkshop(res, params[0]!, token, deps.workshops),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/api/workshops/${CODE}/extend$`),
    access: 'trainer-key',
    handle: ({ req, res, params, token, deps }) =>
      workshops.extendWorkshop(req, res, params[0]!, token, deps.workshops),
  },
];

/** A learner id as a path segment (server/workshops/service.ts makes 24 hex digits). */
const LEARNER = '([a-f0-9]{1,64})';

/** The workshop's live terminals (server/workshops/live-terminals.ts). */
const LIVE_TERMINAL_ROUTES: readonly Route[] = [
  {
    method: 'POST',
    pattern: new RegExp(`^/api/workshops/${CODE}/learners/${LEARNER}/control$`),
    access: 'trainer-key',
    handle: ({ req, res, params, token, deps }) =>
      liveTerminals.requestControl(req, res, params, token, deps.workshopTerminals),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/api/workshops/${CODE}/trainer-session$`),
    access: 'trainer-key',
    handle: ({ res, params, token, deps }) =>
      liveTerminals.trainerSession(res, params[0]!, token, deps.workshopTerminals),
  },
  {
    method: 'POST',
    pattern: /^\/api\/sessions\/([a-f0-9]+)\/trainer$/,
    access: 'session-token',
    handle: ({ req, res, params, deps }) =>
      liveTerminals.answerTrainer(req, res, params[0]!, deps.workshopTerminals),
  },
];

/** The live class (server/workshops/class/live-api.ts): a learner's seat, the trainer's key. */
const LIVE_CLASS_ROUTES: readonly Route[] = [
  {
    method: 'POST',
    pattern: /^\/api\/sessions\/([a-f0-9]+)\/help$/,
    access: 'session-token',
    handle: ({ req, res, params, deps }) => live.askHelp(req, res, params[0]!, deps.live),
  },
  {
    method: 'DELETE',
    pattern: /^\/api\/sessions\/([a-f0-9]+)\/help$/,
    access: 'session-token',
    handle: ({ res, params, deps }) => live.withdrawHelp(res, params[0]!, deps.live),
  },
  {
    method: 'POST',
    pattern: /^\/api\/sessions\/([a-f0-9]+)\/hints$/,
    access: 'session-token',
    handle: ({ req, res, params, deps }) => live.hintOpened(req, res, params[0]!, deps.live),
  },
  {
    method: 'POST',
    pattern: /^\/api\/sessions\/([a-f0-9]+)\/lesson$/,
    access: 'session-token',
    handle: ({ req, res, params, deps }) => live.moveLesson(req, res, params[0]!, deps.live),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/api/workshops/${CODE}/help/([0-9]{1,16})/resolve$`),
    access: 'trainer-key',
    handle: ({ res, params, token, deps }) => live.resolveHelp(res, params[0]!, token, params[1]!, deps.live),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/api/workshops/${CODE}/messages$`),
    access: 'trainer-key',
    handle: ({ req, res, params, token, deps }) => live.sendMessage(req, res, params[0]!, token, deps.live),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/api/workshops/${CODE}/learners/([a-f0-9]{1,64})/hint$`),
    access: 'trainer-key',
    handle: ({ req, res, params, token, deps }) =>
      live.pushHint(req, res, { code: params[0]!, learnerId: params[1]!, key: token }, deps.live),
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/api/workshops/${CODE}/results$`),
    access: 'trainer-key',
    handle: ({ req, res, params, token, deps }) => live.results(req, res, params[0]!, token, deps.live),
  },
];

export const ROUTES: readonly Route[] = [
  {
    method: 'GET',
    pattern: /^\/metrics$/,
    access: 'operator',
    handle: async ({ res, deps }) => {
      const text = await deps.metrics.render();
      res.writeHead(200, { 'content-type': deps.metrics.contentType, 'cache-control': 'no-store' }).end(text);
    },
  },
  {
    method: 'GET',
    pattern: /^\/api\/health$/,
    access: 'public',
    handle: async ({ res, deps }) => sendJson(res, 200, await deps.health()),
  },
  {
    method: 'GET',
    pattern: /^\/api\/lessons$/,
    access: 'public',
    handle: ({ res, deps }) => sendJson(res, 200, deps.catalogue.list()),
  },
  {
    method: 'GET',
    pattern: /^\/api\/lessons\/([a-z0-9-]+)$/,
    access: 'public',
    handle: ({ req, res, params, deps }) => {
      const lang = parseRequestTarget(req.url).searchParams.get('lang') ?? 'en';
      const language = LanguageSchema.safeParse(lang);
      if (!language.success)
        throw new PlaygroundError(`No lessons in language "${lang}"; use en or id.`, 400);
      const lesson = deps.catalogue.localized(params[0]!, language.data);
      if (!lesson) throw new PlaygroundError(`No lesson "${params[0]}".`, 404);
      sendJson(res, 200, lesson);
    },
  },
  {
    method: 'POST',
    pattern: /^\/api\/sessions$/,
    access: 'public',
    handle: async ({ req, res, deps }) => {
      const lessonId = optionalString(await readJsonBody(req), 'lessonId');
      const lesson = lessonId === undefined ? undefined : deps.catalogue.get(lessonId);
      if (lessonId !== undefined && !lesson) throw new PlaygroundError(`No lesson "${lessonId}".`, 404);
      const client = clientKey(clientAddress(req, deps.network.trustedProxies));
      const options = lesson ? { lessonId: lesson.id, hosts: lesson.hosts } : {};
      await deps.engine?.ensureReachable();
      const kind = lesson ? lessonKind(lesson) : FREE_PLAY;
      sendJson(
        res,
        201,
        await (deps.warm?.create(client, kind, options) ?? deps.sessions.create(client, options)),
      );
    },
  },
  {
    method: 'POST',
    pattern: /^\/api\/sessions\/([a-f0-9]+)\/hosts$/,
    access: 'session-token',
    handle: async ({ res, params, token, deps }) => {
      await deps.engine?.ensureReachable();
      sendJson(res, 201, deps.sessions.addHost(params[0]!, token));
    },
  },
  {
    method: 'DELETE',
    pattern: /^\/api\/sessions\/([a-f0-9]+)\/hosts\/([a-z][a-z0-9-]*)$/,
    access: 'session-token',
    handle: async ({ res, params, token, deps }) =>
      sendJson(res, 200, await deps.sessions.removeHost(params[0]!, token, params[1]!)),
  },
  {
    method: 'POST',
    pattern: /^\/api\/sessions\/([a-f0-9]+)\/hosts\/([a-z][a-z0-9-]*)\/restart$/,
    access: 'session-token',
    handle: async ({ res, params, token, deps }) => {
      await deps.engine?.ensureReachable();
      sendJson(res, 202, deps.sessions.restartHost(params[0]!, token, params[1]!));
    },
  },
  {
    method: 'POST',
    pattern: /^\/api\/sessions\/([a-f0-9]+)\/extend$/,
    access: 'session-token',
    handle: ({ res, params, token, deps }) => sendJson(res, 200, deps.sessions.extend(params[0]!, token)),
  },
  {
    method: 'POST',
    pattern: /^\/api\/sessions\/([a-f0-9]+)\/ports\/([a-z][a-z0-9-]*)\/([0-9]{1,5})\/ticket$/,
    access: 'session-token',
    handle: ({ res, params, deps }) =>
      sendJson(res, 200, deps.ports.ticket(params[0]!, params[1]!, Number(params[2]))),
  },
  {
    method: 'GET',
    pattern: /^\/api\/sessions\/([a-f0-9]+)\/progress$/,
    access: 'session-token',
    handle: async ({ res, params, deps }) => {
      const progress = await deps.lessonSessions.progress(params[0]!);
      if (!progress) throw new PlaygroundError('This session has no lesson progress (yet).', 404);
      sendJson(res, 200, progress);
    },
  },
  {
    method: 'POST',
    pattern: /^\/api\/sessions\/([a-f0-9]+)\/check$/,
    access: 'session-token',
    handle: async ({ req, res, params, deps }) => {
      const stepId = optionalString(await readJsonBody(req), 'stepId');
      const result = await deps.lessonSessions.check(params[0]!, stepId);
      deps.live.actions.checked(params[0]!, result); // a workshop counts failed checks
      sendJson(res, 200, result);
    },
  },
  {
    method: 'GET',
    pattern: /^\/api\/sessions\/([a-f0-9]+)$/,
    access: 'session-token',
    handle: ({ res, params, token, deps }) => sendJson(res, 200, deps.sessions.authorize(params[0]!, token)),
  },
  {
    method: 'DELETE',
    pattern: /^\/api\/sessions\/([a-f0-9]+)$/,
    access: 'session-token',
    handle: async ({ res, params, token, deps }) => {
      await deps.terminals.closeSession(params[0]!); // shells end now, not with the sandbox
      await deps.sessions.end(params[0]!, token);
      res.writeHead(204).end();
    },
  },
  ...WORKSHOP_ROUTES,
  ...LIVE_TERMINAL_ROUTES,
  ...LIVE_CLASS_ROUTES,
];

/** Serves one /api/ request: the route for its path and method, if the caller may use it. */
export async function serveApi(req: IncomingMessage, res: ServerResponse, deps: ApiDeps): Promise<void> {
  let path = '(unreadable path)';
  try {
    path = parseRequestTarget(req.url).pathname;
    const matching = match(ROUTES, path);
    const found = matching.find((m) => m.endpoint.method === req.method);
    if (!found) {
      if (matching.length) throw new PlaygroundError('Method not allowed.', 405);
      throw new PlaygroundError('No such API endpoint.', 404);
    }
    // State-changing calls from another site's page are refused (CSRF).
    if (req.method !== 'GET' && !originAllowed(req, deps.allowedOrigins))
      throw new PlaygroundError('Requests from this origin are not allowed.', 403);
    const token = bearer(req);
    admit(found.endpoint.access, found.params, token, deps.sessions, {
      isOperator: () => isOperator(req, token, deps.operatorToken),
      workshops: deps.workshops.service,
      seats: deps.workshopTerminals,
    });
    await found.endpoint.handle({ req, res, params: found.params, token, deps });
  } catch (err) {
    refuseRequest(res, err, `${req.method} ${path}`);
  }
}

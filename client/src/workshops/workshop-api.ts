// HTTP calls of the workshops: creating and joining (anyone), the trainer's actions (the
// trainer key as a bearer token), and a learner's own (the session token). No DOM: fetch is
// passed in, so tests can fake it. Failures are ApiErrors whose message the page can show.
import { AUTH_SCHEME, type CreatedSession } from '../../../common/api';
import type { Language } from '../../../common/lesson';
import type {
  ExtendRequest,
  HelpRequestBody,
  HintOpened,
  MoveLesson,
  PushHintRequest,
  TrainerMessageRequest,
} from '../../../common/workshop-live';
import type {
  CreatedWorkshop,
  CreateWorkshopRequest,
  JoinedWorkshop,
  JoinWorkshopRequest,
  WorkshopCreation,
  WorkshopInfo,
} from '../../../common/workshops';
import { ApiError, errorMessage, type ApiMessages, type FetchLike } from '../sessions/session-client';

export type ResultFormat = 'csv' | 'json';

export interface WorkshopApi {
  /** Whether creating needs the operator's workshop key. */
  creation(): Promise<WorkshopCreation>;
  /** `key`: the operator's workshop key, when the playground asks for one. */
  create(request: CreateWorkshopRequest, key?: string): Promise<CreatedWorkshop>;
  info(code: string): Promise<WorkshopInfo>;
  join(code: string, request: JoinWorkshopRequest): Promise<JoinedWorkshop>;
  end(code: string, key: string): Promise<WorkshopInfo>;
  extend(code: string, key: string, request: ExtendRequest): Promise<void>;
  message(code: string, key: string, request: TrainerMessageRequest): Promise<void>;
  pushHint(code: string, key: string, learnerId: string, request: PushHintRequest): Promise<void>;
  /** Closes a learner's help request for them. */
  resolveHelp(code: string, key: string, helpId: string): Promise<void>;
  /** The results file's text, its headers in `language`. */
  results(code: string, key: string, format: ResultFormat, language: Language): Promise<string>;
  /** The trainer's own session, started now or resumed. */
  trainerSession(code: string, key: string): Promise<CreatedSession>;
  askHelp(sessionId: string, token: string, body: HelpRequestBody): Promise<void>;
  withdrawHelp(sessionId: string, token: string): Promise<void>;
  hintOpened(sessionId: string, token: string, body: HintOpened): Promise<void>;
  /** The seat's sandbox follows another of the workshop's lessons. */
  moveLesson(sessionId: string, token: string, body: MoveLesson): Promise<void>;
}

export interface WorkshopApiOptions {
  messages: ApiMessages;
  fetch?: FetchLike;
  baseUrl?: string;
}

const workshopPath = (code: string) => `/api/workshops/${encodeURIComponent(code)}`;
const learnerPath = (code: string, learnerId: string) =>
  `${workshopPath(code)}/learners/${encodeURIComponent(learnerId)}`;
const sessionPath = (id: string) => `/api/sessions/${encodeURIComponent(id)}`;

export function createWorkshopApi(options: WorkshopApiOptions): WorkshopApi {
  const doFetch: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const base = options.baseUrl ?? '';
  const m = options.messages;

  async function call(path: string, method: string, bearer?: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (bearer) headers.Authorization = `${AUTH_SCHEME} ${bearer}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let res: Response;
    try {
      res = await doFetch(base + path, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch {
      throw new ApiError(m.networkError, 0);
    }
    if (!res.ok) throw new ApiError(await errorMessage(res, m), res.status);
    return res;
  }
  async function json<T>(res: Response): Promise<T> {
    try {
      return (await res.json()) as T;
    } catch {
      throw new ApiError(m.unexpectedAnswer(res.status), res.status);
    }
  }
  const done = async (res: Promise<Response>) => {
    await res;
  };

  return {
    creation: async () => json(await call('/api/workshops', 'GET')),
    create: async (request, key) => json(await call('/api/workshops', 'POST', key || undefined, request)),
    info: async (code) => json(await call(workshopPath(code), 'GET')),
    join: async (code, request) => json(await call(`${workshopPath(code)}/join`, 'POST', undefined, request)),
    end: async (code, key) => json(await call(`${workshopPath(code)}/end`, 'POST', key)),
    extend: (code, key, request) => done(call(`${workshopPath(code)}/extend`, 'POST', key, request)),
    message: (code, key, request) => done(call(`${workshopPath(code)}/messages`, 'POST', key, request)),
    pushHint: (code, key, learnerId, request) =>
      done(call(`${learnerPath(code, learnerId)}/hint`, 'POST', key, request)),
    resolveHelp: (code, key, helpId) =>
      done(call(`${workshopPath(code)}/help/${encodeURIComponent(helpId)}/resolve`, 'POST', key)),
    results: async (code, key, format, language) =>
      (await call(`${workshopPath(code)}/results?format=${format}&lang=${language}`, 'GET', key)).text(),
    trainerSession: async (code, key) =>
      json(await call(`${workshopPath(code)}/trainer-session`, 'POST', key)),
    askHelp: (id, token, body) => done(call(`${sessionPath(id)}/help`, 'POST', token, body)),
    withdrawHelp: (id, token) => done(call(`${sessionPath(id)}/help`, 'DELETE', token)),
    hintOpened: (id, token, body) => done(call(`${sessionPath(id)}/hints`, 'POST', token, body)),
    moveLesson: (id, token, body) => done(call(`${sessionPath(id)}/lesson`, 'POST', token, body)),
  };
}

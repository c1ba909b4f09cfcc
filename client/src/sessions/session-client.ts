// HTTP calls to the playground API. No DOM: fetch is passed in, so tests can fake it.

import {
  AUTH_SCHEME,
  portTicketPath,
  type CreatedSession,
  type CreateSessionRequest,
  type HealthView,
  type PortTicket,
  type SessionView,
} from '../../../common/api';
import type { LessonProgress, StepProgress } from '../../../common/events';
import type { Language, LessonSummary, LocalizedLesson } from '../../../common/lesson';
import type { MessageCatalogue } from '../../../common/messages';
import { serverWords } from '../i18n/server-words';

/** Texts used when the server's answer does not carry its own message. */
export interface ApiMessages {
  networkError: string;
  unexpectedAnswer: (status: number) => string;
  tooManyRequests: string;
  serviceUnavailable: string;
  /** The server's messages in the page's language. */
  serverMessages?: MessageCatalogue;
}

/** A failed API call; `message` is meant for the learner. `status` is 0 for a network failure. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }

  /** The session does not exist any more, or the key for it is wrong. */
  get sessionGone(): boolean {
    return this.status === 404 || this.status === 401 || this.status === 410;
  }
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface SessionApi {
  create(request?: CreateSessionRequest): Promise<CreatedSession>;
  get(id: string, token: string, signal?: AbortSignal): Promise<SessionView>;
  end(id: string, token: string): Promise<void>;
  health(): Promise<HealthView>;
  /** A one-time URL that opens a published port in the browser (see PortTicket). */
  requestPortTicket(id: string, token: string, host: string, port: number): Promise<PortTicket>;
  /** Adds the next host (node2, ...); it starts in the background. */
  addHost(id: string, token: string): Promise<SessionView>;
  /** Makes the session live longer, once (SessionView.canExtend). */
  extend(id: string, token: string): Promise<SessionView>;
  removeHost(id: string, token: string, host: string): Promise<SessionView>;
  /** Gives a host a fresh sandbox (one that failed or was lost). */
  restartHost(id: string, token: string, host: string): Promise<SessionView>;
  /** The Check button: checks one step now (or the current one). */
  check(id: string, token: string, stepId?: string): Promise<StepProgress>;
  progress(id: string, token: string): Promise<LessonProgress>;
  lessons(): Promise<LessonSummary[]>;
  lesson(lessonId: string, language: Language): Promise<LocalizedLesson>;
}

export interface SessionApiOptions {
  messages: ApiMessages;
  fetch?: FetchLike;
  /** Prefix of API paths, '' for the page's own origin. */
  baseUrl?: string;
}

export function createSessionApi(options: SessionApiOptions): SessionApi {
  const http = createTransport(options);
  return { ...sessionCalls(http), ...hostCalls(http), ...lessonCalls(http) };
}

/** How every call reaches the server and reads its answer. */
interface Transport {
  /** Sends a request; a failed request or answer throws an ApiError the learner can read. */
  call(path: string, init: RequestInit): Promise<Response>;
  /** The answer's JSON body. */
  json<T>(res: Response): Promise<T>;
  /** The error for an answer that is not what the API promises. */
  unexpected(status: number): ApiError;
}

function createTransport(options: SessionApiOptions): Transport {
  const doFetch: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const base = options.baseUrl ?? '';
  const m = options.messages;
  const unexpected = (status: number) => new ApiError(m.unexpectedAnswer(status), status);
  return {
    async call(path, init) {
      let res: Response;
      try {
        res = await doFetch(base + path, {
          ...init,
          headers: { Accept: 'application/json', ...init.headers },
        });
      } catch (err) {
        if (err instanceof DOMException && err.name === 'AbortError') throw err;
        throw new ApiError(m.networkError, 0);
      }
      if (!res.ok) throw new ApiError(await errorMessage(res, m), res.status);
      return res;
    },
    async json<T>(res: Response): Promise<T> {
      try {
        return (await res.json()) as T;
      } catch {
        throw unexpected(res.status);
      }
    },
    unexpected,
  };
}

const auth = (token: string) => ({ Authorization: `${AUTH_SCHEME} ${token}` });
const sessionPath = (id: string) => `/api/sessions/${encodeURIComponent(id)}`;

/** A session's life: create, look at, end; and the server's health. */
function sessionCalls({
  call,
  json,
  unexpected,
}: Transport): Pick<SessionApi, 'create' | 'get' | 'end' | 'health'> {
  return {
    async create(request = {}) {
      const created = await json<CreatedSession>(
        await call('/api/sessions', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(request),
        }),
      );
      if (!created?.session?.id || typeof created.token !== 'string') {
        throw unexpected(201);
      }
      return created;
    },
    async get(id, token, signal) {
      return json<SessionView>(await call(sessionPath(id), { headers: auth(token), signal: signal ?? null }));
    },
    async end(id, token) {
      await call(sessionPath(id), { method: 'DELETE', headers: auth(token) });
    },
    async health() {
      return json<HealthView>(await call('/api/health', {}));
    },
  };
}

/** A session's hosts, and tickets to the ports their containers publish. */
function hostCalls({
  call,
  json,
  unexpected,
}: Transport): Pick<SessionApi, 'addHost' | 'extend' | 'removeHost' | 'restartHost' | 'requestPortTicket'> {
  return {
    async requestPortTicket(id, token, host, port) {
      const res = await call(portTicketPath(id, host, port), { method: 'POST', headers: auth(token) });
      const ticket = await json<PortTicket>(res);
      if (typeof ticket?.url !== 'string') throw unexpected(res.status);
      return ticket;
    },
    async addHost(id, token) {
      return json<SessionView>(
        await call(`${sessionPath(id)}/hosts`, { method: 'POST', headers: auth(token) }),
      );
    },
    async extend(id, token) {
      return json<SessionView>(
        await call(`${sessionPath(id)}/extend`, { method: 'POST', headers: auth(token) }),
      );
    },
    async removeHost(id, token, host) {
      const path = `${sessionPath(id)}/hosts/${encodeURIComponent(host)}`;
      return json<SessionView>(await call(path, { method: 'DELETE', headers: auth(token) }));
    },
    async restartHost(id, token, host) {
      const path = `${sessionPath(id)}/hosts/${encodeURIComponent(host)}/restart`;
      return json<SessionView>(await call(path, { method: 'POST', headers: auth(token) }));
    },
  };
}

/** The lessons, and a session's progress through its lesson. */
function lessonCalls({
  call,
  json,
}: Transport): Pick<SessionApi, 'check' | 'progress' | 'lessons' | 'lesson'> {
  return {
    async check(id, token, stepId) {
      const init = {
        method: 'POST',
        headers: { ...auth(token), 'Content-Type': 'application/json' },
        body: JSON.stringify(stepId ? { stepId } : {}),
      };
      return json<StepProgress>(await call(`${sessionPath(id)}/check`, init));
    },
    async progress(id, token) {
      return json<LessonProgress>(await call(`${sessionPath(id)}/progress`, { headers: auth(token) }));
    },
    async lessons() {
      return json<LessonSummary[]>(await call('/api/lessons', {}));
    },
    async lesson(lessonId, language) {
      const path = `/api/lessons/${encodeURIComponent(lessonId)}?lang=${encodeURIComponent(language)}`;
      return json<LocalizedLesson>(await call(path, {}));
    },
  };
}

/** The learner-facing message for an error answer: the server's own words when it sent some. */
export async function errorMessage(res: Response, m: ApiMessages): Promise<string> {
  let text = '';
  try {
    text = await res.text();
  } catch {
    // Fall through to the generic messages.
  }
  try {
    const body = JSON.parse(text) as { error?: unknown; code?: unknown; params?: unknown };
    if (typeof body?.error === 'string' && body.error.trim()) {
      const english = body.error.trim();
      const detail = { code: body.code, params: body.params };
      return m.serverMessages ? serverWords(m.serverMessages, english, detail) : english;
    }
  } catch {
    // Not JSON (a proxy's error page, say).
  }
  if (res.status === 429) return m.tooManyRequests;
  if (res.status === 502 || res.status === 503 || res.status === 504) return m.serviceUnavailable;
  return m.unexpectedAnswer(res.status);
}

export interface WaitOptions {
  intervalMs?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Called with every answer, 'starting' ones included. */
  onUpdate?: (session: SessionView) => void;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  now?: () => number;
  timeoutMessage: string;
}

/** Polls a session until it is no longer 'starting'; returns that answer. */
export async function waitUntilSettled(
  api: Pick<SessionApi, 'get'>,
  id: string,
  token: string,
  options: WaitOptions,
): Promise<SessionView> {
  const interval = options.intervalMs ?? 300;
  const timeout = options.timeoutMs ?? 90_000;
  const sleep = options.sleep ?? abortableSleep;
  const now = options.now ?? Date.now;
  const deadline = now() + timeout;
  for (;;) {
    options.signal?.throwIfAborted();
    const session = await api.get(id, token, options.signal);
    options.onUpdate?.(session);
    if (session.state !== 'starting') return session;
    if (now() + interval > deadline) throw new ApiError(options.timeoutMessage, 0);
    await sleep(interval, options.signal);
  }
}

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

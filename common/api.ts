// HTTP API shapes shared by the browser and the server.
import type { Message } from './messages.js';

/** Lifecycle of a learner's session, as the page shows it. */
export type SessionState = 'starting' | 'ready' | 'failed' | 'ended';

export interface SessionView {
  id: string;
  state: SessionState;
  /** Set when state is 'failed': what went wrong and what to do about it. */
  error?: string;
  /** The same as a message, for the page to say in its own language. */
  errorMessage?: Message;
  /** ISO time after which the sandbox is removed. */
  expiresAt: string;
  /** Host names of the session's sandboxes, in the order they were added, e.g. ["node1", "node2"]. */
  hosts: string[];
  /** Each host's own state: a host added later starts while the others are in use. */
  hostStates: Record<string, HostState>;
  /** Most hosts this session may have at once. */
  maxHosts: number;
  /** Most terminals this session may have open at once (PLAYGROUND_MAX_TERMINALS). */
  maxTerminals: number;
  /** Lines of scrollback each pane keeps, as many as a replay restores (PLAYGROUND_TERMINAL_HISTORY_LINES). */
  historyLines: number;
  /** The lesson this session was started for, if any. */
  lessonId?: string;
  /** The learner may still extend it (once, by `extendMinutes`) with POST /api/sessions/:id/extend. */
  canExtend?: boolean;
  extendMinutes?: number;
}

/** Lifecycle of one host (one sandbox) of a session. */
export interface HostState {
  state: 'starting' | 'ready' | 'failed';
  /** Set when state is 'failed'. */
  error?: string;
  /** The same as a message, for the page to say in its own language. */
  errorMessage?: Message;
}

/** Body of POST /api/sessions (optional). */
export interface CreateSessionRequest {
  /** Start the session for this lesson: its hosts, images and progress. */
  lessonId?: string;
}

/** Body of POST /api/sessions/:id/check (optional): check one step now, or every step. */
export interface CheckRequest {
  stepId?: string;
}

/** Answer to POST /api/sessions. The token is shown once; keep it to reconnect. */
export interface CreatedSession {
  session: SessionView;
  token: string;
}

/** Answer to GET /api/health. */
export interface HealthView {
  ok: boolean;
  engine: { reachable: boolean; version?: string; managedByPlayground: boolean };
  /** Which sandbox recipe is in use and whether it isolates the host. */
  isolation: { recipe: string; isolatesHost: boolean; hostFirewall: boolean; warning?: string };
  /**
   * The mirror sandboxes pull from; a server starts it again when it stops answering
   * (`restarts` since the server started, `problem`: why the last start failed).
   */
  registryMirror: { reachable: boolean; restarts?: number; problem?: string };
  sessions: { active: number; max: number };
  /**
   * The machine against the settings: what does not fit or is not bounded (found at start),
   * whether each sandbox has its own disk, and why a new sandbox would be refused now.
   */
  capacity: { warnings: string[]; diskBounded: boolean; refusing?: string };
}

/**
 * Every error answer of the API has this body: `error` in English, and for an error a
 * learner can meet, the same as a message code and parameters (common/messages.ts).
 */
export interface ApiError {
  error: string;
  code?: Message['code'];
  params?: Message['params'];
}

/** Header carrying the session token on HTTP calls ("Authorization: Bearer <token>"). */
export const AUTH_SCHEME = 'Bearer';

/**
 * Answer to POST /api/sessions/:id/ports/:host/:port/ticket (session token). Opening `url`
 * once, within a minute, signs the browser in to that port's own origin and shows the app.
 */
export interface PortTicket {
  url: string;
}

export const portTicketPath = (sessionId: string, host: string, port: number) =>
  `/api/sessions/${encodeURIComponent(sessionId)}/ports/${encodeURIComponent(host)}/${port}/ticket`;

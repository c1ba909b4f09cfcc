// HTTP API shapes shared by the browser and the server.

/** Lifecycle of a learner's session, as the page shows it. */
export type SessionState = 'starting' | 'ready' | 'failed' | 'ended';

export interface SessionView {
  id: string;
  state: SessionState;
  /** Set when state is 'failed': what went wrong and what to do about it. */
  error?: string;
  /** ISO time after which the sandbox is removed. */
  expiresAt: string;
  /** Host names of the session's sandboxes, e.g. ["docker"]. */
  hosts: string[];
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
  registryMirror: { reachable: boolean };
  sessions: { active: number; max: number };
}

/** Every error answer of the API has this body. */
export interface ApiError {
  error: string;
}

/** Header carrying the session token on HTTP calls ("Authorization: Bearer <token>"). */
export const AUTH_SCHEME = 'Bearer';

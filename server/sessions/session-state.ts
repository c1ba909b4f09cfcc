// What the session service holds about one session, and how a page sees it.
import type { HostState, SessionView } from '../../common/api.js';
import type { Message } from '../../common/messages.js';
import type { Config } from '../config.js';

export interface Host extends HostState {
  /** Settles when the host's sandbox is ready (or failed); terminals wait on it. */
  ready: Promise<void>;
  /** The sandbox container once ready: events about an older one of the same host are not about it. */
  containerId?: string;
  /** Stops a start that is no longer wanted (the host removed, its session ended). */
  abort?: AbortController;
}

export interface Session {
  id: string;
  tokenHash: string;
  client: string;
  state: SessionView['state'];
  error?: string;
  errorMessage?: Message;
  expiresAt: Date;
  lessonId?: string;
  maxHosts: number;
  maxTerminals: number;
  /** Lines of scrollback a pane keeps and a replay restores (PLAYGROUND_TERMINAL_HISTORY_LINES). */
  historyLines: number;
  /** Extended once already: a session is extended at most once. */
  extended?: boolean;
  /** How much an extension adds (0: none may be asked for). */
  extendMs: number;
  /** In the order they were added; the first is the primary host. */
  hosts: Map<string, Host>;
  /** Settles when the session's first hosts are ready (or one failed). */
  ready: Promise<void>;
  /** Started ahead for this warm pool and not handed out yet: observers hear of it at its claim. */
  pool?: string;
  /** Not counted against its client's limit: a workshop's seat (the seats limit the workshop). */
  exempt?: boolean;
}

/** What other parts of the server do when a session changes (watchers, terminals, lessons). */
export interface SessionObserver {
  hostReady?(sessionId: string, host: string): void;
  /** The host's sandbox is gone: removed by the learner, lost (it stopped), or being restarted. */
  hostRemoved?(sessionId: string, host: string): void;
  sessionEnded?(sessionId: string): void;
  /** The session holds another lesson now (SessionService.setLesson). */
  lessonChanged?(sessionId: string): void;
}

/** The machine's own limits: refuses a new sandbox (a 503) before the host runs out. */
export interface MachineRoom {
  ensureRoom(sandboxes: number, starting: number): void;
}

export interface CreateSessionOptions {
  lessonId?: string;
  /** The session's first hosts (a lesson's); [PRIMARY_HOST] by default. */
  hosts?: string[];
  /** Start it ahead for a warm pool (warm-stock.ts): nobody has it until `claim`. */
  pool?: string;
  /** Not counted against the client's limit (a workshop's seat). */
  exempt?: boolean;
  /** Its end, when not the usual lifetime from now (a workshop's end). */
  expiresAt?: Date;
  /**
   * The session's token, when the caller derives it from a secret of its own (the trainer's
   * session, server/workshops/trainer-session.ts); a fresh random one by default.
   */
  token?: string;
}

/** A claimed warm session's new holder and end. */
export interface Claim {
  client: string;
  expiresAt: Date;
  /** Whether the client's limit applies (not to a workshop's seat). */
  limited: boolean;
}

export function view(s: Session): SessionView {
  const hostStates: Record<string, HostState> = {};
  for (const [name, h] of s.hosts)
    hostStates[name] = {
      state: h.state,
      ...(h.error ? { error: h.error } : {}),
      ...(h.errorMessage ? { errorMessage: h.errorMessage } : {}),
    };
  return {
    id: s.id,
    state: s.state,
    ...(s.error ? { error: s.error } : {}),
    ...(s.errorMessage ? { errorMessage: s.errorMessage } : {}),
    expiresAt: s.expiresAt.toISOString(),
    hosts: [...s.hosts.keys()],
    hostStates,
    maxHosts: s.maxHosts,
    maxTerminals: s.maxTerminals,
    historyLines: s.historyLines,
    ...(s.lessonId ? { lessonId: s.lessonId } : {}),
    ...(s.extendMs > 0 && !s.extended && (s.state === 'ready' || s.state === 'starting')
      ? { canExtend: true, extendMinutes: Math.round(s.extendMs / 60_000) }
      : {}),
  };
}

/** What a session may hold, from the settings. */
export function sessionLimits(
  config: Config,
): Pick<Session, 'maxHosts' | 'maxTerminals' | 'extendMs' | 'historyLines'> {
  return {
    maxHosts: config.maxHostsPerSession,
    maxTerminals: config.maxTerminalsPerSession,
    extendMs: config.sessionExtendMs,
    historyLines: config.terminalHistoryLines,
  };
}

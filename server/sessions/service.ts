// Sessions: who owns which sandbox, in what state, until when. The engine's labels are
// the record of truth, so a restarted server adopts live sessions instead of losing them.
import type { SessionView } from '../../common/api.js';
import type { Config } from '../config.js';
import { logger } from '../log.js';
import { PlaygroundError } from '../sandboxes/errors.js';
import { PRIMARY_HOST, type SandboxManager } from '../sandboxes/manager.js';
import { hashToken, newSessionId, newToken, tokenMatches } from './tokens.js';

const log = logger('sessions');

/** How often expired sessions are looked for. */
const REAP_INTERVAL_MS = 30_000;

interface Session {
  id: string;
  tokenHash: string;
  client: string;
  state: SessionView['state'];
  error?: string;
  expiresAt: Date;
  hosts: string[];
  /** Settles when the sandbox is ready (or failed); terminals wait on it. */
  ready: Promise<void>;
}

export class SessionService {
  private readonly sessions = new Map<string, Session>();
  private reaper?: NodeJS.Timeout;

  constructor(
    private readonly sandboxes: SandboxManager,
    private readonly config: Config,
  ) {}

  /** Adopts live sandboxes left by an earlier server, removes the rest, starts the reaper. */
  async start(): Promise<void> {
    for (const record of await this.sandboxes.sweep()) {
      const existing = this.sessions.get(record.sessionId);
      if (existing) {
        existing.hosts.push(record.host);
        continue;
      }
      this.sessions.set(record.sessionId, {
        id: record.sessionId,
        tokenHash: record.tokenHash,
        client: record.client,
        state: 'ready',
        expiresAt: record.expiresAt,
        hosts: [record.host],
        ready: Promise.resolve(),
      });
    }
    if (this.sessions.size) log.info(`adopted ${this.sessions.size} live session(s)`);
    this.reaper = setInterval(() => void this.reap(), REAP_INTERVAL_MS);
    this.reaper.unref();
  }

  stop(): void {
    clearInterval(this.reaper);
  }

  get activeCount(): number {
    return this.active().length;
  }

  /** Sessions holding (or about to hold) a sandbox. */
  private active(): Session[] {
    return [...this.sessions.values()].filter((s) => s.state === 'starting' || s.state === 'ready');
  }

  /** Starts a new session; the sandbox comes up in the background. */
  create(client: string): { session: SessionView; token: string } {
    const active = this.active();
    if (active.length >= this.config.maxSessions) {
      throw new PlaygroundError(
        `The playground is full: ${active.length} of ${this.config.maxSessions} sandboxes are in use. ` +
          'Try again in a few minutes (an operator can raise PLAYGROUND_MAX_SESSIONS).',
        503,
      );
    }
    if (active.filter((s) => s.client === client).length >= this.config.maxSessionsPerClient) {
      throw new PlaygroundError(
        `You already have ${this.config.maxSessionsPerClient} sandboxes running. End one before starting another.`,
        429,
      );
    }
    const token = newToken();
    const session: Session = {
      id: newSessionId(),
      tokenHash: hashToken(token),
      client,
      state: 'starting',
      expiresAt: new Date(Date.now() + this.config.sessionTtlMs),
      hosts: [PRIMARY_HOST],
      ready: Promise.resolve(),
    };
    session.ready = this.sandboxes
      .create({ sessionId: session.id, tokenHash: session.tokenHash, client, expiresAt: session.expiresAt })
      .then(
        () => {
          if (session.state === 'starting') session.state = 'ready';
        },
        (err: Error) => {
          session.state = 'failed';
          session.error = err.message;
        },
      );
    this.sessions.set(session.id, session);
    return { session: view(session), token };
  }

  /** The session if the token is right; throws 404 or 401 otherwise. */
  authorize(id: string, token: string | undefined): SessionView {
    return view(this.authorized(id, token));
  }

  /** Waits until the session's sandbox is ready; throws with the reason if it is not. */
  async whenReady(id: string, token: string | undefined): Promise<SessionView> {
    const session = this.authorized(id, token);
    await session.ready;
    if (session.state !== 'ready') {
      throw new PlaygroundError(session.error ?? `This session has ${session.state}.`, 410);
    }
    return view(session);
  }

  async end(id: string, token: string | undefined): Promise<void> {
    const session = this.authorized(id, token);
    session.state = 'ended';
    this.sessions.delete(id);
    await session.ready.catch(() => undefined); // let a half-made sandbox finish before removing it
    await this.sandboxes.destroy(id);
  }

  /** Ends every expired session and sweeps objects left without a session. */
  async reap(now = new Date()): Promise<void> {
    try {
      for (const session of [...this.sessions.values()]) {
        if (session.expiresAt <= now || session.state === 'failed') {
          log.info(`session ${session.id} ${session.state === 'failed' ? 'failed' : 'expired'}; removing it`);
          this.sessions.delete(session.id);
          await this.sandboxes.destroy(session.id);
        }
      }
      const inFlight = new Set(
        [...this.sessions.values()].filter((s) => s.state === 'starting').map((s) => s.id),
      );
      await this.sandboxes.sweep(inFlight, now);
    } catch (err) {
      log.warn(`reaper: ${(err as Error).message}`);
    }
  }

  private authorized(id: string, token: string | undefined): Session {
    const session = this.sessions.get(id);
    if (!session) throw new PlaygroundError('No such session: it may have expired or been ended.', 404);
    if (!tokenMatches(token, session.tokenHash)) throw new PlaygroundError('Wrong session token.', 401);
    return session;
  }
}

function view(s: Session): SessionView {
  return {
    id: s.id,
    state: s.state,
    ...(s.error ? { error: s.error } : {}),
    expiresAt: s.expiresAt.toISOString(),
    hosts: [...s.hosts],
  };
}

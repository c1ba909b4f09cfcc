// Sessions: who owns which sandboxes, in what state, until when. The engine's labels are
// the record of truth, so a restarted server adopts live sessions instead of losing them.
import type Docker from 'dockerode';
import type { SessionView } from '../../common/api.js';
import type { Config } from '../config.js';
import { logger } from '../log.js';
import { message } from '../../common/messages.js';
import { PlaygroundError } from '../errors.js';
import { PRIMARY_HOST, type SandboxManager, type SandboxRecord } from '../sandboxes/manager.js';
import type { SessionEventHub } from './event-hub.js';
import { MemoryLeases, moveLesson, type SessionLeases } from './leases.js';
import { lossReason, type SandboxLossListener } from './sandbox-loss.js';
import {
  view,
  type Claim,
  type CreateSessionOptions,
  type Host,
  type MachineRoom,
  type Session,
  type SessionObserver,
} from './session-state.js';
import { hashToken, newSessionId, newToken, tokenMatches } from './tokens.js';

export type { Claim, CreateSessionOptions, MachineRoom, SessionObserver } from './session-state.js';

const log = logger('sessions');

/** How often expired sessions are looked for. */
const REAP_INTERVAL_MS = 30_000;

export class SessionService implements SandboxLossListener {
  private readonly sessions = new Map<string, Session>();
  private readonly observers: SessionObserver[] = [];
  private reaper?: NodeJS.Timeout;
  /** Stopped with the server: nothing starts any more. */
  private stopped = false;

  constructor(
    private readonly sandboxes: SandboxManager,
    private readonly config: Config,
    private readonly events?: SessionEventHub,
    private readonly machine?: MachineRoom,
    /** Claims and moved ends, which labels cannot record (the database in the server). */
    private readonly leases: SessionLeases = new MemoryLeases(),
  ) {}

  observe(observer: SessionObserver): void {
    this.observers.push(observer);
  }

  /** Adopts live sandboxes left by an earlier server, removes the rest, starts the reaper. */
  async start(): Promise<void> {
    this.stopped = false;
    // An unclaimed warm session's token was in memory only: it cannot be handed out, so it goes.
    for (const record of await this.sandboxes.sweep(undefined, undefined, (r) => this.expiryOf(r))) {
      let session = this.sessions.get(record.sessionId);
      if (!session) {
        const lease = this.leases.get(record.sessionId);
        session = {
          id: record.sessionId,
          tokenHash: record.tokenHash,
          client: lease?.client ?? record.client,
          state: 'ready',
          expiresAt: lease?.expiresAt ?? record.expiresAt,
          ...((lease?.lessonId ?? record.lessonId) ? { lessonId: lease?.lessonId ?? record.lessonId } : {}),
          maxHosts: this.config.maxHostsPerSession,
          maxTerminals: this.config.maxTerminalsPerSession,
          extendMs: this.config.sessionExtendMs,
          hosts: new Map(),
          ready: Promise.resolve(),
        };
        this.sessions.set(record.sessionId, session);
      }
      session.hosts.set(record.host, {
        state: 'ready',
        ready: Promise.resolve(),
        containerId: record.containerId,
      });
    }
    // Host names say their order (node1 before node2); the engine lists them in any order.
    for (const session of this.sessions.values()) {
      session.hosts = new Map(
        [...session.hosts].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true })),
      );
      for (const host of session.hosts.keys()) this.notify((o) => o.hostReady?.(session.id, host));
    }
    if (this.sessions.size) log.info(`adopted ${this.sessions.size} live session(s)`);
    this.reaper = setInterval(() => void this.reap(), REAP_INTERVAL_MS);
    this.reaper.unref();
  }

  /**
   * The server stops: no session or host starts any more, and starts under way are called
   * off (each removes its own sandbox), so nothing starts behind the server's back.
   */
  stop(): void {
    clearInterval(this.reaper);
    this.stopped = true;
    for (const session of this.sessions.values())
      for (const host of session.hosts.values()) if (host.state === 'starting') host.abort?.abort();
  }

  /** Sessions the service holds, in any state (a census for leak tests). */
  get size(): number {
    return this.sessions.size;
  }

  get activeCount(): number {
    return this.active().length;
  }

  /** How many sessions and sandboxes (hosts) are in each state, for /metrics. */
  census(): { sessions: Record<string, number>; sandboxes: Record<string, number> } {
    const sessions = { starting: 0, ready: 0, failed: 0 };
    const sandboxes = { starting: 0, ready: 0, failed: 0 };
    for (const session of this.sessions.values()) {
      if (session.state !== 'ended') sessions[session.state]++;
      for (const host of session.hosts.values()) sandboxes[host.state]++;
    }
    return { sessions, sandboxes };
  }

  /** Sessions holding (or about to hold) a sandbox. */
  private active(): Session[] {
    return [...this.sessions.values()].filter((s) => s.state === 'starting' || s.state === 'ready');
  }

  /** Starts a new session; its sandboxes come up in the background. */
  create(client: string, options: CreateSessionOptions = {}): { session: SessionView; token: string } {
    if (this.stopped) throw new PlaygroundError('The playground is stopping; try again in a moment.', 503);
    const active = this.active();
    if (active.length >= this.config.maxSessions) {
      throw new PlaygroundError(
        message('playground-full-sessions', { used: active.length, max: this.config.maxSessions }),
        503,
      );
    }
    if (!options.pool && !options.exempt) this.ensureClientRoom(client);
    const hosts = options.hosts?.length ? options.hosts : [PRIMARY_HOST];
    this.ensureRoomFor(hosts.length);
    if (hosts.length > this.config.maxHostsPerSession) {
      throw new PlaygroundError(
        message('lesson-needs-hosts', { hosts: hosts.length, max: this.config.maxHostsPerSession }),
        503,
      );
    }
    const token = options.token ?? newToken();
    const session: Session = {
      id: newSessionId(),
      tokenHash: hashToken(token),
      client,
      state: 'starting',
      expiresAt: options.expiresAt ?? new Date(Date.now() + this.config.sessionTtlMs),
      ...(options.lessonId ? { lessonId: options.lessonId } : {}),
      maxHosts: this.config.maxHostsPerSession,
      maxTerminals: this.config.maxTerminalsPerSession,
      extendMs: this.config.sessionExtendMs,
      hosts: new Map(),
      ready: Promise.resolve(),
      ...(options.pool ? { pool: options.pool } : {}),
      ...(options.exempt ? { exempt: true } : {}),
    };
    this.sessions.set(session.id, session);
    const first = hosts.map((host, i) => this.startHost(session, host, i === 0));
    session.ready = Promise.all(first).then(() => {
      const failed = [...session.hosts.values()].find((h) => h.state === 'failed');
      if (session.state !== 'starting') return;
      if (failed) {
        session.state = 'failed';
        session.error = failed.error ?? 'A sandbox failed to start.';
        if (failed.errorMessage) session.errorMessage = failed.errorMessage;
      } else session.state = 'ready';
      this.changed(session);
    });
    return { session: view(session), token };
  }

  /** Makes the session live `sessionExtendMs` longer: once, and only before it ends. */
  extend(id: string, token: string | undefined): SessionView {
    const session = this.authorized(id, token);
    if (session.state !== 'ready' && session.state !== 'starting')
      throw new PlaygroundError(message('session-over', {}), 410);
    if (session.extendMs <= 0) throw new PlaygroundError(message('extend-off', {}), 409);
    if (session.extended) throw new PlaygroundError(message('extend-once', {}), 409);
    session.extended = true;
    session.expiresAt = new Date(session.expiresAt.getTime() + session.extendMs);
    this.leases.set(id, { client: session.client, expiresAt: session.expiresAt });
    this.changed(session);
    return view(session);
  }

  private ensureClientRoom(client: string): void {
    const held = this.active().filter((s) => s.client === client && !s.pool && !s.exempt).length;
    if (held >= this.config.maxSessionsPerClient)
      throw new PlaygroundError(
        message('sessions-per-client', { max: this.config.maxSessionsPerClient }),
        429,
      );
  }

  /**
   * Hands a warm session (started with `pool`) to its holder: from now on it is an ordinary
   * session, recorded as claimed so a restarted server adopts it. Never twice: a claimed
   * session is no longer warm.
   */
  claim(id: string, claim: Claim): SessionView {
    const session = this.sessions.get(id);
    if (!session?.pool || (session.state !== 'starting' && session.state !== 'ready'))
      throw new PlaygroundError('This warm session is no longer available.', 409);
    if (claim.limited) this.ensureClientRoom(claim.client);
    delete session.pool;
    session.client = claim.client;
    session.exempt = !claim.limited;
    session.expiresAt = claim.expiresAt;
    this.leases.set(id, { client: claim.client, expiresAt: claim.expiresAt });
    this.changed(session);
    for (const [host, entry] of session.hosts)
      if (entry.state === 'ready') this.notify((o) => o.hostReady?.(id, host));
    return view(session);
  }

  /** Whether `id` is a warm session of `pool` that can still be claimed. */
  isWarm(id: string, pool: string): boolean {
    const session = this.sessions.get(id);
    return session?.pool === pool && (session.state === 'starting' || session.state === 'ready');
  }

  /** Moves a session's end (a workshop extended, or ended early by its trainer). */
  setExpiry(id: string, expiresAt: Date): void {
    const session = this.sessions.get(id);
    if (!session) return;
    session.expiresAt = expiresAt;
    this.leases.set(id, { client: session.client, expiresAt });
    this.changed(session);
  }

  /** When a sandbox's session ends: what the server holds, else its lease, else its label. */
  private expiryOf(record: SandboxRecord): Date {
    const known = this.sessions.get(record.sessionId)?.expiresAt;
    const leased = known ?? this.leases.get(record.sessionId)?.expiresAt;
    return leased ?? (record.pool ? new Date(0) : record.expiresAt);
  }

  /** Adds the next free host (node2, node3, ...) to a session; it starts in the background. */
  addHost(id: string, token: string | undefined): SessionView {
    const session = this.authorized(id, token);
    if (session.state !== 'ready' && session.state !== 'starting')
      throw new PlaygroundError(`This session has ${session.state}.`, 410);
    if (session.hosts.size >= this.config.maxHostsPerSession)
      throw new PlaygroundError(message('hosts-at-most', { max: this.config.maxHostsPerSession }), 409);
    this.ensureRoomFor(1);
    let n = 1;
    while (session.hosts.has(`node${n}`)) n++;
    void this.startHost(session, `node${n}`, session.hosts.size === 0);
    this.changed(session);
    return view(session);
  }

  /** Sandboxes count against the machine's limit, whichever session they belong to. */
  private ensureRoomFor(sandboxes: number): void {
    const running = this.active().reduce((n, s) => n + s.hosts.size, 0);
    if (running + sandboxes > this.config.maxSandboxes) {
      throw new PlaygroundError(
        message('playground-full-sandboxes', { used: running, max: this.config.maxSandboxes }),
        503,
      );
    }
    const starting = this.active().reduce(
      (n, s) => n + [...s.hosts.values()].filter((h) => h.state === 'starting').length,
      0,
    );
    this.machine?.ensureRoom(sandboxes, starting);
  }

  /** Removes one host and everything on it; a session keeps at least one host. */
  async removeHost(id: string, token: string | undefined, host: string): Promise<SessionView> {
    const session = this.authorized(id, token);
    const entry = session.hosts.get(host);
    if (!entry) throw new PlaygroundError(`This session has no host "${host}".`, 404);
    if (session.hosts.size === 1) {
      throw new PlaygroundError('A session keeps at least one host. End the session instead.', 409);
    }
    session.hosts.delete(host);
    entry.abort?.abort();
    this.changed(session);
    this.notify((o) => o.hostRemoved?.(id, host));
    await entry.ready.catch(() => undefined); // a host still starting is removed once it exists
    await this.sandboxes.destroyHost(id, host);
    return view(session);
  }

  /**
   * Gives a host a fresh sandbox: one that failed or was lost, or one the learner wants anew.
   * Its shells, port links and step watcher stop; it starts in the background.
   */
  restartHost(id: string, token: string | undefined, host: string): SessionView {
    const session = this.authorized(id, token);
    if (session.state !== 'ready') throw new PlaygroundError(`This session is ${session.state}.`, 409);
    const entry = session.hosts.get(host);
    if (!entry) throw new PlaygroundError(`This session has no host "${host}".`, 404);
    if (entry.state === 'starting') throw new PlaygroundError(`The host ${host} is starting already.`, 409);
    if (entry.state === 'ready') this.notify((o) => o.hostRemoved?.(id, host));
    const primary = session.hosts.keys().next().value === host;
    // The new entry replaces the old at once, so the old sandbox's last events change nothing.
    void this.startHost(session, host, primary, () => this.sandboxes.destroyHost(id, host));
    this.changed(session);
    return view(session);
  }

  /** A ready host's sandbox stopped or was removed without the playground asking (see sandbox-loss.ts). */
  hostLost(sessionId: string, host: string, containerId: string, reason: string): void {
    const session = this.sessions.get(sessionId);
    const entry = session?.hosts.get(host);
    if (!session || !entry || entry.state !== 'ready' || entry.containerId !== containerId) return;
    log.warn(`session ${sessionId}: ${reason}`);
    entry.state = 'failed';
    entry.error = reason;
    this.changed(session);
    this.notify((o) => o.hostRemoved?.(sessionId, host));
  }

  /** Marks lost every ready host whose sandbox the engine no longer runs (after a break in its events). */
  async verifyHosts(): Promise<void> {
    const running = new Set((await this.sandboxes.list()).filter((r) => r.running).map((r) => r.containerId));
    for (const session of [...this.sessions.values()]) {
      for (const [host, entry] of [...session.hosts]) {
        if (entry.state === 'ready' && entry.containerId && !running.has(entry.containerId))
          this.hostLost(session.id, host, entry.containerId, lossReason(host, 'gone'));
      }
    }
  }

  /** Starts one host's sandbox; resolves when it is ready or has failed (never rejects). */
  private startHost(
    session: Session,
    host: string,
    primary: boolean,
    before: () => Promise<void> = () => Promise.resolve(),
  ): Promise<void> {
    const abort = new AbortController();
    if (this.stopped) abort.abort();
    const entry: Host = { state: 'starting', ready: Promise.resolve(), abort };
    const signal = abort.signal;
    session.hosts.set(host, entry);
    const request = {
      sessionId: session.id,
      tokenHash: session.tokenHash,
      client: session.client,
      expiresAt: session.expiresAt,
      ...(session.lessonId ? { lessonId: session.lessonId } : {}),
      ...(session.pool ? { pool: session.pool } : {}),
    };
    // Removed, or its session ended, while it was starting: nobody may use it or hear of it now.
    const gone = () => session.hosts.get(host) !== entry || session.state === 'ended';
    entry.ready = before()
      .then(() => this.sandboxes.create(request, host, { primary, signal }))
      .then(
        (container) => {
          entry.state = 'ready';
          entry.containerId = container.id;
          if (gone()) return;
          this.changed(session);
          if (!session.pool) this.notify((o) => o.hostReady?.(session.id, host));
        },
        (err: Error) => {
          entry.state = 'failed';
          entry.error = err.message;
          if (err instanceof PlaygroundError && err.detail) entry.errorMessage = err.detail;
          if (!gone()) this.changed(session);
        },
      );
    return entry.ready;
  }

  /** The session if the token is right; throws 404 or 401 otherwise. */
  authorize(id: string, token: string | undefined): SessionView {
    return view(this.authorized(id, token));
  }

  /** Waits until one host of the session is ready; throws with the reason if it is not. */
  async whenReady(id: string, token: string | undefined, host = this.primaryHost(id)): Promise<SessionView> {
    const session = this.authorized(id, token);
    const entry = session.hosts.get(host);
    if (!entry) throw new PlaygroundError(`This session has no host "${host}".`, 404);
    await entry.ready;
    if (session.state === 'ended' || session.state === 'failed') {
      throw new PlaygroundError(session.error ?? `This session has ${session.state}.`, 410);
    }
    if (session.hosts.get(host) !== entry) throw new PlaygroundError(`The host ${host} was removed.`, 410);
    if (entry.state !== 'ready') {
      throw new PlaygroundError(entry.error ?? `The host ${host} is not ready.`, 410);
    }
    return view(session);
  }

  /**
   * The running sandbox of one session host, for a terminal: waits until the session is
   * ready, then throws (a PlaygroundError) if the sandbox has gone meanwhile.
   */
  async readySandbox(id: string, token: string | undefined, host: string): Promise<Docker.Container> {
    await this.whenReady(id, token);
    const container = await this.sandboxes.runningContainer(id, host);
    if (!container) throw new PlaygroundError(message('sandbox-gone', {}), 410);
    return container;
  }

  /** Whether the session exists (in any state but ended), without a token (server-side wiring only). */
  has(id: string): boolean {
    return this.sessions.has(id);
  }

  /** The session's first host, or PRIMARY_HOST if the session is unknown. */
  primaryHost(id: string): string {
    return this.sessions.get(id)?.hosts.keys().next().value ?? PRIMARY_HOST;
  }

  /** The lesson a session was started for, without a token (for server-side wiring only). */
  lessonOf(id: string): string | undefined {
    return this.sessions.get(id)?.lessonId;
  }

  /** The ready session holds another lesson from now on, over a restart too (a workshop's next). */
  setLesson(id: string, lessonId: string): void {
    moveLesson(this.sessions.get(id), lessonId, this.leases, () => this.notify((o) => o.lessonChanged?.(id)));
  }

  async end(id: string, token: string | undefined): Promise<void> {
    const session = this.authorized(id, token);
    await this.remove(session);
  }

  /** Ends a session the server decided to end (a workshop's end, a surplus warm session). */
  async terminate(id: string): Promise<void> {
    const session = this.sessions.get(id);
    if (session) await this.remove(session);
  }

  private async remove(session: Session): Promise<void> {
    session.state = 'ended';
    this.sessions.delete(session.id);
    this.leases.delete(session.id);
    this.changed(session);
    this.notify((o) => o.sessionEnded?.(session.id));
    this.events?.forget(session.id);
    for (const host of session.hosts.values()) host.abort?.abort();
    await session.ready.catch(() => undefined); // let a half-made sandbox finish before removing it
    await Promise.all([...session.hosts.values()].map((h) => h.ready));
    await this.sandboxes.destroy(session.id);
  }

  private changed(session: Session): void {
    this.events?.publish(session.id, { type: 'session', session: view(session) });
  }

  private notify(call: (observer: SessionObserver) => void): void {
    for (const observer of this.observers) {
      try {
        call(observer);
      } catch (err) {
        log.warn(`session observer failed: ${(err as Error).message}`);
      }
    }
  }

  /** Ends every expired session and sweeps objects left without a session. */
  async reap(now = new Date()): Promise<void> {
    try {
      for (const session of [...this.sessions.values()]) {
        if (session.expiresAt <= now || session.state === 'failed') {
          log.info(`session ${session.id} ${session.state === 'failed' ? 'failed' : 'expired'}; removing it`);
          await this.remove(session);
        }
      }
      // A session with a host starting (added or restarted) may hold young or half-made objects.
      const starting = (s: Session) =>
        s.state === 'starting' || [...s.hosts.values()].some((h) => h.state === 'starting');
      const inFlight = new Set([...this.sessions.values()].filter(starting).map((s) => s.id));
      await this.sandboxes.sweep(inFlight, now, (r) => this.expiryOf(r));
    } catch (err) {
      log.warn(`reaper: ${(err as Error).message}`);
    }
  }

  private authorized(id: string, token: string | undefined): Session {
    const session = this.sessions.get(id);
    if (!session) throw new PlaygroundError(message('session-unknown', {}), 404);
    if (!tokenMatches(token, session.tokenHash)) throw new PlaygroundError('Wrong session token.', 401);
    return session;
  }
}

// Sessions: who owns which sandboxes, in what state, until when. The engine's labels are
// the record of truth, so a restarted server adopts live sessions instead of losing them.
import type Docker from 'dockerode';
import type { SessionView } from '../../common/api.js';
import type { Config } from '../config.js';
import { logger } from '../log.js';
import { message, type Message } from '../../common/messages.js';
import { LearnerRefusal } from '../errors.js';
import { PRIMARY_HOST, type SandboxManager, type SandboxRecord } from '../sandboxes/manager.js';
import type { SessionEventHub } from './event-hub.js';
import { MemoryLeases, moveLesson, type SessionLeases } from './leases.js';
import { failureMessage, lostHost, sessionFailure, stateRefusal } from './refusals.js';
import { lossReason, type SandboxLossListener } from './sandbox-loss.js';
import { adoptSandboxes } from './adoption.js';
import { Admission } from './admission.js';
import { startHost, type HostStartDeps } from './host-start.js';
import {
  sessionLimits,
  view,
  type Claim,
  type CreateSessionOptions,
  type MachineRoom,
  type Session,
  type SessionObserver,
} from './session-state.js';
import { hashToken, newSessionId, newToken, tokenMatches } from './tokens.js';
import { claimWarm, isWarm } from './warm-claims.js';

export type { Claim, CreateSessionOptions, MachineRoom, SessionObserver } from './session-state.js';

const log = logger('sessions');

/** How often expired sessions are looked for. */
const REAP_INTERVAL_MS = 30_000;

export class SessionService implements SandboxLossListener {
  private readonly sessions = new Map<string, Session>();
  private readonly observers: SessionObserver[] = [];
  private readonly admission: Admission;
  private reaper?: NodeJS.Timeout;
  /** Stopped with the server: nothing starts any more. */
  private stopped = false;

  constructor(
    private readonly sandboxes: SandboxManager,
    private readonly config: Config,
    private readonly events?: SessionEventHub,
    machine?: MachineRoom,
    /** Claims and moved ends, which labels cannot record (the database in the server). */
    private readonly leases: SessionLeases = new MemoryLeases(),
  ) {
    this.admission = new Admission(() => this.sessions.values(), config, machine);
  }

  observe(observer: SessionObserver): void {
    this.observers.push(observer);
  }

  /** Adopts live sandboxes left by an earlier server, removes the rest, starts the reaper. */
  async start(): Promise<void> {
    this.stopped = false;
    // An unclaimed warm session's token was in memory only: it cannot be handed out, so it goes.
    const records = await this.sandboxes.sweep(undefined, undefined, (r) => this.expiryOf(r));
    adoptSandboxes(records, this.sessions, this.leases, this.config);
    for (const session of this.sessions.values())
      for (const host of session.hosts.keys()) this.notify((o) => o.hostReady?.(session.id, host));
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
    return this.admission.active().length;
  }

  /** How many sessions and sandboxes (hosts) are in each state, for /metrics. */
  census(): { sessions: Record<string, number>; sandboxes: Record<string, number> } {
    return this.admission.census();
  }

  /** Starts a new session; its sandboxes come up in the background. */
  create(client: string, options: CreateSessionOptions = {}): { session: SessionView; token: string } {
    if (this.stopped) throw new LearnerRefusal(message('playground-stopping', {}), 503);
    const hosts = options.hosts?.length ? options.hosts : [PRIMARY_HOST];
    this.admission.ensureSessionRoom(client, hosts.length, !options.pool && !options.exempt);
    const token = options.token ?? newToken();
    const session: Session = {
      id: newSessionId(),
      tokenHash: hashToken(token),
      client,
      state: 'starting',
      expiresAt: options.expiresAt ?? new Date(Date.now() + this.config.sessionTtlMs),
      ...(options.lessonId ? { lessonId: options.lessonId } : {}),
      ...sessionLimits(this.config),
      hosts: new Map(),
      ready: Promise.resolve(),
      ...(options.pool ? { pool: options.pool } : {}),
      ...(options.exempt ? { exempt: true } : {}),
    };
    this.sessions.set(session.id, session);
    const first = hosts.map((host, i) => startHost(this.hostStart(), session, host, i === 0));
    session.ready = Promise.all(first).then(() => {
      const failed = [...session.hosts.values()].find((h) => h.state === 'failed');
      if (session.state !== 'starting') return;
      if (failed) {
        session.state = 'failed';
        Object.assign(session, sessionFailure(failed));
      } else session.state = 'ready';
      this.changed(session);
    });
    return { session: view(session), token };
  }

  /** Makes the session live `sessionExtendMs` longer: once, and only before it ends. */
  extend(id: string, token: string | undefined): SessionView {
    const session = this.authorized(id, token);
    if (session.state !== 'ready' && session.state !== 'starting')
      throw new LearnerRefusal(message('session-over', {}), 410);
    if (session.extendMs <= 0) throw new LearnerRefusal(message('extend-off', {}), 409);
    if (session.extended) throw new LearnerRefusal(message('extend-once', {}), 409);
    session.extended = true;
    session.expiresAt = new Date(session.expiresAt.getTime() + session.extendMs);
    this.leases.set(id, { client: session.client, expiresAt: session.expiresAt, extended: true });
    this.changed(session);
    return view(session);
  }

  /**
   * Hands a warm session (started with `pool`) to its holder: from now on it is an ordinary
   * session, recorded as claimed so a restarted server adopts it. Never twice: a claimed
   * session is no longer warm.
   */
  claim(id: string, claim: Claim): SessionView {
    const session = claimWarm(this.sessions.get(id), claim, (client) =>
      this.admission.ensureClientRoom(client),
    );
    this.leases.set(id, { client: claim.client, expiresAt: claim.expiresAt });
    this.changed(session);
    for (const [host, entry] of session.hosts)
      if (entry.state === 'ready') this.notify((o) => o.hostReady?.(id, host));
    return view(session);
  }

  /** Whether `id` is a warm session of any pool, not handed out yet (server-side wiring only). */
  unclaimed(id: string): boolean {
    return this.sessions.get(id)?.pool !== undefined;
  }

  /** Whether `id` is a warm session of `pool` that can still be claimed. */
  isWarm(id: string, pool: string): boolean {
    return isWarm(this.sessions.get(id), pool);
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
    if (session.state !== 'ready' && session.state !== 'starting') {
      throw new LearnerRefusal(stateRefusal(session.state), 410);
    }
    if (session.hosts.size >= this.config.maxHostsPerSession) {
      throw new LearnerRefusal(message('hosts-at-most', { max: this.config.maxHostsPerSession }), 409);
    }
    this.admission.ensureRoomFor(1);
    let n = 1;
    while (session.hosts.has(`node${n}`)) n++;
    void startHost(this.hostStart(), session, `node${n}`, session.hosts.size === 0);
    this.changed(session);
    return view(session);
  }

  /** Removes one host and everything on it; a session keeps at least one host. */
  async removeHost(id: string, token: string | undefined, host: string): Promise<SessionView> {
    const session = this.authorized(id, token);
    const entry = session.hosts.get(host);
    if (!entry) throw new LearnerRefusal(message('host-unknown', { host }), 404);
    if (session.hosts.size === 1) {
      throw new LearnerRefusal(message('host-keep-one', {}), 409);
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
    if (session.state !== 'ready') throw new LearnerRefusal(stateRefusal(session.state), 409);
    const entry = session.hosts.get(host);
    if (!entry) throw new LearnerRefusal(message('host-unknown', { host }), 404);
    if (entry.state === 'starting') throw new LearnerRefusal(message('host-starting', { host }), 409);
    if (entry.state === 'ready') this.notify((o) => o.hostRemoved?.(id, host));
    const primary = session.hosts.keys().next().value === host;
    // The new entry replaces the old at once, so the old sandbox's last events change nothing.
    void startHost(this.hostStart(), session, host, primary, () => this.sandboxes.destroyHost(id, host));
    this.changed(session);
    return view(session);
  }

  /** A ready host's sandbox stopped or was removed without the playground asking (see sandbox-loss.ts). */
  hostLost(sessionId: string, host: string, containerId: string, reason: Message): void {
    const session = this.sessions.get(sessionId);
    const entry = session?.hosts.get(host);
    if (!session || !entry || entry.state !== 'ready' || entry.containerId !== containerId) return;
    Object.assign(entry, lostHost(reason));
    log.warn(`session ${sessionId}: ${entry.error}`);
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

  /** What a host's start needs from the service, read when it starts. */
  private hostStart(): HostStartDeps {
    return {
      sandboxes: this.sandboxes,
      stopped: this.stopped,
      changed: (session) => this.changed(session),
      hostReady: (sessionId, host) => this.notify((o) => o.hostReady?.(sessionId, host)),
    };
  }

  /** The session if the token is right; throws 404 or 401 otherwise. */
  authorize(id: string, token: string | undefined): SessionView {
    return view(this.authorized(id, token));
  }

  /** Waits until one host of the session is ready; throws with the reason if it is not. */
  async whenReady(id: string, token: string | undefined, host = this.primaryHost(id)): Promise<SessionView> {
    const session = this.authorized(id, token);
    const entry = session.hosts.get(host);
    if (!entry) throw new LearnerRefusal(message('host-unknown', { host }), 404);
    await entry.ready;
    if (session.state === 'ended' || session.state === 'failed') {
      throw new LearnerRefusal(failureMessage(session, stateRefusal(session.state)), 410);
    }
    if (session.hosts.get(host) !== entry) throw new LearnerRefusal(message('host-removed', { host }), 410);
    if (entry.state !== 'ready') {
      throw new LearnerRefusal(failureMessage(entry, message('host-not-ready', { host })), 410);
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
    if (!container) throw new LearnerRefusal(message('sandbox-gone', {}), 410);
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

  /** Whether one host of the session is up, without a token (server-side wiring only). */
  hostIsReady(id: string, host: string): boolean {
    return this.sessions.get(id)?.hosts.get(host)?.state === 'ready';
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
    if (!session) throw new LearnerRefusal(message('session-unknown', {}), 404);
    if (!tokenMatches(token, session.tokenHash)) throw new LearnerRefusal(message('token-wrong', {}), 401);
    return session;
  }
}

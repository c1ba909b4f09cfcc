// The page's sandbox: creates, resumes, waits for and ends its session, adds and removes
// hosts, follows the session's events socket (session-event-follower.ts routes what it
// hears), and keeps the state the page renders (the state machine in app-state.ts).
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { SessionView } from '../../../common/api';
import type { PublishedPort } from '../../../common/events';
import { liveStrings } from '../i18n/language-controller';
import { ApiError, waitUntilSettled, type SessionApi } from '../sessions/session-client';
import type { TokenStore } from '../sessions/token-store';
import { markHandedOver } from '../terminals/first-pane';
import { browserPrefStorage } from '../terminals/workspace-storage';
import { initialState, reduce, type AppEvent, type AppState } from './app-state';
import { SessionEventFollower, type SessionEventHandlers, type SessionKey } from './session-event-follower';

export type { SessionKey } from './session-event-follower';

const POLL_INTERVAL_MS = 300;
/** After this long in 'starting', the page says it is taking longer than usual. */
const SLOW_START_MS = 10_000;
/**
 * A socket told the session is gone may hear it before the server has let go of the session
 * (shells close first): ask again this many times, the pause doubling from the first.
 */
const GONE_CHECKS = 4;
const GONE_CHECK_FIRST_MS = 500;

export interface SessionControllerOptions extends SessionEventHandlers {
  api: SessionApi;
  store: TokenStore;
  /** The lesson a new sandbox is for (undefined: free play). */
  lessonId(): string | undefined;
  /** The state moved (the page reflects it at once, before rendering). */
  onState(prev: AppState, next: AppState): void;
  /** A new sandbox is about to be made. */
  onCreate(): void;
}

export class SessionController implements ReactiveController {
  private appState: AppState = initialState;
  private slowStart = false;
  private live: SessionKey | null = null;
  /** Cancels the polling or request in flight when the learner moves on. */
  private flow: AbortController | null = null;
  private slowTimer: ReturnType<typeof setTimeout> | undefined;
  private goneTimer: ReturnType<typeof setTimeout> | undefined;
  private checking = false;
  /** The session's events socket, open while the session is live. */
  private readonly events: SessionEventFollower;
  private readonly words = liveStrings();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly opts: SessionControllerOptions,
  ) {
    this.events = new SessionEventFollower(opts, {
      live: () => this.live,
      session: (session) => this.onSession(session),
      gone: (reason) => this.confirmGone(reason),
      changed: () => this.host.requestUpdate(),
    });
    host.addController(this);
  }

  get state(): AppState {
    return this.appState;
  }

  /** Whether starting has taken longer than usual. */
  get slow(): boolean {
    return this.slowStart;
  }

  /** The live session's id and key, or null. */
  get key(): SessionKey | null {
    return this.live;
  }

  /** Ports published on each host, as the events socket reports them. */
  get ports(): Record<string, PublishedPort[]> {
    return this.events.ports;
  }

  /** Stops following the sandbox (it stays alive, and kept in this browser). */
  detach(): void {
    this.flow?.abort();
    clearTimeout(this.goneTimer);
    this.events.close();
    this.events.forgetPorts();
    this.live = null;
    this.host.requestUpdate();
  }

  /** Stops following the sandbox and shows the welcome card. */
  showStart(): void {
    this.detach();
    this.dispatch({ type: 'ended-by-user', notice: '' });
  }

  /** Creates a sandbox and waits for it; ends the current one first if there is one. */
  async start(): Promise<void> {
    const signal = this.newFlow();
    this.opts.onCreate();
    const stored = this.opts.store.current();
    const old = this.live ?? (stored ? { id: stored.id, token: stored.token } : null);
    this.live = null;
    this.events.close();
    this.dispatch({ type: 'start' });
    if (old) await this.endQuietly(old);
    const lessonId = this.opts.lessonId();
    try {
      const created = await this.opts.api.create(lessonId ? { lessonId } : {});
      if (signal.aborted) {
        await this.endQuietly({ id: created.session.id, token: created.token });
        return;
      }
      this.live = { id: created.session.id, token: created.token };
      markHandedOver(browserPrefStorage(), created.session.id);
      this.opts.store.save({
        id: created.session.id,
        token: created.token,
        expiresAt: created.session.expiresAt,
        ...(lessonId ? { lessonId } : {}),
      });
      this.onSession(created.session);
      if (created.session.state === 'starting') await this.waitForSession(signal);
    } catch (err) {
      this.onRequestError(err, signal);
    }
  }

  /** Reconnects to a session kept in this browser. */
  resume(key: SessionKey): Promise<void> {
    this.live = key;
    return this.reconnect();
  }

  /** The error card's Retry: resumes the kept session when that is what failed, else starts anew. */
  retry(): void {
    const s = this.appState;
    if (s.kind === 'error' && s.retry === 'resume' && this.live) void this.reconnect();
    else void this.start();
  }

  /** Ends the session on the server and forgets it here. */
  async end(): Promise<void> {
    this.flow?.abort();
    this.flow = null;
    const key = this.live;
    this.live = null;
    if (key) await this.endQuietly(key);
    this.dispatch({ type: 'ended-by-user', notice: this.words.sessionEndedByYou });
  }

  /** Asks the server whether the session still exists; moves to 'ended' if it does not. */
  async check(): Promise<void> {
    const key = this.live;
    if (!key || this.checking) return;
    this.checking = true;
    try {
      const session = await this.opts.api.get(key.id, key.token);
      if (this.live !== key) return;
      if (session.state === 'ended' || session.state === 'failed') this.onSession(session);
      else this.opts.store.touch(key.id, session.expiresAt);
    } catch (err) {
      if (this.live !== key) return;
      if (err instanceof ApiError && err.sessionGone) {
        this.forget(key);
        this.flow?.abort();
        this.dispatch({ type: 'gone', message: this.words.sessionGone });
      }
    } finally {
      this.checking = false;
    }
  }

  /**
   * A terminal or the events socket was told the session is gone: confirms with the server
   * before saying so, asking again a few times while the server still lists it.
   */
  confirmGone(message: string, attempt = 0): void {
    const key = this.live;
    if (!key) return;
    clearTimeout(this.goneTimer);
    void this.opts.api.get(key.id, key.token).then(
      (session) => {
        if (this.live !== key) return;
        if (session.state === 'ended' || session.state === 'failed') this.onSession(session);
        else if (attempt < GONE_CHECKS) {
          const pause = GONE_CHECK_FIRST_MS * 2 ** attempt;
          this.goneTimer = setTimeout(() => this.confirmGone(message, attempt + 1), pause);
        }
      },
      (err: unknown) => {
        if (this.live !== key) return;
        if (err instanceof ApiError && err.sessionGone) {
          this.forget(key);
          this.dispatch({ type: 'gone', message: message || this.words.sessionGone });
        }
      },
    );
  }

  /** Forgets a kept sandbox the server no longer has, so a start page does not offer it. */
  async verifyKept(): Promise<void> {
    const kept = this.opts.store.current();
    if (!kept) return;
    try {
      const session = await this.opts.api.get(kept.id, kept.token);
      if (session.state === 'ended' || session.state === 'failed') this.opts.store.forget(kept.id);
      else this.opts.store.touch(kept.id, session.expiresAt);
    } catch (err) {
      if (err instanceof ApiError && err.sessionGone) this.opts.store.forget(kept.id);
    }
    this.host.requestUpdate();
  }

  addHost(): Promise<void> {
    return this.changeHosts((k) => this.opts.api.addHost(k.id, k.token));
  }

  /** Makes the session live longer (once); a refusal is told as a notice. */
  async extend(): Promise<void> {
    const key = this.live;
    if (!key) return;
    try {
      const session = await this.opts.api.extend(key.id, key.token);
      if (this.live === key) this.onSession(session);
    } catch (err) {
      this.opts.onNotice('warning', err instanceof Error ? err.message : this.words.networkError);
    }
  }

  removeHost(host: string): Promise<void> {
    return this.changeHosts((k) => this.opts.api.removeHost(k.id, k.token, host));
  }

  restartHost(host: string): Promise<void> {
    return this.changeHosts((k) => this.opts.api.restartHost(k.id, k.token, host));
  }

  /** The page is going: stops the request in flight, the start timer and the events socket. */
  hostDisconnected(): void {
    this.flow?.abort();
    clearTimeout(this.slowTimer);
    clearTimeout(this.goneTimer);
    this.events.close();
  }

  private async reconnect(): Promise<void> {
    const key = this.live;
    if (!key) return this.start();
    const signal = this.newFlow();
    this.dispatch({ type: 'resume' });
    try {
      const session = await this.opts.api.get(key.id, key.token, signal);
      if (signal.aborted) return;
      this.onSession(session);
      if (session.state === 'starting') await this.waitForSession(signal);
    } catch (err) {
      this.onRequestError(err, signal);
    }
  }

  private async waitForSession(signal: AbortSignal): Promise<void> {
    const key = this.live;
    if (!key) return;
    const session = await waitUntilSettled(this.opts.api, key.id, key.token, {
      intervalMs: POLL_INTERVAL_MS,
      signal,
      timeoutMessage: this.words.startTimedOut,
      onUpdate: (s) => {
        if (!signal.aborted && s.state === 'starting') this.onSession(s);
      },
    });
    if (!signal.aborted) this.onSession(session);
  }

  /** Adds or removes a host; the events socket then tells when a new host is ready. */
  private async changeHosts(call: (key: SessionKey) => Promise<SessionView>): Promise<void> {
    const key = this.live;
    if (!key) return;
    try {
      const session = await call(key);
      if (this.live === key) this.onSession(session);
    } catch (err) {
      console.warn('changing the hosts failed', err);
    }
  }

  private onSession(session: SessionView): void {
    const key = this.live;
    if (key && session.state !== 'failed' && session.state !== 'ended') {
      this.opts.store.touch(key.id, session.expiresAt);
    }
    if (key && (session.state === 'failed' || session.state === 'ended')) {
      // A failed sandbox holds a slot on the server until it is removed.
      this.forget(key);
      if (session.state === 'failed') void this.endQuietly(key);
    }
    this.dispatch({ type: 'session', session });
    if (this.live && (session.state === 'ready' || session.state === 'starting')) this.events.open();
    else this.events.close();
  }

  private onRequestError(err: unknown, signal: AbortSignal): void {
    if (signal.aborted) return;
    if (err instanceof ApiError && err.sessionGone && this.live) {
      const wasResuming = this.appState.kind === 'starting' && this.appState.phase === 'resuming';
      this.forget(this.live);
      if (wasResuming) {
        this.dispatch({ type: 'ended-by-user', notice: this.words.previousSessionEnded });
      } else {
        this.dispatch({ type: 'gone', message: this.words.sessionGone });
      }
      return;
    }
    const message = err instanceof Error && err.message ? err.message : this.words.networkError;
    if (!(err instanceof ApiError)) console.error(err);
    this.dispatch({ type: 'request-failed', message, canResume: this.live !== null });
  }

  private dispatch(event: AppEvent): void {
    const prev = this.appState;
    this.appState = reduce(prev, event, this.words);
    if (this.appState.kind === 'starting' && prev.kind !== 'starting') {
      this.slowStart = false;
      clearTimeout(this.slowTimer);
      this.slowTimer = setTimeout(() => {
        this.slowStart = true;
        this.host.requestUpdate();
      }, SLOW_START_MS);
    } else if (this.appState.kind !== 'starting') {
      clearTimeout(this.slowTimer);
    }
    this.opts.onState(prev, this.appState);
    this.host.requestUpdate();
  }

  private newFlow(): AbortSignal {
    this.flow?.abort();
    this.flow = new AbortController();
    return this.flow.signal;
  }

  /** Forgets a session that is gone or failed, here and in this browser's store. */
  private forget(key: SessionKey): void {
    this.opts.store.forget(key.id);
    this.live = null;
  }

  private async endQuietly(key: SessionKey): Promise<void> {
    this.opts.store.forget(key.id);
    try {
      await this.opts.api.end(key.id, key.token);
    } catch (err) {
      // Already gone, or the server is unreachable: it removes expired sandboxes itself.
      if (!(err instanceof ApiError)) console.warn('ending the session failed', err);
    }
  }
}
